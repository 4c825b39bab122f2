// The note's body (SPEC §4): contact entries and action items, found with
// cmark-gfm (tasklist extension only), never by matching lines.
//
// The module in files: body.cpp walks cmark-gfm's tree (the structure);
// body_text.h reads the text of one node (dates, tags, due markers);
// body_guards.h keeps cmark-gfm's slow inputs out; body_markdown.h is the
// seam to cmark-gfm; body_log_layout.h says where `log` writes, for `log`
// only.
//
// Where spec §4 is silent: docs/decisions.md#quotes-code-html, #log-section,
// #log-item-text, #white-space-and-tags, #next-marker, #due-markers,
// #empty-task, #wiki-link-alias and #line-counting.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "body_text.h"
#include "model.h"
#include "problem.h"

namespace touchbase {

struct BodyScan {
    std::vector<ContactEntry> entries;    // in file order
    std::vector<TaskItem> open_tasks;     // in file order; checked items are excluded
    std::optional<std::string> first_h1;  // plain text of the first level-1 heading
    std::vector<Problem>
        problems;  // warnings (invalid date-like starts, `next:` not after its entry);
                   // one error, and nothing else, for a body cmark-gfm would parse
                   // too slowly (body_guards.h)
};

// `body` is the text after the front matter; its first line is file line
// `first_line`. `log_heading` is SPEC §8's `log_heading`: the names of log
// sections, compared as words (log_heading.h). Problems carry `file`.
[[nodiscard]] BodyScan scan_body(std::string_view body, int first_line,
                                 const std::vector<std::string>& log_heading,
                                 std::string_view file);

}  // namespace touchbase
