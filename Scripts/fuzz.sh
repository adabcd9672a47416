#!/usr/bin/env bash
# Runs Parley's libFuzzer targets (the package in Fuzz/).
#
#   Scripts/fuzz.sh [SECONDS] [TARGET...]   build with -sanitize=fuzzer,address and run each
#                                           target for SECONDS (default 600), one after another
#   Scripts/fuzz.sh --replay [TARGET...]    build the plain variant and replay Fuzz/Corpus,
#                                           Fuzz/Regressions and Fuzz/Crashes (fast; for regressions)
#
# Each run works on a copy of Fuzz/Corpus/<TARGET> (in Fuzz/Work/, so the checked-in corpus stays
# small) and writes what fails to Fuzz/Crashes/<TARGET>/. Exits non-zero when any target found a
# crash, leak, timeout or out-of-memory, printing the reproducer's path.
# Environment: FUZZ_CONFIG=release|debug (default release, debug when release fails to build),
# FUZZ_JOBS (build jobs, default 2), FUZZ_ARGS (more libFuzzer flags).
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/Fuzz"
all=(FuzzToolCalls FuzzSSE FuzzScanner FuzzDecoders FuzzSessionFile FuzzConfig FuzzRender FuzzHighlight)
jobs=${FUZZ_JOBS:-2}

replay=0
seconds=600
if [[ ${1:-} == --replay ]]; then
    replay=1
    shift
elif [[ ${1:-} =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all[@]}")
for target in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $target "* ]] || { echo "fuzz.sh: unknown target $target (known: ${all[*]})" >&2; exit 2; }
done

if [[ $replay -eq 1 ]]; then
    swift build --package-path "$fuzz" --scratch-path "$fuzz/.build" -j "$jobs" || exit 2
    bin=$(swift build --package-path "$fuzz" --scratch-path "$fuzz/.build" --show-bin-path)
    status=0
    for target in "${targets[@]}"; do
        inputs=()
        for dir in "$fuzz/Corpus/$target" "$fuzz/Regressions/$target" "$fuzz/Crashes/$target"; do
            [[ -d $dir ]] && inputs+=("$dir")
        done
        [[ ${#inputs[@]} -eq 0 ]] && continue
        if ! "$bin/$target" "${inputs[@]}" 2>"$fuzz/.build/$target.replay.log"; then
            echo "FAILED: $target; the last input it read:" >&2
            grep -E "^$target: /" "$fuzz/.build/$target.replay.log" | tail -1 >&2
            grep -E "FUZZ FAILURE|Fatal error" "$fuzz/.build/$target.replay.log" | head -3 >&2
            status=1
        fi
    done
    exit $status
fi

config=${FUZZ_CONFIG:-release}
scratch="$fuzz/.build-fuzz"
build() {
    swift build --package-path "$fuzz" -c "$1" --scratch-path "$scratch" -j "$jobs" \
        -Xswiftc -DFUZZING -Xswiftc -sanitize=fuzzer,address
}
if ! build "$config"; then
    [[ $config == release ]] || exit 2
    echo "fuzz.sh: the release build failed; trying debug" >&2
    config=debug
    build debug || exit 2
fi
bin="$scratch/$config"

status=0
for target in "${targets[@]}"; do
    work="$fuzz/Work/$target"
    crashes="$fuzz/Crashes/$target"
    mkdir -p "$work" "$crashes"
    [[ -d $fuzz/Corpus/$target ]] && cp -n "$fuzz/Corpus/$target"/* "$work"/ 2>/dev/null
    [[ -d $fuzz/Regressions/$target ]] && cp -n "$fuzz/Regressions/$target"/* "$work"/ 2>/dev/null
    log="$crashes/last-run.log"
    echo "== $target for ${seconds}s (corpus $work, log $log)"
    before=$(ls "$crashes" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' | sort)
    "$bin/$target" "$work" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
        -artifact_prefix="$crashes/" -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1
    rc=$?
    grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec|^#[0-9]+.*DONE" "$log" | sed 's/^/   /'
    after=$(ls "$crashes" | grep -E '^(crash|leak|timeout|oom|slow-unit)-' | sort)
    if [[ $rc -ne 0 || $after != "$before" ]]; then
        status=1
        echo "   FAILED (exit $rc):" >&2
        grep -E "FUZZ FAILURE|ERROR: (AddressSanitizer|libFuzzer|LeakSanitizer)|Fatal error" "$log" | head -3 | sed 's/^/   /' >&2
        # New reproducers (with -fork=1 the children's "Test unit written to" lines are not in the log).
        comm -13 <(echo "$before") <(echo "$after") | grep . | sed "s|^|   reproducer: $crashes/|" >&2
        echo "   replay one: swift build --package-path Fuzz && Fuzz/.build/debug/$target <file>" >&2
    else
        echo "   ok"
    fi
done
exit $status
