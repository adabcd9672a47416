#!/usr/bin/env bash
# Runs the whole test suite under a sanitizer: Scripts/sanitize.sh [address|thread ...]
# (default: both). Each gets a build folder of its own (.build-address, .build-thread), so the
# first run of each takes several minutes. LeakSanitizer runs with AddressSanitizer; the
# toolchain's own leaks are suppressed (Scripts/lsan.supp), so any leak reported is Parley's and
# fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
kinds=("$@")
[ ${#kinds[@]} -eq 0 ] && kinds=(address thread)
status=0
for kind in "${kinds[@]}"; do
    case "$kind" in
        address|thread) ;;
        *) echo "sanitize.sh: unknown sanitizer '$kind' (address or thread)" >&2; exit 64 ;;
    esac
    echo "== swift test --sanitize=$kind"
    if ! swift build --build-tests --sanitize="$kind" --scratch-path ".build-$kind"; then
        status=1
        continue
    fi
    LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan.supp:print_suppressions=0" \
        swift test --skip-build --sanitize="$kind" --scratch-path ".build-$kind" 2>&1 | tee ".build-$kind/test.log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    grep -E "ERROR: (AddressSanitizer|ThreadSanitizer|LeakSanitizer)|WARNING: ThreadSanitizer|SUMMARY" \
        ".build-$kind/test.log" | sort | uniq -c || true
done
exit $status
