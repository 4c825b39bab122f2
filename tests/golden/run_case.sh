#!/usr/bin/env bash
# Runs one golden case: tests/golden/<case>/
#   input/            the notes folder before the run (config included)
#   args              the command line, e.g. "run --today 2026-11-24" (DIR is the notes folder, the current directory)
#   expected/         the notes folder after the run, agenda.md included
#   status            the expected exit status (default 0)
#   expected.json     optional: `touchbase agenda --format json` with the same options, on the input
#   expected.stderr   optional: the exact standard error of the run
# The case also checks that a second run changes nothing.
# With GOLDEN_UPDATE=1 the expected files are rewritten from the actual ones (review the diff!).
set -euo pipefail
bin=$(realpath "$1")
case_dir=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

read -r -a args < "$case_dir/args"
expected_status=0
[ -f "$case_dir/status" ] && expected_status=$(cat "$case_dir/status")
fail() { echo "FAIL $(basename "$case_dir"): $*" >&2; exit 1; }

cp -a "$case_dir/input" "$work/notes"
set +e
(cd "$work/notes" && "$bin" "${args[@]}" >"$work/stdout" 2>"$work/stderr")
status=$?
set -e

if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
    rm -rf "$case_dir/expected"
    cp -a "$work/notes" "$case_dir/expected"
    echo "$status" > "$case_dir/status"
    [ "$status" = 0 ] && rm -f "$case_dir/status"
    [ -f "$case_dir/expected.stderr" ] && cp "$work/stderr" "$case_dir/expected.stderr"
fi

[ "$status" = "$expected_status" ] || { cat "$work/stderr" >&2; fail "exit status $status, expected $expected_status"; }
diff -r "$case_dir/expected" "$work/notes" >&2 || fail "the notes folder after the run differs from expected/"
if [ -f "$case_dir/expected.stderr" ]; then
    diff "$case_dir/expected.stderr" "$work/stderr" >&2 || fail "stderr differs"
fi

# A second run changes nothing (SPEC §9).
cp -a "$work/notes" "$work/after-first"
set +e
(cd "$work/notes" && "$bin" "${args[@]}" >/dev/null 2>&1)
second=$?
set -e
[ "$second" = "$expected_status" ] || fail "second run: exit status $second, expected $expected_status"
diff -r "$work/after-first" "$work/notes" >&2 || fail "a second run changed the notes"

if [ -f "$case_dir/expected.json" ] || [ "${GOLDEN_UPDATE:-}" = 1 ]; then
    rm -rf "$work/json-notes"
    cp -a "$case_dir/input" "$work/json-notes"
    set +e
    (cd "$work/json-notes" && "$bin" agenda --format json "${args[@]:1}" >"$work/json" 2>/dev/null)
    set -e
    if [ "${GOLDEN_UPDATE:-}" = 1 ]; then cp "$work/json" "$case_dir/expected.json"; fi
    diff "$case_dir/expected.json" "$work/json" >&2 || fail "JSON differs"
    diff -r "$case_dir/input" "$work/json-notes" >&2 || fail "agenda --format json wrote to the notes"
fi
echo "ok $(basename "$case_dir")"
