#!/usr/bin/env bash
# `touchbase run NOTE...` and `check NOTE...` (notes named one by one): each
# note finds its own DIR upwards and uses its configuration; only the notes
# named are touched; no agenda is written; what a scan would skip is skipped.
source "$(dirname "$0")/lib.bash"

stale_note() {  # PATH NAME: a note whose log is ahead of its front matter
    mkdir -p "$(dirname "$1")"
    printf -- '---\nname: %s\n---\n## Log\n- 2026-11-02: call\n' "$2" > "$1"
}
a="$work/a"   # a notes folder with its own config (base 2w) ...
b="$work/b"   # ... and another one (base 3d), notes in a subfolder
mkdir -p "$a" "$b"
printf 'base: 2w\nexclude: [drafts/**]\n' > "$a/.touchbase.yaml"
printf 'base: 3d\n' > "$b/.touchbase.yaml"
stale_note "$a/acme.md" Acme
stale_note "$a/other.md" Other
stale_note "$a/drafts/d.md" Draft
stale_note "$a/.hidden.md" Hidden
stale_note "$a/agenda.md" NotAnAgenda
stale_note "$b/sub/globex.md" Globex
printf '# not a note\n' > "$a/plain.md"
snapshot() { (cd "$work" && find . -type f ! -name '.stdout' ! -name '.stderr' -exec sha1sum {} + | sort); }

# check: exit 1, names the stale ones by the paths given, writes nothing.
before=$(snapshot)
cd "$work"
run_tb check --today 2026-11-24 a/acme.md b/sub/globex.md a/plain.md
expect_status 1 "check NOTE... with stale notes"
expect_contains "$err" "a/acme.md would be updated"
expect_contains "$err" "b/sub/globex.md would be updated"
expect_not_contains "$err" "plain.md"
[ "$(snapshot)" = "$before" ] || fail "check NOTE... wrote something"

# Skipped like a scan skips them: excluded, hidden, the agenda, not a note.
run_tb check --today 2026-11-24 a/drafts/d.md a/.hidden.md a/agenda.md a/plain.md
expect_status 0 "check on files a scan would skip"
expect_not_contains "$err" "would be updated"

# run: updates exactly the named notes, each with its own folder's config,
# prints the notes it updated, and writes no agenda anywhere.
run_tb run --today 2026-11-24 a/acme.md b/sub/globex.md a/drafts/d.md
expect_status 0 "run NOTE..."
expect_contains "$err" "touchbase: updated a/acme.md"
expect_contains "$err" "touchbase: updated b/sub/globex.md"
grep -qx 'counter: 2w' "$a/acme.md" || fail "acme.md did not use a/.touchbase.yaml (base 2w)"
grep -qx 'next_contact: 2026-11-16' "$a/acme.md" || fail "acme.md: wrong next contact"
grep -qx 'counter: 3d' "$b/sub/globex.md" || fail "globex.md did not use b/.touchbase.yaml (base 3d)"
grep -q '^counter' "$a/other.md" && fail "a note not named was updated"
grep -q '^counter' "$a/drafts/d.md" && fail "an excluded note was updated"
grep -q '^counter' "$a/agenda.md" && fail "the file named like the agenda was updated"
[ -e "$b/agenda.md" ] && fail "run NOTE... wrote an agenda"
grep -q 'NotAnAgenda' "$a/agenda.md" || fail "run NOTE... wrote over a/agenda.md"
# A second run changes nothing (spec §9).
run_tb check --today 2026-11-24 a/acme.md b/sub/globex.md
expect_status 0 "check after run NOTE..."

# --quiet prints nothing but errors; a note with an error is exit 3, the
# others are still processed; a missing file is bad usage.
stale_note "$a/third.md" Third
printf -- '---\nlast_contact: 2026-02-30\n---\n' > "$a/bad.md"
run_tb run --quiet --today 2026-11-24 a/bad.md a/third.md
expect_status 3 "run NOTE... with a bad note"
expect_contains "$err" "a/bad.md:2:"
expect_not_contains "$err" "updated"
grep -qx 'counter: 2w' "$a/third.md" || fail "the good note was not processed"
run_tb check a/missing.md
expect_status 2 "check on a missing file"
expect_contains "$err" "a/missing.md"
run_tb check a a/acme.md
expect_status 2 "a folder and notes together"

# No scan of DIR: a broken note elsewhere in it is not read, a stale
# temporary file is not swept.
printf -- '---\nlast_contact: 2026-13-45\n---\n' > "$a/broken.md"
: > "$a/.x.md.touchbase-AbCdEf"
stale_note "$a/fifth.md" Fifth
run_tb run --today 2026-11-24 a/fifth.md
expect_status 0 "run NOTE... with a broken note elsewhere in DIR"
expect_not_contains "$err" "broken.md"
[ -e "$a/.x.md.touchbase-AbCdEf" ] || fail "run NOTE... swept DIR"
rm "$a/broken.md" "$a/.x.md.touchbase-AbCdEf"

# The lock of each note's DIR is taken (spec §9): a run waits for it.
python3 - "$a" <<'PY' &
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
open(sys.argv[1] + "/../locked", "w").close()
time.sleep(12)
PY
holder=$!
while [ ! -e "$work/locked" ]; do sleep 0.05; done
stale_note "$a/fourth.md" Fourth
run_tb run --today 2026-11-24 a/fourth.md
expect_status 4 "run NOTE... while another run holds DIR"
grep -q '^counter' "$a/fourth.md" && fail "a note was written while DIR was locked"
kill "$holder"; wait "$holder" 2>/dev/null || true

echo "ok $script"
