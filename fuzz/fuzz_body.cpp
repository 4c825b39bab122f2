// Target 3: the body scanner (SPEC §4). Properties: no crash or hang; lines
// and columns are positive and inside the text, entries and tasks in file
// order; the log layout (log_layout, asked for on its own) has a style
// exactly when the scan finds an entry, and its insertion points are line
// starts inside the body, the top one not after the bottom one.
#include <algorithm>

#include "body.h"
#include "body_log_layout.h"
#include "fuzz_support.h"
#include "text.h"

using namespace touchbase;

namespace {

// A line start of `body` (an offset just after a line ending, or 0), or its end.
bool line_start(std::string_view body, long at) {
    if (at < 0 || at > static_cast<long>(body.size())) return false;
    const auto i = static_cast<std::size_t>(at);
    return i == 0 || i == body.size() || body[i - 1] == '\n' ||
           (body[i - 1] == '\r' && body[i] != '\n');
}

void check_layout(std::string_view body, const BodyScan& scan) {
    const LogLayout layout = log_layout(body, {"Log"});
    FUZZ_CHECK((layout.style == LogLayout::Style::none) == scan.entries.empty());
    if (layout.style == LogLayout::Style::none) {
        FUZZ_CHECK(layout.insert_top == -1 && layout.insert_bottom == -1);
    } else {
        FUZZ_CHECK(line_start(body, layout.insert_top));
        FUZZ_CHECK(line_start(body, layout.insert_bottom));
        FUZZ_CHECK(layout.insert_top <= layout.insert_bottom);
        FUZZ_CHECK(layout.heading_level >= 1 && layout.heading_level <= 6);
    }
    FUZZ_CHECK(layout.log_section_end == -1 || line_start(body, layout.log_section_end));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    constexpr int first_line = 5;
    BodyScan scan = scan_body(body, first_line, {"Log"}, "note.md");
    // cmark counts LF, CRLF and a lone CR as line ends, as LineIndex does.
    const int last_line = first_line + LineIndex(body).line_count() - 1;
    int previous = first_line;
    for (const auto& e : scan.entries) {
        FUZZ_CHECK(e.line >= previous && e.line <= last_line);
        FUZZ_CHECK(e.column >= 1);
        FUZZ_CHECK(!e.marks.next || *e.marks.next > e.date);
        previous = e.line;
    }
    previous = first_line;
    for (const auto& t : scan.open_tasks) {
        FUZZ_CHECK(t.line >= previous && t.line <= last_line);
        FUZZ_CHECK(t.column >= 1);
        FUZZ_CHECK(!t.text.empty());
        previous = t.line;
    }
    for (const auto& p : scan.problems) {
        FUZZ_CHECK(p.line >= first_line && p.line <= last_line);
        FUZZ_CHECK(p.column >= 1);
    }
    check_layout(body, scan);
    return 0;
}
