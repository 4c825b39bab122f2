// Near misses (spec §3, §4.1).
#include "spelling.h"

#include <utility>

#include "text.h"

namespace touchbase {

bool one_edit_apart(std::string_view a, std::string_view b) {
    if (a.size() > b.size()) std::swap(a, b);
    if (b.size() - a.size() > 1) return false;
    std::size_t i = 0;
    while (i < a.size() && ascii_lower(a[i]) == ascii_lower(b[i])) ++i;
    if (i == a.size()) return true;  // equal, or b has one more at the end
    if (a.size() == b.size()) {
        // a substitution at i, or a swap of i and i + 1
        if (iequals(a.substr(i + 1), b.substr(i + 1))) return true;
        return i + 1 < a.size() && ascii_lower(a[i]) == ascii_lower(b[i + 1]) &&
               ascii_lower(a[i + 1]) == ascii_lower(b[i]) &&
               iequals(a.substr(i + 2), b.substr(i + 2));
    }
    return iequals(a.substr(i), b.substr(i + 1));  // b has one more at i
}

}  // namespace touchbase
