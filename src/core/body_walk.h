// Inside the body module: the walk over cmark-gfm's tree that scan_body and
// log_layout share. Not for use outside body*.cpp.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "body.h"
#include "date.h"
#include "log_heading.h"

struct cmark_node;

namespace touchbase {

// Where a contact entry stands, in cmark lines (from 1 in the body).
struct EntrySpot {
    bool is_heading = false;
    int level = 0;
    int first_line = 0;
    int last_line = 0;
    Date date;
};
struct TopHeading {
    int line = 0;  // cmark line
    int level = 0;
};
// What the log layout is worked out from: the entries and the top-level
// headings, in file order.
struct BodySpots {
    std::vector<EntrySpot> entries;
    std::vector<TopHeading> top_headings;
};

// SPEC §4.1: a log section's heading names one of `log_heading`, and is not
// itself an entry.
bool is_log_section_heading(const std::vector<std::string>& log_heading, std::string_view text);

// The entries, tasks and warnings of the parsed `body` (`doc`). `spots`, when
// not null, gets where each entry and top-level heading stands.
BodyScan walk_body(cmark_node* doc, std::string_view body, int first_line,
                   const std::vector<std::string>& log_heading, std::string_view file,
                   BodySpots* spots = nullptr);

}  // namespace touchbase
