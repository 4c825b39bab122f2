// Coming off client work (SPEC §5.4): when the checklist is due, and the
// exact text appended to the note. Pure: no files, no clock.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "date.h"
#include "schedule.h"

namespace touchbase {

// SPEC §5.4: project_end is set and not after today, the engagement is
// neither active nor paused, and offboarded differs from project_end (so a
// checklist the user deleted after it was added never comes back, and a
// later project_end adds a new one).
bool offboarding_due(std::optional<Date> project_end, std::optional<Date> offboarded,
                     Engagement engagement, Date today);

struct OffboardingAppend {
    std::string text;                  // empty when `error` is set
    std::optional<std::string> error;  // a due date would pass 9999-12-31
};

// The bytes appended to `note` (the whole file): what ends its last line if
// it has no line ending, one blank line unless it already ends with one, then
// "## Coming off client work (DATE)" and one task per step, each due at
// project_end + after when the step has an offset. Every line ends in `eol`,
// the note's own line ending.
OffboardingAppend offboarding_append(std::string_view note, std::string_view eol, Date project_end,
                                     const std::vector<OffboardingStep>& steps);

}  // namespace touchbase
