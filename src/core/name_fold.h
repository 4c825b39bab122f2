// Names compared as people type them (`touchbase log "cafe mun"` finds
// `Café Münster`): without regard to case in every script, and without
// accents. Pure; no ICU: case comes from the C library under the C.UTF-8
// locale, accents from a table of the Latin, Greek and Cyrillic letters
// (name_fold_table.inc, made by scripts/gen-fold-table from Unicode data).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace touchbase {

// `text` folded for comparison: each letter in lower case (towlower under
// C.UTF-8, every script), a Latin, Greek or Cyrillic letter with accents as
// its base letter (é → e, Ü → u, ά → α, ё → е), combining marks dropped, the
// letters that are not a base letter with accents spelt out (ß → ss, æ → ae,
// œ → oe, ø → o, ł → l, đ → d, ð → d, þ → th, ı → i), Greek final sigma as
// sigma, and runs of white space as one space. Bytes that are not UTF-8 are
// kept as they are. Two names match when their folds are equal.
std::string fold_name(std::string_view text);

// The pieces, for one code point.
// Lower case in every script (towlower under C.UTF-8; ASCII only where the C
// library has no C.UTF-8 locale).
std::uint32_t lower_case(std::uint32_t cp);
// A Latin, Greek or Cyrillic letter with accents as its base letter in lower
// case (É → e); any other code point as it is.
std::uint32_t without_accents(std::uint32_t cp);
// A letter or digit of any script (iswalnum under C.UTF-8).
bool is_letter_or_digit(std::uint32_t cp);
// A mark that combines with the letter before it (a virama, a dakuten, an
// accent): the C library's `combining` class under C.UTF-8.
bool is_combining(std::uint32_t cp);
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace touchbase
