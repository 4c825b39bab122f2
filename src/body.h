// The note's body (SPEC §4): contact entries and action items, found with
// cmark-gfm (tasklist extension only), never by matching lines.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "problem.h"

namespace touchbase {

// What an entry's text says (SPEC §4.1 tags and `next:`).
struct EntryMarks {
    bool needs = false;
    bool news = false;
    bool missed = false;
    bool card = false;
    std::optional<Date> next;  // `next:YYYY-MM-DD`, as written (validity vs. the entry's date is checked by scan_body)
};

// Reads the tags of an entry's plain text. Tag boundaries per SPEC §4.1:
// preceded by start, white space or '('; followed by end, white space or
// punctuation other than '-', '_' and '/'. Case-insensitive.
EntryMarks read_marks(std::string_view text);

// If `text` starts with a date (SPEC §4.1: `YYYY-MM-DD` or `[[YYYY-MM-DD]]`,
// then end, white space or one of `: , . ; )`): the date.
enum class DateStart { none, valid, invalid };
struct LeadingDate {
    DateStart kind = DateStart::none;
    std::optional<Date> date;  // set when kind == valid
};
LeadingDate leading_date(std::string_view text);

struct ContactEntry {
    Date date;
    int line = 0;        // file line of the heading or item
    std::string text;    // plain text, markup removed
    EntryMarks marks;    // `next` cleared when it is on or before `date` (a warning is raised)
    bool is_heading = false;
};

struct TaskItem {
    std::string text;          // first source line after the box, due marker removed, white space collapsed
    std::optional<Date> due;   // from 📅 (with or without U+FE0F), `due:` or `[due:: ...]`
    int line = 0;              // file line of the task marker
};

// Where and how the contact log is written, for `touchbase log`.
struct LogLayout {
    enum class Style { none, headings, list } style = Style::none;
    bool newest_first = false;   // entries in the file are in descending date order
    int heading_level = 0;       // level of dated headings (style headings), or of the Log heading (style list)
    // Byte offsets in the *body* text where a new entry goes: before the first
    // entry (newest first) or after the last one (oldest first). -1 if unknown.
    long insert_top = -1;
    long insert_bottom = -1;
};

struct BodyScan {
    std::vector<ContactEntry> entries;   // in file order
    std::vector<TaskItem> open_tasks;    // in file order; checked items are excluded
    std::optional<std::string> first_h1; // plain text of the first level-1 heading
    LogLayout layout;
    std::vector<Problem> problems;       // warnings (invalid date-like starts, `next:` not after its entry)
};

// `body` is the text after the front matter; its first line is file line
// `first_line`. `log_heading` is SPEC §8's `log_heading` (case-insensitive).
// Problems carry `file`.
BodyScan scan_body(std::string_view body, int first_line, std::string_view log_heading,
                   std::string_view file);

}  // namespace touchbase
