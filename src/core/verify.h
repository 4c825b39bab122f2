// The safety net after edits (spec §9): a rewritten note is read back before
// it is written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "front_matter.h"
#include "front_matter_edit.h"

namespace touchbase {

// The safety net after edits (SPEC §9): `updated`, the note's new bytes,
// must still split as a note, read without error, and hold in its owned keys
// the values planned (`wanted`, else those `before` had). Returns what went
// wrong, or nullopt. A failure means a bug in touchbase: the caller writes
// nothing and reports an internal error.
std::optional<std::string> verify_rewrite(std::string_view updated, std::string_view file,
                                          const FrontMatter& before, const OwnedValues& wanted);

}  // namespace touchbase
