// spec §9: touchbase edits an owned value in place, so the value must sit on
// its key's own line, plain or quoted. This is the lexer of that one line, a
// pure function of its text (positions out, no YAML parser);
// front_matter_owned.cpp checks what it finds against what yaml-cpp read.
#pragma once

#include <cstddef>
#include <string_view>

namespace touchbase {

struct OwnedValueToken {
    enum class Kind {
        value,      // a plain or quoted value: [start, end)
        empty,      // nothing after the colon but blanks and maybe a comment
        bad_key,    // the line does not start with the key (plain or quoted) at column 1
        bad_value,  // the value breaks the rule: `what`, at `error_column`
    } kind = Kind::bad_key;
    std::size_t after_colon = 0;   // offset just after the ':'
    std::size_t start = 0;         // the value's first byte (after the blanks)
    std::size_t end = 0;           // just after the value (quotes included); start when empty
    char quote = 0;                // 0 plain, '\'' or '"'
    std::size_t error_column = 0;  // 0-based, for bad_value
    const char* what = "";         // for bad_value: what is wrong, for the message
};

// `line` is the key's line without its line ending.
OwnedValueToken lex_owned_value(std::string_view line, std::string_view key);

// Whether `line` starts with `key` at column 1 (plain or quoted), then
// blanks, then ':' ending the key (followed by a blank or the line's end).
bool starts_with_owned_key(std::string_view line, std::string_view key);

}  // namespace touchbase
