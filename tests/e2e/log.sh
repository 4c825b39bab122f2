#!/usr/bin/env bash
# `touchbase log`: entries in the note's own style, by name, prefix or path,
# each flag, and the counter and next contact written in the same update.
source "$(dirname "$0")/lib.bash"

notes="$work/notes"
mkdir -p "$notes/clients"
cd "$notes"
: > .touchbase.yaml

cat > clients/acme.md <<'EOF'
---
name: Acme Corp
engagement: ongoing
last_contact: 2026-11-02
counter: 1w   # owned
next_contact: 2026-11-09
---
# Acme Corp

## 2026-10-26 Kick-off

## 2026-11-02 Review

Notes.

## Tasks

- [ ] Send the summary
EOF

cat > clients/globex.md <<'EOF'
---
name: Globex Corporation
engagement: ongoing
last_contact: 2026-11-02
counter: 2w
next_contact: 2026-11-16
---
# Globex

## Log

- 2026-11-02: review
EOF

cat > clients/globus.md <<'EOF'
---
name: Globus Travel
last_contact: 2026-11-10
counter: 4w
next_contact: 2026-12-08
---
Newest first:

## 2026-11-10 call

## 2026-11-03 call
EOF

# --- heading-style note, oldest first, by exact name --------------------------
run_tb log "acme corp" "call about the budget" --today 2026-11-24
expect_status 0 "log on a heading-style note"
[ "$out" = "clients/acme.md: logged 2026-11-24; counter 2w, next contact 2026-12-08" ] ||
    fail "unexpected confirmation: $out"
expect_file clients/acme.md <<'EOF'
---
name: Acme Corp
engagement: ongoing
last_contact: 2026-11-24
counter: 2w   # owned
next_contact: 2026-12-08
---
# Acme Corp

## 2026-10-26 Kick-off

## 2026-11-02 Review

Notes.

## 2026-11-24 call about the budget

## Tasks

- [ ] Send the summary
EOF
[ ! -e agenda.md ] || fail "log wrote the agenda"
run_tb check --today 2026-11-24
expect_status 0 "check after log (the note is already up to date)"

# --- Log-list note, by unique prefix of the file stem, with --needs -----------
run_tb log globe "asked for help with the export" --needs --today 2026-11-24
expect_status 0 "log by unique prefix"
expect_contains "$out" "clients/globex.md: logged 2026-11-24; counter 1w, next contact 2026-12-01"
expect_file clients/globex.md <<'EOF'
---
name: Globex Corporation
engagement: ongoing
last_contact: 2026-11-24
counter: 1w
next_contact: 2026-12-01
---
# Globex

## Log

- 2026-11-02: review
- 2026-11-24: asked for help with the export #needs
EOF

# --- ambiguous prefix: exit 2, candidates listed, nothing written ------------
cp clients/globex.md "$work/globex.before"
cp clients/globus.md "$work/globus.before"
run_tb log glob "x" --today 2026-11-24
expect_status 2 "ambiguous name"
expect_contains "$err" "clients/globex.md (Globex Corporation)" "stderr"
expect_contains "$err" "clients/globus.md (Globus Travel)" "stderr"
cmp -s clients/globex.md "$work/globex.before" || fail "an ambiguous log changed globex.md"
cmp -s clients/globus.md "$work/globus.before" || fail "an ambiguous log changed globus.md"

# --- no match: exit 2 ---------------------------------------------------------
run_tb log initech "x" --today 2026-11-24
expect_status 2 "no match"
expect_contains "$err" "initech"

# --- unique prefix of a name (not of the stem), newest-first note, --news ------
run_tb log "Globus T" "showed them the new booking flow" --news --today 2026-11-24
expect_status 0 "log by name prefix"
expect_file clients/globus.md <<'EOF'
---
name: Globus Travel
last_contact: 2026-11-24
counter: 1w
next_contact: 2026-12-01
---
Newest first:

## 2026-11-24 showed them the new booking flow #news

## 2026-11-10 call

