# Helpers for the end-to-end scripts: sourced, with the touchbase binary as $1.
# Each script runs the real binary in a fresh temporary folder.
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# No user or system git configuration leaks into the tests.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
unset NO_COLOR || true

script=$(basename "$0" .sh)
fail() { echo "FAIL $script: $*" >&2; exit 1; }

# run_tb [args...]: runs touchbase; sets $status, $out, $err.
run_tb() {
    set +e
    "$bin" "$@" >"$work/.stdout" 2>"$work/.stderr"
    status=$?
    set -e
    out=$(cat "$work/.stdout")
    err=$(cat "$work/.stderr")
}

expect_status() {
    [ "$status" = "$1" ] || fail "${2:-}: exit status $status, expected $1; stdout: $out; stderr: $err"
}

# expect_file PATH: compares PATH with the expected text on stdin.
expect_file() {
    diff -u - "$1" >&2 || fail "$1 differs from what was expected"
}

expect_contains() {  # TEXT NEEDLE WHAT
    case $1 in *"$2"*) ;; *) fail "${3:-output} does not contain '$2': $1" ;; esac
}

expect_not_contains() {  # TEXT NEEDLE WHAT
    case $1 in *"$2"*) fail "${3:-output} contains '$2': $1" ;; *) ;; esac
}

# Real git repositories (the hook tests).
git_in() { git -C "$1" "${@:2}"; }
new_repo() {  # PATH: a repository with a committer set and no signing
    git init -q "$1"
    git_in "$1" config user.name "Test User"
    git_in "$1" config user.email "test@example.com"
    git_in "$1" config commit.gpgsign false
}
git_run() {  # REPO ARGS...: runs git there; sets $status, $out and $err like run_tb
    set +e
    git -C "$1" "${@:2}" >"$work/.stdout" 2>"$work/.stderr"
    status=$?
    set -e
    out=$(cat "$work/.stdout")
    err=$(cat "$work/.stderr")
}
