// Where `touchbase log` writes a new entry in a note's body: worked out only
// when `log` asks (a run never needs it), from the same walk as scan_body.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace touchbase {

// Where and how the contact log is written, for `touchbase log`.
struct LogLayout {
    enum class Style { none, headings, list } style = Style::none;
    bool newest_first = false;  // entries in the file are in descending date order
    int heading_level =
        0;  // level of dated headings (style headings), or of the Log heading (style list)
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

// The layout of `body` (the text after the front matter). `log_heading` is
// SPEC §8's `log_heading`, as for scan_body. The style is `none` exactly when
// scan_body finds no contact entry, and a body that scan_body refuses as too
// slow to parse has no layout.
[[nodiscard]] LogLayout log_layout(std::string_view body,
                                   const std::vector<std::string>& log_heading);

}  // namespace touchbase
