#!/usr/bin/env bash
# `touchbase init`: the config, and a pre-commit hook that really works in a
# real git repository (stale notes stop a commit; a tracked agenda is staged).
source "$(dirname "$0")/lib.bash"

# The hook runs touchbase with the real date: entries are dated in the past.
# commit REPO MESSAGE: sets $status and $err like run_tb.
commit() {
    set +e
    git -C "$1" commit -q -m "$2" >"$work/.stdout" 2>"$work/.stderr"
    status=$?
    set -e
    out=$(cat "$work/.stdout")
    err=$(cat "$work/.stderr")
}

# --- outside a git repository: the config only --------------------------------
plain="$work/plain"
mkdir -p "$plain"
run_tb init "$plain"
expect_status 0 "init outside git"
[ -f "$plain/.touchbase.yaml" ] || fail "no .touchbase.yaml"
grep -q '^log_heading: \[Log, Call log' "$plain/.touchbase.yaml" || fail "the config is not the commented default"
grep -q '^# ' "$plain/.touchbase.yaml" || fail "the config has no comments"
expect_contains "$out" "no pre-commit hook"
# The written config is valid: a run on it succeeds.
run_tb run "$plain" --today 2026-11-24
expect_status 0 "run with the config init wrote"
# An existing config is kept.
printf 'horizon: 14d\n' > "$plain/.touchbase.yaml"
(cd "$plain" && "$bin" init >/dev/null) || fail "init in the current folder"
[ "$(cat "$plain/.touchbase.yaml")" = "horizon: 14d" ] || fail "init overwrote an existing config"

# --- a real repository, notes below the root ----------------------------------
repo="$work/repo"
new_repo "$repo"
notes="$repo/notes"
mkdir -p "$notes"
cat > "$notes/acme.md" <<'EOF'
---
name: Acme Corp
last_contact: 2024-01-08
counter: 1w
next_contact: 2024-01-15
---
# Acme Corp

## Log

- 2024-01-08: kick-off
EOF
printf '# Clients\n' > "$repo/README.md"

run_tb init "$notes"
expect_status 0 "init in a repository"
hook="$repo/.git/hooks/pre-commit"
[ -x "$hook" ] || fail "no executable hook at $hook"
expect_contains "$(cat "$hook")" "touchbase='$bin'" "the hook"
expect_contains "$(cat "$hook")" "notes='notes'" "the hook"

# The first commit: notes up to date; the agenda is written and, once tracked, staged.
"$bin" run "$notes" --quiet
git_in "$repo" add -A
commit "$repo" "first"
expect_status 0 "a commit with up-to-date notes"
git_in "$repo" ls-files --error-unmatch notes/agenda.md >/dev/null || fail "the agenda is not tracked"

# A stale staged note (an entry after last_contact) with no unstaged changes
# is updated by the hook and committed updated.
printf -- '- 2024-02-05: review call\n' >> "$notes/acme.md"
git_in "$repo" add notes/acme.md
commit "$repo" "stale"
expect_status 0 "a commit with a stale note"
expect_contains "$err" "notes/acme.md" "the hook's message"
grep -qx 'last_contact: 2024-02-05' "$notes/acme.md" || fail "the hook did not update the note"
git_in "$repo" show HEAD:notes/acme.md | grep -qx 'last_contact: 2024-02-05' ||
    fail "the committed note is not the updated one"
[ -z "$(git_in "$repo" status --porcelain -- notes/acme.md)" ] || fail "the updated note is not staged"

# A tracked agenda that changed is staged by the hook and does not block.
printf 'stale agenda\n' > "$notes/agenda.md"
printf 'more\n' >> "$repo/README.md"
git_in "$repo" add README.md
commit "$repo" "agenda changed"
expect_status 0 "a commit while the agenda changed"
[ -z "$(git_in "$repo" status --porcelain -- notes/agenda.md)" ] || fail "the agenda was not staged"
git_in "$repo" show HEAD:notes/agenda.md | grep -q 'stale agenda' && fail "the committed agenda is the stale one"

