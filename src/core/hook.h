// The git pre-commit hook that `touchbase init` installs (spec §7.3). Pure:
// the script's text only; command_init.cpp writes it where git keeps hooks.
//
// What the hook does (the README's "The git hook" says it for users):
// - A hook that `init --force` replaced (pre-commit.bak beside it) runs first;
//   when it fails, the commit stops as it did before.
// - It acts only in the repository it was installed for (it records that
//   repository when its hooks folder is outside it, a global core.hooksPath),
//   and only while the notes folder has a .touchbase.yaml.
// - It checks the notes the commit records, as they are staged (the index,
//   with the configuration files of their folders), not the working tree, so
//   `git commit` a second time, `git commit FILE` and `git commit -a` are all
//   checked. A stale note with no unstaged changes is updated
//   (`touchbase run NOTE...`) and added to the commit; a stale note with
//   unstaged changes stops the commit with a list, before anything is
//   written. Notes the commit does not record (and so notes git ignores) are
//   left alone.
// - A tracked agenda is written from the working tree (`agenda --output`)
//   and staged; it never stops a commit. With `git commit FILE` git commits
//   from a temporary index: what the hook stages goes into the real one too,
//   so nothing stale is left staged after the commit.
// - A note with an error is printed and does not stop the commit; a bad
//   configuration or a missing binary does.
#pragma once

#include <string>
#include <string_view>

namespace touchbase {

// The second line: how `init` recognizes its own hook, whatever binary path
// it names (spec §7.3).
inline constexpr std::string_view kHookMarker = "# touchbase pre-commit hook";

// True when `text` is a hook that `touchbase init` wrote (any version).
bool is_touchbase_hook(std::string_view text);

// `touchbase_path`: the absolute path of the binary; `notes_dir`: DIR
// relative to the top of the working tree ("." for the top itself);
// `repository`: the absolute path of the repository's git folder when the
// hook is installed outside it (it then acts only there), else empty.
std::string pre_commit_hook(std::string_view touchbase_path, std::string_view notes_dir,
                            std::string_view repository = {});

// `text` as one single-quoted POSIX shell word.
std::string shell_quote(std::string_view text);

}  // namespace touchbase
