#include "note_lookup.h"

#include <algorithm>

namespace touchbase {

namespace {

char fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                              [](char x, char y) { return fold(x) == fold(y); });
}

bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

}  // namespace

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
