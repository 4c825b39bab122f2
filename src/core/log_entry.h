// `touchbase log` (SPEC §7): where and how a new contact entry is written
// into a note, as one byte edit (edit.h), in the style the note already uses.
// Pure: bytes and the body's LogLayout in, an Edit out.
//
// Where the spec is silent (heading or item, the date's style, newest first,
// a note without entries, line endings): docs/decisions.md#log-entry-style.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "body_log_layout.h"
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
    std::optional<Date> next;   // `next:DATE`
};

// "MESSAGE #needs #news #missed #card next:DATE": the words after the date,
// the message's white space collapsed; empty when there is nothing to say.
std::string entry_words(const LogEntry& entry);

// The edit that adds `entry` to the note `bytes`. The body starts at
// `body_begin` (Split::body_begin) and `layout` is log_layout's for that body;
// `eol` is the note's line ending (Split::eol); `log_heading` titles a new
// Log section.
Edit plan_log_entry(std::string_view bytes, std::size_t body_begin, std::string_view eol,
                    const LogLayout& layout, std::string_view log_heading, const LogEntry& entry);

}  // namespace touchbase
