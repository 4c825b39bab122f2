#!/usr/bin/env bash
# SPEC §2: DIR is the nearest folder, from the current one upwards, that holds
# a .touchbase.yaml, else the current folder.
# Usage: dir_discovery_test.sh path/to/touchbase
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

mkdir -p "$work/notes/clients/deep" "$work/notes/other"
printf 'horizon: 7d\n' > "$work/notes/.touchbase.yaml"
for f in clients/acme.md other/beta.md; do
    printf -- '---\nname: %s\n---\n## 2026-11-16 call\n' "$f" > "$work/notes/$f"
done

# From a subfolder, without DIR: the folder with .touchbase.yaml is DIR.
(cd "$work/notes/clients/deep" && "$bin" run --quiet --today 2026-11-24)
[ -f "$work/notes/agenda.md" ] || fail "agenda.md not written in the folder holding .touchbase.yaml"
[ ! -e "$work/notes/clients/deep/agenda.md" ] || fail "agenda.md written in the current folder"
grep -q '^next_contact: 2026-11-23$' "$work/notes/other/beta.md" || fail "a note outside the current folder was not processed"
grep -q '(clients/acme.md)' "$work/notes/agenda.md" || fail "paths are not relative to DIR"

# `agenda` from a subfolder finds the same DIR and prints links relative to it.
out=$(cd "$work/notes/clients" && "$bin" agenda --today 2026-11-24)
grep -q '(other/beta.md)' <<<"$out" || fail "agenda from a subfolder did not use DIR"

# Without any .touchbase.yaml upwards, the current folder is DIR.
rm "$work/notes/.touchbase.yaml" "$work/notes/agenda.md"
(cd "$work/notes/clients" && "$bin" run --quiet --today 2026-11-24)
[ -f "$work/notes/clients/agenda.md" ] || fail "without .touchbase.yaml the current folder is not DIR"
[ ! -e "$work/notes/agenda.md" ] || fail "agenda.md written above the current folder"
grep -q '(acme.md)' "$work/notes/clients/agenda.md" || fail "paths are not relative to the current folder"
echo ok
