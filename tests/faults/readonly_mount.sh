#!/usr/bin/env bash
# Issue 12, finding 14: notes on a read-only mount. A real read-only file
# system (a tmpfs remounted read-only in a private mount namespace): every
# note that would change is reported as being on a read-only file system
# (not "the file is read-only"), a note with nothing to change is not
# reported, the agenda cannot be written either, nothing is changed, and the
# run exits 3. Skipped (exit 77, ctest's SKIP_RETURN_CODE) where no mount
# namespace can be made (not root, no unshare, no CAP_SYS_ADMIN).
set -euo pipefail
bin=$(realpath "$1")
skip() { echo "SKIP readonly_mount: $*"; exit 77; }

[ "$(id -u)" = 0 ] || skip "needs root to mount a file system (in its own mount namespace)"
command -v unshare >/dev/null || skip "unshare is not installed"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/notes"
unshare -m sh -c "mount -t tmpfs tmpfs '$work/notes'" 2>"$work/probe" ||
    skip "cannot mount in a new mount namespace: $(cat "$work/probe")"

# Inside the namespace: make the notes, remount read-only, run.
unshare -m bash -s "$bin" "$work/notes" "$work/out" <<'INNER'
set -euo pipefail
bin=$1 notes=$2 out=$3
mount -t tmpfs tmpfs "$notes"
: > "$notes/.touchbase.yaml"
printf -- '---\nname: Acme\nlast_contact: 2026-11-02\n---\n# Acme\n' > "$notes/acme.md"
printf -- '---\nname: Globex\nlast_contact: 2026-11-02\n---\n# Globex\n' > "$notes/globex.md"
# Up to date already: nothing to write, so nothing to say.
printf -- '---\nname: Initech\nlast_contact: 2026-11-02\ncounter: 1w\nnext_contact: 2026-11-09\n---\n# Initech\n' \
    > "$notes/initech.md"
mkdir "$out"
cp "$notes"/*.md "$out/"
mount -o remount,ro "$notes"
set +e
"$bin" run "$notes" --today 2026-11-24 >"$out/stdout" 2>"$out/stderr"
echo $? > "$out/status"
set -e
for f in acme globex initech; do cmp -s "$notes/$f.md" "$out/$f.md" || echo "$f.md changed" >> "$out/changed"; done
[ -e "$notes/agenda.md" ] && echo "agenda.md written" >> "$out/changed"
true
INNER

fail() { echo "FAIL readonly_mount: $*"; echo "--- stderr:"; cat "$work/out/stderr"; exit 1; }
[ "$(cat "$work/out/status")" = 3 ] || fail "exit status $(cat "$work/out/status"), expected 3"
[ ! -e "$work/out/changed" ] || fail "$(cat "$work/out/changed")"
err=$(cat "$work/out/stderr")
message="error: the file system is mounted read-only; nothing can be written there"
for f in acme globex; do
    grep -qxF "$f.md:1:1: $message" <<<"$err" || fail "$f.md is not reported as on a read-only file system"
done
grep -q "initech.md" <<<"$err" && fail "initech.md had nothing to write, yet it is reported"
grep -qxF "touchbase: error: $work/notes/agenda.md: the file system is mounted read-only; nothing can be written there" \
    <<<"$err" || fail "the agenda is not reported as on a read-only file system"
grep -q "the file is read-only" <<<"$err" && fail "a note is said to be read-only itself"
[ "$(grep -c 'read-only' <<<"$err")" = 3 ] || fail "expected three read-only reports (two notes, the agenda)"
echo "PASS readonly_mount"
