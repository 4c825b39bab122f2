#!/usr/bin/env bash
# The hooks for the pre-commit framework (.pre-commit-hooks.yaml at the
# project's root) run by the real `pre-commit` (Debian's package), from a
# local hooks repository: nothing is downloaded. Issue 11, items 3, 4 and 11.
source "$(dirname "$0")/lib.bash"
project=$(cd "$(dirname "$0")/../.." && pwd)
command -v pre-commit >/dev/null || fail "pre-commit is not installed: run scripts/install-deps"

export PRE_COMMIT_HOME="$work/pre-commit-home"
mkdir -p "$work/path"
ln -s "$bin" "$work/path/touchbase"   # language: system finds touchbase on PATH
export PATH="$work/path:$PATH"

note() {  # PATH NAME: up to date (contact 2024-01-08, due 2024-01-15)
    mkdir -p "$(dirname "$1")"
    printf -- '---\nname: %s\nlast_contact: 2024-01-08\ncounter: 1w\nnext_contact: 2024-01-15\n---\n## Log\n\n- 2024-01-08: kick-off\n' "$2" > "$1"
}

# The hooks repository: the project's own .pre-commit-hooks.yaml, committed.
hooks_repo="$work/hooks-repo"
new_repo "$hooks_repo"
cp "$project/.pre-commit-hooks.yaml" "$hooks_repo/"
git_in "$hooks_repo" add .pre-commit-hooks.yaml
git_in "$hooks_repo" commit -q -m hooks
rev=$(git_in "$hooks_repo" rev-parse HEAD)

# A repository with its notes in a subfolder and a tracked agenda there.
repo="$work/repo"
new_repo "$repo"
notes="$repo/notes"
mkdir -p "$notes/templates"
printf 'base: 2w\nexclude: [templates/**]\n' > "$notes/.touchbase.yaml"
note "$notes/acme.md" Acme
printf -- '---\nname: Template\n---\n## Log\n\n- 2024-01-08: example\n' > "$notes/templates/client.md"
cat > "$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks_repo
    rev: $rev
    hooks:
      - id: touchbase
YAML
"$bin" run --quiet "$notes"
printf 'the agenda of another day\n' > "$notes/agenda.md"
git_in "$repo" add -A
git_run "$repo" commit -q --no-verify -m first
(cd "$repo" && pre-commit install >/dev/null) || fail "pre-commit install"

# --- item 3: a tracked agenda never makes the hook fail -----------------------
printf '\nA line of notes.\n' >> "$notes/acme.md"
git_in "$repo" add notes/acme.md notes/agenda.md
git_run "$repo" commit -q -m "up-to-date note"
expect_status 0 "item 3: a commit with up-to-date notes and a stale tracked agenda"
grep -q 'another day' "$notes/agenda.md" || fail "item 3: the framework's hook wrote the agenda"
printf 'an agenda edited by hand\n' > "$notes/agenda.md"
git_in "$repo" add notes/agenda.md
git_run "$repo" commit -q -m "agenda staged itself"
expect_status 0 "item 3: a commit that stages agenda.md"

# --- items 4 and 11: a stale note in the subfolder ----------------------------
printf -- '- 2024-02-05: review call\n' >> "$notes/acme.md"
printf -- '- 2024-02-05: example two\n' >> "$notes/templates/client.md"
git_in "$repo" add notes/acme.md notes/templates/client.md
head_before=$(git_in "$repo" rev-parse HEAD)
git_run "$repo" commit -q -m "stale acme"
expect_status 1 "the framework stops a commit whose note it updated"
# item 11: the output names the note that changed.
expect_contains "$out$err" "touchbase: updated notes/acme.md" "item 11: the hook's output"
# item 4: the subfolder's configuration was used (base 2w, exclude).
grep -qx 'counter: 2w' "$notes/acme.md" || fail "item 4: notes/.touchbase.yaml's base was not used"
grep -q '^last_contact' "$notes/templates/client.md" && fail "item 4: an excluded note was updated"
[ -e "$repo/agenda.md" ] && fail "item 4: an agenda was written at the repository's root"
[ "$(git_in "$repo" rev-parse HEAD)" = "$head_before" ] || fail "the stale note was committed"
# Reviewed and added, the commit goes through.
git_in "$repo" add notes/acme.md
git_run "$repo" commit -q -m "acme reviewed"
expect_status 0 "the commit after git add"
git_in "$repo" show HEAD:notes/acme.md | grep -qx 'last_contact: 2024-02-05' || fail "the updated note was not committed"

# --- the check hook names the stale notes and writes nothing -----------------
cat > "$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks_repo
    rev: $rev
    hooks:
      - id: touchbase-check
YAML
git_in "$repo" add .pre-commit-config.yaml
git_run "$repo" commit -q -m "the check hook"
expect_status 0 "switching to the check hook"
printf -- '- 2024-03-04: call\n' >> "$notes/acme.md"
git_in "$repo" add notes/acme.md
before=$(sha1sum < "$notes/acme.md")
git_run "$repo" commit -q -m "stale again"
expect_status 1 "the check hook with a stale note"
expect_contains "$out$err" "notes/acme.md would be updated" "the check hook's output"
[ "$(sha1sum < "$notes/acme.md")" = "$before" ] || fail "the check hook wrote the note"

echo "ok $script"
