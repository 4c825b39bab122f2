// Edits are byte ranges on the original text (DESIGN): this is how "every
// other byte stays as it was" (SPEC §9) is kept by construction.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace touchbase {

struct Edit {
    std::size_t offset = 0;  // in the original bytes
    std::size_t length = 0;  // bytes replaced (0 = insertion)
    std::string replacement;
    friend bool operator==(const Edit&, const Edit&) = default;
};

// Applies non-overlapping edits (in any order; sorted by offset, insertions
// at the same offset kept in the given order).
std::string apply_edits(std::string_view original, std::vector<Edit> edits);

}  // namespace touchbase
