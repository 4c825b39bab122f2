// `touchbase log NOTE`: which note a client name points at. Pure.
//
// Decisions where the spec is silent (to be carried into the README):
// - NOTE matches a note's name (SPEC §3: front-matter `name`, else the first
//   H1, else the file name without `.md`) or its file name without `.md`,
//   without regard to case in every script and without accents
//   (name_fold.h: `cafe mun` finds `Café Münster`).
// - An exact match wins over prefixes; otherwise NOTE must be the prefix of
//   one note only. Several exact matches, or several prefix matches, are
//   ambiguous: the candidates are listed and nothing is written.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace touchbase {

struct NoteName {
    std::string file;  // relative to DIR, '/' separators
    std::string name;  // SPEC §3 name
    std::string stem;  // file name without .md
};

struct NoteLookup {
    enum class Kind { found, ambiguous, none } kind = Kind::none;
    std::vector<NoteName> matches;  // one when found; the candidates, by file, when ambiguous
};

NoteLookup find_note(std::string_view query, const std::vector<NoteName>& notes);

}  // namespace touchbase
