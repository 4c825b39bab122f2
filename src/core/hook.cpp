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

std::string pre_commit_hook(std::string_view touchbase_path, std::string_view notes_dir) {
    return fmt::format(R"hook(#!/bin/sh
{marker} (written by `touchbase init`; `touchbase init --force` rewrites it).
# Brings the client notes up to date before each commit. The commit stops only
# when touchbase updated a note, so you can review the change and `git add` it.
# A tracked agenda is staged, so the agenda never blocks a commit.
touchbase={binary}
notes={notes}

if [ ! -x "$touchbase" ]; then
    touchbase=$(command -v touchbase) || {{
        echo "touchbase pre-commit hook: touchbase is not installed (or commit with --no-verify)" >&2
        exit 1
    }}
fi
cd "$(git rev-parse --show-toplevel)" || exit 1

# Which notes are stale (exit 1, or 3 when another note has an error).
stale=$("$touchbase" check --color never "$notes" 2>&1)
case $? in
    0 | 1 | 3) ;;
    *) printf '%s\n' "$stale" >&2; exit 1 ;;
esac
stale=$(printf '%s\n' "$stale" | sed -n 's/^touchbase: \(.*\) would be updated$/\1/p')

"$touchbase" run --quiet "$notes"
case $? in
    0 | 3) ;;
    *) exit 1 ;;
esac

# The agenda changes every day: stage it when git tracks it.
agenda=$(sed -n 's/^agenda:[[:space:]]*//p' "$notes/.touchbase.yaml" 2>/dev/null | head -n 1 |
    sed -e 's/[[:space:]]#.*$//' -e 's/[[:space:]]*$//' -e "s/^'\(.*\)'\$/\1/" -e 's/^"\(.*\)"$/\1/')
[ -n "$agenda" ] || agenda=agenda.md
case $agenda in
    /*) ;;
    *) agenda=$notes/$agenda ;;
esac
if git ls-files --error-unmatch -- "$agenda" >/dev/null 2>&1; then
    git add -- "$agenda" || exit 1
fi

if [ -n "$stale" ]; then
    echo "touchbase updated these notes; review them, git add them and commit again:" >&2
    printf '%s\n' "$stale" | sed "s|^|    $notes/|" >&2
    exit 1
fi
exit 0
)hook",
                       fmt::arg("marker", kHookMarker), fmt::arg("binary", shell_quote(touchbase_path)),
                       fmt::arg("notes", shell_quote(notes_dir)));
}

}  // namespace touchbase
