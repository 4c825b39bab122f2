#!/usr/bin/env bash
# The git hook of spec §7.3 in real repositories: each of issue 11's findings
# about it (items 1, 2, 5, 6 and 7) and what the hook must do instead.
source "$(dirname "$0")/lib.bash"

# The hook runs touchbase with the real date: entries are dated in the past.
note() {  # PATH NAME: an up-to-date note (contact 2024-01-08, due 2024-01-15)
    mkdir -p "$(dirname "$1")"
    printf -- '---\nname: %s\nlast_contact: 2024-01-08\ncounter: 1w\nnext_contact: 2024-01-15\n---\n## Log\n\n- 2024-01-08: kick-off\n' "$2" > "$1"
}
make_stale() { printf -- '- 2024-02-05: review call\n' >> "$1"; }
is_updated() { grep -qx 'last_contact: 2024-02-05' "$1"; }

repo="$work/repo"
new_repo "$repo"
notes="$repo/notes"
note "$notes/acme.md" Acme
note "$notes/globex.md" Globex
printf '# Clients\n' > "$repo/README.md"
run_tb init "$notes"
expect_status 0 "init"
"$bin" run --quiet "$notes"
git_in "$repo" add -A
git_run "$repo" commit -q -m first
expect_status 0 "the first commit"

# --- item 1: a stale note never gets into a commit ----------------------------
# Staged and stale, no unstaged changes: updated, added, committed updated.
make_stale "$notes/acme.md"
git_in "$repo" add notes/acme.md
git_run "$repo" commit -q -m "stale acme"
expect_status 0 "a stale staged note with no unstaged changes"
expect_contains "$err" "notes/acme.md" "the hook names the note it updated"
git_in "$repo" show HEAD:notes/acme.md | grep -qx 'last_contact: 2024-02-05' ||
    fail "item 1: the commit recorded the stale note"
[ -z "$(git_in "$repo" status --porcelain)" ] || fail "item 1: something is left uncommitted: $(git_in "$repo" status --porcelain)"

# Staged and stale, with unstaged changes of the user: the commit stops with a
# list, nothing is written, and a second plain `git commit` stops again.
make_stale "$notes/globex.md"
git_in "$repo" add notes/globex.md
printf 'my unstaged words\n' >> "$notes/globex.md"
before=$(sha1sum < "$notes/globex.md")
head_before=$(git_in "$repo" rev-parse HEAD)
git_run "$repo" commit -q -m "stale globex"
expect_status 1 "a stale staged note with unstaged changes"
expect_contains "$err" "notes/globex.md" "the list to review"
[ "$(sha1sum < "$notes/globex.md")" = "$before" ] || fail "the hook wrote a note with unstaged changes"
git_run "$repo" commit -q -m "stale globex again"
expect_status 1 "item 1: a second git commit without git add"
[ "$(git_in "$repo" rev-parse HEAD)" = "$head_before" ] || fail "item 1: the stale note was committed"
# As the message says: touchbase run NOTE, review, add, commit.
"$bin" run --quiet "$notes/globex.md"
git_in "$repo" add notes/globex.md
git_run "$repo" commit -q -m "globex reviewed"
expect_status 0 "the commit after the review"
git_in "$repo" show HEAD:notes/globex.md | grep -q 'my unstaged words' || fail "the user's words were lost"

# A note with an error is printed and does not stop the commit.
printf -- '---\nname: Bad\nlast_contact: 2024-02-30\n---\n' > "$notes/bad.md"
git_in "$repo" add notes/bad.md
git_run "$repo" commit -q -m "a bad note"
expect_status 0 "a commit with a note in error"
expect_contains "$err" "notes/bad.md:3:" "the error"
git_in "$repo" rm -q notes/bad.md
git_run "$repo" commit -q -m "bad note gone"

# `git commit -a`: the stale note it records is updated first.
note "$notes/initech.md" Initech
git_in "$repo" add notes/initech.md
git_run "$repo" commit -q -m initech
make_stale "$notes/initech.md"
git_run "$repo" commit -q -a -m "commit -a"
expect_status 0 "git commit -a with a stale note"
git_in "$repo" show HEAD:notes/initech.md | grep -qx 'last_contact: 2024-02-05' ||
    fail "git commit -a recorded the stale note"
