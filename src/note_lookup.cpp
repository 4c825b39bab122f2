#include "note_lookup.h"

#include <algorithm>

#include "text.h"

namespace touchbase {

NoteLookup find_note(std::string_view query, const std::vector<NoteName>& notes) {
    NoteLookup out;
    if (query.empty()) return out;
    std::vector<NoteName> exact, prefix;
    for (const auto& n : notes) {
        if (iequals(n.name, query) || iequals(n.stem, query))
            exact.push_back(n);
        else if (istarts_with(n.name, query) || istarts_with(n.stem, query))
            prefix.push_back(n);
    }
    std::vector<NoteName>& chosen = exact.empty() ? prefix : exact;
    std::sort(chosen.begin(), chosen.end(),
              [](const NoteName& a, const NoteName& b) { return a.file < b.file; });
    if (chosen.empty()) return out;
    out.kind = chosen.size() == 1 ? NoteLookup::Kind::found : NoteLookup::Kind::ambiguous;
    out.matches = std::move(chosen);
    return out;
}

}  // namespace touchbase
