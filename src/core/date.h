// Dates, durations and workdays (SPEC §1). Pure value types, no clock.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace touchbase {

// A proleptic Gregorian date between 0001-01-01 and 9999-12-31.
class Date {
public:
    // 1970-01-01. Needed so that structs holding a Date (ContactEntry,
    // ActionItem, ...) can be default-constructed.
    Date() = default;

    // SPEC §1: "YYYY-MM-DD", where the month and the day may have one digit
    // ("2026-2-3"), optionally followed by `T` and a time ("2026-11-02T14:30",
    // read as that date); the whole text, a real calendar day ("2026-02-30"
    // gives nullopt).
    [[nodiscard]] static std::optional<Date> parse(std::string_view text);
    static std::optional<Date> from_ymd(int year, int month, int day);
    static Date max();  // 9999-12-31
    static Date min();  // 0001-01-01

    int year() const;
    int month() const;        // 1..12
    int day() const;          // 1..31
    int weekday() const;      // 0 = Monday .. 6 = Sunday
    std::string str() const;  // "YYYY-MM-DD"

    // Days since 1970-01-01 (negative before).
    std::int32_t serial() const { return serial_; }
    static Date from_serial(std::int32_t serial) { return Date(serial); }

    // nullopt when the result leaves 0001-01-01..9999-12-31.
    std::optional<Date> plus_days(std::int64_t days) const;

    friend auto operator<=>(const Date&, const Date&) = default;
    friend bool operator==(const Date&, const Date&) = default;

private:
    explicit Date(std::int32_t serial) : serial_(serial) {}
    std::int32_t serial_ = 0;
};

// A date at the start of `text` (SPEC §1): four digits, '-', one or two
// digits, '-', one or two digits, not followed by another digit, then
// optionally `T` and a time (HH:MM, optional :SS, fraction and zone), which is
// part of the token. `length` is 0 when nothing there is shaped like a date
// ("2026-11" is not); `date` is set when the token is a real day.
struct DateToken {
    std::size_t length = 0;
    std::optional<Date> date;
    std::string_view written;  // the token as written (a view into the text)
};
DateToken date_token_at(std::string_view text);

// A date written another way at the start of `text` (SPEC §1: a warning says
// to write YYYY-MM-DD): the year first with '/' or '.' (`2026/11/02`,
// `2026.11.2`), or last with '/', '.' or '-' (`02.11.2026`, `11/02/2026`,
// `2-11-2026`), the same separator twice, not followed by another digit.
// Its length, or 0.
std::size_t other_date_shape_at(std::string_view text);

// The length of an "M(M)-D(D)" token at the start of `text` that is not
// followed by another digit (validity not checked), or 0.
std::size_t month_day_shape_at(std::string_view text);

inline int days_between(Date from, Date to) { return to.serial() - from.serial(); }

const char* weekday_name(int weekday);  // "Monday" ..
int days_in_month(int year, int month);

enum class Unit : char { days = 'd', weeks = 'w', months = 'm', years = 'y' };

// An integer 0..9999 and a unit (SPEC §1).
struct Duration {
    int count = 0;
    Unit unit = Unit::days;

    // "14d", "2w", "1m", "1y"; nullopt for anything else. One or more ASCII
    // digits with a value of at most 9999 (leading zeros allowed: "07d" is 7d),
    // then a lower-case unit. No sign, no white space.
    [[nodiscard]] static std::optional<Duration> parse(std::string_view text);
    std::string str() const;

    bool in_days() const { return unit == Unit::days || unit == Unit::weeks; }
    // Total days (d, w) or total months (m, y).
    std::int64_t amount() const;

    friend bool operator==(const Duration&, const Duration&) = default;
};

// SPEC §1: date + duration; months clamp to the month's last day.
// nullopt when the result would pass 9999-12-31.
std::optional<Date> add(Date date, Duration d);
// date - duration (for reminder days and card windows); nullopt before 0001-01-01.
std::optional<Date> subtract(Date date, Duration d);

// SPEC §1/§9: both in d/w with the same days, or both in m/y with the same months.
bool means_same(Duration a, Duration b);

// Negative, zero or positive as a+start is before, equal to or after b+start.
// Results past 9999-12-31 compare as later than any date (and are compared
// exactly with each other, on the unbounded proleptic calendar).
int compare_at(Duration a, Duration b, Date start);

// A yearly date "MM-DD", where the month and the day may have one digit
// ("5-12", SPEC §1), the whole text: the (month, day) of a real day of a leap
// year, so 02-29 is one; else nullopt.
std::optional<std::pair<int, int>> parse_month_day(std::string_view text);

// SPEC §1 workdays: weekday in `workdays` and not a holiday.
struct Calendar {
    std::array<bool, 7> workdays{true, true, true, true, true, false, false};  // Mon..Sun
    std::vector<Date> holidays;  // sorted (searched with binary search)
    std::vector<std::pair<int, int>>
        yearly;  // (month, day), "MM-DD" holidays; 02-29 matches Feb 29 only

    bool is_workday(Date d) const;
    // The first workday on or after `d` (nullopt if none before 9999-12-31 or
    // within 3700 days, which only a calendar of all holidays can cause).
    std::optional<Date> next_workday(Date d) const;
    // The last workday on or before `d` (same bounds).
    std::optional<Date> previous_workday(Date d) const;
};

}  // namespace touchbase

template <>
struct fmt::formatter<touchbase::Date> : fmt::formatter<std::string_view> {
    auto format(const touchbase::Date& d, format_context& ctx) const {
        return fmt::formatter<std::string_view>::format(d.str(), ctx);
    }
};
template <>
struct fmt::formatter<touchbase::Duration> : fmt::formatter<std::string_view> {
    auto format(const touchbase::Duration& d, format_context& ctx) const {
        return fmt::formatter<std::string_view>::format(d.str(), ctx);
    }
};
