// Dates, durations and workdays (SPEC §1).
//
// A Date is a day count from 1970-01-01; the conversions are Howard
// Hinnant's days_from_civil / civil_from_days
// (https://howardhinnant.github.io/date_algorithms.html), done in 64-bit so
// that intermediate results past 9999-12-31 can still be compared exactly.
#include "date.h"

#include <algorithm>

#include <fmt/format.h>

#include "text.h"

namespace touchbase {

namespace {

struct Civil {
    std::int64_t year;
    int month;
    int day;
};

constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;                                   // [0, 399]
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
    return era * 146097 + doe - 719468;
}

constexpr Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                       // [0, 11]
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);      // [1, 31]
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);         // [1, 12]
    return Civil{y + (m <= 2 ? 1 : 0), m, d};
}

constexpr std::int64_t kMinSerial = days_from_civil(1, 1, 1);
constexpr std::int64_t kMaxSerial = days_from_civil(9999, 12, 31);

static_assert(days_from_civil(1970, 1, 1) == 0);
static_assert(civil_from_days(0).year == 1970);

constexpr bool is_leap(std::int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int days_in_month_ext(std::int64_t year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    if (month == 2 && is_leap(year)) return 29;
    return kDays[month - 1];
}

// The serial of `date` + `d` (sign +1) or - `d` (sign -1), unbounded.
std::int64_t shifted_serial(Date date, Duration d, int sign) {
    if (d.in_days()) return date.serial() + sign * d.amount();
    const std::int64_t months0 =
        static_cast<std::int64_t>(date.year()) * 12 + (date.month() - 1) + sign * d.amount();
    // Floor division so that results before year 0 still land on a real month.
    std::int64_t year = months0 >= 0 ? months0 / 12 : (months0 - 11) / 12;
    const int month = static_cast<int>(months0 - year * 12) + 1;
    const int day = std::min(date.day(), days_in_month_ext(year, month));
    return days_from_civil(year, month, day);
}

std::optional<Date> in_range(std::int64_t serial) {
    if (serial < kMinSerial || serial > kMaxSerial) return std::nullopt;
    return Date::from_serial(static_cast<std::int32_t>(serial));
}

}  // namespace

// ---------------------------------------------------------------- Date

namespace {

std::size_t digits_at(std::string_view s, std::size_t at) {
    std::size_t n = 0;
    while (at + n < s.size() && is_digit(s[at + n])) ++n;
    return n;
}

int number(std::string_view s, std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
}

// `T` and a time after a date: HH:MM (the hour may have one digit), then
// optionally :SS, a fraction after the seconds, and `Z` or +HH[:]MM / -HH[:]MM.
// Its length, or 0.
std::size_t time_suffix_at(std::string_view s, std::size_t at) {
    if (at >= s.size() || s[at] != 'T') return 0;
    std::size_t p = at + 1;
    const std::size_t hours = digits_at(s, p);
    if (hours < 1 || hours > 2) return 0;
    p += hours;
    if (p >= s.size() || s[p] != ':' || digits_at(s, p + 1) != 2) return 0;
    p += 3;
    if (p < s.size() && s[p] == ':' && digits_at(s, p + 1) == 2) {
        p += 3;
        if (p < s.size() && (s[p] == '.' || s[p] == ',') && digits_at(s, p + 1) > 0)
            p += 1 + digits_at(s, p + 1);
    }
    if (p < s.size() && s[p] == 'Z') {
        ++p;
    } else if (p < s.size() && (s[p] == '+' || s[p] == '-')) {
        const std::size_t zone = digits_at(s, p + 1);
        if (zone == 2 || zone == 4) {
            p += 1 + zone;
            if (zone == 2 && p < s.size() && s[p] == ':' && digits_at(s, p + 1) == 2) p += 3;
        }
    }
    if (p < s.size() && is_digit(s[p])) return 0;
    return p - at;
}

}  // namespace

DateToken date_token_at(std::string_view s) {
    DateToken out;
    if (digits_at(s, 0) != 4 || s.size() < 5 || s[4] != '-') return out;
    const std::size_t month = digits_at(s, 5);
    if (month < 1 || month > 2 || 5 + month >= s.size() || s[5 + month] != '-') return out;
    const std::size_t day_at = 6 + month;
    const std::size_t day = digits_at(s, day_at);
    if (day < 1 || day > 2) return out;
    std::size_t length = day_at + day;
    length += time_suffix_at(s, length);
    out.length = length;
    out.written = s.substr(0, length);
    out.date = Date::from_ymd(number(s, 0, 4), number(s, 5, month), number(s, day_at, day));
    return out;
}

std::size_t other_date_shape_at(std::string_view s) {
    const std::size_t first = digits_at(s, 0);
    if (first == 0 || first > 4 || first == 3 || first >= s.size()) return 0;
    const char sep = s[first];
    if (sep != '/' && sep != '.' && sep != '-') return 0;
    if (first == 4 && sep == '-') return 0;  // shaped like YYYY-MM-DD: date_token_at's
    const std::size_t second = digits_at(s, first + 1);
    if (second < 1 || second > 2) return 0;
    const std::size_t sep2 = first + 1 + second;
    if (sep2 >= s.size() || s[sep2] != sep) return 0;
    const std::size_t third = digits_at(s, sep2 + 1);
    if (first == 4 ? (third < 1 || third > 2) : third != 4) return 0;
    return sep2 + 1 + third;
}

