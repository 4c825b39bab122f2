#!/usr/bin/env bash
# Issue 12 end to end: the agenda's place, finding DIR upwards, FIFOs, `log`
# inside DIR, control characters, a second user and ACLs. Each block names the
# finding it guards; each would fail (or hang: `timeout`) before the fix.
source "$(dirname "$0")/lib.bash"

tb() { local command=$1; shift; run_tb "$command" --today 2026-11-24 "$@"; }
# A command that must finish: a hang is a failure, not a stuck suite.
tb_timed() {
    local command=$1; shift
    set +e
    timeout 20 "$bin" "$command" --today 2026-11-24 "$@" >"$work/.stdout" 2>"$work/.stderr"
    status=$?
    set -e
    out=$(cat "$work/.stdout")
    err=$(cat "$work/.stderr")
    [ "$status" != 124 ] || fail "touchbase $* hung (killed after 20 seconds)"
}
# tb_in FOLDER COMMAND ARGS...: tb from FOLDER (status and output kept).
tb_in() { local folder=$1; shift; pushd "$folder" >/dev/null; tb "$@"; popd >/dev/null; }
note() {  # PATH NAME
    mkdir -p "$(dirname "$1")"
    printf -- '---\nname: %s\n---\n# %s\n\n## Log\n- 2026-11-02 call\n' "$2" "$2" >"$1"
}

# --- findings 1 and 2: the agenda never replaces a note, the configuration,
# or anything outside DIR; refused with exit 2 and the reason.
n="$work/agenda-rules/notes"
note "$n/precious.md" Precious
note "$n/sub/n.md" Sub
echo 'secret' >"$work/agenda-rules/bashrc"
cp "$n/precious.md" "$work/precious.orig"
for agenda in precious.md sub/n.md .touchbase.yaml ../bashrc "$work/agenda-rules/bashrc" /dev/null \
              missing-outside/../../x/agenda.md; do
    printf 'agenda: "%s"\n' "$agenda" >"$n/.touchbase.yaml"
    cp "$n/.touchbase.yaml" "$work/config.orig"
    tb run "$n"
    expect_status 2 "agenda: $agenda"
    expect_contains "$err" "the agenda cannot be written" "stderr for agenda: $agenda"
    cmp -s "$n/precious.md" "$work/precious.orig" || fail "agenda: $agenda replaced precious.md"
    cmp -s "$n/.touchbase.yaml" "$work/config.orig" || fail "agenda: $agenda replaced the configuration"
    [ "$(cat "$work/agenda-rules/bashrc")" = secret ] || fail "agenda: $agenda wrote outside DIR"
    [ -c /dev/null ] || fail "agenda: $agenda replaced /dev/null"
done
[ ! -e "$work/x" ] || fail "a folder was made outside DIR"
# `check` and `agenda` do not write the agenda: no error for them, and the
# note the agenda names is still a note.
printf 'agenda: precious.md\n' >"$n/.touchbase.yaml"
tb check "$n"
expect_contains "$err" "precious.md would be updated" "check with a bad agenda path"
# --agenda on the command line: never over a note, may go outside DIR.
rm "$n/.touchbase.yaml"
tb run "$n" --agenda "$n/precious.md"
expect_status 2 "--agenda over a note"
cmp -s "$n/precious.md" "$work/precious.orig" || fail "--agenda replaced precious.md"
tb run "$n" --agenda "$work/agenda-rules/outside-agenda.md"
expect_status 0 "--agenda outside DIR"
grep -q '^# Agenda' "$work/agenda-rules/outside-agenda.md" || fail "--agenda outside DIR not written"
tb run "$n" --agenda "$work/agenda-rules/no-such-folder/agenda.md"
expect_status 2 "--agenda in a missing folder outside DIR"
[ ! -e "$work/agenda-rules/no-such-folder" ] || fail "--agenda made a folder outside DIR"
echo log >"$work/agenda-rules/run.log"
tb run "$n" --agenda /dev/stdout
expect_status 2 "--agenda /dev/stdout"
# agenda.md as a link: to a note (refused), to a file outside DIR (refused).
ln -s precious.md "$n/agenda.md"
tb run "$n"
expect_status 2 "agenda.md linked to a note"
rm "$n/agenda.md"
ln -s "$work/agenda-rules/bashrc" "$n/agenda.md"
tb run "$n"
expect_status 2 "agenda.md linked outside DIR"
[ "$(cat "$work/agenda-rules/bashrc")" = secret ] || fail "the agenda was written through a link out of DIR"
rm "$n/agenda.md"
# A missing folder inside DIR is still made.
printf 'agenda: out/agenda.md\n' >"$n/.touchbase.yaml"
tb run "$n"
expect_status 0 "agenda in a new folder inside DIR"
[ -f "$n/out/agenda.md" ] || fail "agenda in a new folder inside DIR not written"

