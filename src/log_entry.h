// `touchbase log` (SPEC §7): where and how a new contact entry is written
// into a note, as one byte edit (edit.h), in the style the note already uses.
// Pure: bytes and the body's LogLayout in, an Edit out.
//
// Decisions where the spec is silent (to be carried into the README):
// - A note whose log is made of dated headings gets a dated heading at the
//   level of its entries (always ATX, `## 2026-11-24 MESSAGE`); a note with a
//   Log list gets an item with the list's own marker and indentation.
// - The date is written as the first entry writes it: plain, `**DATE**` or
//   `[[DATE]]`, followed by the same separator (`: `, ` - `, ` `...);
//   defaults: ` ` after a heading's date, `: ` after an item's.
// - Newest first (entries in descending date order): before the first entry;
//   otherwise after the last one. A new heading is followed by a blank line.
// - A note with no entry yet: a first item at the end of its (empty) Log
//   section, if it has one; else a new `## Log` section (config
//   `log_heading`) at the end of the note, after one blank line.
// - Line endings are the note's own (those of its first line); a last line
//   without a line ending is ended first.
// - The message's line breaks and runs of white space become one space.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "body.h"
#include "date.h"
#include "edit.h"

namespace touchbase {

struct LogEntry {
    Date date;
    std::string message;  // may be empty
    bool needs = false;   // SPEC §4.1 tags, written in this order
    bool news = false;
    bool missed = false;
    bool card = false;
    std::string card_occasion;  // `#card:OCCASION` when not empty
    std::optional<Date> next;  // `next:DATE`
};

// "MESSAGE #needs #news #missed #card next:DATE": the words after the date,
// the message's white space collapsed; empty when there is nothing to say.
std::string entry_words(const LogEntry& entry);

// The edit that adds `entry` to the note `bytes`. The body starts at
// `body_begin` (Split::body_begin) and `layout` is scan_body's for that body;
// `eol` is the note's line ending (Split::eol); `log_heading` titles a new
// Log section.
Edit plan_log_entry(std::string_view bytes, std::size_t body_begin, std::string_view eol,
                    const LogLayout& layout, std::string_view log_heading, const LogEntry& entry);

}  // namespace touchbase
