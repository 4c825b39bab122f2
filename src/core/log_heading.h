// Log sections by name (spec §4.1): a heading is a log section when its words
// are those of one of the configured `log_heading` names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace touchbase {

// The words of a heading, compared as spec §4.1 says: runs of letters and
// digits (anything else, emoji and punctuation included, separates words),
// lower-cased, words made only of digits left out. `## 📞 Log (2025):`
// gives {"log"}. Letters are ASCII letters and every code point that is not
// punctuation, a symbol or a space (no Unicode tables: the ranges of general
// punctuation, symbols, arrows, dingbats, emoji and variation selectors
// separate words); lower-casing covers ASCII and Latin-1 letters.
std::vector<std::string> log_heading_words(std::string_view text);

class LogHeadings {
public:
    explicit LogHeadings(const std::vector<std::string>& names);
    // Whether a heading with this plain text names a log section.
    bool matches(std::string_view heading_text) const;
    bool empty() const { return names_.empty(); }

private:
    std::vector<std::vector<std::string>> names_;  // the words of each name
};

}  // namespace touchbase
