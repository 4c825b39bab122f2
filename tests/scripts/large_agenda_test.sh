#!/usr/bin/env bash
# An agenda larger than the 10 MiB limit on notes is still written only when
# its content changes (SPEC §6): a second run leaves it alone.
# Usage: large_agenda_test.sh path/to/touchbase
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 300,000 undated tasks of a client due today: each is a line of Today.
{
    printf -- '---\nname: Big\nlast_contact: 2026-11-17\ncounter: 1w\nnext_contact: 2026-11-24\n---\n## 2026-11-17 call\n\n'
    seq 1 300000 | sed 's/^/- [ ] Follow up on item /'
} > "$work/big.md"
"$bin" run "$work" --today 2026-11-24 --quiet || fail "first run"
size=$(stat -c %s "$work/agenda.md")
[ "$size" -gt $((10 * 1024 * 1024)) ] || fail "the agenda is only $size bytes"
before=$(stat -c '%i %Y.%y' "$work/agenda.md")
sleep 1
"$bin" run "$work" --today 2026-11-24 --quiet || fail "second run"
[ "$(stat -c '%i %Y.%y' "$work/agenda.md")" = "$before" ] || fail "a second run rewrote an unchanged agenda of $size bytes"
echo "ok: agenda of $size bytes left alone"
