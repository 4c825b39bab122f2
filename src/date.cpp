// TEMP stub: a minimal Date so body.cpp can be built and tested before the
// real date.cpp (branch `dates`) lands. Drop this commit at merge.
#include "date.h"

namespace touchbase {

namespace {
// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
struct Ymd { int y; int m; int d; };
Ymd civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}
}  // namespace

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) return 29;
    return days[month - 1];
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
        day > days_in_month(year, month))
        return std::nullopt;
    return Date(static_cast<std::int32_t>(days_from_civil(year, static_cast<unsigned>(month),
                                                          static_cast<unsigned>(day))));
}

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    auto num = [&](int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; ++i) v = v * 10 + (t[i] - '0');
        return v;
    };
    return from_ymd(num(0, 4), num(5, 2), num(8, 2));
}

Date Date::max() { return *from_ymd(9999, 12, 31); }
Date Date::min() { return *from_ymd(1, 1, 1); }
int Date::year() const { return civil_from_days(serial_).y; }
int Date::month() const { return civil_from_days(serial_).m; }
int Date::day() const { return civil_from_days(serial_).d; }
int Date::weekday() const {
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    return static_cast<int>(((static_cast<std::int64_t>(serial_) + 3) % 7 + 7) % 7);
}
std::string Date::str() const {
    const Ymd c = civil_from_days(serial_);
    return fmt::format("{:04}-{:02}-{:02}", c.y, c.m, c.d);
}
std::optional<Date> Date::plus_days(std::int64_t days) const {
    const std::int64_t s = static_cast<std::int64_t>(serial_) + days;
    if (s < min().serial() || s > max().serial()) return std::nullopt;
    return Date(static_cast<std::int32_t>(s));
}

}  // namespace touchbase
