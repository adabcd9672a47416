#!/usr/bin/env bash
# Builds Parley as it is shipped (release, Swift runtime linked in) and installs under PREFIX:
#   PREFIX/bin/parley                                  the binary, stripped
#   PREFIX/share/bash-completion/completions/parley   bash completion
#   PREFIX/share/zsh/site-functions/_parley           zsh completion
#   PREFIX/share/fish/vendor_completions.d/parley.fish fish completion
#   PREFIX/share/man/man1/parley*.1                    man pages
# Completions and man pages are generated from the ArgumentParser definitions: the completions
# by the installed binary itself (--generate-completion-script), the man pages by
# swift-argument-parser's generate-manual tool (the tool behind its GenerateManual plugin) run
# on the installed binary. Running it again rebuilds what changed and overwrites the files.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: Scripts/install.sh [PREFIX]

Builds Parley in release mode (--static-swift-stdlib) and installs, under PREFIX:
  bin/parley                                     the binary (stripped)
  share/bash-completion/completions/parley       bash completion
  share/zsh/site-functions/_parley               zsh completion
  share/fish/vendor_completions.d/parley.fish    fish completion
  share/man/man1/parley.1                        man page (all commands on one page)
  share/man/man1/parley.{chat,models,…}.1        one page per command

PREFIX is the first argument, else $PREFIX from the environment, else $HOME/.local.
GNU readline's and SQLite's headers (libreadline-dev, libsqlite3-dev) are installed with
apt-get first if missing.
The first build takes several minutes; later runs rebuild only what changed.
EOF
}

die() {
    printf 'install.sh: %s\n' "$*" >&2
    exit 1
}

case "${1:-}" in
-h | --help)
    usage
    exit 0
    ;;
