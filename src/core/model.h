// The data that several modules share: what the front matter and the body
// say about a client, as plain values. Readers (front_matter, body) produce
// them, the scheduler and the agenda consume them; keeping them here lets the
// scheduler work without the markdown scanner and the front-matter reader
// without the scheduler.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"

namespace touchbase {

// spec §3 `engagement`.
enum class Engagement { active, casual, ongoing, former, paused };
// The exact, lower-case names only: spec §3 makes a value outside the set an error.
[[nodiscard]] std::optional<Engagement> parse_engagement(std::string_view text);
const char* to_string(Engagement e);

// What an entry's text says (spec §4.1 tags and `next:`).
struct EntryMarks {
    bool needs = false;
    bool news = false;
    bool missed = false;
    bool card = false;       // any `#card`, bare or `#card:OCCASION`
    bool card_bare = false;  // a `#card` that names no occasion (spec §5.5)
    // `#card:OCCASION`: the letters, digits and `-` after the colon, as
    // written, in text order (spec §5.5; compared with `cards` later).
    std::vector<std::string> card_occasions;
    std::optional<Date>
        next;  // `next:YYYY-MM-DD`, as written (validity vs. the entry's date is checked by scan_body)
    // A `next:` followed by something shaped like a date that is not one
    // (`next:2026-02-30`), or by a date written another way
    // (`next:03.12.2026`, next_other_way): what was written; scan_body warns.
    std::string next_invalid;
    bool next_other_way = false;
    std::size_t next_offset = 0;  // where that `next:` starts in the text
    // SPEC §4.1: a word tag one edit away from a tag of ours, or a tag of
    // ours followed by `-`, `_` or `/` (`#need`, `#needs-help`): ignored,
    // and scan_body warns.
    struct NearMiss {
        std::size_t offset = 0;  // of the `#`
        std::string written;     // "#need"
        std::string meant;       // "#needs" (or "#needs or #news")
    };
    std::vector<NearMiss> near_misses;
};

// A dated contact entry of the body (spec §4.1).
struct ContactEntry {
    Date date;
    int line = 0;      // file line of the heading or item
    std::string text;  // plain text, markup removed
    EntryMarks marks;  // `next` cleared when it is on or before `date` (a warning is raised)
    bool is_heading = false;
    int column = 0;  // 1-based byte column where the entry's text starts
    int level = 0;   // heading level (is_heading), else the level of its `Log` heading
};

// An open task of the body: an action item (spec §4.2).
struct TaskItem {
    std::string text;  // first source line after the box, due marker removed, white space collapsed
    std::optional<Date> due;  // from 📅 (with or without U+FE0F), `due:` or `[due:: ...]`
    int line = 0;             // file line of the task marker
    int column = 0;           // 1-based byte column of the list marker
};

}  // namespace touchbase