[ -z "$(git_in "$repo" status --porcelain)" ] || fail "git commit -a left changes: $(git_in "$repo" status --porcelain)"

# --- item 5: `git commit FILE` on a new day ----------------------------------
# The tracked agenda is from another day; git commit FILE commits from a
# temporary index: the new agenda goes into the commit and the real index.
printf 'the agenda of another day\n' > "$notes/agenda.md"
git_in "$repo" add notes/agenda.md
git_run "$repo" commit -q --no-verify -m "an old agenda"
printf 'more\n' >> "$repo/README.md"
printf -- '- 2024-03-04: call\n' >> "$notes/acme.md"   # not named: left alone
git_run "$repo" commit -q -m "readme only" -- README.md
expect_status 0 "git commit FILE"
git_in "$repo" show HEAD:notes/agenda.md | grep -q 'another day' && fail "item 5: the old agenda was committed"
[ -z "$(git_in "$repo" diff --cached --name-only)" ] ||
    fail "item 5: left staged in the real index: $(git_in "$repo" diff --cached --name-only)"
[ -z "$(git_in "$repo" status --porcelain -- notes/agenda.md)" ] || fail "item 5: the agenda is not clean"
grep -qx 'last_contact: 2024-03-04' "$notes/acme.md" && fail "a note the commit does not record was updated"
# `git commit FILE` with a stale note: updated, in the commit and in the index.
git_run "$repo" commit -q -m "acme only" -- notes/acme.md
expect_status 0 "git commit NOTE"
git_in "$repo" show HEAD:notes/acme.md | grep -qx 'last_contact: 2024-03-04' || fail "the note was not committed updated"
[ -z "$(git_in "$repo" status --porcelain)" ] || fail "git commit NOTE left changes: $(git_in "$repo" status --porcelain)"

# --- item 7: notes that git ignores are not notes for the hook ---------------
printf 'private/\n' > "$notes/.gitignore"
note "$notes/private/secret.md" Secret
make_stale "$notes/private/secret.md"
git_in "$repo" add notes/.gitignore
git_run "$repo" commit -q -m "ignore private notes"
expect_status 0 "a commit with an ignored stale note"
expect_not_contains "$err" "secret" "the hook's output"
is_updated "$notes/private/secret.md" && fail "item 7: the hook processed an ignored note"

# --- the hook does nothing where the notes folder has no .touchbase.yaml -----
git_in "$repo" rm -q --cached notes/.touchbase.yaml
mv "$notes/.touchbase.yaml" "$work/saved.yaml"
note "$notes/hooli.md" Hooli
make_stale "$notes/hooli.md"
git_in "$repo" add notes/hooli.md
git_run "$repo" commit -q -m "no config"
expect_status 0 "a commit without .touchbase.yaml"
git_in "$repo" show HEAD:notes/hooli.md | grep -q '^counter: 1w' || fail "hooli.md vanished"
is_updated "$notes/hooli.md" && fail "the hook acted without a .touchbase.yaml"
mv "$work/saved.yaml" "$notes/.touchbase.yaml"

# --- item 6: init recognizes its own hook wherever the binary lives ----------
hook="$repo/.git/hooks/pre-commit"
mkdir -p "$work/opt/bin"
cp "$bin" "$work/opt/bin/touchbase"
set +e
"$work/opt/bin/touchbase" init "$notes" >"$work/.stdout" 2>"$work/.stderr"
status=$?
set -e
expect_status 0 "init from another install path"
grep -q "touchbase='$work/opt/bin/touchbase'" "$hook" || fail "item 6: the hook does not name the new binary"
[ -e "$hook.bak" ] && fail "item 6: touchbase's own hook was kept as a foreign .bak"
run_tb init "$notes"
expect_status 0 "init from the first path again"
[ -e "$hook.bak" ] && fail "item 6: a .bak appeared"

