#!/usr/bin/env bash
# The README agrees with touchbase: its example note is what a run leaves it
# as (a run changes nothing in it), and every command of its "Daily use"
# section works when run in order on a fresh folder.
source "$(dirname "$0")/lib.bash"
readme=$(realpath "$(dirname "$0")/../../README.md")

# The first ```LANG block after the heading $1, or every one in its section
# with $3 = all.
blocks() {  # HEADING LANG [all]
    awk -v heading="$1" -v lang="$2" -v all="${3:-}" '
        $0 == heading { in_section = 1; next }
        in_section && /^## / { exit }
        in_section && $0 == "```" lang { in_block = 1; next }
        in_block && $0 == "```" { in_block = 0; if (all != "all") exit; next }
        in_block { print }
    ' "$readme"
}

# --- the example note ----------------------------------------------------------
mkdir -p "$work/example"
cd "$work/example"
: > .touchbase.yaml
blocks "## A note, by example" markdown > acme.md
[ -s acme.md ] || fail "no example note found in the README"
cp acme.md "$work/acme.before"
run_tb run --today 2026-11-13
expect_status 0 "the example note"
expect_contains "$err" "0 updated" "the run's summary"
expect_contains "$err" "0 problems" "the run's summary"
cmp -s acme.md "$work/acme.before" || { diff -u "$work/acme.before" acme.md >&2; fail "a run changes the README's example note"; }

# --- Daily use, in order, on a fresh folder ------------------------------------
commands=$(blocks "## Daily use" sh all)
[ -n "$commands" ] || fail "no commands found in the README's Daily use"
mkdir -p "$work/home"
set +e
(
    export HOME="$work/home"
    # A fixed day, so that the dates written in the README stay in the future
    # (a bare `touchbase` is `touchbase run`, spelled out to take the option).
    touchbase() {
        [ $# -gt 0 ] || set -- run
        case $1 in
            init | new) "$bin" "$@" ;;
            *) "$bin" "$@" --today 2026-11-24 ;;
        esac
    }
    set -e
    eval "$commands"
) >"$work/.stdout" 2>"$work/.stderr"
status=$?
set -e
out=$(cat "$work/.stdout")
err=$(cat "$work/.stderr")
expect_status 0 "the Daily use commands"
expect_not_contains "$err" ": warning:" "Daily use"
expect_not_contains "$err" "error:" "Daily use"
note="$work/home/clients/acme-corp.md"
[ -f "$note" ] || fail "Daily use did not create $note"
grep -qx 'next_contact: 2027-01-12' "$note" || fail "Daily use: the pinned next contact"
[ -f "$work/home/clients/agenda.md" ] || fail "Daily use: no agenda.md"

echo "ok $script"
