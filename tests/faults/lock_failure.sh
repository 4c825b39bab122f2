#!/usr/bin/env bash
# Issue 13 and 12: a lock on DIR that fails for a reason other than another
# run holding it (flock failing with ENOLCK or EIO, made real by the
# flock_fails.cpp shim through LD_PRELOAD) is said at once, naming what
# failed, with exit status 2, by every command that takes the lock: never
# "another touchbase run holds DIR (waited 10 seconds)", and nothing written.
# Usage: lock_failure.sh TOUCHBASE FLOCK_FAILS_SO
set -euo pipefail
bin=$(realpath "$1")
shim=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL lock_failure: $*"; exit 1; }

notes="$work/notes"
mkdir "$notes"
: > "$notes/.touchbase.yaml"
printf -- '---\nname: Acme\nlast_contact: 2026-11-02\n---\n# Acme\n' > "$notes/acme.md"
cp "$notes/acme.md" "$work/acme.orig"

with_fault() {  # ERRNO COMMAND...: run with the shim; sets status, err and seconds
    local errno=$1
    shift
    local start=$SECONDS
    set +e
    err=$(cd "$notes" && TOUCHBASE_FAULT_FLOCK_ERRNO=$errno ASAN_OPTIONS=verify_asan_link_order=0 \
              LD_PRELOAD="$shim" "$bin" "$@" 2>&1 >/dev/null)
    status=$?
    set -e
    seconds=$((SECONDS - start))
}

dir=$(realpath "$notes")
for errno_case in "37 No locks available" "5 Input/output error"; do
    read -r errno text <<<"$errno_case"
    for command in "run --today 2026-11-24" "run acme.md --today 2026-11-24" "log acme a-call --today 2026-11-24" \
                   "new Globex"; do
        # shellcheck disable=SC2086
        with_fault "$errno" $command
        what="$command with flock failing ($text)"
        [ "$status" = 2 ] || fail "$what: exit status $status, expected 2; stderr: $err"
        [ "$seconds" -lt 5 ] || fail "$what: took $seconds seconds; a lock that cannot work is not waited for"
        case $err in *"another touchbase run holds"*) fail "$what: blames another run: $err" ;; esac
        expected="touchbase: error: cannot lock $dir: $text"
        grep -qxF "$expected" <<<"$err" || fail "$what: stderr is not '$expected': $err"
        cmp -s "$notes/acme.md" "$work/acme.orig" || fail "$what: acme.md was changed"
        [ ! -e "$notes/agenda.md" ] || fail "$what: the agenda was written"
        [ ! -e "$notes/globex.md" ] || fail "$what: globex.md was made"
    done
done

# The shim itself works only where it is loaded: without it, the run goes through.
(cd "$notes" && "$bin" run --today 2026-11-24 2>/dev/null) || fail "run without the fault failed"
cmp -s "$notes/acme.md" "$work/acme.orig" && fail "run without the fault did not update acme.md"
echo "PASS lock_failure"