# --- finding 2 end to end: a notes folder from someone else aiming at
# authorized_keys with a key in a next_actions text.
victim="$work/victim"
mkdir -p "$victim/.ssh" "$victim/shared/notes"
echo 'ssh-ed25519 AAAA-the-victims-own-key' >"$victim/.ssh/authorized_keys"
printf 'agenda: ../../.ssh/authorized_keys\n' >"$victim/shared/notes/.touchbase.yaml"
printf -- '---\nname: Bait\nnext_actions:\n  - "x\\nssh-ed25519 AAAA-attacker"\n---\n' >"$victim/shared/notes/bait.md"
HOME="$victim" tb_in "$victim/shared/notes" run
expect_status 2 "the authorized_keys attack"
[ "$(cat "$victim/.ssh/authorized_keys")" = 'ssh-ed25519 AAAA-the-victims-own-key' ] ||
    fail "authorized_keys was replaced"

# --- finding 3: DIR upwards stops at home and at the git top; a planted
# .touchbase.yaml (another user's, or in a world-writable folder without the
# sticky bit) is skipped with a warning.
up="$work/up"
mkdir -p "$up/home/me/notes" "$up/repo/notes" "$work/up2/shared/notes"
printf 'agenda: ../planted.md\n' >"$up/.touchbase.yaml"
note "$up/home/me/notes/a.md" A
HOME="$up/home/me" tb_in "$up/home/me/notes" run
expect_status 0 "above home"
[ -f "$up/home/me/notes/agenda.md" ] || fail "DIR went above the home folder"
git init -q "$up/repo"
note "$up/repo/notes/a.md" A
HOME=/nonexistent tb_in "$up/repo/notes" run
expect_status 0 "above the git top"
[ -f "$up/repo/notes/agenda.md" ] || fail "DIR went above the top of the git work tree"
chmod 0777 "$work/up2/shared"
printf 'horizon: 30d\n' >"$work/up2/shared/.touchbase.yaml"
note "$work/up2/shared/notes/a.md" A
HOME=/nonexistent tb_in "$work/up2/shared/notes" run
expect_status 0 "world-writable parent"
expect_contains "$err" "may be written by anyone" "world-writable parent"
[ -f "$work/up2/shared/notes/agenda.md" ] || fail "a .touchbase.yaml in a world-writable folder was used"
rm -f "$work/up2/shared/notes/agenda.md"
chmod 1777 "$work/up2/shared"
HOME=/nonexistent tb_in "$work/up2/shared/notes" run
[ -f "$work/up2/shared/agenda.md" ] || fail "a .touchbase.yaml in a sticky shared folder was not used"
if [ "$(id -u)" = 0 ]; then
    chmod 0755 "$work/up2/shared"
    chown 4242 "$work/up2/shared/.touchbase.yaml"
    rm -f "$work/up2/shared/agenda.md"
    HOME=/nonexistent tb_in "$work/up2/shared/notes" run
    expect_contains "$err" "belongs to another user" "another user's .touchbase.yaml"
    [ ! -e "$work/up2/shared/agenda.md" ] || fail "another user's .touchbase.yaml was used"
else
    echo "not root: the other user's .touchbase.yaml is not tested" >&2
fi

# --- finding 4: FIFOs never make a run wait.
f="$work/fifos"
note "$f/a.md" A
mkfifo "$f/.touchbase.yaml"
tb_timed check "$f"
expect_status 1 "a FIFO .touchbase.yaml"
expect_contains "$err" "not a regular file" "a FIFO .touchbase.yaml"
tb_timed check "$f" --config "$f/.touchbase.yaml"
expect_status 2 "--config naming a FIFO"
rm "$f/.touchbase.yaml"
mkfifo "$f/agenda.md"
tb_timed run "$f"
expect_status 2 "agenda.md as a FIFO"
expect_contains "$err" "a FIFO, not a regular file" "agenda.md as a FIFO"
rm "$f/agenda.md"
mkfifo "$f/fifo.md"
tb_timed run "$f"
expect_status 0 "a FIFO named *.md"
expect_contains "$err" "fifo.md: warning: skipped: a FIFO" "a FIFO named *.md"
# --- finding 14: `log fifo.md` says what it is.
tb_timed log "$f/fifo.md" hello --dir "$f"
expect_status 2 "log fifo.md"
expect_contains "$err" "not a regular file" "log fifo.md"
# --- finding 4: a slow glob is fast now.
printf 'exclude: ["*a*a*a*a*a*a*a*a*b"]\n' >"$f/.touchbase.yaml"
note "$f/$(printf 'a%.0s' $(seq 60)).md" Long
tb_timed check "$f"

# --- finding 10: log writes only inside DIR.
l="$work/logdir"
note "$l/notes/in.md" In
note "$l/outside-note.md" Outside
printf 'just text\n' >"$l/notes.orig"
cp "$l/outside-note.md" "$l/outside.orig"
ln -s ../outside-note.md "$l/notes/link-out.md"
: >"$l/notes/.touchbase.yaml"
for target in ../outside-note.md notes/link-out.md ../notes.orig; do
    tb_in "$l/notes" log "$target" hello
    [ "$status" != 0 ] || fail "log $target succeeded"
    cmp -s "$l/outside-note.md" "$l/outside.orig" || fail "log $target wrote outside DIR"
    [ "$(cat "$l/notes.orig")" = 'just text' ] || fail "log $target wrote notes.orig"
