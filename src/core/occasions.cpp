// Card occasions (SPEC §5.5).
#include "occasions.h"

#include <algorithm>
#include <array>

#include "text.h"

namespace touchbase {

namespace {

struct Named {
    std::string_view name;
    Occasion::Kind kind;
    int month, day;
};

constexpr std::array<Named, 7> kNamed{{
    {"new-year", Occasion::Kind::fixed, 1, 1},
    {"valentines-day", Occasion::Kind::fixed, 2, 14},
    {"st-patricks-day", Occasion::Kind::fixed, 3, 17},
    {"independence-day", Occasion::Kind::fixed, 7, 4},
    {"halloween", Occasion::Kind::fixed, 10, 31},
    {"thanksgiving", Occasion::Kind::thanksgiving, 11, 0},
    {"christmas", Occasion::Kind::fixed, 12, 25},
}};

// The occasion's date in `year`, or nullopt outside 0001..9999.
std::optional<Date> date_in(const Occasion& o, int year) {
    if (o.kind == Occasion::Kind::thanksgiving) {
        const auto first = Date::from_ymd(year, 11, 1);
        if (!first) return std::nullopt;
        // The first Thursday (weekday 3), then three weeks on.
        const int to_thursday = (3 - first->weekday() + 7) % 7;
        return first->plus_days(to_thursday + 21);
    }
    // Clamped to the month's last day: 02-29 falls on 02-28 outside leap years.
    return Date::from_ymd(year, o.month, std::min(o.day, days_in_month(year, o.month)));
}

std::optional<Date> next_date(const Occasion& o, Date today) {
    const auto this_year = date_in(o, today.year());
    if (this_year && *this_year >= today) return this_year;
    return date_in(o, today.year() + 1);  // nullopt after the occasion in 9999
}

}  // namespace

// Named occasions are matched ignoring ASCII case ("Christmas" is christmas):
// an unknown occasion is only a warning, and someone who writes the name with
// a capital means the same day. `name` keeps the text as written. A label is
// only read after an MM-DD occasion, as SPEC §5.5 says ("christmas family" is
// unknown).
std::optional<Occasion> parse_occasion(std::string_view text) {
    text = trim_blanks(text);
    for (const auto& n : kNamed) {
        if (iequals(text, n.name)) {
            Occasion o;
            o.name = std::string(text);
            o.kind = n.kind;
            o.month = n.month;
            o.day = n.day;
            return o;
        }
    }

    // "MM-DD" (a one-digit month or day too: SPEC §1), then the end or white
    // space and an optional label.
    const std::size_t length = month_day_shape_at(text);
    if (length == 0 || (text.size() > length && !is_blank(text[length]))) return std::nullopt;
    const auto month_day = parse_month_day(text.substr(0, length));  // 02-29 allowed
    if (!month_day) return std::nullopt;
    const auto [month, day] = *month_day;
    Occasion o;
    o.name = std::string(text.substr(0, length));
    o.kind = Occasion::Kind::fixed;
    o.month = month;
    o.day = day;
    const std::string_view label = trim_blanks(text.substr(length));
    if (!label.empty()) o.label = std::string(label);
    return o;
}

Date occasion_date(const Occasion& o, int year) {
    // Only a hand-made Occasion with no real month has no date.
    return date_in(o, std::clamp(year, 1, 9999)).value_or(Date::max());
}

Date next_occasion_date(const Occasion& o, Date today) {
    return next_date(o, today).value_or(Date::max());
}

std::optional<Date> card_due(const Occasion& o, Date today, Duration lead) {
    const auto date = next_date(o, today);
    if (!date) return std::nullopt;
    // A window that starts before 0001-01-01 contains every day up to `date`.
    const auto start = subtract(*date, lead);
    if (start && today < *start) return std::nullopt;
    return date;
}

bool names_occasion(std::string_view name, const Occasion& occasion) {
    return iequals(name, occasion.name);
}

bool card_sent(const Occasion& occasion, Date date, const std::vector<Occasion>& all,
               const std::vector<ContactEntry>& entries, Duration lead, Date today) {
    const Date window_start = subtract(date, lead).value_or(Date::min());
    for (const auto& e : entries) {
        if (!e.marks.card || e.marks.missed || e.date > today || e.date < window_start ||
            e.date > date)
            continue;
        for (const auto& name : e.marks.card_occasions)
            if (names_occasion(name, occasion)) return true;
        if (!e.marks.card_bare) continue;
        // The earliest date, among the client's occasions, whose window holds
        // the entry's date; `date` holds it, so there is one.
        Date earliest = date;
        for (const auto& other : all)
            if (auto d = card_due(other, e.date, lead)) earliest = std::min(earliest, *d);
        if (earliest == date) return true;
    }
    return false;
}

}  // namespace touchbase
