// SPEC §1: dates, durations, workdays.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <fmt/format.h>

#include "date.h"

using namespace touchbase;
using touchbase::test::day;
using touchbase::test::dur;

namespace {
std::string plus(const char* date, const char* duration) {
    const auto r = add(day(date), dur(duration));
    return r ? r->str() : "none";
}
std::string minus(const char* date, const char* duration) {
    const auto r = subtract(day(date), dur(duration));
    return r ? r->str() : "none";
}
}  // namespace

// The tests' own helpers (test_dates.h): a mistyped literal fails its test
// case instead of crashing the run; should_fail makes that failure the pass.
TEST_CASE("day() fails the test on a date that is not a real day" * doctest::should_fail()) {
    CHECK(day("2026-02-30").month() == 2);
}

TEST_CASE("dur() fails the test on a duration without its unit" * doctest::should_fail()) {
    CHECK(dur("14").count == 14);
}

TEST_CASE("Date::parse accepts real days and formats them back") {
    for (const char* text : {"2026-11-24", "2024-02-29", "0001-01-01", "9999-12-31", "2000-02-29",
                             "1970-01-01", "2026-12-31"}) {
        CAPTURE(text);
        const auto d = Date::parse(text);
        REQUIRE(d.has_value());
        CHECK(d->str() == text);
    }
    const Date d = day("2026-11-24");
    CHECK(d.year() == 2026);
    CHECK(d.month() == 11);
    CHECK(d.day() == 24);
}

TEST_CASE("Date::parse is strict") {
    for (const char* text :
         {"2026-02-30",  "2026-02-29",  "1900-02-29",    "2026-13-01",  "2026-00-10", "2026-04-31",
          "2026-01-00",  "0000-01-01",  "2026-001-01",   "2026-01-001", "26-01-01",   "2026/01/01",
          "2026-01-01 ", " 2026-01-01", "2026-01-01T00", "+026-01-01",  "2026-0a-01", "",
          "20260101",    "10000-01-01", "２０２６-01-01"}) {
        CAPTURE(text);
        CHECK_FALSE(Date::parse(text).has_value());
    }
}

TEST_CASE("Date::parse reads a one-digit month or day, and a date followed by a time") {
    CHECK(Date::parse("2026-2-3") == day("2026-02-03"));
    CHECK(Date::parse("2026-11-9") == day("2026-11-09"));
    CHECK(Date::parse("2026-2-13") == day("2026-02-13"));
    CHECK(Date::parse("2026-11-02T14:30") == day("2026-11-02"));
    CHECK(Date::parse("2026-11-02T9:05:59") == day("2026-11-02"));
    CHECK(Date::parse("2026-11-02T14:30:00.5Z") == day("2026-11-02"));
    CHECK(Date::parse("2026-11-02T14:30+01:00") == day("2026-11-02"));
    CHECK(Date::parse("2026-11-2T14:30-0500") == day("2026-11-02"));
    for (const char* text :
         {"2026-2-30", "2026-11", "2026-11-", "2026-11-02T", "2026-11-02T14", "2026-11-02T14:3",
          "2026-11-02 14:30", "2026-11-02t14:30", "2026-11-02T14:30x"}) {
        CAPTURE(text);
        CHECK_FALSE(Date::parse(text).has_value());
    }
}

TEST_CASE("date_token_at finds a date at the start of a text and says how long it is") {
    auto t = date_token_at("2026-11-2: call");
    CHECK(t.length == 9);
    CHECK(t.written == "2026-11-2");
    CHECK(t.date == day("2026-11-02"));
    t = date_token_at("2026-11-02T14:30 call");
    CHECK(t.length == 16);
    CHECK(t.date == day("2026-11-02"));
    t = date_token_at("2026-13-01 call");  // shaped like a date, not a day
    CHECK(t.length == 10);
    CHECK_FALSE(t.date.has_value());
    CHECK(date_token_at("2026-11 call").length == 0);
    CHECK(date_token_at("2026-11-123").length == 0);
    CHECK(date_token_at("2026-111-1").length == 0);
    CHECK(date_token_at("20261-1-1").length == 0);
    CHECK(date_token_at("call 2026-11-02").length == 0);
}

TEST_CASE("other_date_shape_at finds dates written another way") {
    CHECK(other_date_shape_at("2026/11/02 call") == 10);
    CHECK(other_date_shape_at("2026.11.2") == 9);
    CHECK(other_date_shape_at("02.11.2026: call") == 10);
    CHECK(other_date_shape_at("11/02/2026") == 10);
    CHECK(other_date_shape_at("2-11-2026") == 9);
    CHECK(other_date_shape_at("2026-11-02") == 0);  // the right way
    CHECK(other_date_shape_at("2026/11-02") == 0);  // two separators
    CHECK(other_date_shape_at("1.2.3 release") == 0);
    CHECK(other_date_shape_at("02.11.20261") == 0);
    CHECK(other_date_shape_at("v2026/11/02") == 0);
}

