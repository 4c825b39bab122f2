// Names compared as people type them (`touchbase log "cafe mun"` finds
// `Café Münster`): without regard to case in every script, and without
// accents. Pure; no ICU: case comes from the C library under the C.UTF-8
// locale, accents from a table of the Latin, Greek and Cyrillic letters
// (name_fold_table.inc, made by scripts/gen-fold-table from Unicode data).
#pragma once

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

}  // namespace touchbase
