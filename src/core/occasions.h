// Card occasions (SPEC §5.5) and the off-boarding checklist dates (SPEC §5.4).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body.h"
#include "date.h"

namespace touchbase {

struct Occasion {
    std::string name;  // as written before any label: "christmas", "05-12"
    std::optional<std::string>
        label;  // text after the first space of an MM-DD occasion, else nullopt
    enum class Kind { fixed, thanksgiving } kind = Kind::fixed;
    int month = 0, day = 0;  // for fixed
};

// "new-year", "valentines-day", "st-patricks-day", "independence-day",
// "halloween", "thanksgiving", "christmas", or "MM-DD[ label]". nullopt if unknown.
// Surrounding white space is ignored; named occasions match ignoring ASCII
// case; MM-DD must be a real month and day (02-29 allowed); a label is only
// read after MM-DD (white space, then the rest of the text, trimmed).
[[nodiscard]] std::optional<Occasion> parse_occasion(std::string_view text);

// The occasion's date in `year` (02-29 falls on 02-28 outside leap years;
// thanksgiving is the fourth Thursday of November). `year` is clamped to
// 1..9999. (Date::max() for a hand-made Occasion with an invalid month.)
Date occasion_date(const Occasion& o, int year);

// The first date of the occasion on or after `today`. Date::max() when there
// is none (the occasion has passed in 9999); card_due handles that case.
Date next_occasion_date(const Occasion& o, Date today);

// Whether the occasion is listed today: today is within [date - lead, date]
// where date is its next date; returns that date.
std::optional<Date> card_due(const Occasion& o, Date today, Duration lead);

// SPEC §5.5: whether the card for `occasion`, listed at `date` (card_due's),
// was sent: an entry without #missed, dated inside [date - lead, date] and not
// after today, carries `#card:OCCASION` naming it (case-insensitive, compared
// with the name before any label), or a bare `#card` whose occasion this is.
// A bare `#card` stands for every occasion on the earliest of the dates whose
// windows hold it, among `all` (the client's occasions).
bool card_sent(const Occasion& occasion, Date date, const std::vector<Occasion>& all,
               const std::vector<ContactEntry>& entries, Duration lead, Date today);

// Whether `#card:name` names `occasion` (its name before any label, ignoring
// ASCII case).
bool names_occasion(std::string_view name, const Occasion& occasion);

}  // namespace touchbase
