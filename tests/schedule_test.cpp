// SPEC §5.1-§5.3 and §7.1 status: one test case per rule.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "schedule.h"

using namespace touchbase;
using touchbase::test::day;
using touchbase::test::dur;

namespace {

// A contact entry as scan_body would give it: `tags` among needs, news,
// missed, card; `next` a `next:` date or nullptr.
ContactEntry entry(const char* date, std::initializer_list<std::string_view> tags = {},
                   const char* next = nullptr) {
    ContactEntry e;
    e.date = day(date);
    e.text = date;
    for (auto tag : tags) {
        if (tag == "needs")
            e.marks.needs = true;
        else if (tag == "news")
            e.marks.news = true;
        else if (tag == "missed")
            e.marks.missed = true;
        else if (tag == "card")
            e.marks.card = true;
        else
            FAIL("unknown tag ", std::string(tag));
        e.text += " #" + std::string(tag);
    }
    if (next) e.marks.next = day(next);
    return e;
}

CounterState state(const char* last = nullptr, const char* counter = nullptr,
                   const char* next = nullptr) {
    CounterState s;
    if (last) s.last_contact = day(last);
    if (counter) s.counter = dur(counter);
    if (next) s.next_contact = day(next);
    return s;
}

std::string str(const std::optional<Date>& d) { return d ? d->str() : "none"; }
std::string str(const std::optional<Duration>& d) { return d ? d->str() : "none"; }

const ScheduleSettings defaults{};  // base 1w, cap 2m, at_least_every 6m, retry 2d, Mon-Fri

}  // namespace

// ------------------------------------------------------------------ §5.1

TEST_CASE("§5.1 worked example: 2006-01-02 and 2006-01-09 give 2w and 2006-01-23") {
    const std::vector<ContactEntry> log{entry("2006-01-02"), entry("2006-01-09")};
    const Schedule s = schedule(state(), log, Engagement::ongoing, defaults, day("2006-01-10"));
    CHECK(str(s.last_contact) == "2006-01-09");
    CHECK(str(s.counter) == "2w");
    CHECK(str(s.next_contact) == "2006-01-23");
    CHECK(s.write_next_contact);
    CHECK_FALSE(s.pinned);
    CHECK_FALSE(s.error);
}

TEST_CASE("§5.1 worked example continued: smooth contacts give 4w, 8w, then 2m, and 2m stays") {
    // Each contact is made on the day it is due, one run per contact.
    CounterState st = state("2006-01-09", "2w");
    struct Step {
        const char* contact;
        const char* counter;
        const char* next;
    };
    const Step steps[] = {
        {"2006-01-23", "4w", "2006-02-20"}, {"2006-02-20", "8w", "2006-04-17"},
        {"2006-04-17", "2m", "2006-06-19"},  // 16w > 2m; 06-17 is a Saturday
        {"2006-06-19", "2m", "2006-08-21"},  // 08-19 is a Saturday
        {"2006-08-21", "2m", "2006-10-23"},  // 10-21 is a Saturday
    };
    for (const auto& step : steps) {
        CAPTURE(step.contact);
        const Schedule s =
            schedule(st, {entry(step.contact)}, Engagement::ongoing, defaults, day(step.contact));
        CHECK(str(s.last_contact) == step.contact);
        CHECK(str(s.counter) == step.counter);
        CHECK(str(s.next_contact) == step.next);
        st = CounterState{s.last_contact, s.counter, s.next_contact};
    }
}

TEST_CASE("§5.1 the whole log read in one run gives the same counter as run by run") {
    const std::vector<ContactEntry> log{entry("2006-01-02"), entry("2006-01-09"),
                                        entry("2006-01-23"), entry("2006-02-20"),
                                        entry("2006-04-17")};
    const Schedule s = schedule(state(), log, Engagement::ongoing, defaults, day("2006-04-17"));
    CHECK(str(s.last_contact) == "2006-04-17");
    CHECK(str(s.counter) == "2m");
    CHECK(str(s.next_contact) == "2006-06-19");
}

TEST_CASE("§5.1 step 1: the first contact ever sets C to base") {
    const Counter c = advance_counter(state(), {entry("2026-11-02")}, Engagement::ongoing, defaults,
                                      day("2026-11-24"));
    CHECK(str(c.last_contact) == "2026-11-02");
    CHECK(str(c.counter) == "1w");
}

TEST_CASE("§5.1 step 1: a stored counter without L is replaced by base at the first contact") {
    const Counter c = advance_counter(state(nullptr, "6w"), {entry("2026-11-02")},
                                      Engagement::ongoing, defaults, day("2026-11-24"));
    CHECK(str(c.counter) == "1w");
}

TEST_CASE("§5.1 step 2: the count doubles and the unit stays") {
    ScheduleSettings s = defaults;
    s.cap = dur("1y");
    CHECK(str(advance_counter(state("2026-01-05", "3d"), {entry("2026-01-08")}, Engagement::ongoing,
                              s, day("2026-02-01"))
                  .counter) == "6d");
    CHECK(str(advance_counter(state("2026-01-05", "1m"), {entry("2026-02-05")}, Engagement::ongoing,
                              s, day("2026-03-01"))
                  .counter) == "2m");
    CHECK(str(advance_counter(state("2026-01-05", "14d"), {entry("2026-01-19")},
                              Engagement::ongoing, s, day("2026-03-01"))
                  .counter) == "28d");
}

TEST_CASE("§5.1 step 2: doubling stops at the cap") {
    SUBCASE("10w is later than 2m: C = cap") {
        const Counter c = advance_counter(state("2026-01-05", "5w"), {entry("2026-02-09")},
                                          Engagement::ongoing, defaults, day("2026-03-01"));
        CHECK(str(c.counter) == "2m");
    }
    SUBCASE("8w is not later than 2m from 2006-02-20: C = 8w") {
        const Counter c = advance_counter(state("2006-01-23", "4w"), {entry("2006-02-20")},
                                          Engagement::ongoing, defaults, day("2006-03-01"));
        CHECK(str(c.counter) == "8w");
    }
    SUBCASE("the comparison is made at the contact's date") {
        ScheduleSettings s = defaults;
        s.cap = dur("1m");
        // From 2026-02-02, 30d reaches 03-04, later than 1m (03-02): the cap.
        const Counter feb = advance_counter(state("2026-01-15", "15d"), {entry("2026-02-02")},
                                            Engagement::ongoing, s, day("2026-02-03"));
        CHECK(str(feb.counter) == "1m");
        // From 2026-03-02, 30d reaches 04-01, before 1m (04-02): doubled.
        const Counter mar = advance_counter(state("2026-02-15", "15d"), {entry("2026-03-02")},
                                            Engagement::ongoing, s, day("2026-03-03"));
        CHECK(str(mar.counter) == "30d");
    }
    SUBCASE("equal to the cap is not later than it: C = 2·C") {
        ScheduleSettings s = defaults;
        s.cap = dur("2w");
        const Counter c = advance_counter(state("2026-01-05", "7d"), {entry("2026-01-12")},
                                          Engagement::ongoing, s, day("2026-02-01"));
        CHECK(str(c.counter) == "14d");
    }
    SUBCASE("a count that would pass 9999 becomes the cap") {
        ScheduleSettings s = defaults;
        s.cap = dur("9999y");
        const Counter c = advance_counter(state("2026-01-05", "5000d"), {entry("2026-01-12")},
                                          Engagement::ongoing, s, day("2026-02-01"));
        CHECK(str(c.counter) == "9999y");
    }
}

