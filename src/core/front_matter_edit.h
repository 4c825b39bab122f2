// Planning the byte edits to the owned values (SPEC §9).
#pragma once

#include <optional>
#include <vector>

#include "date.h"
#include "edit.h"
#include "front_matter.h"

namespace touchbase {

// The values touchbase wants in the owned keys; nullopt means "leave the key
// as it is" (touchbase never writes null and never deletes a key).
struct OwnedValues {
    std::optional<Date> last_contact;
    std::optional<Duration> counter;
    std::optional<Date> next_contact;
    std::optional<Date> offboarded;
};

// For each wanted value: nothing if the key's value already means the same
// (a date equal to it, a duration that means_same); a replacement of the value
// token keeping quoting style, spacing and comment if the key is present (an
// empty value gets one space after the colon); else a `key: value` line
// inserted before the closing delimiter, in SPEC §3 order, with split.eol.
std::vector<Edit> plan_owned_edits(std::string_view bytes, const Split& split,
                                   const FrontMatter& fm, const OwnedValues& wanted);

// The text of a value in the slot's quoting style: plain, '...' or "...".
std::string quoted_value(const OwnedSlot& slot, std::string_view value);

}  // namespace touchbase
