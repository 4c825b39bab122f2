#include "body_log_layout.h"

#include <algorithm>

#include <cmark-gfm.h>

#include "body_guards.h"
#include "body_markdown.h"
#include "body_walk.h"
#include "text.h"

namespace touchbase {

namespace {

// insert_top, insert_bottom and the style: from the entries of the style of
// the last entry (a note that has both keeps writing the way it last did).
LogLayout entries_layout(const BodySpots& spots, const LineIndex& lines, std::size_t body_size) {
    LogLayout out;
    if (spots.entries.empty()) return out;
    const bool headings = spots.entries.back().is_heading;
    std::vector<EntrySpot> sel;
    for (const auto& s : spots.entries)
        if (s.is_heading == headings) sel.push_back(s);
    out.style = headings ? LogLayout::Style::headings : LogLayout::Style::list;
    bool descending = true;
    for (std::size_t i = 1; i < sel.size(); ++i)
        if (sel[i].date > sel[i - 1].date) descending = false;
    out.newest_first = descending && sel.front().date != sel.back().date;
    out.heading_level = out.newest_first ? sel.front().level : sel.back().level;
    out.insert_top = static_cast<long>(lines.start(sel.front().first_line));
    const EntrySpot& last = sel.back();
    if (headings) {
        out.insert_bottom = static_cast<long>(body_size);
        for (const auto& heading : spots.top_headings) {
            if (heading.line > last.first_line && heading.level <= last.level) {
                out.insert_bottom = static_cast<long>(lines.start(heading.line));
                break;
            }
        }
    } else {
        out.insert_bottom = static_cast<long>(lines.after(last.last_line));
    }
    return out;
}

// See LogLayout::log_section_end. Top-level blocks only: a Log section is
// made by a top-level heading (as in the walk).
long log_section_end(cmark_node* doc, const std::vector<std::string>& log_heading,
                     const LineIndex& lines) {
    for (cmark_node* node = cmark_node_first_child(doc); node; node = cmark_node_next(node)) {
        if (cmark_node_get_type(node) != CMARK_NODE_HEADING) continue;
        if (!is_log_section_heading(log_heading, plain_text(node))) continue;
        const int level = cmark_node_get_heading_level(node);
        int last = cmark_node_get_end_line(node);
        for (cmark_node* n = cmark_node_next(node); n; n = cmark_node_next(n)) {
            if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
                cmark_node_get_heading_level(n) <= level)
                break;
            last = std::max(last, block_last_line(n));
        }
        return static_cast<long>(lines.after(last));
    }
    return -1;
}

}  // namespace

LogLayout log_layout(std::string_view body, const std::vector<std::string>& log_heading) {
    if (slow_input(body)) return {};
    NodePtr doc = parse_markdown(body);
    if (!doc) return {};
    BodySpots spots;
    walk_body(doc.get(), body, 1, log_heading, "", &spots);
    const LineIndex lines(body);
    LogLayout out = entries_layout(spots, lines, body.size());
    out.log_section_end = log_section_end(doc.get(), log_heading, lines);
    return out;
}

}  // namespace touchbase
