// The git pre-commit hook that `touchbase init` installs (SPEC §7). Pure:
// the script's text only; command_init.cpp writes it where git keeps hooks.
//
// What the hook does (to be carried into the README):
// - It runs from the top of the working tree (as git runs hooks), finds the
//   touchbase binary at the absolute path written by `init`, else on PATH.
// - `touchbase check` tells which notes are stale; `touchbase run --quiet`
//   then updates them and writes the agenda. The commit stops (exit 1) only
//   when a note was updated, listing it, so you review it and `git add` it;
//   the next commit goes through.
// - The agenda (key `agenda` of DIR/.touchbase.yaml, default agenda.md) is
//   staged with `git add` when git tracks it, so it never blocks a commit.
// - A note with an error does not block the commit (the error is printed and
//   listed in the agenda); a bad config (exit 2), a lock held for more than
//   10 seconds (exit 4) or a missing binary does.
#pragma once

#include <string>
#include <string_view>

namespace touchbase {

// The first line after the shebang: how `init` recognizes its own hook.
inline constexpr std::string_view kHookMarker = "# touchbase pre-commit hook";

// `touchbase_path`: the absolute path of the binary; `notes_dir`: DIR
// relative to the top of the working tree ("." for the top itself).
std::string pre_commit_hook(std::string_view touchbase_path, std::string_view notes_dir);

// `text` as one single-quoted POSIX shell word.
std::string shell_quote(std::string_view text);

}  // namespace touchbase