-*) die "unknown option '$1' (see --help)" ;;
esac
[[ $# -le 1 ]] || die "expected at most one argument, PREFIX (see --help)"

prefix="${1:-${PREFIX:-${HOME:?HOME is not set}/.local}}"
[[ -n "$prefix" ]] || die "PREFIX is empty"
# The build runs from the repository root, so a relative PREFIX is taken from here first.
[[ "$prefix" == /* ]] || prefix="$PWD/$prefix"
prefix="${prefix%/}"
[[ -n "$prefix" ]] || prefix=/

command -v swift >/dev/null 2>&1 ||
    die "swift not found on PATH. Install Swift 6.2 or newer (https://www.swift.org/install/linux/) and try again."
command -v strip >/dev/null 2>&1 || die "strip not found on PATH (it comes with binutils: apt-get install binutils)."

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[[ -f Package.swift ]] || die "no Package.swift in $root; run the script from a Parley checkout"

# GNU readline's and SQLite's headers, as in the README.
if command -v dpkg >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
    sudo=()
    if [[ "$(id -u)" -ne 0 ]] && command -v sudo >/dev/null 2>&1; then sudo=(sudo); fi
    (dpkg -s libreadline-dev libsqlite3-dev >/dev/null 2>&1 ||
        ("${sudo[@]}" apt-get update &&
            "${sudo[@]}" apt-get install -y libreadline-dev libsqlite3-dev)) ||
        die "could not install libreadline-dev and libsqlite3-dev; install them (as root) and run the script again"
else
    echo "install.sh: no dpkg/apt-get here; make sure GNU readline's and SQLite's headers are installed." >&2
fi

scratch=.build-static
build_flags=(-c release --static-swift-stdlib --scratch-path "$scratch")

echo "==> Building parley (release, --static-swift-stdlib; the first build takes several minutes)"
swift build "${build_flags[@]}" --product parley
# The tool behind swift-argument-parser's GenerateManual plugin, built with the same flags so
# that it reuses the ArgumentParser compiled above. The plugin itself (swift package
# generate-manual) cannot take --static-swift-stdlib, so it would build the whole package again
# with other compiler flags, and the next build here would then recompile everything once more.
echo "==> Building generate-manual (swift-argument-parser's man page generator)"
swift build "${build_flags[@]}" --product generate-manual
bin_dir="$(swift build "${build_flags[@]}" --show-bin-path)"
built="$bin_dir/parley"
generate_manual="$bin_dir/generate-manual"
[[ -x "$built" ]] || die "the build did not produce $built"
[[ -x "$generate_manual" ]] || die "the build did not produce $generate_manual"

bin="$prefix/bin"
bash_dir="$prefix/share/bash-completion/completions"
zsh_dir="$prefix/share/zsh/site-functions"
fish_dir="$prefix/share/fish/vendor_completions.d"
man_dir="$prefix/share/man/man1"
mkdir -p "$bin" "$bash_dir" "$zsh_dir" "$fish_dir" "$man_dir"

staging="$(mktemp -d "${TMPDIR:-/tmp}/parley-install.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

# Strip a copy (the build output stays as it is), then move it into place in one step, so a
# parley that is running while this script runs keeps its old file.
echo "==> Installing $bin/parley"
strip -o "$staging/parley" "$built"
chmod 0755 "$staging/parley"
mv -f "$staging/parley" "$bin/.parley.new"
mv -f "$bin/.parley.new" "$bin/parley"
installed="$bin/parley"
"$installed" --version >/dev/null || die "the installed $installed does not run"

echo "==> Generating shell completions"
"$installed" --generate-completion-script bash >"$staging/parley.bash"
"$installed" --generate-completion-script zsh >"$staging/_parley"
"$installed" --generate-completion-script fish >"$staging/parley.fish"
for file in parley.bash _parley parley.fish; do
    [[ -s "$staging/$file" ]] || die "parley --generate-completion-script wrote nothing for $file"
done
install -m 0644 "$staging/parley.bash" "$bash_dir/parley"
install -m 0644 "$staging/_parley" "$zsh_dir/_parley"
install -m 0644 "$staging/parley.fish" "$fish_dir/parley.fish"

echo "==> Generating man pages"
# Dated by the last commit, so that the same source gives the same pages.
date_args=()
if commit_date="$(git -C "$root" log -1 --format=%cs 2>/dev/null)" && [[ -n "$commit_date" ]]; then
    date_args=(--date "$commit_date")
fi
mkdir "$staging/single" "$staging/multi"
# parley.1 holds every command and option (what `man parley` shows); the per-command pages
# (parley.chat.1, parley.models.1, parley.doctor.1) come from --multi-page, whose own parley.1
# lists no options and whose parley.help.1 is empty, so neither is installed.
"$generate_manual" "$installed" "${date_args[@]}" --output-directory "$staging/single"
"$generate_manual" "$installed" "${date_args[@]}" --multi-page --output-directory "$staging/multi"
[[ -s "$staging/single/parley.1" ]] || die "generate-manual did not write parley.1"
man_pages=(parley.1)
install -m 0644 "$staging/single/parley.1" "$man_dir/parley.1"
for page in "$staging"/multi/parley.*.1; do
    name="$(basename "$page")"
    [[ "$name" == parley.help.1 ]] && continue
    install -m 0644 "$page" "$man_dir/$name"
    man_pages+=("$name")
done

size="$(du -h "$installed" | cut -f1)"
echo
echo "Installed Parley $("$installed" --version) under $prefix:"
echo "  $installed ($size)"
echo "  $bash_dir/parley"
echo "  $zsh_dir/_parley"
echo "  $fish_dir/parley.fish"
for page in "${man_pages[@]}"; do echo "  $man_dir/$page"; done

echo
case ":$PATH:" in
*":$bin:"*) ;;
*)
    echo "$bin is not on your PATH. Add it, e.g. in ~/.bashrc or ~/.zshrc:"
    echo "  export PATH=\"$bin:\$PATH\""
    echo "(fish: fish_add_path $bin)"
    echo
    ;;
esac
# bash-completion and fish both look in the user's data directory (~/.local/share) by themselves.
user_data="${XDG_DATA_HOME:-$HOME/.local/share}"
echo "Shell completion (start a new shell afterwards):"
if [[ "$prefix/share" == "${user_data%/}" ]]; then
    echo "  bash: loaded on demand if the bash-completion package is installed;"
    echo "        without it, add to ~/.bashrc: source $bash_dir/parley"
    echo "  zsh:  add to ~/.zshrc, before compinit: fpath=($zsh_dir \$fpath)"
    echo "  fish: loaded on demand, nothing to do"
else
    echo "  bash: add to ~/.bashrc: source $bash_dir/parley"
    echo "  zsh:  add to ~/.zshrc, before compinit: fpath=($zsh_dir \$fpath)"
    echo "  fish: add to ~/.config/fish/config.fish: set -p fish_complete_path $fish_dir"
fi
echo "Man page: man parley (man finds $prefix/share/man through PATH; otherwise"
echo "  export MANPATH=\"$prefix/share/man:\")"