## 2026-11-03 call
EOF

# --- each remaining flag, by path --------------------------------------------
run_tb log clients/globex.md "tried to call" --missed --today 2026-11-25
expect_status 0 "--missed"
expect_contains "$(tail -n 1 clients/globex.md)" "- 2026-11-25: tried to call #missed"
expect_contains "$out" "logged a missed attempt on 2026-11-25"
# SPEC §5.3: a missed attempt moves N to the later of N and M + retry: N stays 2026-12-01.
grep -qx 'next_contact: 2026-12-01' clients/globex.md || fail "--missed: next_contact"
grep -qx 'last_contact: 2026-11-24' clients/globex.md || fail "--missed must not be a contact"

run_tb log globex "sent a card" --card --date 2026-11-26 --today 2026-11-27
expect_status 0 "--card and --date"
expect_contains "$(tail -n 1 clients/globex.md)" "- 2026-11-26: sent a card #card"
# SPEC §4.1: a card is not a contact: L, C and N stay.
grep -qx 'last_contact: 2026-11-24' clients/globex.md || fail "--card must not be a contact"
grep -qx 'next_contact: 2026-12-01' clients/globex.md || fail "--card: next_contact stays"
expect_contains "$out" "logged a card on 2026-11-26 (a card is not a contact"

run_tb log globex "Christmas card" --card christmas --today 2026-11-27
expect_status 0 "--card OCCASION"
expect_contains "$(tail -n 1 clients/globex.md)" "- 2026-11-27: Christmas card #card:christmas"
expect_contains "$out" "logged a card for christmas on 2026-11-27"

run_tb log globex --card=new-year --today 2026-11-27
expect_status 0 "--card=OCCASION"
expect_contains "$(tail -n 1 clients/globex.md)" "- 2026-11-27: #card:new-year"

run_tb log globex "card" --card 'x mas' --today 2026-11-27
expect_status 2 "--card with an occasion that is not one word"
expect_contains "$err" "invalid occasion 'x mas' for --card"

run_tb log globex "call" --next 2026-12-15 --today 2026-11-27
expect_status 0 "--next"
expect_contains "$(tail -n 1 clients/globex.md)" "- 2026-11-27: call next:2026-12-15"
grep -qx 'next_contact: 2026-12-15' clients/globex.md || fail "--next pins the next contact"
expect_contains "$out" "next contact 2026-12-15"

run_tb log globex --today 2026-11-30
expect_status 0 "no message"
[ "$(tail -n 1 clients/globex.md)" = "- 2026-11-30" ] || fail "an entry without message: $(tail -n 1 clients/globex.md)"

# --- bad usage: --next not after the date, a bad date; nothing written --------
cp clients/globex.md "$work/globex.before"
run_tb log globex "x" --next 2026-11-20 --today 2026-11-30
expect_status 2 "--next before the entry"
expect_contains "$err" "touchbase: error: --next 2026-11-20 must be after the entry's date 2026-11-30" "stderr"
expect_not_contains "$err" "§" "stderr"
run_tb log globex "x" --date 2026-02-30 --today 2026-11-30
expect_status 2 "invalid --date"
cmp -s clients/globex.md "$work/globex.before" || fail "a refused log changed the note"

# --- a note with an error is left untouched (exit 3) --------------------------
printf -- '---\nname: Broken\ncounter: often\n---\n# Broken\n' > clients/broken.md
cp clients/broken.md "$work/broken.before"
run_tb log broken "x" --today 2026-11-30
expect_status 3 "a note with an error"
expect_contains "$err" "clients/broken.md:3:"
cmp -s clients/broken.md "$work/broken.before" || fail "log wrote a note with an error"
rm clients/broken.md

