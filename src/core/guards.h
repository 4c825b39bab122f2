// Whole-text guards of SPEC §9, run on a file's bytes before any of them
// reaches yaml-cpp or cmark-gfm: the text must be valid UTF-8 and hold no
// NUL byte. (The 10 MiB limit is read_file's; the front matter's size and
// depth limits are read_front_matter's.)
#pragma once

#include <optional>
#include <string_view>

#include "problem.h"
#include "text.h"  // first_invalid_utf8, valid_utf8, position_of

namespace touchbase {

// SPEC §9: an error for the first invalid UTF-8 byte or NUL byte of `bytes`,
// at its position, naming the byte in hex (never echoing it); nullopt when
// the text is clean. `file` is used in the problem only; `subject` starts
// the message ("the note", "the configuration").
[[nodiscard]] std::optional<Problem> check_text(std::string_view bytes, std::string_view file,
                                                std::string_view subject);

}  // namespace touchbase
