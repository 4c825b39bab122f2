// Log sections by name (spec §4.1).
#include "log_heading.h"

#include <algorithm>
#include <cstdint>

#include "text.h"

namespace touchbase {

namespace {

bool is_word_char(std::uint32_t cp) {
    if (cp < 0x80) return is_ascii_alnum(static_cast<char>(cp));
    if (cp <= 0xBF) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;  // Latin-1 punctuation, symbols
    if (cp == 0xD7 || cp == 0xF7) return false;                     // × ÷
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;    // punctuation, symbols, arrows, dingbats
    if (cp >= 0x3000 && cp <= 0x303F) return false;    // CJK punctuation
    if (cp >= 0xFE00 && cp <= 0xFE0F) return false;    // variation selectors
    if (cp >= 0xFE30 && cp <= 0xFE4F) return false;    // CJK compatibility forms
    if (cp >= 0xFF00 && cp <= 0xFF0F) return false;    // full-width punctuation
    if (cp >= 0x1F000 && cp <= 0x1FBFF) return false;  // emoji, symbols
    if (cp >= 0xE0000) return false;                   // tags, private use
    return cp != 0xFFFD;                               // the replacement character
}

void append_lower(std::string& out, std::string_view s, std::size_t at, std::size_t len,
                  std::uint32_t cp) {
    if (len == 1) {
        out += ascii_lower(s[at]);
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
        // A byte that starts no valid UTF-8 sequence (notes and the
        // configuration are checked first) separates words.
        const std::size_t at = i;
        const long cp = next_code_point(text, i);
        if (cp >= 0 && is_word_char(static_cast<std::uint32_t>(cp))) {
            if (!(cp < 0x80 && is_digit(static_cast<char>(cp)))) digits_only = false;
            append_lower(word, text, at, i - at, static_cast<std::uint32_t>(cp));
        } else {
            flush();
        }
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