# --- a note with no entry: a new ## Log section; CRLF and no final newline ----
printf -- '---\r\nname: Initrode\r\n---\r\n# Initrode\r\n\r\nMet at a fair.' > clients/initrode.md
run_tb log initrode "first call" --today 2026-11-24
expect_status 0 "first entry"
printf -- '---\r\nname: Initrode\r\nlast_contact: 2026-11-24\r\ncounter: 1w\r\nnext_contact: 2026-12-01\r\n---\r\n# Initrode\r\n\r\nMet at a fair.\r\n\r\n## Log\r\n\r\n- 2026-11-24: first call\r\n' > "$work/initrode.expected"
cmp -s "$work/initrode.expected" clients/initrode.md || { od -c clients/initrode.md >&2; fail "CRLF note without a final newline"; }

# --- a plan: an entry after today counts from its day -------------------------
run_tb log initrode "workshop" --date 2026-12-10 --today 2026-11-24
expect_status 0 "a planned entry"
expect_contains "$out" "a plan"
grep -q 'last_contact: 2026-11-24' clients/initrode.md || fail "a planned entry is not a contact yet"

# --- a former client who needs you gets a follow-up (SPEC §5.2) -------------
cat > clients/hooli.md <<'EOF2'
---
name: Hooli
engagement: former
last_contact: 2026-05-04
counter: 1w
next_contact: 2026-11-04
---
## Log

- 2026-05-04: lunch
EOF2
run_tb log hooli "asked for help with the migration" --needs --today 2026-11-24
expect_status 0 "former --needs"
expect_contains "$out" "counter 1w, next contact 2026-12-01 (a follow-up; then every 6m again)"
grep -qx 'next_contact: 2026-12-01' clients/hooli.md || fail "former --needs: the follow-up date"

# --- a next contact moved by hand stays moved until the next contact ---------
sed -i 's/^next_contact: 2026-12-01$/next_contact: 2026-12-04/' clients/hooli.md
run_tb run --today 2026-11-25
expect_status 0 "run after a hand move"
grep -qx 'next_contact: 2026-12-04' clients/hooli.md || fail "a hand-moved next contact was undone"
run_tb log hooli "call" --today 2026-11-26
grep -qx 'next_contact: 2027-05-26' clients/hooli.md || fail "the next contact ends a hand move"

# --- --quiet prints nothing on success ---------------------------------------
run_tb log acme "quiet call" --quiet --today 2026-11-25
expect_status 0 "--quiet"
[ -z "$out$err" ] || fail "--quiet printed: $out $err"

# --- --dir from elsewhere ------------------------------------------------------
cd "$work"
run_tb log acme "from elsewhere" --dir "$notes" --today 2026-11-26
expect_status 0 "--dir"
expect_contains "$(cat "$notes/clients/acme.md")" "## 2026-11-26 from elsewhere"

# --- DIR found upwards from a subfolder (SPEC §2) -----------------------------
cd "$notes/clients"
run_tb log acme "from a subfolder" --today 2026-11-27
expect_status 0 "DIR found upwards"
expect_contains "$(cat "$notes/clients/acme.md")" "## 2026-11-27 from a subfolder"

# --- names without regard to case (every script) or accents -----------------
cd "$notes"
printf -- '---\nname: Café Münster\n---\n## Log\n\n- 2026-11-02: call\n' > clients/cafe.md
printf -- '---\nname: Αθήνα Ξενοδοχεία\n---\n## Log\n\n- 2026-11-02: call\n' > clients/athens.md
run_tb log "CAFÉ MÜN" "upper case, accents" --today 2026-11-24
expect_status 0 "log CAFÉ MÜN"
expect_contains "$out" "clients/cafe.md: logged 2026-11-24"
run_tb log "cafe mun" "lower case, no accents" --today 2026-11-25
expect_status 0 "log cafe mun"
expect_contains "$out" "clients/cafe.md: logged 2026-11-25"
expect_contains "$(tail -n 1 clients/cafe.md)" "- 2026-11-25: lower case, no accents"
run_tb log "ΑΘΗΝΑ ξεν" "Greek in capitals, no tonos" --today 2026-11-24
expect_status 0 "log ΑΘΗΝΑ ξεν"
expect_contains "$out" "clients/athens.md: logged 2026-11-24"

echo "ok $script"
