#!/usr/bin/env bash
# `touchbase new`: a note from the template, never over an existing file.
source "$(dirname "$0")/lib.bash"

notes="$work/notes"
mkdir -p "$notes/clients"
cd "$notes"
printf 'log_heading: Journal\n' > .touchbase.yaml

# In the current folder (clients/, inside DIR); DIR's config applies.
cd clients
run_tb new "Café Nöel & Co." --engagement active --owner Jane
expect_status 0 "new"
[ "$out" = "cafe-noel-co.md" ] || fail "new printed '$out'"
cd "$notes"
note=clients/cafe-noel-co.md
[ -f "$note" ] || fail "no $note"
head -n 1 "$note" | grep -qx -- '---' || fail "no front matter"
grep -qx 'name: Café Nöel & Co.' "$note" || fail "name"
grep -q '^engagement: active' "$note" || fail "engagement"
grep -qx 'owner: Jane' "$note" || fail "owner"
grep -qx '# Café Nöel & Co.' "$note" || fail "H1"
grep -qx '## Journal' "$note" || fail "the Log section uses log_heading"
grep -qx '## Next actions' "$note" || fail "Next actions section"

# The JSON agenda reads the new client back: name, owner, engagement, status new.
run_tb agenda --format json --today 2026-11-24
expect_status 0 "agenda on the new note"
expect_contains "$out" '"file": "clients/cafe-noel-co.md", "name": "Café Nöel & Co.", "owner": "Jane", "engagement": "active"'
expect_contains "$out" '"status": "new"'
run_tb check --today 2026-11-24
expect_status 0 "a new note needs no update"

# Refuses to overwrite: exit 2, the file unchanged.
printf 'mine\n' >> "$note"
cp "$note" "$work/before"
run_tb new "Cafe Noel Co" --dir "$notes/clients"
expect_status 2 "new over an existing note"
expect_contains "$err" "already exists"
cmp -s "$note" "$work/before" || fail "new overwrote an existing note"

# The first log entry goes into the template's Log section.
run_tb log cafe "first call" --today 2026-11-24
expect_status 0 "log on a new note"
awk '/^## Journal/{s=1} /^## Next actions/{s=0} s' "$note" | grep -qx -- '- 2026-11-24: first call' ||
    fail "the first entry is not in the Journal section: $(cat "$note")"
[ "$(grep -c '^## Journal' "$note")" = 1 ] || fail "a second Journal section was added"

# --dir: the note goes in DIR; default engagement ongoing; no owner key.
cd "$work"
run_tb new "Umbrella" --dir "$notes"
expect_status 0 "new --dir"
[ -f "$notes/umbrella.md" ] || fail "new --dir did not write to DIR"
[ "$out" = "notes/umbrella.md" ] || fail "new --dir printed '$out'"
grep -q '^engagement: ongoing' "$notes/umbrella.md" || fail "default engagement"
! grep -q '^owner:' "$notes/umbrella.md" || fail "an owner key without --owner"
cd "$notes"

# Bad usage: an unknown engagement, a name with no letter or digit.
run_tb new "Initech" --engagement sometimes
expect_status 2 "unknown engagement"
[ ! -e initech.md ] || fail "a refused new wrote a file"
run_tb new "!!!"
expect_status 2 "a name without letters"
expect_contains "$err" "file name"

# Names in any script: the letters stay; Latin letters lose their accents.
run_tb new "東京デザイン事務所" --quiet
expect_status 0 "new in Japanese"
[ -z "$out" ] || fail "new --quiet printed '$out'"
[ -f "東京デザイン事務所.md" ] || fail "no 東京デザイン事務所.md: $(ls)"
grep -qx 'name: 東京デザイン事務所' "東京デザイン事務所.md" || fail "Japanese name"
run_tb new "Москва Трейд"
expect_status 0 "new in Cyrillic"
[ "$out" = "москва-трейд.md" ] || fail "new in Cyrillic printed '$out'"
run_tb log "МОСКВА" "first call" --today 2026-11-24
expect_status 0 "log finds the Cyrillic note in capitals"
expect_contains "$out" "москва-трейд.md: logged 2026-11-24"

# --file PATH: the note's path, from the current folder (from DIR with --dir).
run_tb new "Initech" --file clients/initech-corp.md
expect_status 0 "new --file"
[ "$out" = "clients/initech-corp.md" ] || fail "new --file printed '$out'"
grep -qx 'name: Initech' clients/initech-corp.md || fail "new --file: name"
[ ! -e initech.md ] || fail "new --file also wrote initech.md"
run_tb new "!!!" --file clients/bang.md
expect_status 0 "new --file with a name that makes no file name"
grep -qx 'name: "!!!"' clients/bang.md || fail "new --file: quoted name: $(cat clients/bang.md)"
cd "$work"
run_tb new "Hooli" --dir "$notes" --file clients/hooli.md
expect_status 0 "new --dir --file"
[ -f "$notes/clients/hooli.md" ] || fail "--file is taken from DIR with --dir"
cd "$notes"
run_tb new "Initech" --file clients/initech-corp.md
expect_status 2 "new --file over an existing note"
expect_contains "$err" "already exists"
run_tb new "Initech" --file clients/initech
expect_status 2 "new --file without .md"
expect_contains "$err" "ends in .md"
[ ! -e clients/initech ] || fail "a refused --file wrote a file"
run_tb new "Initech" --file nowhere/initech.md
expect_status 2 "new --file in a missing folder"
expect_contains "$err" "nowhere is not a folder"

echo "ok $script"
