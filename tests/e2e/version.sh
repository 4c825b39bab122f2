#!/usr/bin/env bash
# `touchbase --version`, `--help` with an example for every command, and --color.
source "$(dirname "$0")/lib.bash"
version=$2

run_tb --version
expect_status 0 "--version"
[ "$out" = "touchbase $version" ] || fail "--version printed '$out', expected 'touchbase $version'"

for command in run check agenda log new init; do
    run_tb "$command" --help
    expect_status 0 "$command --help"
    expect_contains "$out" "Example" "$command --help"
    expect_contains "$out" "touchbase $command" "$command --help"
done

# The run summary: coloured with --color always, plain with never or off a terminal.
mkdir -p "$work/notes"
cd "$work/notes"
printf -- '---\nname: Acme\nlast_contact: 2026-01-05\ncounter: 1w\nnext_contact: 2026-01-12\n---\n' > acme.md
printf -- '---\nname: Globex\nnext_contact: 2026-11-24\n---\n' > globex.md
esc=$(printf '\033')
run_tb run --today 2026-11-24 --color always
expect_status 0 "run --color always"
expect_contains "$err" "${esc}[33m2 clients to contact${esc}[0m (${esc}[31m1 overdue${esc}[0m)" "coloured summary"
expect_contains "$err" "0 action items due (0 overdue)" "coloured summary"
expect_contains "$err" "0 problems" "coloured summary"
expect_not_contains "$err" "${esc}[31m0 problems" "coloured summary"
run_tb run --today 2026-11-24 --color never
expect_not_contains "$err" "$esc" "--color never"
run_tb run --today 2026-11-24
expect_not_contains "$err" "$esc" "--color auto off a terminal"
expect_contains "$err" "2 clients to contact (1 overdue), 0 action items due (0 overdue), " "plain summary"

echo "ok $script"
