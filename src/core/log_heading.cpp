// Log sections by name (spec §4.1).
#include "log_heading.h"

#include <algorithm>
#include <cstdint>

namespace touchbase {

namespace {

// The code point at `at` and its length in bytes (the text is valid UTF-8:
// notes are checked first; a stray byte is taken as one separator).
std::pair<std::uint32_t, std::size_t> code_point(std::string_view s, std::size_t at) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
    const unsigned char c = b(0);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    if (at + len > s.size()) return {0xFFFD, 1};
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        if ((b(k) & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (b(k) & 0x3F);
    }
    return {cp, len};
}

bool is_word_char(std::uint32_t cp) {
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;  // Latin-1 punctuation, symbols
    if (cp == 0xD7 || cp == 0xF7) return false;                      // × ÷
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, dingbats
    if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
    if (cp >= 0xFE00 && cp <= 0xFE0F) return false;  // variation selectors
    if (cp >= 0xFE30 && cp <= 0xFE4F) return false;  // CJK compatibility forms
    if (cp >= 0xFF00 && cp <= 0xFF0F) return false;  // full-width punctuation
    if (cp >= 0x1F000 && cp <= 0x1FBFF) return false;  // emoji, symbols
    if (cp >= 0xE0000) return false;                   // tags, private use
    return cp != 0xFFFD;
}

void append_lower(std::string& out, std::string_view s, std::size_t at, std::size_t len,
                  std::uint32_t cp) {
    if (len == 1) {
        const char c = s[at];
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    } else if (len == 2 && cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
        const std::uint32_t lower = cp + 0x20;  // À..Þ to à..þ
        out += static_cast<char>(0xC0 | (lower >> 6));
        out += static_cast<char>(0x80 | (lower & 0x3F));
    } else {
        out.append(s.substr(at, len));
    }
}

}  // namespace

std::vector<std::string> log_heading_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    bool digits_only = true;
    auto flush = [&] {
        if (!word.empty() && !digits_only) words.push_back(word);
        word.clear();
        digits_only = true;
    };
    for (std::size_t i = 0; i < text.size();) {
        const auto [cp, len] = code_point(text, i);
        if (is_word_char(cp)) {
            if (!(cp >= '0' && cp <= '9')) digits_only = false;
            append_lower(word, text, i, len, cp);
        } else {
            flush();
        }
        i += len;
    }
    flush();
    return words;
}

LogHeadings::LogHeadings(const std::vector<std::string>& names) {
    for (const auto& name : names) {
        auto words = log_heading_words(name);
        if (!words.empty()) names_.push_back(std::move(words));
    }
}

bool LogHeadings::matches(std::string_view heading_text) const {
    if (names_.empty()) return false;
    const auto words = log_heading_words(heading_text);
    return std::find(names_.begin(), names_.end(), words) != names_.end();
}

}  // namespace touchbase
