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

// Whether a heading with this plain text names a log section: its words are
// those of one of `names` (a name without words names none). The names'
// words are worked out once per thread, not once per note.
bool names_log_section(const std::vector<std::string>& names, std::string_view heading_text);

}  // namespace touchbase