# An untracked agenda is left alone.
git_in "$repo" rm -q --cached notes/agenda.md
commit "$repo" "untrack the agenda"
expect_status 0 "untracking the agenda"
printf 'more\n' >> "$repo/README.md"
git_in "$repo" add README.md
commit "$repo" "untracked agenda"
expect_status 0 "a commit with an untracked agenda"
git_in "$repo" ls-files --error-unmatch notes/agenda.md >/dev/null 2>&1 && fail "the hook added an untracked agenda"

# Running init again: the same hook is left as it is.
run_tb init "$notes"
expect_status 0 "init again"
expect_contains "$out" "already installed"

# An existing, different hook is not overwritten without --force ...
printf '#!/bin/sh\necho mine\n' > "$hook"
chmod +x "$hook"
run_tb init "$notes"
expect_status 2 "init over a foreign hook"
expect_contains "$err" "--force"
[ "$(cat "$hook")" = "$(printf '#!/bin/sh\necho mine')" ] || fail "init replaced a foreign hook"
# ... and --force keeps it as a backup.
run_tb init "$notes" --force
expect_status 0 "init --force"
[ "$(cat "$hook.bak")" = "$(printf '#!/bin/sh\necho mine')" ] || fail "no backup of the old hook"
expect_contains "$(cat "$hook")" "touchbase pre-commit hook" "the new hook"
printf '#!/bin/sh\necho second\n' > "$hook"
run_tb init "$notes" --force
expect_status 2 "init --force with a backup already there"
expect_contains "$err" "pre-commit.bak already exists"
[ "$(cat "$hook")" = "$(printf '#!/bin/sh\necho second')" ] || fail "the second foreign hook was replaced"
[ "$(cat "$hook.bak")" = "$(printf '#!/bin/sh\necho mine')" ] || fail "the first backup was overwritten"
rm "$hook.bak"
run_tb init "$notes" --force
expect_status 0 "init --force once the backup is moved away"
rm "$hook.bak"

# --- core.hooksPath, notes at the root of the working tree ---------------------
other="$work/other"
new_repo "$other"
git_in "$other" config core.hooksPath .githooks
cp "$notes/acme.md" "$other/acme.md"
run_tb init "$other"
expect_status 0 "init with core.hooksPath"
[ -x "$other/.githooks/pre-commit" ] || fail "the hook is not in core.hooksPath"
[ ! -e "$other/.git/hooks/pre-commit" ] || fail "the hook went to .git/hooks despite core.hooksPath"
expect_contains "$(cat "$other/.githooks/pre-commit")" "notes='.'" "the hook"
# It runs: acme.md is up to date, then made stale.
git_in "$other" add acme.md .touchbase.yaml
commit "$other" "first"
expect_status 0 "first commit with core.hooksPath"
printf -- '- 2024-03-04: call\n' >> "$other/acme.md"
git_in "$other" add acme.md
printf 'unstaged\n' >> "$other/acme.md"
commit "$other" "stale"
expect_status 1 "a stale note with unstaged changes, with core.hooksPath"
expect_contains "$err" "acme.md" "the list to review"

# --- a linked worktree shares the repository's hooks --------------------------
git_in "$repo" worktree add -q "$work/linked" 2>/dev/null
rm "$repo/.git/hooks/pre-commit"
run_tb init "$work/linked/notes"
expect_status 0 "init from a linked worktree"
[ -f "$repo/.git/hooks/pre-commit" ] || fail "the worktree's hook is not in the common hooks folder"

# --- the hook finds touchbase on PATH when the recorded binary is gone ---------
sed "s|^touchbase=.*|touchbase='$work/gone/touchbase'|" "$other/.githooks/pre-commit" > "$work/hook"
mv "$work/hook" "$other/.githooks/pre-commit"
chmod +x "$other/.githooks/pre-commit"
git_in "$other" add acme.md
mkdir -p "$work/path"
ln -s "$bin" "$work/path/touchbase"
set +e
PATH="$work/path:$PATH" git -C "$other" commit -q -m "reviewed" >/dev/null 2>"$work/.stderr"
status=$?
set -e
[ "$status" = 0 ] || fail "the hook did not find touchbase on PATH: $(cat "$work/.stderr")"

echo "ok $script"
