#!/usr/bin/env bash
# The command line as people type it: options before the command, a mistyped
# command, `help`, --version anywhere, and each command's --help listing the
# options that act on it.
source "$(dirname "$0")/lib.bash"
version=$2

notes="$work/notes"
mkdir -p "$notes"
cd "$notes"
: > .touchbase.yaml
printf -- '---\nname: Acme\n---\n## Log\n\n- 2026-11-02: call\n' > acme.md
cp acme.md "$work/acme.before"

# --- options before the command ----------------------------------------------
run_tb --today 2026-11-24 check
expect_status 1 "--today before check (the note would change)"
expect_contains "$err" "acme.md would be updated"
cmp -s acme.md "$work/acme.before" || fail "--today check wrote the note"
[ ! -e agenda.md ] || fail "--today check wrote the agenda"
run_tb --quiet --today 2026-11-24 check
expect_status 1 "--quiet before check"
[ -z "$out$err" ] || fail "--quiet before check printed: $out $err"
run_tb --today 2026-11-24 agenda --format json
expect_status 0 "--today before agenda"
expect_contains "$out" '"today": "2026-11-24"'
run_tb --today 2026-11-24 --quiet
expect_status 0 "options and no command: run"
[ -z "$out$err" ] || fail "--quiet run printed: $out $err"
[ -f agenda.md ] || fail "the default command did not write the agenda"
expect_contains "$(head -n 1 agenda.md)" "2026-11-24"
grep -qx 'last_contact: 2026-11-02' acme.md || fail "run before-command options did not update the note"

# A common option before a command it does not act on: an error, as after it.
run_tb --horizon 2w log acme
expect_status 2 "--horizon before log"
expect_contains "$err" "--horizon is not an option of log"
run_tb log acme --horizon 2w
expect_status 2 "--horizon after log"
expect_contains "$err" "--horizon is not an option of log"
run_tb --dir "$notes" run
expect_status 2 "--dir before run"

# `--owner` before `new` is the new client's owner.
run_tb --owner Jane new "Globex" --dir "$notes"
expect_status 0 "--owner before new"
grep -qx 'owner: Jane' globex.md || fail "--owner before new: $(cat globex.md)"

# --- a word that is neither a command nor a folder ---------------------------
for args in "lg" "--today 2026-11-24 lg" "chek --quiet"; do
    # shellcheck disable=SC2086
    run_tb $args
    expect_status 2 "touchbase $args"
    expect_contains "$err" "unknown command '" "touchbase $args"
    expect_contains "$err" "(commands: run, check, agenda, log, new, init)" "touchbase $args"
    expect_not_contains "$err" "not exist" "touchbase $args"
done
run_tb lg
[ "$err" = "touchbase: error: unknown command 'lg' (commands: run, check, agenda, log, new, init)" ] ||
    fail "unknown command message: $err"
# An existing folder is DIR; a path that is not there says so.
run_tb . --today 2026-11-24 --quiet
expect_status 0 "touchbase ."
run_tb missing/ --today 2026-11-24
expect_status 2 "a missing folder"
expect_contains "$err" "missing/"
expect_not_contains "$err" "unknown command"
# A word the command does not take.
run_tb log acme "call" extra --today 2026-11-24
expect_status 2 "an extra word after log's arguments"
expect_contains "$err" "unexpected argument 'extra'"

# What CLI11 refuses is an error in the same shape, naming the help to read.
run_tb check --format json
expect_status 2 "check --format"
expect_contains "$err" "touchbase: error: "
expect_contains "$err" "--format"
expect_contains "$err" "touchbase check --help"
run_tb log
expect_status 2 "log without NOTE"
expect_contains "$err" "touchbase: error: NOTE is required"
run_tb agenda --format xml
expect_status 2 "agenda --format xml"
expect_contains "$err" "touchbase agenda --help"

# --- help --------------------------------------------------------------------
run_tb help
expect_status 0 "touchbase help"
for command in run check agenda log new init; do expect_contains "$out" "  $command " "touchbase help"; done
expect_contains "$out" "Common options"
run_tb --help
expect_status 0 "touchbase --help"
help_text=$out
run_tb help
[ "$out" = "$help_text" ] || fail "touchbase help differs from touchbase --help"
run_tb help log
expect_status 0 "touchbase help log"
expect_contains "$out" "Usage: touchbase log"
run_tb log --help
[ "$out" = "$(cd "$notes" && "$bin" help log)" ] || fail "help log differs from log --help"
run_tb help lg
expect_status 2 "touchbase help lg"
expect_contains "$err" "unknown command 'lg'"

# --- --version anywhere ------------------------------------------------------
for args in "--version" "check --version" "log --version" "new --version" "agenda --format json --version"; do
    # shellcheck disable=SC2086
    run_tb $args
    expect_status 0 "touchbase $args"
    [ "$out" = "touchbase $version" ] || fail "touchbase $args printed '$out'"
done

# --- each command's --help lists the options that act on it, and no other ---
# expect_options COMMAND "options it has" "options it must not list"
expect_options() {
    run_tb "$1" --help
    expect_status 0 "$1 --help"
    local option
    for option in $2; do
        grep -Eq -- "[ ,]$option[ ,]" <<<"$out" || fail "$1 --help does not list $option: $out"
    done
    for option in $3; do
        ! grep -Eq -- "[ ,]$option[ ,]" <<<"$out" || fail "$1 --help lists $option: $out"
    done
}
expect_options run "--today --config --owner --horizon --agenda --jobs --quiet --color" \
    "--dir --format --date --engagement --force"
expect_options check "--today --config --agenda --jobs --quiet --color" \
    "--dir --owner --horizon --format --date --engagement --force"
expect_options agenda "--format --today --config --owner --horizon --agenda --jobs --quiet --color" \
    "--dir --date --engagement --force"
expect_options log "--date --needs --news --missed --card --next --dir --today --config --quiet" \
    "--owner --horizon --agenda --jobs --color --format --engagement --force"
expect_options new "--engagement --owner --dir --config --quiet" \
    "--today --horizon --agenda --jobs --color --format --date --force"
expect_options init "--force --quiet" \
    "--dir --today --config --owner --horizon --agenda --jobs --color --format"

echo "ok $script"
