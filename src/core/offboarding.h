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

// SPEC §5.4, a corrected project_end: offboarded is set, project_end is
// within 30 days of it (either way), and the note still has an open task in
// a section whose heading starts with `Coming off client work`. Then only
// offboarded is set. `body` is the note's body, its first line file line
// `first_line`; `open_task_lines` the file lines of its open tasks
// (BodyScan::open_tasks).
bool checklist_in_progress(std::optional<Date> project_end, std::optional<Date> offboarded,
                           std::string_view body, int first_line,
                           const std::vector<int>& open_task_lines);

// SPEC §5.4: why `append` (offboarding_append's text) would not be read as
// the checklist after `body` (the note ends inside a fenced code block or an
// HTML block that a blank line does not end), or nullopt when it would.
std::optional<std::string> checklist_swallowed(std::string_view body, std::string_view append);

// SPEC §5.4: the warning for an active client whose project_end is not after
// today, or nullopt.
std::optional<std::string> active_past_project_end(std::optional<Date> project_end,
                                                   Engagement engagement, Date today);

}  // namespace touchbase
