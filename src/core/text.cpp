#include "text.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace touchbase {

// ------------------------------------------------------------ ASCII

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return ascii_lower(x) == ascii_lower(y);
           });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool istarts_with_at(std::string_view text, std::size_t at, std::string_view word) {
    return at <= text.size() && istarts_with(text.substr(at), word);
}

std::string ascii_lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = ascii_lower(c);
    return out;
}

std::string_view trim_trailing_blanks(std::string_view s) {
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    return trim_trailing_blanks(s);
}

// ------------------------------------------------------------ UTF-8

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    if (b < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte (RFC 3629 table)
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0) lo = 0xA0;  // overlong
        if (b == 0xED) hi = 0x9F;  // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0) lo = 0x90;  // overlong
        if (b == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        return 0;  // 0x80-0xC1 (continuation, overlong) and 0xF5-0xFF
    }
    if (i + n > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return n;
}

long next_code_point(std::string_view s, std::size_t& i) {
    const std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
        ++i;
        return -1;
    }
    const auto b = static_cast<unsigned char>(s[i]);
    long cp = n == 1 ? b : b & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += n;
    return cp;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        // Most of a note is ASCII: eight bytes at a time while no byte has
        // its high bit set (this guard runs on every byte of every note).
        std::uint64_t word;
        while (i + sizeof word <= text.size() && (std::memcpy(&word, text.data() + i, sizeof word),
                                                  (word & 0x8080808080808080u) == 0))
            i += sizeof word;
        if (i >= text.size()) break;
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

// ------------------------------------------------------------ white space

namespace {

// Whether white space (as space_at) may start with this byte.
constexpr bool may_start_space(char c) {
    const auto b = static_cast<unsigned char>(c);
    return is_ascii_space(c) || b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3;
}

}  // namespace

std::size_t space_at(std::string_view s, std::size_t at) {
    if (at >= s.size()) return 0;
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
    const unsigned char c = b(0);
    if (is_ascii_space(static_cast<char>(c))) return 1;
    if (c == 0xC2 && at + 1 < s.size() && b(1) == 0xA0) return 2;
    if (at + 2 < s.size()) {
        if (c == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;  // U+1680
        if (c == 0xE2 && b(1) == 0x80 && (b(2) <= 0x8A || b(2) == 0xAF))
            return 3;                                             // U+2000..200A, U+202F
        if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
        if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
    }
    return 0;
}

bool space_before(std::string_view s, std::size_t at) {
    for (std::size_t len = 1; len <= 3 && len <= at; ++len)
        if (space_at(s, at - len) == len) return true;
    return false;
}

std::size_t skip_spaces(std::string_view s, std::size_t at) {
    while (std::size_t n = space_at(s, at)) at += n;
    return at;
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending = false;
    for (std::size_t i = 0; i < s.size();) {
        if (std::size_t n = space_at(s, i)) {
            pending = true;
            i += n;
            continue;
        }
        if (pending && !out.empty()) out += ' ';
        pending = false;
        // The run up to the next byte that may start white space, whole.
        std::size_t end = i + 1;
        while (end < s.size() && !may_start_space(s[end])) ++end;
        out.append(s, i, end - i);
        i = end;
    }
    return out;
}

// ------------------------------------------------------------ lines

std::size_t next_line_start(std::string_view text, std::size_t pos) {
    const std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) return text.size();
    if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') return end + 2;
    return end + 1;
}

std::string_view rest_of_line(std::string_view text, std::size_t pos) {
    const std::string_view rest = text.substr(std::min(pos, text.size()));
    return rest.substr(0, rest.find_first_of("\r\n"));
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
    starts_.push_back(0);
    if (text.find('\r') == std::string_view::npos) {
        // LF only, as most notes are: memchr finds the line ends.
        for (std::size_t i = text.find('\n'); i != std::string_view::npos;
             i = text.find('\n', i + 1))
            starts_.push_back(i + 1);
        return;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        if (text[i] == '\n' || text[i] == '\r') starts_.push_back(i + 1);
    }
}

std::size_t LineIndex::start(int line) const {
    if (line < 1) return 0;
    const auto i = static_cast<std::size_t>(line - 1);
    return i < starts_.size() ? starts_[i] : text_.size();
}

std::string_view LineIndex::content(int line) const {
    const std::size_t from = start(line);
    std::size_t to = after(line);
    if (to > from && text_[to - 1] == '\n') --to;
    if (to > from && text_[to - 1] == '\r') --to;
    return text_.substr(from, to - from);
}

int LineIndex::line_of(std::size_t offset) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<int>(it - starts_.begin());
}

int LineIndex::column_of(std::size_t offset) const {
    return static_cast<int>(offset - start(line_of(offset))) + 1;
}

TextPosition position_of(std::string_view bytes, std::size_t offset) {
    const std::size_t skip = starts_with_bom(bytes) && offset >= kBom.size() ? kBom.size() : 0;
    const std::string_view text = bytes.substr(skip);
    offset -= skip;
    // Counted without building an index: called once per reported byte.
    TextPosition pos;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
            ++pos.line;
            line_start = i + 1;
        }
    }
    pos.column = static_cast<int>(offset - line_start) + 1;
    return pos;
}

std::optional<std::string_view> line_text(std::string_view bytes, int line) {
    if (line < 1) return std::nullopt;
    const std::string_view text = strip_bom(bytes);
    std::size_t pos = 0;
    for (int l = 1; l < line; ++l) {
        const std::size_t end = text.find_first_of("\r\n", pos);
        if (end == std::string_view::npos) return std::nullopt;
        pos = next_line_start(text, end);
    }
    return rest_of_line(text, pos);
}

}  // namespace touchbase
