// The git pre-commit hook that `touchbase init` installs (SPEC §7). Pure:
// the script's text only; command_init.cpp writes it where git keeps hooks.
//
// What the hook does: docs/decisions.md#hook-behaviour.
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
