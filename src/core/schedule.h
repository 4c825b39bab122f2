// Scheduling (SPEC §5.1-§5.3): the contact counter, engagements, the
// ceiling, workdays, pins and missed attempts. Pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "model.h"

namespace touchbase {

struct ScheduleSettings {
    Duration base{1, Unit::weeks};
    Duration cap{2, Unit::months};
    Duration at_least_every{6, Unit::months};
    Duration retry{2, Unit::days};
    Calendar calendar;
};

// The state stored in the front matter (SPEC §3, §5.1).
struct CounterState {
    std::optional<Date> last_contact;
    std::optional<Duration> counter;
    std::optional<Date>
        next_contact;  // as stored: the user's while L is absent, or when moved by hand
};

struct Schedule {
    std::optional<Date> last_contact;
    std::optional<Duration> counter;   // set once last_contact exists (absent -> base)
    std::optional<Date> next_contact;  // N; nullopt for paused or new
    bool write_next_contact = false;   // SPEC §5.2: whether touchbase owns and writes N
    bool pinned = false;               // N comes from a pin
    std::optional<std::string> error;  // a date past 9999-12-31 was needed (SPEC §1)
};

// SPEC §5.1: advance (L, C) with the contact entries. Exposed for tests.
struct Counter {
    std::optional<Date> last_contact;
    // No overflow to report: step 2 compares d + 2·C with d + cap exactly
    // even past 9999-12-31 (compare_at), and a count past 9999 becomes the
    // cap, so advancing the counter never needs a date it cannot hold. Only N
    // can overflow; schedule() reports that in Schedule::error.
    std::optional<Duration> counter;
};
Counter advance_counter(const CounterState& state, const std::vector<ContactEntry>& entries,
                        Engagement engagement, const ScheduleSettings& settings, Date today);

// SPEC §5.2, a next contact moved by hand: L is stored, no contact is dated
// after L (up to today), no contact dated L carries a pin, the stored
// next_contact is after L and differs from N0 (steps 1, 2 and 4 for the stored
// L and C, without what entries dated L add) under every engagement but
// paused, and from the retry after the newest missed attempt after L (a value
// touchbase wrote). Exposed for tests.
bool moved_by_hand(const CounterState& state, const std::vector<ContactEntry>& entries,
                   const ScheduleSettings& settings, Date today);

// SPEC §5.1 to §5.3 end to end.
Schedule schedule(const CounterState& state, const std::vector<ContactEntry>& entries,
                  Engagement engagement, const ScheduleSettings& settings, Date today);

enum class Status { overdue, due, new_client, upcoming, later, paused };
const char* to_string(Status s);  // "overdue", "due", "new", "upcoming", "later", "paused"
// SPEC §7.1 status from N, today and horizon.
Status status_of(Engagement engagement, std::optional<Date> next_contact, Date today,
                 Duration horizon);

}  // namespace touchbase
