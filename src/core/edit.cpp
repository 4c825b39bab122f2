#include "edit.h"

#include <algorithm>

namespace touchbase {

std::string apply_edits(std::string_view original, std::vector<Edit> edits) {
    std::stable_sort(edits.begin(), edits.end(),
                     [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
    std::string out;
    out.reserve(original.size() + 128);
    std::size_t pos = 0;
    for (const auto& e : edits) {
        out.append(original.substr(pos, e.offset - pos));
        out.append(e.replacement);
        pos = e.offset + e.length;
    }
    out.append(original.substr(pos));
    return out;
}

}  // namespace touchbase
