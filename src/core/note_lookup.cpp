#include "note_lookup.h"

#include <algorithm>

#include "name_fold.h"

namespace touchbase {

NoteLookup find_note(std::string_view query, const std::vector<NoteName>& notes) {
    NoteLookup out;
    const std::string wanted = fold_name(query);
    if (wanted.empty()) return out;
    std::vector<NoteName> exact, prefix;
    for (const auto& n : notes) {
        const std::string name = fold_name(n.name);
        const std::string stem = fold_name(n.stem);
        if (name == wanted || stem == wanted)
            exact.push_back(n);
        else if (name.starts_with(wanted) || stem.starts_with(wanted))
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