TEST_CASE("parse_month_day reads MM-DD with one-digit months and days") {
    CHECK(parse_month_day("05-12") == std::pair{5, 12});
    CHECK(parse_month_day("5-12") == std::pair{5, 12});
    CHECK(parse_month_day("12-1") == std::pair{12, 1});
    CHECK(parse_month_day("02-29") == std::pair{2, 29});
    for (const char* text : {"13-01", "02-30", "0-1", "5-", "-5", "005-12", "05-12 ", "5/12"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_month_day(text).has_value());
    }
    CHECK(month_day_shape_at("5-12 birthday") == 4);
    CHECK(month_day_shape_at("5-123") == 0);
}

TEST_CASE("Date::from_ymd checks the day") {
    CHECK(Date::from_ymd(2026, 11, 24) == day("2026-11-24"));
    CHECK_FALSE(Date::from_ymd(2026, 2, 29).has_value());
    CHECK_FALSE(Date::from_ymd(0, 1, 1).has_value());
    CHECK_FALSE(Date::from_ymd(10000, 1, 1).has_value());
    CHECK_FALSE(Date::from_ymd(2026, 12, 32).has_value());
}

TEST_CASE("serials follow days_from_civil from 1970-01-01") {
    CHECK(day("1970-01-01").serial() == 0);
    CHECK(day("2006-01-02").serial() == 13150);
    CHECK(day("1969-12-31").serial() == -1);
    CHECK(Date::min().serial() == -719162);
    CHECK(Date::max().serial() == 2932896);
    CHECK(Date::min().str() == "0001-01-01");
    CHECK(Date::max().str() == "9999-12-31");
    CHECK(Date::from_serial(20783).str() == "2026-11-26");
    CHECK(Date().str() == "1970-01-01");
    CHECK(days_between(day("2026-11-02"), day("2026-11-24")) == 22);
}

TEST_CASE("every day round-trips through its serial") {
    int checked = 0, wrong = 0;
    for (std::int32_t s = Date::min().serial(); s <= Date::max().serial(); ++s) {
        const Date d = Date::from_serial(s);
        const auto back = Date::from_ymd(d.year(), d.month(), d.day());
        const auto reparsed = Date::parse(d.str());
        if (!back || back->serial() != s || !reparsed || *reparsed != d) ++wrong;
        ++checked;
    }
    CHECK(checked == 3652059);  // days from 0001-01-01 to 9999-12-31
    CHECK(wrong == 0);
}

TEST_CASE("weekday and weekday_name") {
    CHECK(day("2006-01-02").weekday() == 0);  // Monday
    CHECK(day("1970-01-01").weekday() == 3);  // Thursday
    CHECK(day("2026-11-21").weekday() == 5);
    CHECK(day("2026-11-22").weekday() == 6);
    CHECK(day("0001-01-01").weekday() == 0);
    CHECK(day("1969-12-28").weekday() == 6);  // before the epoch
    CHECK(day("9999-12-31").weekday() == 4);
    CHECK(std::string(weekday_name(0)) == "Monday");
    CHECK(std::string(weekday_name(4)) == "Friday");
    CHECK(std::string(weekday_name(6)) == "Sunday");
    CHECK(std::string(weekday_name(7)) == "");
}

TEST_CASE("days_in_month and leap years") {
    CHECK(days_in_month(2026, 1) == 31);
    CHECK(days_in_month(2026, 2) == 28);
    CHECK(days_in_month(2024, 2) == 29);
    CHECK(days_in_month(1900, 2) == 28);
    CHECK(days_in_month(2000, 2) == 29);
    CHECK(days_in_month(2026, 4) == 30);
    CHECK(days_in_month(2026, 13) == 0);
}

TEST_CASE("fmt prints dates and durations") {
    CHECK(fmt::format("{}", day("2026-01-05")) == "2026-01-05");
    CHECK(fmt::format("{}", dur("2w")) == "2w");
}

