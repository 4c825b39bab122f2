#!/usr/bin/env bash
# `agenda --output FILE` (spec §7): written atomically when the agenda is made
# (exit 0 or 3); FILE keeps its old bytes on exit 2. Found as issue 11, item 8:
# `agenda --format ics > calendar.ics` emptied the calendar on a config error.
source "$(dirname "$0")/lib.bash"

notes="$work/notes"
mkdir -p "$notes"
printf -- '---\nname: Acme\nlast_contact: 2026-11-02\ncounter: 1w\nnext_contact: 2026-11-09\n---\n' > "$notes/acme.md"
cal="$work/served/calendar.ics"
mkdir -p "$work/served"

run_tb agenda "$notes" --format ics --output "$cal" --today 2026-11-24
expect_status 0 "agenda --output"
[ -z "$out" ] || fail "agenda --output also printed to stdout: $out"
"$bin" agenda "$notes" --format ics --today 2026-11-24 | cmp -s - "$cal" || fail "FILE differs from stdout"
good=$(sha1sum < "$cal")

# A bad configuration: exit 2, FILE keeps its bytes (the recipe's `>` emptied it).
printf 'horizon: two weeks\n' > "$notes/.touchbase.yaml"
run_tb agenda "$notes" --format ics --output "$cal" --today 2026-11-24
expect_status 2 "agenda --output with a bad config"
[ "$(sha1sum < "$cal")" = "$good" ] || fail "FILE changed on exit 2"
ls -A "$work/served" | grep -v '^calendar.ics$' && fail "a temporary file was left beside FILE"

# A note with an error: the agenda is made (exit 3) and written, with the problem.
rm "$notes/.touchbase.yaml"
printf -- '---\nlast_contact: 2026-02-30\n---\n' > "$notes/bad.md"
run_tb agenda "$notes" --output "$work/served/agenda.md" --today 2026-11-24
expect_status 3 "agenda --output with a bad note"
grep -q 'bad.md' "$work/served/agenda.md" || fail "the agenda with exit 3 was not written"
# Its links lead from FILE's folder to the notes.
grep -q '](../notes/acme.md)' "$work/served/agenda.md" || fail "links are not relative to FILE"

# Never over a note, the configuration, or what is not a regular file.
run_tb agenda "$notes" --output "$notes/acme.md" --today 2026-11-24
expect_status 2 "agenda --output over a note"
grep -q '^name: Acme' "$notes/acme.md" || fail "the note was overwritten"
mkfifo "$work/fifo"
run_tb agenda "$notes" --output "$work/fifo" --today 2026-11-24
expect_status 2 "agenda --output to a FIFO"
# A link is written at its target, and stays a link.
ln -s "$cal" "$work/link.ics"
rm "$notes/bad.md"
run_tb agenda "$notes" --format ics --output "$work/link.ics" --today 2026-11-25
expect_status 0 "agenda --output through a link"
[ -L "$work/link.ics" ] || fail "the link was replaced"
grep -q 'DTSTAMP:20261125T000000Z' "$cal" || fail "the link's target was not written"

echo "ok $script"
