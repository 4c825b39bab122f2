// `touchbase log NOTE`: which note a client name points at. Pure.
//
// How a name matches (case, exact before prefix, ambiguity): docs/decisions.md#log-note.
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
