// Creating a file safely: never half-written, never over someone else's
// file, no descriptor left open (spec §9). `init` writes .touchbase.yaml and
// the git hook with it, `new` the new note.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace touchbase {

enum class Created { created, exists, failed };

struct CreateResult {
    Created outcome = Created::failed;
    std::string error;  // for Created::failed
};

// Creates `path` holding `bytes`, with `mode` less the umask, only when
// nothing is there yet (a dangling link counts as something). The bytes go to
// a hidden temporary file beside it (`.new.touchbase-XXXXXX`, which a run
// removes if this process is killed), flushed, then linked at `path` in one
// step that fails if `path` exists; the temporary is removed whatever
// happens. So `path` is either absent or whole.
[[nodiscard]] CreateResult create_new_file(const std::filesystem::path& path,
                                           std::string_view bytes, unsigned mode);

// Writes `bytes` over `path` (or creates it) the same way, renaming the
// temporary over it: `path` has either its old bytes or the new ones. The
// mode is `mode` less the umask. Returns an error message.
[[nodiscard]] std::optional<std::string> replace_file(const std::filesystem::path& path,
                                                      std::string_view bytes, unsigned mode);

}  // namespace touchbase
