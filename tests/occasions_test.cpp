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
    for (const char* text :
         {"", "easter", "xmas", "christmas family", "christmas-day", "new year", "02-30", "13-01",
          "00-10", "04-31", "005-12", "05-123", "0512", "05/12", "05-12birthday", "05-12-2026",
          "2026-05-12", "birthday 05-12", "-05-12", "christmas!"}) {
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