done
tb_in "$l/notes" log in.md hello
expect_status 0 "log inside DIR"

# --- finding 13: control characters never reach the terminal or the agenda raw.
c="$work/control"
mkdir -p "$c"
printf -- '---\nname: Evil\nlast_contact: 2026-13-01\n---\n' >"$c/$(printf 'evil\033]0;owned\007.md')"
printf -- '---\nname: "Bad\\e[31m"\nlast_contact: 2026-02-30\n---\n' >"$c/bad.md"
tb run "$c"
expect_status 3 "control characters"
case $err in *$'\033'*|*$'\007'*) fail "a raw control character on stderr: $err" ;; esac
expect_contains "$err" 'evil\x1b]0;owned\x07.md' "stderr"
if grep -q $'[\033\007]' "$c/agenda.md"; then fail "a raw control character in agenda.md"; fi

# --- finding 14: a CR-only note is reported, not skipped; --horizon names its limit.
m="$work/small"
mkdir -p "$m"
printf -- '---\rname: Old Mac\rlast_contact: 2026-11-02\r---\r' >"$m/oldmac.md"
tb check "$m"
expect_status 3 "a CR-only note"
expect_contains "$err" "oldmac.md:1:1: error: the file's lines end with CR alone" "a CR-only note"
tb agenda "$m" --horizon 999999999d
expect_status 2 "--horizon 999999999d"
expect_contains "$err" "at most 9999" "--horizon 999999999d"

# --- finding 7 as a second user: a note of another user is left alone with
# an error; a rewrite keeps group, ACL and extended attributes.
if [ "$(id -u)" != 0 ]; then
    echo "SKIP finding 7 as a second user: not root, cannot create a user" >&2
    exit 0
fi
user="tbsafety$$"
if ! useradd -M -s /usr/sbin/nologin "$user" 2>/dev/null; then
    echo "SKIP finding 7 as a second user: useradd failed on this machine" >&2
    exit 0
fi
trap 'userdel "$user" 2>/dev/null || true; rm -rf "$work"' EXIT
uid=$(id -u "$user")
gid=$(id -g "$user")
u="$work/user"
mkdir -p "$u/notes"
chmod 0755 "$work" "$u"
note "$u/notes/mine.md" Mine
note "$u/notes/roots.md" Roots
chmod 0666 "$u/notes/roots.md"
chown -R "$uid:$gid" "$u/notes"
chown root:root "$u/notes/roots.md"
cp "$u/notes/roots.md" "$work/roots.orig"
have_acl=0
if command -v setfacl >/dev/null && setfacl -m u:root:r "$u/notes/mine.md" 2>/dev/null; then
    have_acl=1
    setfattr -n user.kept -v yes "$u/notes/mine.md" 2>/dev/null || have_acl=0
fi
acl_before=$(getfacl -cp "$u/notes/mine.md" 2>/dev/null || true)
set +e
err=$(cd "$u/notes" && setpriv --reuid="$uid" --regid="$gid" --clear-groups env HOME="$u" \
      "$bin" run --today 2026-11-24 2>&1)
status=$?
set -e
expect_status 3 "a second user's run"
expect_contains "$err" "roots.md:1:1: error: the file belongs to another user" "a second user's run"
cmp -s "$u/notes/roots.md" "$work/roots.orig" || fail "the root-owned note was rewritten"
[ "$(stat -c %U "$u/notes/roots.md")" = root ] || fail "the root-owned note changed owner"
grep -q 'last_contact: 2026-11-02' "$u/notes/mine.md" || fail "the user's own note was not updated"
[ "$(stat -c %u:%g "$u/notes/mine.md")" = "$uid:$gid" ] || fail "the user's note changed owner"
if [ "$have_acl" = 1 ]; then
    [ "$(getfacl -cp "$u/notes/mine.md")" = "$acl_before" ] || fail "the ACL was not kept: $(getfacl -cp "$u/notes/mine.md")"
    [ "$(getfattr --absolute-names --only-values -n user.kept "$u/notes/mine.md")" = yes ] || fail "the xattr was not kept"
else
    echo "SKIP ACL and xattr: setfacl/setfattr missing or unsupported here" >&2
fi
# Run by root, the user's note stays the user's.
note "$u/notes/mine2.md" Mine2
chown "$uid:$gid" "$u/notes/mine2.md"
chmod 04755 "$u/notes/mine2.md"
tb run "$u/notes"
[ "$(stat -c %u:%g:%a "$u/notes/mine2.md")" = "$uid:$gid:4755" ] ||
    fail "root's run changed the note's owner or mode: $(stat -c %u:%g:%a "$u/notes/mine2.md")"
exit 0
