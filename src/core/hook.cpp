#include "hook.h"

#include <fmt/format.h>

namespace touchbase {

std::string shell_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

bool is_touchbase_hook(std::string_view text) {
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos || text.substr(0, 2) != "#!") return false;
    return text.substr(end + 1).starts_with(kHookMarker);
}

namespace {

// The hook's text in its parts, in order. Only the header is formatted (the
// binary, the notes folder and the repository); the others are plain bash,
// braces as written.

// The header: what the hook is, and what it was installed for.
constexpr std::string_view kHookHeader = R"hook(#!/usr/bin/env bash
{marker} (written by `touchbase init`; `touchbase init` rewrites it).
# Keeps the client notes that a commit records up to date. It checks them as
# they are staged: a note that touchbase would change is updated and added to
# the commit when it has no unstaged changes; otherwise the commit stops with
# a list to review. A tracked agenda is written and staged; it never stops a
# commit. Notes the commit does not record are left alone.
touchbase={binary}
notes={notes}
repository={repository}

)hook";

// When it acts at all: after a hook it replaced, in its own repository,
// with a notes folder, and with a touchbase binary.
constexpr std::string_view kHookGuards =
    R"hook(# A hook that `touchbase init --force` replaced runs first.
if [ -x "$0.bak" ]; then
    "$0.bak" "$@" || exit
fi
cd "$(git rev-parse --show-toplevel)" || exit 1
# Installed in a hooks folder that other repositories share: act only in ours.
if [ -n "$repository" ]; then
    here=$(cd "$(git rev-parse --git-common-dir)" && pwd -P) || exit 1
    [ "$here" = "$repository" ] || exit 0
fi
# No .touchbase.yaml, no notes folder: nothing to do.
[ -f "$notes/.touchbase.yaml" ] || exit 0

if [ ! -x "$touchbase" ]; then
    touchbase=$(command -v touchbase) || {
        echo "touchbase pre-commit hook: touchbase is not installed (or commit with --no-verify)" >&2
        exit 1
    }
fi

)hook";

// Staging into the index git commits from (and the real one), and a
// temporary folder.
constexpr std::string_view kHookStaging =
    R"hook(# `git commit FILE` commits from a temporary index, and the real index
# (index.lock until the commit ends) becomes the index afterwards: what the
# hook stages goes into both, so nothing stale stays staged.
real_index=
case ${GIT_INDEX_FILE:-} in
    *next-index-*.lock) real_index=$(git rev-parse --git-dir)/index.lock ;;
esac
stage() {
    git add -- "$@" || return
    if [ -n "$real_index" ]; then
        GIT_INDEX_FILE=$real_index git add -- "$@" || return
    fi
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/touchbase-hook.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

)hook";

// The staged notes: checked as staged, updated and added, or the commit
// stops with a list.
constexpr std::string_view kHookStagedNotes = R"hook(# The notes this commit records, as staged.
staged=()
while IFS= read -r -d '' path; do
    case $path in *.md) staged+=("$path") ;; esac
done < <(git diff --cached --name-only -z --no-renames --diff-filter=ACMT -- "$notes")

if [ "${#staged[@]}" -gt 0 ]; then
    # The staged notes and the configuration of each one's folder (staged,
    # else the working tree's), checked in a copy laid out as the repository.
    mkdir -p "$tmp/tree" "$tmp/seen" || exit 1
    printf '%s\0' "${staged[@]}" | git checkout-index -z --stdin --prefix="$tmp/tree/" || exit 1
    for path in "${staged[@]}"; do
        folder=$path
        while :; do
            case $folder in */*) folder=${folder%/*} ;; *) folder= ;; esac
            [ -e "$tmp/seen/${folder:-.}" ] && break
            mkdir -p "$tmp/seen/${folder:-.}" "$tmp/tree/${folder:-.}" || exit 1
            config=${folder:+$folder/}.touchbase.yaml
            git checkout-index --prefix="$tmp/tree/" -- "$config" 2>/dev/null ||
                if [ -f "$config" ]; then cp -- "$config" "$tmp/tree/$config" || exit 1; fi
            [ -n "$folder" ] || break
        done
    done
    check=$(cd "$tmp/tree" && "$touchbase" check --color never -- "${staged[@]}" 2>&1)
    case $? in
        0 | 1 | 3) ;;
        *)
            printf '%s\n' "$check" >&2
            echo "touchbase pre-commit hook: the staged notes could not be checked; the commit stops" >&2
            exit 1
            ;;
    esac
    update=()
    review=()
    while IFS= read -r line; do
        case $line in
            'touchbase: '*' would be updated')
                path=${line#touchbase: }
                path=${path% would be updated}
                if git diff --quiet -- "$path"; then update+=("$path"); else review+=("$path"); fi
                ;;
            '') ;;
            *) printf '%s\n' "$line" >&2 ;;  # a note's error or warning: it does not stop the commit
        esac
    done <<<"$check"
    if [ "${#review[@]}" -gt 0 ]; then
        echo "touchbase pre-commit hook: touchbase would update these staged notes, and they have unstaged changes:" >&2
        printf '    %s\n' "${review[@]}" >&2
        echo "Run \`touchbase run NOTE\`, review the changes, git add them and commit again." >&2
        exit 1
    fi
    if [ "${#update[@]}" -gt 0 ]; then
        "$touchbase" run --quiet --color never -- "${update[@]}"
        case $? in
            0 | 3) ;;
            *) exit 1 ;;
        esac
        stage "${update[@]}" || exit 1
        echo "touchbase pre-commit hook: updated these notes and added them to the commit:" >&2
        printf '    %s\n' "${update[@]}" >&2
    fi
fi

)hook";

// The tracked agenda: written and staged, never stopping the commit.
constexpr std::string_view kHookAgenda =
    R"hook(# The agenda changes every day: where git tracks it, write it and stage it.
agenda=$(sed -n 's/^agenda:[[:space:]]*//p' "$notes/.touchbase.yaml" 2>/dev/null | head -n 1 |
    sed -e 's/[[:space:]]#.*$//' -e 's/[[:space:]]*$//' -e "s/^'\(.*\)'\$/\1/" -e 's/^"\(.*\)"$/\1/')
[ -n "$agenda" ] || agenda=agenda.md
case $agenda in
    /*) ;;
    *) agenda=$notes/$agenda ;;
esac
if git ls-files --error-unmatch -- "$agenda" >/dev/null 2>&1; then
    if "$touchbase" agenda --quiet --color never --output "$agenda" "$notes" 2>"$tmp/agenda.err" ||
        [ $? = 3 ]; then
        stage "$agenda" || echo "touchbase pre-commit hook: could not stage $agenda" >&2
    else
        echo "touchbase pre-commit hook: the agenda was not written (the commit goes on):" >&2
        cat "$tmp/agenda.err" >&2
    fi
fi
exit 0
)hook";

}  // namespace

std::string pre_commit_hook(std::string_view touchbase_path, std::string_view notes_dir,
                            std::string_view repository) {
    std::string out = fmt::format(kHookHeader, fmt::arg("marker", kHookMarker),
                                  fmt::arg("binary", shell_quote(touchbase_path)),
                                  fmt::arg("notes", shell_quote(notes_dir)),
                                  fmt::arg("repository", shell_quote(repository)));
    for (std::string_view part : {kHookGuards, kHookStaging, kHookStagedNotes, kHookAgenda})
        out += part;
    return out;
}

}  // namespace touchbase
