// SPEC §5.5: card occasions.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <string>

#include "occasions.h"

using namespace touchbase;
using touchbase::test::day;
using touchbase::test::dur;

namespace {
Occasion occ(const char* text) {
    const auto o = parse_occasion(text);
    REQUIRE_MESSAGE(o.has_value(), text);
    return *o;
}
std::string due(const char* occasion, const char* today, Duration lead = {14, Unit::days}) {
    const auto d = card_due(occ(occasion), day(today), lead);
    return d ? d->str() : "none";
}
}  // namespace

TEST_CASE("every named occasion has its date") {
    struct Case {
        const char* name;
        const char* in_2026;
    };
    const Case cases[] = {
        {"new-year", "2026-01-01"},        {"valentines-day", "2026-02-14"},
        {"st-patricks-day", "2026-03-17"}, {"independence-day", "2026-07-04"},
        {"halloween", "2026-10-31"},       {"thanksgiving", "2026-11-26"},
        {"christmas", "2026-12-25"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        const Occasion o = occ(c.name);
        CHECK(o.name == c.name);
        CHECK_FALSE(o.label);
        CHECK(occasion_date(o, 2026).str() == c.in_2026);
        CHECK(next_occasion_date(o, day("2026-01-01")).str() == c.in_2026);
    }
}

TEST_CASE("thanksgiving is the fourth Thursday of November") {
    const Occasion t = occ("thanksgiving");
    CHECK(t.kind == Occasion::Kind::thanksgiving);
    CHECK(occasion_date(t, 2024).str() == "2024-11-28");
    CHECK(occasion_date(t, 2025).str() == "2025-11-27");
    CHECK(occasion_date(t, 2026).str() == "2026-11-26");
    CHECK(occasion_date(t, 2027).str() == "2027-11-25");
    CHECK(occasion_date(t, 2028).str() == "2028-11-23");
    CHECK(occasion_date(t, 2029).str() == "2029-11-22");
    for (int year = 1; year <= 9999; year += 37) {
        CAPTURE(year);
        const Date d = occasion_date(t, year);
        CHECK(d.weekday() == 3);
        CHECK(d.month() == 11);
        CHECK(d.day() >= 22);
        CHECK(d.day() <= 28);
    }
    SUBCASE("its next date moves to next year once passed") {
        CHECK(next_occasion_date(t, day("2026-11-26")).str() == "2026-11-26");
        CHECK(next_occasion_date(t, day("2026-11-27")).str() == "2027-11-25");
    }
}

TEST_CASE("MM-DD occasions, with and without a label") {
    const Occasion plain = occ("05-12");
    CHECK(plain.name == "05-12");
    CHECK_FALSE(plain.label);
    CHECK(plain.month == 5);
    CHECK(plain.day == 12);

    const Occasion labelled = occ("05-12 birthday");
    CHECK(labelled.name == "05-12");
    REQUIRE(labelled.label);
    CHECK(*labelled.label == "birthday");
    CHECK(occasion_date(labelled, 2026).str() == "2026-05-12");

    const Occasion words = occ("09-03 founding of the company");
    CHECK(words.name == "09-03");
    CHECK(*words.label == "founding of the company");

    const Occasion spaced = occ("  12-01   Anna's birthday  ");
    CHECK(spaced.name == "12-01");
    CHECK(*spaced.label == "Anna's birthday");

    const Occasion tab = occ("12-01\tbirthday");
    CHECK(*tab.label == "birthday");

    CHECK_FALSE(occ("05-12 ").label);
}

TEST_CASE("02-29 falls on 02-28 outside leap years") {
    const Occasion leap = occ("02-29 birthday");
    CHECK(occasion_date(leap, 2028).str() == "2028-02-29");
    CHECK(occasion_date(leap, 2026).str() == "2026-02-28");
    CHECK(occasion_date(leap, 2100).str() == "2100-02-28");
    CHECK(occasion_date(leap, 2000).str() == "2000-02-29");
    CHECK(next_occasion_date(leap, day("2026-03-01")).str() == "2027-02-28");
    CHECK(next_occasion_date(leap, day("2027-03-01")).str() == "2028-02-29");
    CHECK(due("02-29", "2026-02-20") == "2026-02-28");
    CHECK(due("02-29", "2028-02-20") == "2028-02-29");
}

TEST_CASE("MM-DD occasions may have a one-digit month or day (spec §1)") {
    const Occasion o = occ("5-2 birthday");
    CHECK(o.name == "5-2");
    CHECK(*o.label == "birthday");
    CHECK(occasion_date(o, 2026).str() == "2026-05-02");
    CHECK(occasion_date(occ("12-5"), 2026).str() == "2026-12-05");
    CHECK_FALSE(parse_occasion("2-30"));
}

TEST_CASE("unknown occasions give nullopt") {
    for (const char* text : {"",
                             "easter",
                             "xmas",
                             "christmas family",
                             "christmas-day",
                             "new year",
                             "02-30",
                             "13-01",
                             "00-10",
                             "04-31",
                             "005-12",
                             "05-123",
                             "0512",
                             "05/12",
                             "05-12birthday",
                             "05-12-2026",
                             "2026-05-12",
                             "birthday 05-12",
                             "-05-12",
                             "christmas!"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_occasion(text));
    }
}

TEST_CASE("named occasions ignore ASCII case and keep the name as written") {
    const Occasion o = occ("Christmas");
    CHECK(o.name == "Christmas");
    CHECK(occasion_date(o, 2026).str() == "2026-12-25");
    CHECK(occasion_date(occ("THANKSGIVING"), 2026).str() == "2026-11-26");
}

TEST_CASE("next_occasion_date is on or after today") {
    const Occasion x = occ("christmas");
    CHECK(next_occasion_date(x, day("2026-12-24")).str() == "2026-12-25");
    CHECK(next_occasion_date(x, day("2026-12-25")).str() == "2026-12-25");
    CHECK(next_occasion_date(x, day("2026-12-26")).str() == "2027-12-25");
    CHECK(next_occasion_date(occ("new-year"), day("2026-01-02")).str() == "2027-01-01");
    SUBCASE("none after the last occasion of 9999") {
        CHECK(next_occasion_date(x, day("9999-12-26")) == Date::max());
        CHECK(next_occasion_date(x, day("9999-12-25")).str() == "9999-12-25");
    }
}

TEST_CASE("card_due: the window [date - lead, date] includes both ends") {
    CHECK(due("christmas", "2026-12-10") == "none");
    CHECK(due("christmas", "2026-12-11") == "2026-12-25");
    CHECK(due("christmas", "2026-12-20") == "2026-12-25");
    CHECK(due("christmas", "2026-12-25") == "2026-12-25");
    CHECK(due("christmas", "2026-12-26") == "none");
    CHECK(due("05-12 birthday", "2026-05-01") == "2026-05-12");
    CHECK(due("thanksgiving", "2026-11-12") == "2026-11-26");
    CHECK(due("thanksgiving", "2026-11-11") == "none");
}

TEST_CASE("card_due: a window across the year end") {
    CHECK(due("new-year", "2026-12-28") == "2027-01-01");
    CHECK(due("new-year", "2026-12-18") == "2027-01-01");
    CHECK(due("new-year", "2026-12-17") == "none");
    CHECK(due("new-year", "2027-01-01") == "2027-01-01");
    CHECK(due("new-year", "2027-01-02") == "none");
    CHECK(due("01-05 birthday", "2026-12-28") == "2027-01-05");
}

TEST_CASE("card_due: other leads") {
    CHECK(due("christmas", "2026-11-25", {1, Unit::months}) == "2026-12-25");
    CHECK(due("christmas", "2026-11-24", {1, Unit::months}) == "none");
    CHECK(due("christmas", "2026-12-25", {0, Unit::days}) == "2026-12-25");
    CHECK(due("christmas", "2026-12-24", {0, Unit::days}) == "none");
    CHECK(due("christmas", "2026-12-18", {1, Unit::weeks}) == "2026-12-25");
    CHECK(due("christmas", "2026-12-17", {1, Unit::weeks}) == "none");
    SUBCASE("a lead longer than a year lists the next date only") {
        CHECK(due("christmas", "2026-12-26", {2, Unit::years}) == "2027-12-25");
    }
    SUBCASE("a window that starts before 0001-01-01") {
        CHECK(due("christmas", "0001-01-01", {9999, Unit::years}) == "0001-12-25");
    }
    SUBCASE("no next date after the last occasion of 9999") {
        CHECK(due("christmas", "9999-12-26") == "none");
        CHECK(due("new-year", "9999-12-30") == "none");
    }
}

// ------------------------------------------------------------ card_sent

namespace {

// An entry as scan_body gives it, its marks read from `text` ("2026-12-19 #card").
ContactEntry card_entry(const char* date, const char* text) {
    ContactEntry e;
    e.date = day(date);
    e.text = text;
    e.marks = read_marks(text);
    return e;
}

// The occasions among `names` still to send on `today` (lead 14d).
std::string unsent(std::initializer_list<const char*> names, std::vector<ContactEntry> log,
                   const char* today) {
    std::vector<Occasion> all;
    for (const char* n : names) all.push_back(occ(n));
    std::string out;
    const Duration lead{14, Unit::days};
    for (const auto& o : all) {
        const auto date = card_due(o, day(today), lead);
        if (date && !card_sent(o, *date, all, log, lead, day(today))) out += o.name + " ";
    }
    return out;
}

}  // namespace

TEST_CASE("read_marks: #card, #card:OCCASION and their occasions") {
    const EntryMarks bare = read_marks("2026-12-19 card posted #card");
    CHECK(bare.card);
    CHECK(bare.card_bare);
    CHECK(bare.card_occasions.empty());
    const EntryMarks named = read_marks("2026-12-19 #card:Christmas, then #card:05-12.");
    CHECK(named.card);
    CHECK_FALSE(named.card_bare);
    REQUIRE(named.card_occasions.size() == 2);
    CHECK(named.card_occasions[0] == "Christmas");
    CHECK(named.card_occasions[1] == "05-12");
    const EntryMarks empty = read_marks("2026-12-19 #card: for the team");
    CHECK(empty.card_bare);  // `#card:` with no occasion is a bare card
    CHECK(empty.card_occasions.empty());
    CHECK_FALSE(read_marks("2026-12-19 #cardboard").card);
    CHECK_FALSE(read_marks("2026-12-19 #card-x").card);
    CHECK(read_marks("2026-12-19 #card:new-year_x").card_occasions ==
          std::vector<std::string>{"new-year"});
}

TEST_CASE("card_sent: #card:OCCASION hides the occasion it names, and only that one") {
    const auto log = {card_entry("2026-12-19", "2026-12-19 #card:new-year")};
    CHECK(unsent({"christmas", "new-year"}, log, "2026-12-20") == "christmas ");
    const auto upper = {card_entry("2026-12-19", "2026-12-19 #card:NEW-YEAR")};
    CHECK(unsent({"christmas", "new-year"}, upper, "2026-12-20") == "christmas ");
    // An MM-DD occasion is named without its label.
    const auto birthday = {card_entry("2026-12-19", "2026-12-19 #card:12-30")};
    CHECK(unsent({"christmas", "12-30 Ana's birthday"}, birthday, "2026-12-20") == "christmas ");
    // Outside the named occasion's window it hides nothing.
    const auto early = {card_entry("2026-12-12", "2026-12-12 #card:new-year")};
    CHECK(unsent({"christmas", "new-year"}, early, "2026-12-20") == "christmas new-year ");
}

TEST_CASE("card_sent: a bare #card in two windows is the card of the earliest occasion") {
    // 12-19 is in the windows of christmas (12-11..12-25) and new-year (12-18..01-01).
    const auto log = {card_entry("2026-12-19", "2026-12-19 #card")};
    CHECK(unsent({"christmas", "new-year"}, log, "2026-12-20") == "new-year ");
    CHECK(unsent({"new-year", "christmas"}, log, "2026-12-20") == "new-year ");
    // Occasions on that same date are all hidden.
    CHECK(unsent({"christmas", "12-25 Ana's birthday", "new-year"}, log, "2026-12-20") ==
          "new-year ");
    // Once Christmas has passed, a bare card sent on 12-27 is the New Year card.
    const auto later = {card_entry("2026-12-19", "2026-12-19 #card"),
                        card_entry("2026-12-27", "2026-12-27 #card")};
    CHECK(unsent({"christmas", "new-year"}, later, "2026-12-28") == "");
    // A bare card alone in one window is that occasion's.
    const auto alone = {card_entry("2026-12-12", "2026-12-12 #card")};
    CHECK(unsent({"christmas", "new-year"}, alone, "2026-12-20") == "new-year ");
}

TEST_CASE("card_sent: #missed, plans and entries outside the window send nothing") {
    const auto missed = {card_entry("2026-12-19", "2026-12-19 #card:christmas #missed")};
    CHECK(unsent({"christmas"}, missed, "2026-12-20") == "christmas ");
    const auto plan = {card_entry("2026-12-22", "2026-12-22 #card:christmas")};
    CHECK(unsent({"christmas"}, plan, "2026-12-20") == "christmas ");
    const auto last_year = {card_entry("2025-12-20", "2025-12-20 #card:christmas")};
    CHECK(unsent({"christmas"}, last_year, "2026-12-20") == "christmas ");
}

TEST_CASE("names_occasion: the name before any label, ignoring ASCII case") {
    CHECK(names_occasion("christmas", occ("Christmas")));
    CHECK(names_occasion("05-12", occ("05-12 birthday")));
    CHECK_FALSE(names_occasion("birthday", occ("05-12 birthday")));
    CHECK_FALSE(names_occasion("xmas", occ("christmas")));
}