std::size_t month_day_shape_at(std::string_view s) {
    const std::size_t month = digits_at(s, 0);
    if (month < 1 || month > 2 || month >= s.size() || s[month] != '-') return 0;
    const std::size_t day = digits_at(s, month + 1);
    if (day < 1 || day > 2) return 0;
    return month + 1 + day;
}

std::optional<std::pair<int, int>> parse_month_day(std::string_view s) {
    const std::size_t length = month_day_shape_at(s);
    if (length == 0 || length != s.size()) return std::nullopt;
    const std::size_t month_len = s.find('-');
    const int month = number(s, 0, month_len);
    const int day = number(s, month_len + 1, length - month_len - 1);
    if (month < 1 || month > 12 || day < 1 || day > days_in_month_ext(2000, month))
        return std::nullopt;  // 2000 is a leap year: 02-29 is a day of some years
    return std::pair{month, day};
}

std::optional<Date> Date::parse(std::string_view text) {
    const DateToken token = date_token_at(text);
    if (token.length != text.size()) return std::nullopt;
    return token.date;
}

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12) return std::nullopt;
    if (day < 1 || day > days_in_month_ext(year, month)) return std::nullopt;
    return Date(static_cast<std::int32_t>(days_from_civil(year, month, day)));
}

Date Date::max() { return Date(static_cast<std::int32_t>(kMaxSerial)); }
Date Date::min() { return Date(static_cast<std::int32_t>(kMinSerial)); }

int Date::year() const { return static_cast<int>(civil_from_days(serial_).year); }
int Date::month() const { return civil_from_days(serial_).month; }
int Date::day() const { return civil_from_days(serial_).day; }

int Date::weekday() const {
    // 1970-01-01 was a Thursday (3 with Monday = 0).
    const std::int64_t w = (static_cast<std::int64_t>(serial_) + 3) % 7;
    return static_cast<int>(w < 0 ? w + 7 : w);
}

std::string Date::str() const {
    const Civil c = civil_from_days(serial_);
    return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::optional<Date> Date::plus_days(std::int64_t days) const {
    // Bounded first so that a huge `days` cannot overflow the sum.
    if (days > kMaxSerial - kMinSerial || days < kMinSerial - kMaxSerial) return std::nullopt;
    return in_range(static_cast<std::int64_t>(serial_) + days);
}

const char* weekday_name(int weekday) {
    static constexpr const char* kNames[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                              "Friday", "Saturday", "Sunday"};
    if (weekday < 0 || weekday > 6) return "";
    return kNames[weekday];
}

int days_in_month(int year, int month) { return days_in_month_ext(year, month); }

// ---------------------------------------------------------------- Duration

std::optional<Duration> Duration::parse(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    const std::string_view digits = text.substr(0, text.size() - 1);
    int value = 0;
    for (char c : digits) {
        if (!is_digit(c)) return std::nullopt;
        value = value * 10 + (c - '0');
        if (value > 9999) return std::nullopt;  // also keeps `value` from overflowing
    }
    Duration d;
    d.count = value;
    switch (text.back()) {
        case 'd': d.unit = Unit::days; break;
        case 'w': d.unit = Unit::weeks; break;
        case 'm': d.unit = Unit::months; break;
        case 'y': d.unit = Unit::years; break;
        default: return std::nullopt;
    }
    return d;
}

std::string Duration::str() const { return fmt::format("{}{}", count, static_cast<char>(unit)); }

std::int64_t Duration::amount() const {
    switch (unit) {
        case Unit::days: return count;
        case Unit::weeks: return static_cast<std::int64_t>(count) * 7;
        case Unit::months: return count;
        case Unit::years: return static_cast<std::int64_t>(count) * 12;
    }
    return count;
}

std::optional<Date> add(Date date, Duration d) { return in_range(shifted_serial(date, d, +1)); }

std::optional<Date> subtract(Date date, Duration d) {
    return in_range(shifted_serial(date, d, -1));
}

bool means_same(Duration a, Duration b) {
    return a.in_days() == b.in_days() && a.amount() == b.amount();
}

int compare_at(Duration a, Duration b, Date start) {
    const std::int64_t x = shifted_serial(start, a, +1);
    const std::int64_t y = shifted_serial(start, b, +1);
    return x < y ? -1 : (x > y ? 1 : 0);
}

// ---------------------------------------------------------------- Calendar

namespace {
// Enough to step over any realistic run of holidays and days off (ten years);
// only a calendar where no day is a workday reaches it.
constexpr int kWorkdaySearchLimit = 3700;
}  // namespace

bool Calendar::is_workday(Date d) const {
    if (!workdays[static_cast<std::size_t>(d.weekday())]) return false;
    if (std::binary_search(holidays.begin(), holidays.end(), d)) return false;
    if (!yearly.empty()) {
        const Civil c = civil_from_days(d.serial());
        for (const auto& [m, day] : yearly)
            if (m == c.month && day == c.day) return false;
    }
    return true;
}

std::optional<Date> Calendar::next_workday(Date d) const {
    for (int i = 0; i <= kWorkdaySearchLimit; ++i) {
        const auto day = d.plus_days(i);
        if (!day) return std::nullopt;
        if (is_workday(*day)) return day;
    }
    return std::nullopt;
}

std::optional<Date> Calendar::previous_workday(Date d) const {
    for (int i = 0; i <= kWorkdaySearchLimit; ++i) {
        const auto day = d.plus_days(-i);
        if (!day) return std::nullopt;
        if (is_workday(*day)) return day;
    }
    return std::nullopt;
}

}  // namespace touchbase