TEST_CASE("§5.1 step 3: L becomes the contact's date") {
    const Counter c = advance_counter(state("2026-11-02", "2w"), {entry("2026-11-16")},
                                      Engagement::ongoing, defaults, day("2026-11-24"));
    CHECK(str(c.last_contact) == "2026-11-16");
    CHECK(str(c.counter) == "4w");
}

TEST_CASE("§5.1 #needs resets the counter to base") {
    const Schedule s = schedule(state("2026-10-05", "4w"), {entry("2026-11-02", {"needs"})},
                                Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK(str(s.counter) == "1w");
    CHECK(str(s.next_contact) == "2026-11-09");
}

TEST_CASE("§5.1 #news resets the counter to base") {
    const Schedule s = schedule(state("2026-09-01", "2m"), {entry("2026-11-02", {"news"})},
                                Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.counter) == "1w");
    CHECK(str(s.next_contact) == "2026-11-09");
}

TEST_CASE("§5.1 a reset is followed by doubling again") {
    const std::vector<ContactEntry> log{entry("2026-11-02", {"needs"}), entry("2026-11-09"),
                                        entry("2026-11-23")};
    const Counter c = advance_counter(state("2026-10-05", "8w"), log, Engagement::ongoing, defaults,
                                      day("2026-11-24"));
    CHECK(str(c.counter) == "4w");
}

