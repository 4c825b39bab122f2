#!/usr/bin/env bash
# The calendar of spec §7.2 as a calendar application reads it (Python's
# icalendar): issue 11, items 9 and 10. Notes folders in real git
# repositories set up by `touchbase init`.
source "$(dirname "$0")/lib.bash"
py=/usr/bin/python3
[ -x "$py" ] || py=python3
"$py" -c 'import icalendar' || fail "python3-icalendar is missing: run scripts/install-deps"

# summary FILE: one line per event, "DTSTART|SUMMARY|UID|alarms", sorted.
summary() {
    "$py" - "$1" <<'PY'
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
rows = [f"{e.decoded('DTSTART').isoformat()}|{e.get('SUMMARY')}|{e.get('UID')}|{len(list(e.walk('VALARM')))}"
        for e in cal.walk("VEVENT")]
print("\n".join(sorted(rows)))
PY
}
uids() { summary "$1" | cut -d'|' -f3 | sort; }

# --- item 9: two notes folders with the same relative paths -------------------
for side in one two; do
    mkdir -p "$work/$side/clients"
    git init -q "$work/$side"
    printf -- '---\nname: Acme\nlast_contact: 2026-11-20\ncounter: 1w\nnext_contact: 2026-11-27\n---\n- [ ] Send the offer 📅 2026-11-26\n' \
        > "$work/$side/clients/acme.md"
    run_tb init "$work/$side/clients"
    expect_status 0 "init in $side"
    grep -Eq '^calendar_id: [0-9a-f]{12}$' "$work/$side/clients/.touchbase.yaml" ||
        fail "init wrote no random calendar_id: $(grep calendar_id "$work/$side/clients/.touchbase.yaml")"
    run_tb agenda "$work/$side/clients" --format ics --output "$work/$side.ics" --today 2026-11-24
    expect_status 0 "agenda ics in $side"
done
[ "$(uids "$work/one.ics" | wc -l)" = 2 ] || fail "expected 2 events: $(summary "$work/one.ics")"
[ -z "$(comm -12 <(uids "$work/one.ics") <(uids "$work/two.ics"))" ] ||
    fail "item 9: two notes folders share UIDs"
# Without calendar_id, the folder's name is the id: same name, same UIDs
# (documented); another name, other UIDs.
sed -i '/^calendar_id:/d' "$work/one/clients/.touchbase.yaml" "$work/two/clients/.touchbase.yaml"
"$bin" agenda "$work/one/clients" --format ics --today 2026-11-24 > "$work/one-noid.ics"
"$bin" agenda "$work/two/clients" --format ics --today 2026-11-24 > "$work/two-noid.ics"
[ "$(uids "$work/one-noid.ics")" = "$(uids "$work/two-noid.ics")" ] || fail "the folder's name is not the default id"
mv "$work/two/clients" "$work/two/customers"
"$bin" agenda "$work/two/customers" --format ics --today 2026-11-24 > "$work/two-renamed.ics"
[ -z "$(comm -12 <(uids "$work/one-noid.ics") <(uids "$work/two-renamed.ics"))" ] ||
    fail "folders of other names share UIDs"
# A calendar_id given by hand is used as it is.
printf 'calendar_id: shared\n' >> "$work/one/clients/.touchbase.yaml"
printf 'calendar_id: shared\n' >> "$work/two/customers/.touchbase.yaml"
"$bin" agenda "$work/one/clients" --format ics --today 2026-11-24 > "$work/one-shared.ics"
"$bin" agenda "$work/two/customers" --format ics --today 2026-11-24 > "$work/two-shared.ics"
[ "$(uids "$work/one-shared.ics")" = "$(uids "$work/two-shared.ics")" ] || fail "calendar_id is not what UIDs are made from"

# --- item 10: what is overdue, new clients and cards are in the calendar ------
notes="$work/three/notes"
mkdir -p "$notes"
git init -q "$work/three"
printf 'calendar_id: 0123456789ab\ncard_lead: 5w\n' > "$notes/.touchbase.yaml"
# Overdue since 2026-11-20 (a Friday): 4 days late on 2026-11-24.
printf -- '---\nname: Late Co\nlast_contact: 2026-11-13\ncounter: 1w\nnext_contact: 2026-11-20\n---\n- [ ] Send the invoice 📅 2026-11-23\n- [ ] Undated item\n' > "$notes/late.md"
printf -- '---\nname: Newcomer\n---\n# Newcomer\n' > "$notes/new.md"
printf -- '---\nname: Cardy\nlast_contact: 2026-11-02\ncounter: 2m\nnext_contact: 2027-01-04\ncards: [christmas, 12-03 shop anniversary]\n---\n- [ ] Plan the year\n' > "$notes/cardy.md"
printf -- '---\nname: Soon\nlast_contact: 2026-11-20\ncounter: 1w\nnext_contact: 2026-11-27\n---\n- [ ] Prepare\n' > "$notes/soon.md"
run_tb agenda "$notes" --format ics --output "$work/three.ics" --today 2026-11-24
expect_status 0 "agenda ics with overdue, new and cards"
got=$(summary "$work/three.ics" | cut -d'|' -f1,2,4)
expected='2026-11-24|Get in touch: Late Co (4 days late)|0
2026-11-24|Get in touch: Newcomer (new client)|0
2026-11-24|Late Co: Send the invoice (1 day late)|0
2026-11-27|Get in touch: Soon|1
2026-12-03|Send a card to Cardy: 12-03 shop anniversary|0
2026-12-25|Send a card to Cardy: christmas|0
2027-01-04|Get in touch: Cardy|1'
[ "$got" = "$expected" ] || fail "item 10: the events are not as expected:
$got
--- expected:
$expected"
# The next day the overdue contact moves to the new today, with the same UID.
"$bin" agenda "$notes" --format ics --today 2026-11-25 > "$work/three-next.ics"
late_uid() { summary "$1" | grep '|Get in touch: Late Co' | cut -d'|' -f1,3; }
[ "$(late_uid "$work/three.ics" | cut -d'|' -f2)" = "$(late_uid "$work/three-next.ics" | cut -d'|' -f2)" ] ||
    fail "the overdue contact's UID changed from one day to the next"
[ "$(late_uid "$work/three-next.ics" | cut -d'|' -f1)" = 2026-11-25 ] || fail "the overdue contact did not move to today"
grep -c 'Late Co (5 days late)' "$work/three-next.ics" >/dev/null || fail "the days late did not grow"
# The same notes and today: the same bytes.
"$bin" agenda "$notes" --format ics --today 2026-11-24 | cmp -s - "$work/three.ics" || fail "not byte-identical"

echo "ok $script"