# A foreign hook replaced with --force is kept as pre-commit.bak and runs first.
printf '#!/bin/sh\necho ran >> "%s"\n' "$work/foreign-ran" > "$hook"
chmod +x "$hook"
run_tb init "$notes" --force
expect_status 0 "init --force over a foreign hook"
[ -x "$hook.bak" ] || fail "item 6: the foreign hook was not kept"
printf 'x\n' >> "$repo/README.md"
git_in "$repo" add README.md
git_run "$repo" commit -q -m "foreign runs"
expect_status 0 "a commit with the kept foreign hook"
[ "$(cat "$work/foreign-ran" 2>/dev/null)" = ran ] || fail "item 6: the kept foreign hook did not run"
# When it fails, the commit stops, as it did before.
printf '#!/bin/sh\necho "foreign says no" >&2\nexit 1\n' > "$hook.bak"
printf 'y\n' >> "$repo/README.md"
git_in "$repo" add README.md
git_run "$repo" commit -q -m "foreign fails"
expect_status 1 "the foreign hook fails"
expect_contains "$err" "foreign says no"
# --force refuses when a pre-commit.bak is already there.
printf '#!/bin/sh\nexit 0\n' > "$hook"
run_tb init "$notes" --force
expect_status 2 "init --force with pre-commit.bak there"
[ "$(cat "$hook")" = "$(printf '#!/bin/sh\nexit 0')" ] || fail "the hook was replaced"
rm "$hook" "$hook.bak"

# --- item 2: a global core.hooksPath -----------------------------------------
global="$work/global-hooks"
mkdir -p "$global"
printf '[core]\n\thooksPath = %s\n' "$global" > "$work/gitconfig"
export GIT_CONFIG_GLOBAL="$work/gitconfig"
run_tb init "$notes"
expect_status 2 "init into a hooks folder outside the repository"
expect_contains "$err" "--force"
[ -e "$global/pre-commit" ] && fail "item 2: init installed into the global hooks folder"
run_tb init "$notes" --force
expect_status 0 "init --force into the global hooks folder"
[ -x "$global/pre-commit" ] || fail "no hook in the global folder"
# It still acts in its own repository ...
make_stale "$notes/hooli.md"
git_in "$repo" add notes/hooli.md
git_run "$repo" commit -q -m "hooli"
expect_status 0 "a commit in the notes repository with the global hook"
git_in "$repo" show HEAD:notes/hooli.md | grep -qx 'last_contact: 2024-02-05' || fail "the global hook did not act in its repository"
# ... and nowhere else, even in a repository that looks like a notes folder.
blog="$work/blog"
new_repo "$blog"
cp "$notes/.touchbase.yaml" "$blog/.touchbase.yaml"
printf -- '---\ntitle: A post\n---\n## 2024-03-01 Release notes\n' > "$blog/post.md"
post=$(sha1sum < "$blog/post.md")
git_in "$blog" add -A
git_run "$blog" commit -q -m "a post"
expect_status 0 "a commit in an unrelated repository"
[ "$(sha1sum < "$blog/post.md")" = "$post" ] || fail "item 2: the hook rewrote a blog post"
[ -e "$blog/agenda.md" ] && fail "item 2: the hook left an agenda in the blog"
git_in "$blog" show HEAD:post.md | grep -q '^last_contact' && fail "item 2: the hook committed a changed post"
export GIT_CONFIG_GLOBAL=/dev/null

# --- init interrupted while writing leaves nothing that looks kept ------------
plain="$work/plain"
mkdir -p "$plain"
set +e
(ulimit -f 1; exec "$bin" init "$plain") >/dev/null 2>&1      # killed by SIGXFSZ mid-write
(ulimit -f 1; trap '' XFSZ; exec "$bin" init "$plain") >/dev/null 2>&1   # the write fails
set -e
[ -e "$plain/.touchbase.yaml" ] && fail "an interrupted init left a partial .touchbase.yaml"
run_tb init "$plain"
expect_status 0 "init after an interrupted one"
expect_contains "$out" "wrote"
expect_not_contains "$out" "kept"
grep -q '^log_heading' "$plain/.touchbase.yaml" || fail "the config is not whole"

echo "ok $script"
