// The guard against cmark-gfm's quadratic inline HTML scanning (body_guards.h,
// docs/safety.md, "Fuzzing"): spec §9, nothing may make touchbase hang.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <string>
#include <utility>

#include "body.h"
#include "body_log_layout.h"
#include "note.h"

using namespace touchbase;
using touchbase::test::day;

namespace {

std::string repeat(std::string_view unit, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += unit;
    return out;
}

}  // namespace

TEST_CASE("a paragraph of unclosed inline HTML openers is an error, not a hang") {
    for (std::string_view unit : {"a <?\n", "a <!D \n", "a <![CDATA[\n"}) {
        CAPTURE(unit);
        std::string body = "## Log\n\n- 2026-10-01 call\n\n" + repeat(unit, 60000);
        BodyScan scan = scan_body(body, 4, {"Log"}, "slow.md");
        REQUIRE(scan.problems.size() == 1);
        CHECK(scan.problems[0].severity == Severity::error);
        CHECK(scan.problems[0].file == "slow.md");
        CHECK(scan.problems[0].line == 8);    // body line 5, the paragraph's first line
        CHECK(scan.problems[0].column == 3);  // the opener after "a "
        CHECK(scan.entries.empty());
    }
}

TEST_CASE("the same openers in short paragraphs or with closers are fine") {
    // Blank lines end each paragraph, so each scan is short.
    std::string separated = "## Log\n\n- 2026-10-01 call\n\n" + repeat("a <?\n\n", 60000);
    BodyScan scan = scan_body(separated, 4, {"Log"}, "ok.md");
    CHECK_FALSE(has_error(scan.problems));
    CHECK(scan.entries.size() == 1);

    // Each opener finds its closer right away.
    std::string closed =
        "## Log\n\n- 2026-10-01 call\n\n" + repeat("a <?x?> <!DOCTYPE x> <![CDATA[y]]>\n", 20000);
    scan = scan_body(closed, 4, {"Log"}, "ok.md");
    CHECK_FALSE(has_error(scan.problems));
    CHECK(scan.entries.size() == 1);

    // A realistic note with a few unclosed ones.
    scan = scan_body("## 2026-10-01 call <?php\n\nSee <!DOCTYPE and <![CDATA[ notes.\n", 4, {"Log"},
                     "ok.md");
    CHECK_FALSE(has_error(scan.problems));
    CHECK(scan.entries.size() == 1);
}

TEST_CASE("a too slow body has no log layout: log finds no place in it") {
    const std::string slow = "## Log\n\n- 2026-10-01 call\n\n" + repeat("a <?\n", 60000);
    const LogLayout none = log_layout(slow, {"Log"});
    CHECK(none.style == LogLayout::Style::none);
    CHECK(none.insert_top == -1);
    CHECK(none.log_section_end == -1);
    // The same body, short enough, has both.
    const std::string fine = "## Log\n\n- 2026-10-01 call\n\n" + repeat("a <?\n", 10);
    const LogLayout list = log_layout(fine, {"Log"});
    CHECK(list.style == LogLayout::Style::list);
    CHECK(list.insert_top == static_cast<long>(fine.find("- 2026")));
    CHECK(list.log_section_end == static_cast<long>(fine.size()));
}

TEST_CASE("process_note leaves a note with a too slow body untouched") {
    std::string note = "---\nname: Slow\n---\n## 2026-10-01 call\n\n" + repeat("a <?\n", 60000);
    NoteResult result = process_note("slow.md", note, Config{}, day("2026-11-24"));
    CHECK(result.is_note);
    CHECK(has_error(result.problems));
    CHECK_FALSE(result.new_bytes);
    CHECK_FALSE(result.record);
}

TEST_CASE("a paragraph of unclosed image openers before links is an error, not a hang") {
    // cmark's pathological "![[]()" pattern, over several lines of one paragraph.
    std::string body = "## 2026-10-01 call\n\n" + repeat("![[]()\n", 30000);
    BodyScan scan = scan_body(body, 4, {"Log"}, "slow.md");
    REQUIRE(scan.problems.size() == 1);
    CHECK(scan.problems[0].severity == Severity::error);
    CHECK(scan.problems[0].line == 6);
    CHECK(scan.problems[0].column == 1);
    CHECK(scan.entries.empty());

    // The same images one per list item, or one per paragraph, are fine; so
    // is a (very) long paragraph of closed images and links.
    for (auto [unit, times] : {std::pair<std::string_view, int>{"- ![[]()\n", 30000},
                               {"![[]()\n\n", 30000},
                               {"![a](b.png) and [a link](c)\n", 3000}}) {
        CAPTURE(unit);
        scan = scan_body("## 2026-10-01 call\n\n" + repeat(unit, times), 4, {"Log"}, "ok.md");
        CHECK_FALSE(has_error(scan.problems));
        CHECK(scan.entries.size() == 1);
    }
}
