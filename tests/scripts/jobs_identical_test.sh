#!/usr/bin/env bash
# Notes processed on several threads give the same bytes as on one
# (--jobs): the notes after `run`, agenda.md, the JSON and the stderr output.
# The folder is every golden case's input and the examples, side by side, so
# it holds notes with problems, off-boarding appends, CRLF and BOM notes.
# Usage: jobs_identical_test.sh path/to/touchbase tests/golden examples
set -euo pipefail
bin=$(realpath "$1")
golden=$(realpath "$2")
examples=$(realpath "$3")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/notes"
for case_dir in "$golden"/*/; do
    name=$(basename "$case_dir")
    # A case's own .touchbase.yaml is not read below DIR; its notes are.
    cp -a "$case_dir/input" "$work/notes/$name"
done
for i in 1 2 3 4 5; do
    mkdir -p "$work/notes/examples-$i"
    cp -a "$examples/." "$work/notes/examples-$i/"
done
count=$(find "$work/notes" -name '*.md' | wc -l)
[ "$count" -gt 100 ] || fail "only $count notes in the test folder"

cp -a "$work/notes" "$work/one"
cp -a "$work/notes" "$work/many"
set +e
"$bin" run "$work/one" --today 2026-11-24 --jobs 1 >"$work/one.out" 2>"$work/one.err"
one=$?
"$bin" run "$work/many" --today 2026-11-24 --jobs 8 >"$work/many.out" 2>"$work/many.err"
many=$?
set -e
[ "$one" = "$many" ] || fail "exit status $one with --jobs 1, $many with --jobs 8"
diff -r "$work/one" "$work/many" >&2 || fail "notes or agenda differ between --jobs 1 and --jobs 8"
# stderr names the folder; compare it with the folder name taken out.
diff <(sed "s|$work/one|DIR|g" "$work/one.err") <(sed "s|$work/many|DIR|g" "$work/many.err") >&2 ||
    fail "stderr differs between --jobs 1 and --jobs 8"
cmp -s "$work/notes/examples-1/clients/acme-corp.md" "$work/one/examples-1/clients/acme-corp.md" &&
    fail "the run did not update the notes"

for format in md json ics; do
    "$bin" agenda "$work/notes" --format "$format" --today 2026-11-24 --jobs 1 >"$work/a1" 2>/dev/null || true
    "$bin" agenda "$work/notes" --format "$format" --today 2026-11-24 --jobs 8 >"$work/a8" 2>/dev/null || true
    [ -s "$work/a1" ] || fail "agenda --format $format printed nothing"
    cmp "$work/a1" "$work/a8" || fail "agenda --format $format differs between --jobs 1 and --jobs 8"
done
echo "ok: $count notes, identical with --jobs 1 and --jobs 8"