TEST_CASE("§5.1 #needs written on the day of a contact already counted resets C") {
    // The contact of 2026-11-02 was counted by an earlier run (L = 11-02, C = 4w);
    // the #needs entry was written later that day.
    const std::vector<ContactEntry> log{entry("2026-11-02"), entry("2026-11-02", {"needs"})};
    const Schedule s =
        schedule(state("2026-11-02", "4w"), log, Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK(str(s.counter) == "1w");
    CHECK(str(s.next_contact) == "2026-11-09");
    SUBCASE("and the reset repeats safely on the next run") {
        const Schedule again = schedule(CounterState{s.last_contact, s.counter, s.next_contact},
                                        log, Engagement::ongoing, defaults, day("2026-11-04"));
        CHECK(str(again.counter) == "1w");
        CHECK(str(again.next_contact) == "2026-11-09");
    }
    SUBCASE("a #news entry on L resets too, a #missed #needs entry does not") {
        CHECK(str(advance_counter(state("2026-11-02", "4w"), {entry("2026-11-02", {"news"})},
                                  Engagement::ongoing, defaults, day("2026-11-03"))
                      .counter) == "1w");
        CHECK(str(advance_counter(state("2026-11-02", "4w"),
                                  {entry("2026-11-02", {"needs", "missed"})}, Engagement::ongoing,
                                  defaults, day("2026-11-03"))
                      .counter) == "4w");
    }
}

TEST_CASE("§5.1 a doubling is never repeated: a second run changes nothing") {
    const std::vector<ContactEntry> log{entry("2026-11-02"), entry("2026-11-16")};
    const Schedule first =
        schedule(state("2026-11-02", "2w"), log, Engagement::ongoing, defaults, day("2026-11-17"));
    CHECK(str(first.counter) == "4w");
    const Schedule second =
        schedule(CounterState{first.last_contact, first.counter, first.next_contact}, log,
                 Engagement::ongoing, defaults, day("2026-11-18"));
    CHECK(str(second.last_contact) == "2026-11-16");
    CHECK(str(second.counter) == "4w");
    CHECK(second.next_contact == first.next_contact);
}

TEST_CASE("§5.1 entries on the same date count as one contact, tags joined") {
    SUBCASE("two plain entries double once") {
        const std::vector<ContactEntry> log{entry("2026-11-16"), entry("2026-11-16")};
        const Counter c = advance_counter(state("2026-11-02", "2w"), log, Engagement::ongoing,
                                          defaults, day("2026-11-24"));
        CHECK(str(c.counter) == "4w");
    }
    SUBCASE("a plain entry and a #news entry on one date reset") {
        const std::vector<ContactEntry> log{entry("2026-11-16"), entry("2026-11-16", {"news"})};
        const Counter c = advance_counter(state("2026-11-02", "2w"), log, Engagement::ongoing,
                                          defaults, day("2026-11-24"));
        CHECK(str(c.counter) == "1w");
    }
    SUBCASE("entries out of file order are applied oldest first") {
        const std::vector<ContactEntry> log{entry("2026-11-23"), entry("2026-11-16", {"needs"}),
                                            entry("2026-11-09")};
        const Counter c = advance_counter(state("2026-11-02", "2w"), log, Engagement::ongoing,
                                          defaults, day("2026-11-24"));
        CHECK(str(c.last_contact) == "2026-11-23");
        CHECK(str(c.counter) == "2w");  // 4w, reset to 1w, 2w
    }
}

TEST_CASE("§5.1 entries dated after today are plans and are ignored") {
    const std::vector<ContactEntry> log{entry("2026-11-02"), entry("2026-11-30", {"needs"}),
                                        entry("2026-12-07", {}, "2026-12-20")};
    const Schedule s =
        schedule(state("2026-10-19", "2w"), log, Engagement::ongoing, defaults, day("2026-11-24"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK(str(s.counter) == "4w");
    CHECK(str(s.next_contact) == "2026-11-30");
    SUBCASE("until their day") {
        const Schedule later = schedule(CounterState{s.last_contact, s.counter, s.next_contact},
                                        log, Engagement::ongoing, defaults, day("2026-11-30"));
        CHECK(str(later.last_contact) == "2026-11-30");
        CHECK(str(later.counter) == "1w");
    }
}

TEST_CASE("§5.1 entries dated before L are history and change nothing") {
    const std::vector<ContactEntry> log{entry("2026-09-01", {"needs"}), entry("2026-10-01"),
                                        entry("2026-10-15", {"news"}, "2026-12-01")};
    const Schedule s =
        schedule(state("2026-11-02", "4w"), log, Engagement::ongoing, defaults, day("2026-11-24"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK(str(s.counter) == "4w");
    CHECK(str(s.next_contact) == "2026-11-30");
    CHECK_FALSE(s.pinned);
}

TEST_CASE("§5.1 hand-edited L and C are the state a run starts from") {
    SUBCASE("no new entries: N from the edited state") {
        const Schedule s = schedule(state("2026-10-01", "3w"), {entry("2026-09-01")},
                                    Engagement::ongoing, defaults, day("2026-10-05"));
        CHECK(str(s.last_contact) == "2026-10-01");
        CHECK(str(s.counter) == "3w");
        CHECK(str(s.next_contact) == "2026-10-22");
    }
    SUBCASE("a new contact doubles the edited C") {
        const Schedule s = schedule(state("2026-10-01", "3w"), {entry("2026-10-22")},
                                    Engagement::ongoing, defaults, day("2026-10-23"));
        CHECK(str(s.counter) == "6w");
        CHECK(str(s.next_contact) == "2026-12-03");
    }
    SUBCASE("an edited C that is not a multiple of base is kept") {
        const Schedule s = schedule(state("2026-10-01", "10d"), {}, Engagement::ongoing, defaults,
                                    day("2026-10-05"));
        CHECK(str(s.counter) == "10d");
        CHECK(str(s.next_contact) == "2026-10-12");  // 10-11 is a Sunday
    }
}

TEST_CASE("§5.1 an absent C counts as base and is set once L exists") {
    const Schedule s =
        schedule(state("2026-11-02"), {}, Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.counter) == "1w");
    CHECK(str(s.next_contact) == "2026-11-09");
    SUBCASE("and doubles from base") {
        const Counter c = advance_counter(state("2026-11-02"), {entry("2026-11-09")},
                                          Engagement::ongoing, defaults, day("2026-11-10"));
        CHECK(str(c.counter) == "2w");
    }
    SUBCASE("with L absent too, C stays as stored (absent)") {
        const Schedule none =
            schedule(state(), {}, Engagement::ongoing, defaults, day("2026-11-03"));
        CHECK_FALSE(none.last_contact);
        CHECK_FALSE(none.counter);
    }
}

TEST_CASE("§5.1 an engagement other than ongoing sets C to base at each contact") {
    for (Engagement e :
         {Engagement::active, Engagement::casual, Engagement::former, Engagement::paused}) {
        CAPTURE(to_string(e));
        const Counter c = advance_counter(state("2026-11-02", "4w"), {entry("2026-11-16")}, e,
                                          defaults, day("2026-11-24"));
        CHECK(str(c.last_contact) == "2026-11-16");
        CHECK(str(c.counter) == "1w");
    }
}

TEST_CASE("§5.1 #missed entries are never contacts") {
    const Counter c =
        advance_counter(state("2026-11-02", "2w"), {entry("2026-11-16", {"missed", "news"})},
                        Engagement::ongoing, defaults, day("2026-11-24"));
    CHECK(str(c.last_contact) == "2026-11-02");
    CHECK(str(c.counter) == "2w");
}

TEST_CASE("§5.1 a #card entry is not a contact: L, C and N stay") {
    const std::vector<ContactEntry> log{entry("2026-11-16", {"card"})};
    const Counter c = advance_counter(state("2026-11-02", "2w"), log, Engagement::ongoing, defaults,
                                      day("2026-11-24"));
    CHECK(str(c.last_contact) == "2026-11-02");
    CHECK(str(c.counter) == "2w");
    // A birthday card does not clear the overdue call.
    const Schedule s = schedule(state("2026-11-02", "2w", "2026-11-16"), log, Engagement::ongoing,
                                defaults, day("2026-11-24"));
    CHECK(str(s.next_contact) == "2026-11-16");
}

TEST_CASE("§5.1 a #card entry with #needs or a pin changes nothing either") {
    const std::vector<ContactEntry> log{entry("2026-11-02"),
                                        entry("2026-11-02", {"card", "needs"}, "2026-11-05")};
    const Schedule s = schedule(state("2026-11-02", "2w", "2026-11-16"), log, Engagement::ongoing,
                                defaults, day("2026-11-03"));
    CHECK(str(s.counter) == "2w");
    CHECK(str(s.next_contact) == "2026-11-16");
    CHECK_FALSE(s.pinned);
}

TEST_CASE("§5.1 #card with #missed is neither a contact nor a missed attempt's end") {
    // Not a contact (it is #missed and #card), and still a missed attempt (§5.3).
    const std::vector<ContactEntry> log{entry("2026-11-18", {"card", "missed"})};
    const Schedule s = schedule(state("2026-11-02", "1w", "2026-11-09"), log, Engagement::ongoing,
                                defaults, day("2026-11-24"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK(str(s.counter) == "1w");
    CHECK(str(s.next_contact) == "2026-11-20");  // M + retry, later than 11-09
}

// ------------------------------------------------------------------ §5.2

TEST_CASE("§5.2 active: the first workday after L") {
    SUBCASE("Wednesday -> Thursday") {
        const Schedule s = schedule(state("2026-11-18", "1w"), {}, Engagement::active, defaults,
                                    day("2026-11-18"));
        CHECK(str(s.next_contact) == "2026-11-19");
        CHECK(s.write_next_contact);
    }
    SUBCASE("Friday -> Monday") {
        const Schedule s = schedule(state("2026-11-20", "1w"), {}, Engagement::active, defaults,
                                    day("2026-11-20"));
        CHECK(str(s.next_contact) == "2026-11-23");
    }
    SUBCASE("a contact on a Saturday -> Monday") {
        const Schedule s = schedule(state("2026-11-21", "1w"), {}, Engagement::active, defaults,
                                    day("2026-11-21"));
        CHECK(str(s.next_contact) == "2026-11-23");
    }
    SUBCASE("over holidays") {
        ScheduleSettings st = defaults;
        st.calendar.holidays = {day("2026-12-24"), day("2026-12-25")};
        const Schedule s =
            schedule(state("2026-12-23", "1w"), {}, Engagement::active, st, day("2026-12-23"));
        CHECK(str(s.next_contact) == "2026-12-28");
    }
}

TEST_CASE("§5.2 ongoing: L + C") {
    const Schedule s =
        schedule(state("2026-11-02", "2w"), {}, Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.next_contact) == "2026-11-16");
    CHECK(s.write_next_contact);
}

TEST_CASE("§5.2 ongoing: L + C clamps at the month's end") {
    SUBCASE("leap year") {
        const Schedule s = schedule(state("2024-01-31", "1m"), {}, Engagement::ongoing, defaults,
                                    day("2024-02-01"));
        CHECK(str(s.next_contact) == "2024-02-29");  // a Thursday
    }
    SUBCASE("other years, then moved off the Saturday") {
        const Schedule s = schedule(state("2026-01-31", "1m"), {}, Engagement::ongoing, defaults,
                                    day("2026-02-01"));
        CHECK(str(s.next_contact) == "2026-03-02");  // 02-28 is a Saturday
    }
}

TEST_CASE("§5.2 casual: L + at_least_every") {
    const Schedule s =
        schedule(state("2026-03-02", "1w"), {}, Engagement::casual, defaults, day("2026-03-03"));
    CHECK(str(s.next_contact) == "2026-09-02");
    CHECK(s.write_next_contact);
}

TEST_CASE("§5.2 former: L + at_least_every") {
    ScheduleSettings st = defaults;
    st.at_least_every = dur("2m");
    const Schedule s =
        schedule(state("2026-03-02", "1w"), {}, Engagement::former, st, day("2026-03-03"));
    CHECK(str(s.next_contact) == "2026-05-04");  // 05-02 is a Saturday
}

TEST_CASE("§5.2 casual and former: #needs or #news dated L gives a follow-up at L + C") {
    for (Engagement e : {Engagement::casual, Engagement::former}) {
        CAPTURE(to_string(e));
        SUBCASE("#needs") {
            const Schedule s =
                schedule(state("2026-03-02", "1w", "2026-09-02"), {entry("2026-03-09", {"needs"})},
                         e, defaults, day("2026-03-09"));
            CHECK(str(s.last_contact) == "2026-03-09");
            CHECK(str(s.counter) == "1w");
            CHECK(str(s.next_contact) == "2026-03-16");
            CHECK_FALSE(s.pinned);
        }
        SUBCASE("#news") {
            const Schedule s =
                schedule(state("2026-03-02", "1w", "2026-09-02"), {entry("2026-03-09", {"news"})},
                         e, defaults, day("2026-03-10"));
            CHECK(str(s.next_contact) == "2026-03-16");
        }
        SUBCASE("the follow-up moves to a workday") {
            const Schedule s = schedule(state(), {entry("2026-03-07", {"needs"})}, e, defaults,
                                        day("2026-03-07"));  // a Saturday
            CHECK(str(s.next_contact) == "2026-03-16");      // 03-14 is a Saturday
        }
        SUBCASE("then the six-monthly rhythm resumes at the next plain contact") {
            const std::vector<ContactEntry> log{entry("2026-03-09", {"needs"}),
                                                entry("2026-03-16")};
            const Schedule s = schedule(state("2026-03-09", "1w", "2026-03-16"), log, e, defaults,
                                        day("2026-03-16"));
            CHECK(str(s.counter) == "1w");
            CHECK(str(s.next_contact) == "2026-09-16");
        }
        SUBCASE("a #needs written later on day L gives the follow-up on the next run") {
            // The first run wrote L + 6m; #needs was added to L's entry afterwards.
            const Schedule s =
                schedule(state("2026-03-09", "1w", "2026-09-09"), {entry("2026-03-09", {"needs"})},
                         e, defaults, day("2026-03-10"));
            CHECK(str(s.next_contact) == "2026-03-16");
            CHECK(s.write_next_contact);
            // And the run after keeps it.
            const Schedule t =
                schedule(state("2026-03-09", "1w", "2026-03-16"), {entry("2026-03-09", {"needs"})},
                         e, defaults, day("2026-03-11"));
            CHECK(str(t.next_contact) == "2026-03-16");
        }
        SUBCASE("#needs on a #missed or #card entry is no follow-up") {
            const std::vector<ContactEntry> log{entry("2026-03-09"),
                                                entry("2026-03-09", {"card", "needs"})};
            const Schedule s = schedule(state(), log, e, defaults, day("2026-03-10"));
            CHECK(str(s.next_contact) == "2026-09-09");
        }
    }
}

TEST_CASE("§5.2 the follow-up is still bound by the ceiling") {
    ScheduleSettings st = defaults;
    st.base = dur("3m");
    st.cap = dur("3m");
    st.at_least_every = dur("2m");
    const Schedule s = schedule(state(), {entry("2026-03-02", {"needs"})}, Engagement::former, st,
                                day("2026-03-02"));
    CHECK(str(s.next_contact) == "2026-05-04");  // L + 2m = 05-02, a Saturday
}

TEST_CASE("§5.2 paused: L and C advance from the log, but there is no N") {
    const std::vector<ContactEntry> log{entry("2026-11-02", {}, "2026-11-05"),
                                        entry("2026-11-10", {"missed"}, "2026-11-12"),
                                        entry("2026-11-11", {"missed"})};
    const Schedule s = schedule(state("2026-10-01", "4w", "2026-10-29"), log, Engagement::paused,
                                defaults, day("2026-11-24"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK(str(s.counter) == "1w");
    CHECK_FALSE(s.next_contact);
    CHECK_FALSE(s.write_next_contact);
    CHECK_FALSE(s.pinned);
    CHECK_FALSE(s.error);
    SUBCASE("also with L absent and a stored next_contact") {
        const Schedule p = schedule(state(nullptr, nullptr, "2026-12-01"), {}, Engagement::paused,
                                    defaults, day("2026-11-24"));
        CHECK_FALSE(p.next_contact);
        CHECK_FALSE(p.write_next_contact);
    }
}

TEST_CASE("§5.2 step 2: N is never later than L + at_least_every (the ceiling)") {
    SUBCASE("a hand-edited C longer than at_least_every") {
        const Schedule s = schedule(state("2026-03-02", "9m"), {}, Engagement::ongoing, defaults,
                                    day("2026-03-03"));
        CHECK(str(s.counter) == "9m");
        CHECK(str(s.next_contact) == "2026-09-02");
    }
    SUBCASE("a cap longer than at_least_every") {
        ScheduleSettings st = defaults;
        st.cap = dur("1y");
        st.at_least_every = dur("1m");
        const Schedule s = schedule(state("2026-01-05", "4w"), {entry("2026-03-06")},
                                    Engagement::ongoing, st, day("2026-03-06"));
        CHECK(str(s.counter) == "8w");
        CHECK(str(s.next_contact) == "2026-04-06");  // 03-06 + 1m, a Monday
    }
    SUBCASE("step 4 may pass the ceiling to reach a workday") {
        ScheduleSettings st = defaults;
        st.at_least_every = dur("1m");
        const Schedule s =
            schedule(state("2026-04-02", "2m"), {}, Engagement::ongoing, st, day("2026-04-03"));
        CHECK(str(s.next_contact) == "2026-05-04");  // ceiling 05-02 is a Saturday
    }
    SUBCASE("a ceiling past 9999-12-31 does not bind") {
        const Schedule s = schedule(state("9999-11-01", "1w"), {}, Engagement::ongoing, defaults,
                                    day("9999-11-02"));
        CHECK_FALSE(s.error);
        CHECK(str(s.next_contact) == "9999-11-08");
    }
}

TEST_CASE("§5.2 step 4: a weekend N moves forward to Monday") {
    const Schedule s =
        schedule(state("2026-11-14", "1w"), {}, Engagement::ongoing, defaults, day("2026-11-15"));
    CHECK(str(s.next_contact) == "2026-11-23");  // 11-21 is a Saturday
    CHECK_FALSE(s.pinned);
}

TEST_CASE("§5.2 step 4: a holiday on the due date moves N forward") {
    ScheduleSettings st = defaults;
    SUBCASE("dated holidays") {
        st.calendar.holidays = {day("2026-12-25"), day("2026-12-28")};
        const Schedule s =
            schedule(state("2026-12-11", "2w"), {}, Engagement::ongoing, st, day("2026-12-12"));
        CHECK(str(s.next_contact) == "2026-12-29");  // Fri holiday, weekend, Mon holiday
    }
    SUBCASE("a yearly holiday") {
        st.calendar.yearly = {{12, 25}};
        const Schedule s =
            schedule(state("2026-12-11", "2w"), {}, Engagement::ongoing, st, day("2026-12-12"));
        CHECK(str(s.next_contact) == "2026-12-28");
    }
    SUBCASE("other workdays") {
        st.calendar.workdays = {false, true, true, true, true, true, false};  // Tue-Sat
        const Schedule s =
            schedule(state("2026-11-14", "1w"), {}, Engagement::ongoing, st, day("2026-11-15"));
        CHECK(str(s.next_contact) == "2026-11-21");  // Saturday is a workday here
        const Schedule m =
            schedule(state("2026-11-16", "1w"), {}, Engagement::ongoing, st, day("2026-11-17"));
        CHECK(str(m.next_contact) == "2026-11-24");  // Monday is not
    }
}

TEST_CASE("§5.2 L absent and no next_contact: no N (status new)") {
    const Schedule s =
        schedule(state(), {entry("2026-12-01")}, Engagement::ongoing, defaults, day("2026-11-24"));
    CHECK_FALSE(s.last_contact);
    CHECK_FALSE(s.counter);
    CHECK_FALSE(s.next_contact);
    CHECK_FALSE(s.write_next_contact);
    CHECK_FALSE(s.error);
    CHECK(status_of(Engagement::ongoing, s.next_contact, day("2026-11-24"), dur("7d")) ==
          Status::new_client);
}

TEST_CASE("§5.2 L absent: a stored next_contact is a pin, never moved, never written") {
    for (Engagement e :
         {Engagement::active, Engagement::ongoing, Engagement::casual, Engagement::former}) {
        CAPTURE(to_string(e));
        const Schedule s =
            schedule(state(nullptr, nullptr, "2026-11-21"), {}, e, defaults, day("2026-11-10"));
        CHECK(str(s.next_contact) == "2026-11-21");  // a Saturday, kept
        CHECK(s.pinned);
        CHECK_FALSE(s.write_next_contact);
        CHECK_FALSE(s.last_contact);
    }
}

TEST_CASE("§5.2 L present: a stored next_contact that is touchbase's own value is recomputed") {
    // 11-16 is what ongoing gives for (11-02, 2w); the counter was then reset by hand.
    const Schedule s = schedule(state("2026-11-02", "1w", "2026-11-17"), {entry("2026-11-02")},
                                Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(s.pinned);  // 11-17 is none of (11-02, 1w)'s values: a hand move
    const Schedule t = schedule(state("2026-11-02", "2w", "2026-11-16"), {entry("2026-11-02")},
                                Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(t.next_contact) == "2026-11-16");
    CHECK_FALSE(t.pinned);
    CHECK(t.write_next_contact);
}

TEST_CASE("§5.2 the first contact ends the user's ownership of next_contact") {
    const Schedule s = schedule(state(nullptr, nullptr, "2026-11-20"), {entry("2026-11-16")},
                                Engagement::ongoing, defaults, day("2026-11-17"));
    CHECK(str(s.last_contact) == "2026-11-16");
    CHECK(str(s.counter) == "1w");
    CHECK(str(s.next_contact) == "2026-11-23");
    CHECK(s.write_next_contact);
}

// ------------------------------------------------ §5.2 a next contact moved by hand

TEST_CASE("§5.2 a next contact moved by hand stays moved") {
    // The run on 11-02 wrote 11-16; the user moved the call to Friday 11-20.
    const std::vector<ContactEntry> log{entry("2026-11-02")};
    const CounterState moved = state("2026-11-02", "2w", "2026-11-20");
    CHECK(moved_by_hand(moved, log, defaults, day("2026-11-03")));
    const Schedule s = schedule(moved, log, Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK(str(s.counter) == "2w");
    CHECK(str(s.next_contact) == "2026-11-20");
    CHECK(s.pinned);
    SUBCASE("and stays while it is overdue") {
        const Schedule t = schedule(moved, log, Engagement::ongoing, defaults, day("2026-11-30"));
        CHECK(str(t.next_contact) == "2026-11-20");
    }
}

TEST_CASE(
    "§5.2 a hand-moved next contact is a pin: never moved to a workday, may pass the ceiling") {
    const std::vector<ContactEntry> log{entry("2026-11-02")};
    const Schedule sat = schedule(state("2026-11-02", "2w", "2026-11-21"), log, Engagement::ongoing,
                                  defaults, day("2026-11-03"));
    CHECK(str(sat.next_contact) == "2026-11-21");  // a Saturday
    const Schedule far = schedule(state("2026-11-02", "2w", "2027-06-01"), log, Engagement::ongoing,
                                  defaults, day("2026-11-03"));
    CHECK(str(far.next_contact) == "2027-06-01");  // past L + 6m
}

TEST_CASE("§5.2 a hand move for every engagement but paused") {
    const std::vector<ContactEntry> log{entry("2026-11-02")};
    for (Engagement e :
         {Engagement::active, Engagement::ongoing, Engagement::casual, Engagement::former}) {
        CAPTURE(to_string(e));
        const Schedule s =
            schedule(state("2026-11-02", "1w", "2026-11-12"), log, e, defaults, day("2026-11-03"));
        CHECK(str(s.next_contact) == "2026-11-12");
        CHECK(s.pinned);
    }
    const Schedule p = schedule(state("2026-11-02", "1w", "2026-11-12"), log, Engagement::paused,
                                defaults, day("2026-11-03"));
    CHECK_FALSE(p.next_contact);
    CHECK_FALSE(p.write_next_contact);
}

TEST_CASE("§5.2 a value touchbase wrote under another engagement is not a hand move") {
    const std::vector<ContactEntry> log{entry("2026-11-02")};
    SUBCASE("ongoing's L + C, now former: recomputed to L + at_least_every") {
        const CounterState st = state("2026-11-02", "2w", "2026-11-16");
        CHECK_FALSE(moved_by_hand(st, log, defaults, day("2026-11-03")));
        const Schedule s = schedule(st, log, Engagement::former, defaults, day("2026-11-03"));
        CHECK(str(s.next_contact) == "2027-05-03");  // 05-02 is a Sunday
        CHECK_FALSE(s.pinned);
    }
    SUBCASE("active's next workday, now ongoing: recomputed to L + C") {
        const Schedule s = schedule(state("2026-11-06", "1w", "2026-11-09"), {entry("2026-11-06")},
                                    Engagement::ongoing, defaults, day("2026-11-07"));
        CHECK(str(s.next_contact) == "2026-11-13");
    }
    SUBCASE("former's L + at_least_every, now ongoing: recomputed") {
        const Schedule s = schedule(state("2026-11-02", "2w", "2027-05-03"), log,
                                    Engagement::ongoing, defaults, day("2026-11-03"));
        CHECK(str(s.next_contact) == "2026-11-16");
    }
    SUBCASE("the comparison uses base where C is absent") {
        const Schedule s = schedule(state("2026-11-02", nullptr, "2026-11-09"), log,
                                    Engagement::former, defaults, day("2026-11-03"));
        CHECK(str(s.next_contact) == "2027-05-03");
    }
}

TEST_CASE("§5.2 the retry after a missed attempt is touchbase's value, not a hand move") {
    // Active: L Monday 11-02, missed on Tuesday 11-03: N = 11-05 (M + 2d).
    const std::vector<ContactEntry> log{entry("2026-11-02"), entry("2026-11-03", {"missed"})};
    const Schedule active = schedule(state("2026-11-02", "1w", "2026-11-03"), log,
                                     Engagement::active, defaults, day("2026-11-03"));
    REQUIRE(str(active.next_contact) == "2026-11-05");
    const CounterState written = state("2026-11-02", "1w", "2026-11-05");
    CHECK_FALSE(moved_by_hand(written, log, defaults, day("2026-11-04")));
    // The work ended: as former, the next contact follows the new engagement.
    const Schedule former = schedule(written, log, Engagement::former, defaults, day("2026-11-04"));
    CHECK(str(former.next_contact) == "2027-05-03");  // 05-02 is a Sunday
    // Under the same engagement it stays.
    const Schedule again = schedule(written, log, Engagement::active, defaults, day("2026-11-04"));
    CHECK(str(again.next_contact) == "2026-11-05");
}

TEST_CASE("§5.2 property: a second run keeps what the first wrote, under any engagement change") {
    // Deterministic pseudo-random notes: a second run from the state the first
    // wrote gives the same N (nothing touchbase wrote is taken for a hand move),
    // and after a change of engagement, the N a run from a cleared next_contact gives.
    std::uint32_t seed = 12345;
    auto next = [&](std::uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    const Engagement kinds[] = {Engagement::active, Engagement::ongoing, Engagement::casual,
                                Engagement::former};
    const char* counters[] = {"1w", "2w", "4w", "8w", "2m", "3d"};
    for (int round = 0; round < 2000; ++round) {
        const Date L = *day("2026-01-05").plus_days(static_cast<int>(next(300)));
        std::vector<ContactEntry> log;
        auto on = [&](int offset, std::initializer_list<std::string_view> tags, bool pin) {
            const Date d = *L.plus_days(offset);
            ContactEntry e = entry(d.str().c_str(), tags);
            if (pin) e.marks.next = *d.plus_days(3 + static_cast<int>(next(20)));
            log.push_back(e);
        };
        on(0, {}, false);
        if (next(4) == 0) on(0, {"needs"}, false);
        if (next(6) == 0) on(0, {}, true);
        if (next(3) == 0) on(1 + static_cast<int>(next(10)), {"missed"}, next(4) == 0);
        if (next(4) == 0) on(1 + static_cast<int>(next(10)), {"card"}, false);
        const Date today = *L.plus_days(static_cast<int>(next(15)));
        const Engagement first = kinds[next(4)];
        const Engagement then = kinds[next(4)];
        CounterState st;
        st.last_contact = L;
        st.counter = dur(counters[next(6)]);
        CAPTURE(L.str());
        CAPTURE(today.str());
        CAPTURE(to_string(first));
        CAPTURE(to_string(then));
        const Schedule one = schedule(st, log, first, defaults, today);
        REQUIRE_FALSE(one.error);
        CounterState written{one.last_contact, one.counter,
                             one.write_next_contact ? one.next_contact : std::nullopt};
        const Schedule two = schedule(written, log, first, defaults, today);
        CHECK(str(two.next_contact) == str(one.next_contact));
        CHECK(str(two.counter) == str(one.counter));
        // A change of engagement: as if next_contact had been cleared.
        const Schedule changed = schedule(written, log, then, defaults, today);
        CounterState cleared = written;
        cleared.next_contact.reset();
        const Schedule fresh = schedule(cleared, log, then, defaults, today);
        CHECK(str(changed.next_contact) == str(fresh.next_contact));
    }
}

TEST_CASE("§5.2 the next contact after L ends a hand move") {
    const std::vector<ContactEntry> log{entry("2026-11-02"), entry("2026-11-19")};
    const CounterState st = state("2026-11-02", "2w", "2026-11-20");
    CHECK_FALSE(moved_by_hand(st, log, defaults, day("2026-11-19")));
    const Schedule s = schedule(st, log, Engagement::ongoing, defaults, day("2026-11-19"));
    CHECK(str(s.last_contact) == "2026-11-19");
    CHECK(str(s.counter) == "4w");
    CHECK(str(s.next_contact) == "2026-12-17");
    CHECK_FALSE(s.pinned);
    SUBCASE("but a planned contact (after today) does not") {
        const Schedule t = schedule(st, log, Engagement::ongoing, defaults, day("2026-11-10"));
        CHECK(str(t.next_contact) == "2026-11-20");
    }
}

TEST_CASE("§5.2 #missed and #card entries after L do not end a hand move") {
    SUBCASE("#card") {
        const Schedule s = schedule(state("2026-11-02", "2w", "2026-11-20"),
                                    {entry("2026-11-02"), entry("2026-11-10", {"card"})},
                                    Engagement::ongoing, defaults, day("2026-11-11"));
        CHECK(str(s.next_contact) == "2026-11-20");
    }
    SUBCASE("#missed: the hand-moved date stays when it is later than M + retry") {
        const Schedule s = schedule(state("2026-11-02", "2w", "2026-11-20"),
                                    {entry("2026-11-02"), entry("2026-11-10", {"missed"})},
                                    Engagement::ongoing, defaults, day("2026-11-11"));
        CHECK(str(s.next_contact) == "2026-11-20");
    }
    SUBCASE("#missed still applies to it: M + retry when later") {
        const Schedule s = schedule(state("2026-11-02", "2w", "2026-11-10"),
                                    {entry("2026-11-02"), entry("2026-11-12", {"missed"})},
                                    Engagement::ongoing, defaults, day("2026-11-12"));
        CHECK(str(s.next_contact) == "2026-11-16");  // 11-14 is a Saturday
        // The value written is then kept by the next run.
        const Schedule t = schedule(state("2026-11-02", "2w", "2026-11-16"),
                                    {entry("2026-11-02"), entry("2026-11-12", {"missed"})},
                                    Engagement::ongoing, defaults, day("2026-11-13"));
        CHECK(str(t.next_contact) == "2026-11-16");
    }
    SUBCASE("#missed with next: pins over it") {
        const Schedule s =
            schedule(state("2026-11-02", "2w", "2026-11-20"),
                     {entry("2026-11-02"), entry("2026-11-12", {"missed"}, "2026-11-25")},
                     Engagement::ongoing, defaults, day("2026-11-12"));
        CHECK(str(s.next_contact) == "2026-11-25");
    }
}

TEST_CASE("§5.2 a pin written in the log on L beats a hand move") {
    const Schedule s =
        schedule(state("2026-11-02", "2w", "2026-11-20"), {entry("2026-11-02", {}, "2026-11-06")},
                 Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.next_contact) == "2026-11-06");
}

TEST_CASE("§5.2 a stored value on or before L, or cleared, is recomputed") {
    const std::vector<ContactEntry> log{entry("2026-11-02")};
    for (const char* stored : {"2026-11-02", "2026-10-30"}) {
        CAPTURE(stored);
        const Schedule s = schedule(state("2026-11-02", "2w", stored), log, Engagement::ongoing,
                                    defaults, day("2026-11-03"));
        CHECK(str(s.next_contact) == "2026-11-16");
        CHECK_FALSE(s.pinned);
        CHECK(s.write_next_contact);
    }
    const Schedule cleared =
        schedule(state("2026-11-02", "2w"), log, Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(cleared.next_contact) == "2026-11-16");
}

TEST_CASE("§5.2 a #needs added later on day L resets C while a hand-moved date stays") {
    const CounterState st = state("2026-11-02", "4w", "2026-11-13");
    const std::vector<ContactEntry> log{entry("2026-11-02"), entry("2026-11-02", {"needs"})};
    const Schedule s = schedule(st, log, Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.counter) == "1w");
    CHECK(str(s.next_contact) == "2026-11-13");
    SUBCASE("while touchbase's own value follows the reset") {
        const Schedule t = schedule(state("2026-11-02", "4w", "2026-11-30"), log,
                                    Engagement::ongoing, defaults, day("2026-11-03"));
        CHECK(str(t.counter) == "1w");
        CHECK(str(t.next_contact) == "2026-11-09");
    }
}

TEST_CASE("§5.2 a value left over from a change of configuration is kept until the next contact") {
    ScheduleSettings st = defaults;
    st.base = dur("3d");  // the value 11-09 was written with base 1w
    const Schedule s = schedule(state("2026-11-02", nullptr, "2026-11-09"), {entry("2026-11-02")},
                                Engagement::ongoing, st, day("2026-11-03"));
    CHECK(str(s.next_contact) == "2026-11-09");
}

// ------------------------------------------------------------------ §5.3

TEST_CASE("§5.3 a pin: next: on a contact dated L sets N") {
    const Schedule s = schedule(state("2026-10-19", "2w"), {entry("2026-11-02", {}, "2026-11-12")},
                                Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.counter) == "4w");
    CHECK(str(s.next_contact) == "2026-11-12");
    CHECK(s.pinned);
    CHECK(s.write_next_contact);
}

TEST_CASE("§5.3 a pin on a weekend is not moved to a workday") {
    const Schedule s = schedule(state("2026-10-19", "2w"), {entry("2026-11-02", {}, "2026-12-05")},
                                Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.next_contact) == "2026-12-05");  // a Saturday
    CHECK(s.pinned);
}

TEST_CASE("§5.3 a pin may pass the ceiling") {
    const Schedule s = schedule(state("2026-10-19", "2w"), {entry("2026-11-02", {}, "2027-11-02")},
                                Engagement::casual, defaults, day("2026-11-03"));
    CHECK(str(s.next_contact) == "2027-11-02");
    CHECK(s.pinned);
}

TEST_CASE("§5.3 several pins on L: the last one in the file wins") {
    const std::vector<ContactEntry> log{entry("2026-11-02", {}, "2026-11-20"),
                                        entry("2026-11-02", {}, "2026-11-12"), entry("2026-11-02")};
    const Schedule s =
        schedule(state("2026-10-19", "2w"), log, Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.next_contact) == "2026-11-12");
}

TEST_CASE("§5.3 a pin on an entry before L is history") {
    const std::vector<ContactEntry> log{entry("2026-10-19", {}, "2026-12-01"), entry("2026-11-02")};
    const Schedule s =
        schedule(state("2026-10-19", "2w"), log, Engagement::ongoing, defaults, day("2026-11-03"));
    CHECK(str(s.next_contact) == "2026-11-30");
    CHECK_FALSE(s.pinned);
}

TEST_CASE("§5.3 a pin stays in place on later runs, even when overdue") {
    const std::vector<ContactEntry> log{entry("2026-11-02", {}, "2026-11-12")};
    const Schedule s =
        schedule(state("2026-11-02", "4w"), log, Engagement::ongoing, defaults, day("2026-11-20"));
    CHECK(str(s.next_contact) == "2026-11-12");
    CHECK(status_of(Engagement::ongoing, s.next_contact, day("2026-11-20"), dur("7d")) ==
          Status::overdue);
}

TEST_CASE("§5.3 a pin on an active client") {
    const Schedule s = schedule(state("2026-11-16", "1w"), {entry("2026-11-16", {}, "2026-11-25")},
                                Engagement::active, defaults, day("2026-11-16"));
    CHECK(str(s.next_contact) == "2026-11-25");
}

TEST_CASE("§5.3 a missed attempt without next: N = later of N and M + retry") {
    SUBCASE("M + retry is later") {
        const Schedule s = schedule(state("2026-11-02", "2w"), {entry("2026-11-18", {"missed"})},
                                    Engagement::ongoing, defaults, day("2026-11-19"));
        CHECK(str(s.last_contact) == "2026-11-02");
        CHECK(str(s.counter) == "2w");
        CHECK(str(s.next_contact) == "2026-11-20");
        CHECK_FALSE(s.pinned);
        CHECK(s.write_next_contact);
    }
    SUBCASE("M + retry on a Saturday moves to Monday") {
        const Schedule s = schedule(state("2026-11-02", "2w"), {entry("2026-11-19", {"missed"})},
                                    Engagement::ongoing, defaults, day("2026-11-19"));
        CHECK(str(s.next_contact) == "2026-11-23");
    }
    SUBCASE("N is later: N stays") {
        const Schedule s = schedule(state("2026-11-02", "4w"), {entry("2026-11-05", {"missed"})},
                                    Engagement::ongoing, defaults, day("2026-11-06"));
        CHECK(str(s.next_contact) == "2026-11-30");
    }
    SUBCASE("the newest missed attempt counts") {
        const std::vector<ContactEntry> log{entry("2026-11-20", {"missed"}),
                                            entry("2026-11-17", {"missed"})};
        const Schedule s = schedule(state("2026-11-02", "2w"), log, Engagement::ongoing, defaults,
                                    day("2026-11-24"));
        CHECK(str(s.next_contact) == "2026-11-23");  // 11-22 is a Sunday
    }
    SUBCASE("a later M + retry replaces a pin") {
        const std::vector<ContactEntry> log{entry("2026-11-02", {}, "2026-11-10"),
                                            entry("2026-11-10", {"missed"})};
        const Schedule s = schedule(state("2026-10-19", "2w"), log, Engagement::ongoing, defaults,
                                    day("2026-11-11"));
        CHECK(str(s.next_contact) == "2026-11-12");
        CHECK_FALSE(s.pinned);
    }
    SUBCASE("a retry counted in months") {
        ScheduleSettings st = defaults;
        st.retry = dur("1m");
        const Schedule s = schedule(state("2026-11-02", "2w"), {entry("2026-11-18", {"missed"})},
                                    Engagement::ongoing, st, day("2026-11-19"));
        CHECK(str(s.next_contact) == "2026-12-18");
    }
}

TEST_CASE("§5.3 a missed attempt with next: is a pin") {
    const Schedule s =
        schedule(state("2026-11-02", "2w"), {entry("2026-11-18", {"missed"}, "2026-11-28")},
                 Engagement::ongoing, defaults, day("2026-11-19"));
    CHECK(str(s.next_contact) == "2026-11-28");  // a Saturday, kept
    CHECK(s.pinned);
    CHECK(s.write_next_contact);
    SUBCASE("even an earlier one than N") {
        const Schedule e =
            schedule(state("2026-11-02", "4w"), {entry("2026-11-18", {"missed"}, "2026-11-19")},
                     Engagement::ongoing, defaults, day("2026-11-19"));
        CHECK(str(e.next_contact) == "2026-11-19");
    }
    SUBCASE("only the newest missed attempt's next: counts") {
        const std::vector<ContactEntry> log{entry("2026-11-10", {"missed"}, "2026-12-01"),
                                            entry("2026-11-18", {"missed"})};
        const Schedule e = schedule(state("2026-11-02", "2w"), log, Engagement::ongoing, defaults,
                                    day("2026-11-19"));
        CHECK(str(e.next_contact) == "2026-11-20");
        CHECK_FALSE(e.pinned);
    }
    SUBCASE("several missed entries on the newest date: a next: on any of them counts") {
        const std::vector<ContactEntry> log{entry("2026-11-18", {"missed"}, "2026-12-01"),
                                            entry("2026-11-18", {"missed"})};
        const Schedule e = schedule(state("2026-11-02", "2w"), log, Engagement::ongoing, defaults,
                                    day("2026-11-19"));
        CHECK(str(e.next_contact) == "2026-12-01");
        CHECK(e.pinned);
    }
}

TEST_CASE("§5.3 missed attempts dated L or before, or after today, are ignored") {
    const std::vector<ContactEntry> log{entry("2026-10-30", {"missed"}),
                                        entry("2026-11-02", {"missed"}, "2026-11-04"),
                                        entry("2026-11-02"),
                                        entry("2026-11-25", {"missed"}, "2026-11-26")};
    const Schedule s =
        schedule(state("2026-10-19", "2w"), log, Engagement::ongoing, defaults, day("2026-11-24"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK(str(s.next_contact) == "2026-11-30");
    CHECK_FALSE(s.pinned);
}

TEST_CASE("§5.3 a missed attempt when L is absent") {
    SUBCASE("sets N = M + retry, which touchbase writes") {
        const Schedule s = schedule(state(), {entry("2026-11-18", {"missed"})}, Engagement::ongoing,
                                    defaults, day("2026-11-19"));
        CHECK_FALSE(s.last_contact);
        CHECK_FALSE(s.counter);
        CHECK(str(s.next_contact) == "2026-11-20");
        CHECK_FALSE(s.pinned);
        CHECK(s.write_next_contact);
        SUBCASE("and the next run reads it back to the same N") {
            const Schedule again = schedule(CounterState{s.last_contact, s.counter, s.next_contact},
                                            {entry("2026-11-18", {"missed"})}, Engagement::ongoing,
                                            defaults, day("2026-11-21"));
            CHECK(str(again.next_contact) == "2026-11-20");
            CHECK(again.write_next_contact);
        }
    }
    SUBCASE("M + retry on a weekend moves to a workday") {
        const Schedule s = schedule(state(), {entry("2026-11-19", {"missed"})}, Engagement::ongoing,
                                    defaults, day("2026-11-19"));
        CHECK(str(s.next_contact) == "2026-11-23");
    }
    SUBCASE("with next:") {
        const Schedule s = schedule(state(), {entry("2026-11-18", {"missed"}, "2026-11-29")},
                                    Engagement::casual, defaults, day("2026-11-19"));
        CHECK(str(s.next_contact) == "2026-11-29");
        CHECK(s.pinned);
        CHECK(s.write_next_contact);
    }
    SUBCASE("a stored next_contact later than M + retry stays") {
        const Schedule s =
            schedule(state(nullptr, nullptr, "2026-12-05"), {entry("2026-11-18", {"missed"})},
                     Engagement::ongoing, defaults, day("2026-11-19"));
        CHECK(str(s.next_contact) == "2026-12-05");
        CHECK(s.pinned);
    }
    SUBCASE("a stored next_contact earlier than M + retry gives way") {
        const Schedule s =
            schedule(state(nullptr, nullptr, "2026-11-17"), {entry("2026-11-18", {"missed"})},
                     Engagement::ongoing, defaults, day("2026-11-19"));
        CHECK(str(s.next_contact) == "2026-11-20");
        CHECK_FALSE(s.pinned);
        CHECK(s.write_next_contact);
    }
    SUBCASE("a missed attempt after today is a plan") {
        const Schedule s = schedule(state(), {entry("2026-11-25", {"missed"})}, Engagement::ongoing,
                                    defaults, day("2026-11-19"));
        CHECK_FALSE(s.next_contact);
        CHECK_FALSE(s.write_next_contact);
    }
}

TEST_CASE("§5.3 paused clients ignore pins and missed attempts") {
    const std::vector<ContactEntry> log{entry("2026-11-02", {}, "2026-11-10"),
                                        entry("2026-11-18", {"missed"}, "2026-11-28")};
    const Schedule s = schedule(state(), log, Engagement::paused, defaults, day("2026-11-19"));
    CHECK(str(s.last_contact) == "2026-11-02");
    CHECK_FALSE(s.next_contact);
    CHECK_FALSE(s.write_next_contact);
}

// ------------------------------------------------------------------ §1 overflow

TEST_CASE("§1 a next contact past 9999-12-31 is an error") {
    SUBCASE("ongoing") {
        const Schedule s = schedule(state("9999-12-30", "1w"), {}, Engagement::ongoing, defaults,
                                    day("9999-12-30"));
        REQUIRE(s.error);
        CHECK(s.error->find("9999-12-31") != std::string::npos);
        CHECK_FALSE(s.next_contact);
        CHECK_FALSE(s.write_next_contact);
        CHECK(str(s.last_contact) == "9999-12-30");
        CHECK(str(s.counter) == "1w");
    }
    SUBCASE("active on the last day") {
        const Schedule s = schedule(state("9999-12-31", "1w"), {}, Engagement::active, defaults,
                                    day("9999-12-31"));
        CHECK(s.error);
    }
    SUBCASE("the move to a workday") {
        ScheduleSettings st = defaults;
        st.calendar.holidays = {day("9999-12-31")};
        const Schedule s =
            schedule(state("9999-12-24", "1w"), {}, Engagement::ongoing, st, day("9999-12-24"));
        CHECK(s.error);
    }
    SUBCASE("a missed attempt's retry") {
        const Schedule s = schedule(state("9999-12-20", "1d"), {entry("9999-12-31", {"missed"})},
                                    Engagement::ongoing, defaults, day("9999-12-31"));
        CHECK(s.error);
    }
    SUBCASE("a pin rescues it") {
        const Schedule s =
            schedule(state("9999-12-20", "1w"), {entry("9999-12-30", {}, "9999-12-31")},
                     Engagement::ongoing, defaults, day("9999-12-30"));
        CHECK_FALSE(s.error);
        CHECK(str(s.next_contact) == "9999-12-31");
    }
    SUBCASE("paused clients compute no N, so no error") {
        const Schedule s = schedule(state("9999-12-30", "1w"), {}, Engagement::paused, defaults,
                                    day("9999-12-30"));
        CHECK_FALSE(s.error);
    }
}

TEST_CASE("a calendar without workdays is an error, not a hang") {
    ScheduleSettings st = defaults;
    for (int m = 1; m <= 12; ++m)
        for (int d = 1; d <= days_in_month(2024, m); ++d) st.calendar.yearly.emplace_back(m, d);
    const Schedule s =
        schedule(state("2026-11-02", "1w"), {}, Engagement::ongoing, st, day("2026-11-03"));
    REQUIRE(s.error);
    CHECK(s.error->find("workday") != std::string::npos);
}

// ------------------------------------------------------------------ §7.1 status

TEST_CASE("§7.1 status_of") {
    const Date today = day("2026-11-24");
    const Duration week = dur("7d");
    CHECK(status_of(Engagement::ongoing, day("2026-11-23"), today, week) == Status::overdue);
    CHECK(status_of(Engagement::ongoing, day("2026-11-24"), today, week) == Status::due);
    CHECK(status_of(Engagement::ongoing, std::nullopt, today, week) == Status::new_client);
    CHECK(status_of(Engagement::active, day("2026-11-25"), today, week) == Status::upcoming);
    CHECK(status_of(Engagement::casual, day("2026-12-01"), today, week) == Status::upcoming);
    CHECK(status_of(Engagement::former, day("2026-12-02"), today, week) == Status::later);
    CHECK(status_of(Engagement::paused, std::nullopt, today, week) == Status::paused);
    CHECK(status_of(Engagement::paused, day("2026-11-01"), today, week) == Status::paused);
    CHECK(status_of(Engagement::ongoing, day("2026-12-24"), today, dur("1m")) == Status::upcoming);
    CHECK(status_of(Engagement::ongoing, day("2026-11-24"), today, dur("0d")) == Status::due);
    CHECK(status_of(Engagement::ongoing, day("9999-12-31"), day("9999-12-30"), dur("1y")) ==
          Status::upcoming);
}

TEST_CASE("status names") {
    CHECK(std::string(to_string(Status::overdue)) == "overdue");
    CHECK(std::string(to_string(Status::due)) == "due");
    CHECK(std::string(to_string(Status::new_client)) == "new");
    CHECK(std::string(to_string(Status::upcoming)) == "upcoming");
    CHECK(std::string(to_string(Status::later)) == "later");
    CHECK(std::string(to_string(Status::paused)) == "paused");
}

TEST_CASE("parse_engagement and to_string") {
    for (Engagement e : {Engagement::active, Engagement::casual, Engagement::ongoing,
                         Engagement::former, Engagement::paused}) {
        CHECK(parse_engagement(to_string(e)) == e);
    }
    CHECK(parse_engagement("ongoing") == Engagement::ongoing);
    CHECK_FALSE(parse_engagement("Ongoing"));
    CHECK_FALSE(parse_engagement(" active"));
    CHECK_FALSE(parse_engagement("retired"));
    CHECK_FALSE(parse_engagement(""));
}