TEST_CASE("Duration::parse") {
    CHECK(dur("14d") == Duration{14, Unit::days});
    CHECK(dur("2w") == Duration{2, Unit::weeks});
    CHECK(dur("1m") == Duration{1, Unit::months});
    CHECK(dur("1y") == Duration{1, Unit::years});
    CHECK(dur("0d") == Duration{0, Unit::days});
    CHECK(dur("9999y") == Duration{9999, Unit::years});
    SUBCASE("leading zeros are allowed: the value is what counts") {
        CHECK(dur("07d") == Duration{7, Unit::days});
        CHECK(dur("0009999d") == Duration{9999, Unit::days});
        CHECK(dur("07d").str() == "7d");
    }
    SUBCASE("anything else is rejected") {
        for (const char* text :
             {"", "d", "10000d", "99999999999999999999d", "-1d", "+1d", "1 d", " 1d", "1d ", "1D",
              "1W", "1", "1x", "1.5d", "1dd", "w2", "1mo", "0x1d"}) {
            CAPTURE(text);
            CHECK_FALSE(Duration::parse(text).has_value());
        }
    }
}

TEST_CASE("Duration::str and amount") {
    CHECK(dur("14d").str() == "14d");
    CHECK(dur("12m").str() == "12m");
    CHECK(dur("14d").amount() == 14);
    CHECK(dur("2w").amount() == 14);
    CHECK(dur("3m").amount() == 3);
    CHECK(dur("2y").amount() == 24);
    CHECK(dur("2w").in_days());
    CHECK_FALSE(dur("2y").in_days());
}

TEST_CASE("add: days and weeks") {
    CHECK(plus("2006-01-09", "2w") == "2006-01-23");
    CHECK(plus("2026-12-28", "14d") == "2027-01-11");
    CHECK(plus("2024-02-28", "1d") == "2024-02-29");
    CHECK(plus("2026-02-28", "1d") == "2026-03-01");
    CHECK(plus("2026-11-24", "0d") == "2026-11-24");
}

TEST_CASE("add: months keep the day and clamp it to the month's end") {
    CHECK(plus("2026-01-31", "1m") == "2026-02-28");
    CHECK(plus("2024-01-31", "1m") == "2024-02-29");
    CHECK(plus("2026-03-31", "1m") == "2026-04-30");
    CHECK(plus("2026-01-15", "1m") == "2026-02-15");
    CHECK(plus("2026-08-31", "6m") == "2027-02-28");
    CHECK(plus("2026-11-30", "2m") == "2027-01-30");
    CHECK(plus("2026-12-31", "14m") == "2028-02-29");
    SUBCASE("clamping does not carry over: Jan 31 + 1m + 1m is Mar 28") {
        const auto feb = add(day("2026-01-31"), dur("1m"));
        REQUIRE(feb);
        CHECK(add(*feb, dur("1m"))->str() == "2026-03-28");
        CHECK(plus("2026-01-31", "2m") == "2026-03-31");
    }
}

TEST_CASE("add: a year is twelve months") {
    CHECK(plus("2024-02-29", "1y") == "2025-02-28");
    CHECK(plus("2024-02-29", "4y") == "2028-02-29");
    CHECK(plus("2026-11-24", "1y") == plus("2026-11-24", "12m"));
}

TEST_CASE("add: nothing past 9999-12-31") {
    CHECK(plus("9999-12-31", "0d") == "9999-12-31");
    CHECK(plus("9999-12-31", "1d") == "none");
    CHECK(plus("9999-12-01", "1m") == "none");
    CHECK(plus("9999-11-30", "1m") == "9999-12-30");
    CHECK(plus("9999-01-01", "1y") == "none");
    CHECK(plus("0001-01-01", "9999y") == "none");
    CHECK(plus("0001-01-01", "9998y") == "9999-01-01");
    CHECK(plus("9900-01-01", "9999w") == "none");  // 191 years
    CHECK(plus("9000-01-01", "9999w") == "9191-08-21");
    CHECK_FALSE(day("2026-01-01").plus_days(1LL << 40).has_value());
    CHECK_FALSE(day("2026-01-01").plus_days(-(1LL << 40)).has_value());
}

TEST_CASE("subtract") {
    CHECK(minus("2027-01-01", "14d") == "2026-12-18");
    CHECK(minus("2026-03-31", "1m") == "2026-02-28");
    CHECK(minus("2024-03-31", "1m") == "2024-02-29");
    CHECK(minus("2026-01-15", "1m") == "2025-12-15");
    CHECK(minus("2026-11-24", "1y") == "2025-11-24");
    CHECK(minus("0001-01-01", "1d") == "none");
    CHECK(minus("0001-03-01", "3m") == "none");
    CHECK(minus("0001-03-31", "1m") == "0001-02-28");
}

TEST_CASE("means_same (SPEC §1, §9)") {
    CHECK(means_same(dur("14d"), dur("2w")));
    CHECK(means_same(dur("12m"), dur("1y")));
    CHECK(means_same(dur("07d"), dur("7d")));
    CHECK(means_same(dur("0d"), dur("0w")));
    CHECK_FALSE(means_same(dur("4w"), dur("1m")));
    CHECK_FALSE(means_same(dur("0d"), dur("0m")));
    CHECK_FALSE(means_same(dur("30d"), dur("1m")));
    CHECK_FALSE(means_same(dur("1w"), dur("8d")));
}

