// The bottom layer: characters, UTF-8, the byte order mark, white space and
// lines. Every module that looks at text character by character takes these
// from here, so there is one idea of each (a digit, white space, a line).
// Locale-free on purpose: <cctype> answers depend on the C locale.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchbase {

// ------------------------------------------------------------ ASCII

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_ascii_alnum(char c) { return is_digit(c) || is_ascii_letter(c); }
// A blank: space or tab, what separates words on one line.
constexpr bool is_blank(char c) { return c == ' ' || c == '\t'; }
// ASCII white space: blanks, line endings, vertical tab and form feed.
constexpr bool is_ascii_space(char c) {
    return is_blank(c) || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}
constexpr char ascii_lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Equal ignoring ASCII case (other bytes compare exactly).
bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view text, std::string_view prefix);
// `word` at offset `at` of `text`, ignoring ASCII case.
bool istarts_with_at(std::string_view text, std::size_t at, std::string_view word);
std::string ascii_lowercase(std::string_view text);

// Without leading and trailing blanks (spaces and tabs).
std::string_view trim_blanks(std::string_view s);
std::string_view trim_trailing_blanks(std::string_view s);

// ------------------------------------------------------------ UTF-8

constexpr bool is_utf8_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The length of the valid UTF-8 sequence (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF, no truncated sequence) starting at
// byte `i` of `s`, or 0 when none starts there.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// The code point at byte `i` of `s`, advancing `i` past it; -1 for a byte
// that does not start a valid sequence (`i` then advances by one byte).
long next_code_point(std::string_view s, std::size_t& i);

// The offset of the first byte that does not start or continue a valid UTF-8
// sequence, or nullopt when all of `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

// A copy of `text` in which every invalid UTF-8 byte is replaced by U+FFFD,
// so that a message or a JSON string never echoes invalid bytes.
std::string valid_utf8(std::string_view text);

// ------------------------------------------------------------ BOM

inline constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr bool starts_with_bom(std::string_view s) { return s.substr(0, kBom.size()) == kBom; }
// The text after a leading byte order mark (the text itself when there is none).
constexpr std::string_view strip_bom(std::string_view s) {
    return starts_with_bom(s) ? s.substr(kBom.size()) : s;
}

// ------------------------------------------------------------ white space

// Byte length of the white-space character at `at`, or 0. White space is
// ASCII white space and the Unicode space separators (U+00A0 no-break space,
// U+1680, U+2000..U+200A, U+202F narrow no-break space, U+205F, U+3000):
// spec §4.2 counts non-breaking spaces as white space.
std::size_t space_at(std::string_view s, std::size_t at);
// Whether a white-space character ends just before `at`.
bool space_before(std::string_view s, std::size_t at);
std::size_t skip_spaces(std::string_view s, std::size_t at);
// The offset of the first byte at or after `at` that is not a blank (space
// or tab); the size of `s` when there is none.
constexpr std::size_t skip_blanks(std::string_view s, std::size_t at) {
    while (at < s.size() && is_blank(s[at])) ++at;
    return at;
}
// Runs of white space (as space_at) made one space, then trimmed (spec §4.2).
std::string collapse_spaces(std::string_view s);

// ------------------------------------------------------------ lines

// The one line-ending convention: a line ends at LF, at CRLF, or at a lone
// CR (as cmark-gfm counts lines, and as YAML 1.2 defines line breaks).
// Lines are numbered from 1. A LineIndex is built over one text and answers
// both ways: offset -> line and column (columns from 1, in bytes), and line
// -> its offsets and content.
class LineIndex {
public:
    explicit LineIndex(std::string_view text);

    int line_count() const { return static_cast<int>(starts_.size()); }
    // Offset of the start of 1-based `line`; the end of the text past the last line.
    std::size_t start(int line) const;
    // Offset just after the line ending of `line` (the end of the text for the last line).
    std::size_t after(int line) const { return start(line + 1); }
    // The line's text without its line ending.
    std::string_view content(int line) const;
    // The 1-based line holding byte `offset` (an offset past the end: the last line).
    int line_of(std::size_t offset) const;
    // The 1-based byte column of `offset` on its line.
    int column_of(std::size_t offset) const;

private:
    std::string_view text_;
    std::vector<std::size_t> starts_;
};

// The offset just after the line ending of the line holding `pos` (the end
// of the text for the last line), by the same convention.
std::size_t next_line_start(std::string_view text, std::size_t pos);
// The line that holds `pos`, from `pos` to its line ending (excluded).
std::string_view rest_of_line(std::string_view text, std::size_t pos);

// A file position: line from 1 (a leading BOM not counted, spec §4.2) and
// byte column from 1.
struct TextPosition {
    int line = 1;
    int column = 1;
};
// The position of byte `offset` of a whole file's `bytes`.
TextPosition position_of(std::string_view bytes, std::size_t offset);

// The text of 1-based `line` of a whole file's `bytes` (a leading BOM not
// counted), without its line ending; nullopt past the last line.
std::optional<std::string_view> line_text(std::string_view bytes, int line);

}  // namespace touchbase
