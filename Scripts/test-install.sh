#!/usr/bin/env bash
# The portable install (`make install`, `make dist`), checked as a user would meet it:
#  1. `make install` into a temporary DESTDIR lays out the binary, the man pages and the bash,
#     zsh and fish completions; the binary links nothing from /opt/swift.
#  2. The installed binary runs where /opt/swift is gone (an empty tmpfs over it, in a user and
#     mount namespace): `--version` and a scan of fixture files, whose output must equal the
#     development build's. The development build must fail there, or the check proved nothing.
#  3. The bash completion loads in `bash` and completes `cryptcheck sc` to `scan`.
#  4. The man pages render with groff without a warning, and `man` finds them under the prefix.
#  5. `make dist` makes a tarball with the same files and a SHA-256 file that checks.
# Usage: Scripts/test-install.sh DEV_BINARY (the dynamically linked debug build, for comparison)
set -euo pipefail
cd "$(dirname "$0")/.."

dev_bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "test-install: FAIL: $*" >&2; exit 1; }
step() { echo "test-install: $*"; }

# 1. The layout. One make run for both targets, so the static build is checked once (a no-op
# swift build still re-runs the EmbedLists plugin and recompiles CryptCheckPolicy).
dest=$work/dest
prefix=/usr/local
make --no-print-directory install dist DESTDIR="$dest" PREFIX="$prefix" DIST_DIR="$work/dist" >"$work/install.log" 2>&1 \
    || { cat "$work/install.log" >&2; fail "make install dist"; }
root=$dest$prefix
bin=$root/bin/cryptcheck
for f in bin/cryptcheck share/man/man1/cryptcheck.1 share/bash-completion/completions/cryptcheck \
    share/zsh/site-functions/_cryptcheck share/fish/vendor_completions.d/cryptcheck.fish; do
    [ -s "$root/$f" ] || fail "make install did not install $prefix/$f"
done
[ -x "$bin" ] || fail "$prefix/bin/cryptcheck is not executable"
installed=$(cd "$root" && find . -type f | sort)
# One man page per command: the root, each subcommand and their subcommands.
subcommands=$("$dev_bin" --experimental-dump-help | python3 -c '
import json, sys
def walk(c, names):
    names = names + [c["commandName"]]
    yield ".".join(names)
    for s in c.get("subcommands", []):
        yield from walk(s, names)
print("\n".join(sorted(walk(json.load(sys.stdin)["command"], []))))')
for page in $subcommands; do
    grep -qx "./share/man/man1/$page.1" <<<"$installed" || fail "no man page $page.1"
done
grep -qx '#compdef cryptcheck' "$root/share/zsh/site-functions/_cryptcheck" || fail "the zsh completion has no #compdef cryptcheck line"
grep -q "^complete -c 'cryptcheck' .* -fa 'scan'" "$root/share/fish/vendor_completions.d/cryptcheck.fish" || fail "the fish completion does not offer scan"
# (Whole outputs in variables: `ldd | grep -q` could end ldd by SIGPIPE and, under pipefail, fail
# the condition that should have matched.)
libraries=$(ldd "$bin") || fail "ldd $prefix/bin/cryptcheck"
! grep -q /opt/swift <<<"$libraries" || { echo "$libraries" >&2; fail "the installed binary links a library under /opt/swift"; }
dynamic=$(readelf -d "$bin") || fail "readelf -d $prefix/bin/cryptcheck"
runpath=$(grep -E 'RPATH|RUNPATH' <<<"$dynamic" || true)
! grep -q /opt/swift <<<"$runpath" || { echo "$runpath" >&2; fail "the installed binary has a run path into /opt/swift"; }
step "layout: $(wc -l <<<"$installed") files under $prefix; no /opt/swift in ldd or the run path"

# 2. Without /opt/swift: an empty tmpfs hides it in a private mount namespace (unshare -r maps the
# caller to root in a new user namespace, so this needs no privileges).
without_swift() {
    unshare -rm sh -c 'mount -t tmpfs -o mode=000 none /opt/swift && [ -z "$(ls -A /opt/swift)" ] && exec "$@"' sh "$@"
}
fixtures=(Fixtures/files/certs Fixtures/files/ssh)
without_swift "$dev_bin" --version >"$work/dev.out" 2>&1 \
    && fail "the development build ran with /opt/swift hidden, so hiding it proves nothing"
grep -q 'error while loading shared libraries' "$work/dev.out" \
    || { cat "$work/dev.out" >&2; fail "the development build failed without /opt/swift, but not for its libraries"; }
version=$(without_swift "$bin" --version) || fail "the installed binary did not run without /opt/swift"
[ "$version" = "$("$dev_bin" --version)" ] || fail "--version without /opt/swift: '$version'"
set +e
without_swift "$bin" scan "${fixtures[@]}" --as-of 2026-11-30 --format json >"$work/installed.json" 2>"$work/installed.err"
installed_status=$?
"$dev_bin" scan "${fixtures[@]}" --as-of 2026-11-30 --format json >"$work/dev.json" 2>/dev/null
dev_status=$?
set -e
[ "$installed_status" -le 2 ] || { cat "$work/installed.err" >&2; fail "scan without /opt/swift exited $installed_status"; }
[ "$installed_status" = "$dev_status" ] || fail "scan exit status $installed_status, development build $dev_status"
cmp -s "$work/installed.json" "$work/dev.json" || fail "the installed binary's scan differs from the development build's"
files=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["files"]))' "$work/installed.json")
[ "$files" -gt 0 ] || fail "the scan without /opt/swift judged no file"
step "without /opt/swift: '$version'; a scan of $files fixture files, same JSON as the development build"