TEST_CASE("compare_at compares the dates the durations give") {
    const Date jan = day("2026-01-01");
    CHECK(compare_at(dur("4w"), dur("1m"), jan) < 0);  // Jan 29 < Feb 1
    CHECK(compare_at(dur("31d"), dur("1m"), jan) == 0);
    CHECK(compare_at(dur("1m"), dur("28d"), day("2026-02-01")) == 0);
    CHECK(compare_at(dur("1m"), dur("28d"), day("2024-02-01")) > 0);
    CHECK(compare_at(dur("16w"), dur("2m"), jan) > 0);
    CHECK(compare_at(dur("2w"), dur("14d"), jan) == 0);
    SUBCASE("past 9999-12-31 still compares, as later than any date") {
        const Date end = day("9999-12-20");
        CHECK(compare_at(dur("1m"), dur("5d"), end) > 0);
        CHECK(compare_at(dur("5d"), dur("1m"), end) < 0);
        CHECK(compare_at(dur("2w"), dur("2m"), end) < 0);
        CHECK(compare_at(dur("1y"), dur("12m"), end) == 0);
    }
}

TEST_CASE("Calendar: weekdays and holidays") {
    Calendar cal;                                    // Monday to Friday
    CHECK(cal.is_workday(day("2026-11-20")));        // Friday
    CHECK_FALSE(cal.is_workday(day("2026-11-21")));  // Saturday
    CHECK_FALSE(cal.is_workday(day("2026-11-22")));  // Sunday
    CHECK(cal.next_workday(day("2026-11-21"))->str() == "2026-11-23");
    CHECK(cal.next_workday(day("2026-11-20"))->str() == "2026-11-20");
    CHECK(cal.previous_workday(day("2026-11-23"))->str() == "2026-11-23");
    CHECK(cal.previous_workday(day("2026-11-22"))->str() == "2026-11-20");

    SUBCASE("dated holidays") {
        cal.holidays = {day("2026-12-24"), day("2026-12-25"), day("2027-01-01")};
        CHECK_FALSE(cal.is_workday(day("2026-12-25")));
        CHECK(cal.is_workday(day("2025-12-25")));
        CHECK(cal.next_workday(day("2026-12-24"))->str() == "2026-12-28");
        CHECK(cal.previous_workday(day("2027-01-03"))->str() == "2026-12-31");
        CHECK(cal.next_workday(day("2026-12-31"))->str() == "2026-12-31");
    }
    SUBCASE("yearly MM-DD holidays") {
        cal.yearly = {{12, 25}, {1, 1}};
        CHECK_FALSE(cal.is_workday(day("2026-12-25")));
        CHECK_FALSE(cal.is_workday(day("2031-12-25")));
        CHECK_FALSE(cal.is_workday(day("2027-01-01")));
        CHECK(cal.next_workday(day("2026-12-25"))->str() == "2026-12-28");
    }
    SUBCASE("a yearly 02-29 holiday is Feb 29 only") {
        cal.yearly = {{2, 29}};
        CHECK_FALSE(cal.is_workday(day("2028-02-29")));  // Tuesday
        CHECK(cal.is_workday(day("2027-02-26")));        // Friday
        CHECK(cal.is_workday(day("2027-03-01")));        // Monday
        CHECK(cal.is_workday(day("2028-02-28")));        // Monday
    }
    SUBCASE("other workdays") {
        cal.workdays = {false, false, false, false, false, true, true};
        CHECK(cal.is_workday(day("2026-11-21")));
        CHECK(cal.next_workday(day("2026-11-23"))->str() == "2026-11-28");
        CHECK(cal.previous_workday(day("2026-11-27"))->str() == "2026-11-22");
    }
}

TEST_CASE("Calendar searches are bounded") {
    Calendar cal;
    SUBCASE("at the ends of the calendar") {
        // 9999-12-31 is a Friday; 0001-01-01 a Monday.
        cal.holidays = {day("9999-12-31")};
        CHECK_FALSE(cal.next_workday(day("9999-12-31")).has_value());
        cal.holidays = {day("0001-01-01")};
        CHECK_FALSE(cal.previous_workday(day("0001-01-01")).has_value());
    }
    SUBCASE("a calendar with no workday at all") {
        for (int m = 1; m <= 12; ++m)
            for (int d = 1; d <= days_in_month(2024, m); ++d) cal.yearly.emplace_back(m, d);
        CHECK_FALSE(cal.next_workday(day("2026-11-24")).has_value());
        CHECK_FALSE(cal.previous_workday(day("2026-11-24")).has_value());
    }
}
