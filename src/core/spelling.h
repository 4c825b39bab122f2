// Near misses (spec §3, §4.1): a word one edit away from a word of ours is
// most likely a typing mistake, and touchbase says which word it resembles.
#pragma once

#include <string_view>

namespace touchbase {

// Whether `a` and `b` are at most one edit apart: one insertion, deletion or
// substitution, or two neighbouring characters swapped; ASCII case ignored.
bool one_edit_apart(std::string_view a, std::string_view b);

}  // namespace touchbase
