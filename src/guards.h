// Whole-text guards of SPEC §9, run on a file's bytes before any of them
// reaches yaml-cpp or cmark-gfm: the text must be valid UTF-8 and hold no
// NUL byte. (The 10 MiB limit is read_file's; the front matter's size and
// depth limits are read_front_matter's.)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "front_matter.h"
#include "front_matter_edit.h"
#include "problem.h"

namespace touchbase {

// The offset of the first byte that does not start or continue a valid UTF-8
// sequence (RFC 3629: no overlong forms, no surrogates, nothing above
// U+10FFFF, no truncated sequence), or nullopt when all of `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// A copy of `text` in which every invalid UTF-8 byte is replaced by U+FFFD,
// so that a message or a JSON string never echoes invalid bytes.
std::string valid_utf8(std::string_view text);

// The file position (SPEC §4.2: lines from 1, a leading BOM not counted;
// columns from 1, in bytes) of byte `offset` of `bytes`.
struct TextPosition {
    int line = 1;
    int column = 1;
};
TextPosition position_of(std::string_view bytes, std::size_t offset);

// SPEC §9: an error for the first invalid UTF-8 byte or NUL byte of `bytes`,
// at its position, naming the byte in hex (never echoing it); nullopt when
// the text is clean. `file` is used in the problem only; `subject` starts
// the message ("the note", "the configuration").
std::optional<Problem> check_text(std::string_view bytes, std::string_view file,
                                  std::string_view subject);

// The safety net after edits (SPEC §9): `updated`, the note's new bytes,
// must still split as a note, read without error, and hold in its owned keys
// the values planned (`wanted`, else those `before` had). Returns what went
// wrong, or nullopt. A failure means a bug in touchbase: the caller writes
// nothing and reports an internal error.
std::optional<std::string> verify_rewrite(std::string_view updated, std::string_view file,
                                          const FrontMatter& before, const OwnedValues& wanted);

}  // namespace touchbase
