// Scheduling (SPEC §5.1-§5.3, §7.1 status).
//
// Dates past 9999-12-31 are carried as an empty optional ("beyond the
// calendar") while N is worked out, so that a bound that cannot bind (a
// ceiling past the end of the calendar) does no harm; only an N that itself
// would pass 9999-12-31 is an error for the note (SPEC §1).
#include "schedule.h"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

namespace touchbase {

const char* to_string(Status s) {
    switch (s) {
        case Status::overdue: return "overdue";
        case Status::due: return "due";
        case Status::new_client: return "new";
        case Status::upcoming: return "upcoming";
        case Status::later: return "later";
        case Status::paused: return "paused";
    }
    return "later";
}

namespace {

// A contact (SPEC §4.1): neither #missed nor #card, and not a plan (dated
// after today). A card is not a conversation.
bool is_contact(const ContactEntry& e, Date today) {
    return !e.marks.missed && !e.marks.card && e.date <= today;
}

// Date arithmetic where "beyond 9999-12-31" is an empty optional.
using MaybeDate = std::optional<Date>;

MaybeDate earlier(MaybeDate a, MaybeDate b) {
    if (!a) return b;
    if (!b) return a;
    return std::min(*a, *b);
}

// §5.2 step 1 for (L, C): `follow_up` when a contact dated L has #needs or
// #news (casual and former then give L + C). Not for paused.
MaybeDate by_engagement(Date L, Duration C, Engagement engagement, bool follow_up,
                        const ScheduleSettings& settings) {
    switch (engagement) {
        case Engagement::active: {
            // The first workday after L. If none can be found, N falls back
            // on the ceiling and step 4 reports the missing workday.
            const MaybeDate after = L.plus_days(1);
            return after ? settings.calendar.next_workday(*after) : std::nullopt;
        }
        case Engagement::ongoing: return add(L, C);
        case Engagement::casual:
        case Engagement::former: return follow_up ? add(L, C) : add(L, settings.at_least_every);
        case Engagement::paused: break;
    }
    return std::nullopt;
}

// N0 (§5.2, a next contact moved by hand): steps 1, 2 and 4 for (L, C) under
// `engagement`, without pins, missed attempts or what entries dated L add.
// nullopt where no such date exists (it then matches no stored value).
MaybeDate plain_next(Date L, Duration C, Engagement engagement, const ScheduleSettings& settings) {
    const MaybeDate n =
        earlier(by_engagement(L, C, engagement, false, settings), add(L, settings.at_least_every));
    if (!n || settings.calendar.is_workday(*n)) return n;
    return settings.calendar.next_workday(*n);
}

}  // namespace

bool moved_by_hand(const CounterState& state, const std::vector<ContactEntry>& entries,
                   const ScheduleSettings& settings, Date today) {
    if (!state.last_contact || !state.next_contact) return false;
    const Date L = *state.last_contact;
    const Date stored = *state.next_contact;
    if (stored <= L) return false;
    for (const auto& e : entries) {
        if (!is_contact(e, today)) continue;
        if (e.date > L) return false;                   // the next contact ends a hand move
        if (e.date == L && e.marks.next) return false;  // a pin in the log beats it
    }
    const Duration C = state.counter.value_or(settings.base);
    for (Engagement e :
         {Engagement::active, Engagement::ongoing, Engagement::casual, Engagement::former})
        if (plain_next(L, C, e, settings) == stored) return false;  // touchbase's own value
    // Touchbase's own value too: the retry after the newest missed attempt
    // (§5.3, M + retry moved to a workday), which it wrote as N. Under the
    // same engagement recomputing gives that date again; after a change of
    // engagement it follows the new one (docs/decisions.md#hand-moved-next-contact).
    std::optional<Date> missed;
    for (const auto& e : entries)
        if (e.marks.missed && e.date <= today && e.date > L && (!missed || e.date > *missed))
            missed = e.date;
    if (missed) {
        MaybeDate retry = add(*missed, settings.retry);
        if (retry && !settings.calendar.is_workday(*retry))
            retry = settings.calendar.next_workday(*retry);
        if (retry == stored) return false;
    }
    return true;
}

Counter advance_counter(const CounterState& state, const std::vector<ContactEntry>& entries,
                        Engagement engagement, const ScheduleSettings& settings, Date today) {
    Counter out;
    out.last_contact = state.last_contact;
    out.counter = state.counter;

    // The new contacts, one per date with their tags joined, oldest first.
    std::map<Date, bool> resets;  // date -> carries #needs or #news
    for (const auto& e : entries) {
        if (!is_contact(e, today)) continue;
        if (out.last_contact && e.date <= *out.last_contact) continue;  // history
        bool& reset = resets[e.date];
        reset = reset || e.marks.needs || e.marks.news;
    }

    for (const auto& [d, reset] : resets) {
        if (!out.last_contact || engagement != Engagement::ongoing || reset) {
            out.counter = settings.base;  // step 1
        } else {
            // Step 2: the count doubles and the unit stays, unless that
            // passes the cap (a count past 9999 cannot be written: it is
            // past any sensible cap too, so it becomes the cap).
            const Duration c = out.counter.value_or(settings.base);
            const Duration doubled{c.count * 2, c.unit};
            if (doubled.count > 9999 || compare_at(doubled, settings.cap, d) > 0)
                out.counter = settings.cap;
            else
                out.counter = doubled;
        }
        out.last_contact = d;  // step 3
    }

    if (out.last_contact) {
        // The entries dated L are read on every run: a reset written on the day
        // of a contact already counted still applies (resetting twice is safe).
        for (const auto& e : entries)
            if (is_contact(e, today) && e.date == *out.last_contact &&
                (e.marks.needs || e.marks.news))
                out.counter = settings.base;
        if (!out.counter) out.counter = settings.base;  // absent C counts as base
    }
    return out;
}

namespace {

// N as it is worked out, step by step.
struct NextContact {
    std::optional<Date> date;  // never beyond the calendar once set
    bool beyond = false;       // N would be past 9999-12-31
    bool pinned = false;
};

// §5.2 steps 1 to 3 and the pins of §5.3: N from the contacts, before missed
// attempts and workdays.
NextContact next_from_contacts(const CounterState& state, const Counter& counter,
                               const std::vector<ContactEntry>& entries, Engagement engagement,
                               const ScheduleSettings& settings, Date today) {
    NextContact next;
    const std::optional<Date> L = counter.last_contact;
    if (L && moved_by_hand(state, entries, settings, today)) {
        // §5.2: a next contact moved by hand is kept, as a pin.
        next.date = state.next_contact;
        next.pinned = true;
    } else if (L) {
        // §5.2 step 1: by engagement; casual and former follow up after a
        // contact dated L with #needs or #news.
        bool follow_up = false;
        for (const auto& e : entries)
            if (is_contact(e, today) && e.date == *L && (e.marks.needs || e.marks.news))
                follow_up = true;
        const MaybeDate by_kind = by_engagement(*L, counter.counter.value_or(settings.base),
                                                engagement, follow_up, settings);
        // Step 2: the ceiling. A ceiling past the end of the calendar never binds.
        const MaybeDate ceiling = add(*L, settings.at_least_every);
        next.date = earlier(by_kind, ceiling);
        next.beyond = !next.date;

        // Step 3, §5.3: a pin on a contact dated L; the last one in the file wins.
        for (const auto& e : entries) {
            if (is_contact(e, today) && e.date == *L && e.marks.next) {
                next.date = e.marks.next;
                next.pinned = true;
                next.beyond = false;
            }
        }
    } else if (state.next_contact) {
        // With L absent, a stored next_contact is the user's planned first
        // contact: a pin, never moved and never written (SPEC §5.2).
        next.date = state.next_contact;
        next.pinned = true;
    }
    return next;
}

// §5.3: the newest missed attempt after L (any, where L is absent) and not
// after today. Several on that date count as one; a `next:` on any of them
// applies (the last in file order).
struct MissedAttempt {
    std::optional<Date> date;
    std::optional<Date> next;
};

MissedAttempt newest_missed(const std::vector<ContactEntry>& entries, std::optional<Date> L,
                            Date today) {
    MissedAttempt missed;
    for (const auto& e : entries) {
        if (!e.marks.missed || e.date > today || (L && e.date <= *L)) continue;
        if (!missed.date || e.date > *missed.date) {
            missed.date = e.date;
            missed.next.reset();
        }
        if (e.date == *missed.date && e.marks.next) missed.next = e.marks.next;
    }
    return missed;
}

// §5.3: the missed attempt's pin, else its retry when that is later than N.
void apply_missed(const MissedAttempt& missed, const ScheduleSettings& settings,
                  NextContact& next) {
    if (!missed.date) return;
    if (missed.next) {
        next.date = missed.next;
        next.pinned = true;
        next.beyond = false;
        return;
    }
    const MaybeDate retry = add(*missed.date, settings.retry);
    if (!retry) {
        next.beyond = true;
    } else if (!next.beyond && (!next.date || *retry > *next.date)) {
        next.date = retry;
        next.pinned = false;
    }
}

// §5.2 step 4: a computed N moves forward to a workday (past the ceiling if
// need be). The error when there is none before the end of the calendar.
std::optional<std::string> move_to_workday(const ScheduleSettings& settings, NextContact& next) {
    if (!next.date || next.pinned || settings.calendar.is_workday(*next.date)) return std::nullopt;
    const MaybeDate moved = settings.calendar.next_workday(*next.date);
    if (!moved) {
        if (next.date->plus_days(3700))
            return fmt::format("no workday found within ten years after {}", *next.date);
        return fmt::format(
            "the next contact would fall after 9999-12-31 (no workday on or after {})", *next.date);
    }
    next.date = moved;
    return std::nullopt;
}

}  // namespace

Schedule schedule(const CounterState& state, const std::vector<ContactEntry>& entries,
                  Engagement engagement, const ScheduleSettings& settings, Date today) {
    const Counter counter = advance_counter(state, entries, engagement, settings, today);
    Schedule out;
    out.last_contact = counter.last_contact;
    out.counter = counter.counter;

    // Paused clients keep their log counted, but are never due (SPEC §5.2).
    if (engagement == Engagement::paused) return out;

    const std::optional<Date> L = counter.last_contact;
    NextContact next = next_from_contacts(state, counter, entries, engagement, settings, today);
    const MissedAttempt missed = newest_missed(entries, L, today);
    apply_missed(missed, settings, next);
    if (next.beyond) {
        out.error = fmt::format("the next contact would fall after 9999-12-31 (last contact {})",
                                L ? L->str() : std::string("none"));
        return out;
    }
    if (auto error = move_to_workday(settings, next)) {
        out.error = std::move(error);
        return out;
    }
    out.next_contact = next.date;
    out.pinned = next.pinned && next.date.has_value();
    // touchbase owns N once L exists; before that only when a missed attempt set it.
    out.write_next_contact = next.date.has_value() && (L.has_value() || missed.date.has_value());
    return out;
}

Status status_of(Engagement engagement, std::optional<Date> next_contact, Date today,
                 Duration horizon) {
    if (engagement == Engagement::paused) return Status::paused;
    if (!next_contact) return Status::new_client;
    if (*next_contact < today) return Status::overdue;
    if (*next_contact == today) return Status::due;
    const std::optional<Date> end =
        add(today, horizon);  // nullopt: the horizon passes the calendar
    if (!end || *next_contact <= *end) return Status::upcoming;
    return Status::later;
}

}  // namespace touchbase
