#!/usr/bin/env bash
# SPEC §9 and §6: a note whose content would not change is not written (its
# mtime stays), and agenda.md is written only when its content changes.
# Usage: unchanged_files_test.sh path/to/touchbase
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > "$work/fresh.md" <<'NOTE'
---
name: Up to date
last_contact: 2026-11-16
counter: 1w
next_contact: 2026-11-23
---
## 2026-11-16 call
NOTE
cat > "$work/stale.md" <<'NOTE'
---
name: Stale
---
## 2026-11-16 call
NOTE
old='2020-01-01 00:00:00'
touch -d "$old" "$work/fresh.md" "$work/stale.md"
stamp() { stat -c '%Y.%y %i' "$1"; }
fresh_before=$(stamp "$work/fresh.md")

(cd "$work" && "$bin" run --quiet --today 2026-11-24)
[ "$(stamp "$work/fresh.md")" = "$fresh_before" ] || fail "an up-to-date note was rewritten"
[ "$(stat -c %Y "$work/stale.md")" != "$(date -d "$old" +%s)" ] || fail "the stale note was not written"
[ -f "$work/agenda.md" ] || fail "no agenda.md"

# Second run, same day: nothing changes, so nothing is written, agenda included.
touch -d "$old" "$work/agenda.md" "$work/stale.md"
agenda_before=$(stamp "$work/agenda.md")
stale_before=$(stamp "$work/stale.md")
(cd "$work" && "$bin" run --quiet --today 2026-11-24)
[ "$(stamp "$work/agenda.md")" = "$agenda_before" ] || fail "an unchanged agenda.md was rewritten"
[ "$(stamp "$work/stale.md")" = "$stale_before" ] || fail "a note updated by the first run was rewritten"
[ "$(stamp "$work/fresh.md")" = "$fresh_before" ] || fail "an up-to-date note was rewritten on the second run"

# Next day: the agenda's content changes, so it is written; the notes are not.
(cd "$work" && "$bin" run --quiet --today 2026-11-25)
[ "$(stamp "$work/agenda.md")" != "$agenda_before" ] || fail "a changed agenda.md was not written"
[ "$(stamp "$work/fresh.md")" = "$fresh_before" ] || fail "a note was rewritten on the next day"
grep -q '^# Agenda for Wednesday 2026-11-25$' "$work/agenda.md" || fail "agenda.md has the wrong title"
echo ok