# 3. The bash completion, as bash-completion would load it, then one completion as if <TAB> had
# been pressed after `cryptcheck sc` (the function reads COMP_LINE, COMP_POINT and COMP_WORDS).
complete_line() {
    PATH="$root/bin:/usr/bin:/bin" bash --norc --noprofile -c '
        source "$1" || exit 1
        complete -p cryptcheck || exit 1
        COMP_LINE=$2; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<<"$COMP_LINE"
        [[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        function=$(complete -p cryptcheck | sed -E "s/.* -F ([^ ]+) .*/\\1/")
        "$function" cryptcheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"' bash "$root/share/bash-completion/completions/cryptcheck" "$1"
}
out=$(complete_line 'cryptcheck sc') || fail "the bash completion did not load"
grep -qE '^complete .*-F [^ ]+ cryptcheck$' <<<"$out" || fail "complete -p cryptcheck: $(head -1 <<<"$out")"
[ "$(tail -n +2 <<<"$out")" = scan ] || fail "cryptcheck sc<TAB> gave '$(tail -n +2 <<<"$out" | tr '\n' ' ')', not scan"
out=$(complete_line 'cryptcheck lists ') || fail "the bash completion did not load"
for word in show diff validate; do
    grep -qx "$word" <<<"$out" || fail "cryptcheck lists <TAB> does not offer $word"
done
out=$(complete_line 'cryptcheck scan --fo') || fail "the bash completion did not load"
grep -qx -- --format <<<"$out" || fail "cryptcheck scan --fo<TAB> does not offer --format"
step "bash completion: $(complete_line 'cryptcheck sc' | head -1); sc -> scan; lists -> show, diff, validate; scan --fo -> --format"

# 4. The man pages: groff with every warning on, and man finding the page under the prefix.
for page in "$root"/share/man/man1/*.1; do
    warnings=$(groff -mandoc -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$warnings" ] || fail "groff warns on $(basename "$page"): $warnings"
done
rendered=$(MANWIDTH=100 man -M "$root/share/man" -P cat cryptcheck 2>&1) || fail "man -M $prefix/share/man cryptcheck: $rendered"
grep -q 'CRYPTREC' <<<"$rendered" || fail "the man page does not carry the abstract"
grep -q -- '--version' <<<"$rendered" || fail "the man page does not list --version"
scan_page=$(MANWIDTH=100 man -M "$root/share/man" -P cat cryptcheck.scan 2>&1) || fail "man cryptcheck.scan: $scan_page"
grep -q -- '--password-file' <<<"$scan_page" || fail "the scan man page does not list --password-file"
step "man pages: $(ls "$root"/share/man/man1 | wc -l) render with groff -ww without a warning; man finds cryptcheck and cryptcheck.scan"

# 5. The tarball (made in step 1): the installed files plus README, under one folder, and its checksum.
tarball=$(cd "$work/dist" && ls cryptcheck-*-linux-*.tar.gz)
name=${tarball%.tar.gz}
[[ $name == "cryptcheck-$(awk '{print $2}' <<<"$version")-linux-$(uname -m)" ]] || fail "tarball name $tarball"
(cd "$work/dist" && sha256sum --quiet -c "$tarball.sha256") || fail "the SHA-256 file does not check"
listed=$(tar -tzf "$work/dist/$tarball" | grep -v '/$' | sed "s|^$name/|./|" | sort)
expected=$(printf '%s\n' "$installed" ./README.md $([ -f LICENSE ] && echo ./LICENSE) | sort)
[ "$listed" = "$expected" ] || fail "the tarball holds $(echo $listed), not $(echo $expected)"
tar -xzf "$work/dist/$tarball" -C "$work/dist"
cmp -s "$work/dist/$name/bin/cryptcheck" "$bin" || fail "the tarball's binary is not the installed one"
step "dist: $tarball ($(du -h "$work/dist/$tarball" | cut -f1)), $(wc -l <<<"$listed") files, SHA-256 checks"
