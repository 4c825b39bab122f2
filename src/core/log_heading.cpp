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
    for (std::size_t i = 0; i < text.size();) {
        // A byte that starts no valid UTF-8 sequence (notes and the
        // configuration are checked first) separates words.
        const std::size_t at = i;
        const char c = text[at];
        bool word_char = false;
        if (static_cast<unsigned char>(c) < 0x80) {  // most headings are ASCII
            ++i;
            word_char = is_ascii_alnum(c);
            if (word_char) word += ascii_lower(c);
        } else if (const long cp = next_code_point(text, i);
                   cp >= 0 && is_word_char(static_cast<std::uint32_t>(cp))) {
            word_char = true;
            append_lower(word, text, at, i - at, static_cast<std::uint32_t>(cp));
        }
        if (word_char) {
            digits_only = digits_only && is_digit(c);
        } else {
            if (!word.empty() && !digits_only) words.push_back(word);
            word.clear();
            digits_only = true;
        }
    }
    if (!word.empty() && !digits_only) words.push_back(word);
    return words;
}

namespace {

// The words of each name that has some, worked out once per thread for the
// names in use: a run has one configuration, and the names are compared, not
// trusted by address, so a different list is never answered from the last.
const std::vector<std::vector<std::string>>& words_of(const std::vector<std::string>& names) {
    thread_local std::vector<std::string> cached_names;
    thread_local std::vector<std::vector<std::string>> cached_words;
    if (cached_names != names) {
        cached_words.clear();
        for (const std::string& name : names)
            if (auto words = log_heading_words(name); !words.empty())
                cached_words.push_back(std::move(words));
        cached_names = names;
    }
    return cached_words;
}

}  // namespace

bool names_log_section(const std::vector<std::string>& names, std::string_view heading_text) {
    const auto& names_words = words_of(names);
    if (names_words.empty()) return false;
    const std::vector<std::string> words = log_heading_words(heading_text);
    return std::find(names_words.begin(), names_words.end(), words) != names_words.end();
}

}  // namespace touchbase
