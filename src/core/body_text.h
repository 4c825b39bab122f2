// The text inside one heading, log item or task line (spec §4.1, §4.2),
// read character by character: the leading date that makes an entry, the
// tags and `next:` of an entry, the due marker of a task. Structure never
// comes from here: the walk over cmark-gfm's tree (body.cpp) hands over the
// text of one node at a time.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "date.h"
#include "model.h"

namespace touchbase {

// Reads the tags of an entry's plain text. Tag boundaries per SPEC §4.1:
// preceded by start, white space or '('; followed by end, white space or
// punctuation other than '-', '_' and '/'. Case-insensitive.
EntryMarks read_marks(std::string_view text);

// If `text` starts with a date (SPEC §4.1: `YYYY-MM-DD` or `[[YYYY-MM-DD]]`,
// a one-digit month or day and a `T` time allowed (SPEC §1), then end, white
// space or one of `: , . ; )`): the date. `invalid` is shaped like a date
// but no day (`2026-13-01`); `other_way` is a date written another way
// (`2026/11/02`, `02.11.2026`).
enum class DateStart { none, valid, invalid, other_way };
struct LeadingDate {
    DateStart kind = DateStart::none;
    std::optional<Date> date;  // set when kind == valid
    std::string written;       // the date as written (kind invalid or other_way)
};
LeadingDate leading_date(std::string_view text);

// A task's due date (SPEC §4.2): `📅 DATE`, `due:DATE` or `[due:: DATE]`.
struct DueMarker {
    std::size_t begin = 0, end = 0;  // the marker's bytes in the line
    std::string date_text;           // the date as written
    std::optional<Date> date;        // when date_text is a real date
    bool other_way = false;          // a date written another way (`03.12.2026`)
};
// The first due marker of a task's line (the leftmost one wins).
std::optional<DueMarker> find_due_marker(std::string_view line);

}  // namespace touchbase
