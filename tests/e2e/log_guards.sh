#!/usr/bin/env bash
# `log` reads a note through the same guarded path as `run` (SPEC §9): a note
# that is not valid UTF-8 or holds a NUL byte is refused before any parser
# sees it, reported where `check` reports it (the line in the file, not in
# the text with the new entry), and left byte for byte as it was.
source "$(dirname "$0")/lib.bash"

notes="$work/notes"
mkdir -p "$notes"
cd "$notes"
: > .touchbase.yaml

# The bad byte stands after the log, so an entry added to the log would move
# it down a line.
make_note() {  # FILE NAME BYTE
    printf -- '---\nname: %s\n---\n# %s\n\n## Log\n\n- 2026-11-01 call\n\nSome text\nbad %b byte\n' \
        "$2" "$2" "$3" > "$1"
}
make_note nul.md Nulco '\x00'
make_note latin.md Latinco '\xff'
cp nul.md nul.orig
cp latin.md latin.orig

run_tb check . --today 2026-11-24
expect_status 3 "check on the bad notes"
check_err=$err

for case in "nul.md nul.orig the note holds a NUL byte" \
            "latin.md latin.orig the note is not valid UTF-8 (byte 0xFF)"; do
    read -r file orig message <<<"$case"
    for name in "$file" "${file%.md}co"; do  # by path, and by name
        [ "$name" = nulco ] && name=Nulco
        [ "$name" = latinco ] && name=Latinco
        run_tb log "$name" "a call" --today 2026-11-24
        expect_status 3 "log $name"
        first=$(head -n 1 <<<"$err")
        expect_contains "$first" "$file:11:5: error: $message" "log $name"
        # The same problem, with the same source line and caret, as check says.
        expect_contains "$check_err" "$(head -n 3 <<<"$err")" "check's report of $file"
        expect_contains "$err" "touchbase: $file has an error: nothing was written" "log $name"
        cmp -s "$file" "$orig" || fail "log $name changed $file"
    done
done
echo "PASS $script"
