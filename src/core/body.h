// The note's body (SPEC §4): contact entries and action items, found with
// cmark-gfm (tasklist extension only), never by matching lines.
//
// Where spec §4 is silent: docs/decisions.md#quotes-code-html, #log-section,
// #log-item-text, #white-space-and-tags, #next-marker, #due-markers,
// #empty-task, #wiki-link-alias and #line-counting.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "model.h"
#include "problem.h"

struct cmark_node;

namespace touchbase {

// The plain text of a markdown node (spec §4.1): text and code spans keep
// their characters, line breaks become a space, everything else is dropped.
std::string plain_text(cmark_node* node);

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

// Where and how the contact log is written, for `touchbase log`.
struct LogLayout {
    enum class Style { none, headings, list } style = Style::none;
    bool newest_first = false;   // entries in the file are in descending date order
    int heading_level = 0;       // level of dated headings (style headings), or of the Log heading (style list)
    // Byte offsets in the *body* text where a new entry goes: before the first
    // entry (newest first) or after the last one (oldest first). -1 if unknown.
    // insert_top is the start of the first entry's line. insert_bottom, for
    // headings, is the start of the first heading after the last entry whose
    // level is the entry's or higher, else the end of the body (which may
    // lack a final line ending); for a list, just after the line ending of
    // the last item's last line.
    long insert_top = -1;
    long insert_bottom = -1;
    // The first top-level `Log` section (whatever the style): the offset just
    // after the line ending of its last non-blank content line (the heading
    // itself when the section is empty), where a first Log item goes. -1 when
    // the body has no Log section.
    long log_section_end = -1;
};

struct BodyScan {
    std::vector<ContactEntry> entries;   // in file order
    std::vector<TaskItem> open_tasks;    // in file order; checked items are excluded
    std::optional<std::string> first_h1; // plain text of the first level-1 heading
    LogLayout layout;
    std::vector<Problem> problems;       // warnings (invalid date-like starts, `next:` not after its entry);
                                         // one error, and nothing else, for a body cmark-gfm would parse
                                         // too slowly (unclosed inline HTML openers, see body.cpp)
};

// `body` is the text after the front matter; its first line is file line
// `first_line`. `log_heading` is SPEC §8's `log_heading`: the names of log
// sections, compared as words (log_heading.h). Problems carry `file`.
BodyScan scan_body(std::string_view body, int first_line,
                   const std::vector<std::string>& log_heading, std::string_view file);

}  // namespace touchbase
