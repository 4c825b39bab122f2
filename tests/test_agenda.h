// Agenda inputs built by hand, for the tests of the agenda model and its
// renderers: client records, their open items, and the report of one day as a
// run makes it (make_report).
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "agenda.h"
#include "schedule.h"
#include "test_dates.h"

namespace touchbase::test {

// The day the reports are made on unless a test says otherwise (a Tuesday).
inline constexpr std::string_view kReportDay = "2026-11-24";

// A client called `name` with a next contact and nothing else: no last
// contact, no entry, no owner, status `later`.
inline ClientRecord client_named(std::string file, std::string name, std::optional<Date> next) {
    ClientRecord c;
    c.file = std::move(file);
    c.name = std::move(name);
    c.next_contact = next;
    return c;
}

// A client named after its file as a run on kReportDay leaves it: with a
// next contact, a last contact on 2026-11-01; the status of its engagement
// and next contact.
inline ClientRecord client(std::string file, std::optional<Date> next,
                           Engagement engagement = Engagement::ongoing) {
    ClientRecord c = client_named(file, file, next);
    c.engagement = engagement;
    if (next) c.last_contact = day("2026-11-01");
    c.status = status_of(engagement, next, day(kReportDay), Duration{7, Unit::days});
    return c;
}

// An open task of the note on `line`, due `due`: a date of its own unless
// `own_date` is false (then it took the next contact's).
inline ActionItem action(std::string text, Date due, int line, bool own_date = true) {
    return ActionItem{std::move(text), due, own_date, ActionItem::Origin::task, line};
}

// The report of a run on `today` with the default horizon (7d) and calendar.
inline Report report_of(std::vector<ClientRecord> clients, Date today = day(kReportDay)) {
    return make_report(std::move(clients), {}, today, Duration{7, Unit::days}, Calendar{},
                       std::nullopt);
}

// The same on kReportDay with --owner `owner`, and the notes' `problems`.
inline Report report_for_owner(std::vector<ClientRecord> clients, std::string owner,
                               std::vector<Problem> problems = {}) {
    return make_report(std::move(clients), std::move(problems), day(kReportDay),
                       Duration{7, Unit::days}, Calendar{}, std::move(owner));
}

// The Prepare day of a call on `next` reminded `before` it, "YYYY-MM-DD", or
// "none".
inline std::string reminder_of(const Calendar& calendar, std::string_view next, Duration before,
                               std::source_location at = std::source_location::current()) {
    ClientRecord c;
    c.next_contact = day(next, at);
    c.remind_before = before;
    const auto r = reminder_day(c, calendar);
    return r ? r->str() : "none";
}

}  // namespace touchbase::test
