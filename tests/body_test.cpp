// SPEC §4: contact entries, tags, action items and the log layout.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <string>
#include <thread>
#include <vector>

#include "body.h"
#include "body_log_layout.h"
#include "test_body.h"

using namespace touchbase;
using touchbase::test::day;
using touchbase::test::entry_dates;
using touchbase::test::scan;

namespace {

LogLayout layout(std::string_view body, std::string_view log = "Log") {
    return log_layout(body, {std::string(log)});
}

std::vector<std::string> task_texts(const BodyScan& s) {
    std::vector<std::string> out;
    for (const auto& t : s.open_tasks) out.push_back(t.text);
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------------------
// leading_date

TEST_CASE("leading_date: plain and wiki-link dates with the allowed followers") {
    CHECK(leading_date("2026-11-02").kind == DateStart::valid);
    CHECK(leading_date("2026-11-02").date == day("2026-11-02"));
    CHECK(leading_date("2026-11-02 call").date == day("2026-11-02"));
    CHECK(leading_date("[[2026-11-02]] call").date == day("2026-11-02"));
    CHECK(leading_date("[[2026-11-02]]").kind == DateStart::valid);
    for (const char* t : {"2026-11-02: call", "2026-11-02, call", "2026-11-02. call",
                          "2026-11-02; call", "2026-11-02) call", "2026-11-02\tcall",
                          "2026-11-02\xC2\xA0"
                          "call",
                          "[[2026-11-02]]: call"})
        CHECK_MESSAGE(leading_date(t).kind == DateStart::valid, t);
}

TEST_CASE("leading_date: not a date start") {
    for (const char* t :
         {"", "call on 2026-11-02", "2026-11-02call", "2026-11-02-x", "2026-11-02/03", "2026-1-002",
          "[2026-11-02]", "[[2026-11-02]", "[[2026-11-02|Nov]]", " 2026-11-02", "2026-11",
          "2026-11-02T10", "[[2026-11-02]]x", "2026-11-02T10:00x", "1.2.3 release", "2026/11"})
        CHECK_MESSAGE(leading_date(t).kind == DateStart::none, t);
}

TEST_CASE("leading_date: a one-digit month or day, a time after the date (spec §1)") {
    CHECK(leading_date("2026-1-2 call").date == day("2026-01-02"));
    CHECK(leading_date("[[2026-11-9]]: call").date == day("2026-11-09"));
    CHECK(leading_date("2026-11-02T10:00 call").date == day("2026-11-02"));
    CHECK(leading_date("2026-11-02T10:00:00Z, call").date == day("2026-11-02"));
    CHECK(leading_date("2026-11-0").kind == DateStart::invalid);
}

TEST_CASE("leading_date: a date written another way") {
    for (const char* t : {"2026/11/02 call", "02.11.2026: call", "2026.11.2", "11/02/2026",
                          "[[02.11.2026]] call", "2-11-2026 call"}) {
        CAPTURE(t);
        const LeadingDate lead = leading_date(t);
        CHECK(lead.kind == DateStart::other_way);
        CHECK_FALSE(lead.date);
    }
    CHECK(leading_date("02.11.2026: call").written == "02.11.2026");
}

TEST_CASE("leading_date: date-shaped but invalid") {
    CHECK(leading_date("2026-13-01 call").kind == DateStart::invalid);
    CHECK_FALSE(leading_date("2026-13-01 call").date);
    CHECK(leading_date("2026-02-30").kind == DateStart::invalid);
    CHECK(leading_date("[[2026-02-30]]").kind == DateStart::invalid);
    CHECK(leading_date("2025-02-29:").kind == DateStart::invalid);
    CHECK(leading_date("2024-02-29:").kind == DateStart::valid);
}

// ---------------------------------------------------------------------------
// read_marks

TEST_CASE("read_marks: tag boundaries") {
    CHECK(read_marks("#needs").needs);
    CHECK(read_marks("call #needs").needs);
    CHECK(read_marks("call #needs, then lunch").needs);
    CHECK(read_marks("call #needs.").needs);
    CHECK(read_marks("call #needs!").needs);
    CHECK(read_marks("call (#news)").news);
    CHECK(read_marks("call\t#news").news);
    CHECK(read_marks("call\xC2\xA0#news").news);
    CHECK(read_marks("#NEEDS and #News").needs);
    CHECK(read_marks("#NEEDS and #News").news);
    CHECK(read_marks("#Missed").missed);
    CHECK(read_marks("sent a #card").card);

    CHECK_FALSE(read_marks("#needs-help").needs);
    CHECK_FALSE(read_marks("#needs/x").needs);
    CHECK_FALSE(read_marks("#needs_x").needs);
    CHECK_FALSE(read_marks("#needsx").needs);
    CHECK_FALSE(read_marks("call#needs").needs);
    CHECK_FALSE(read_marks("##needs").needs);
    CHECK_FALSE(read_marks("#cards").card);
    CHECK_FALSE(read_marks("#newsletter").news);
    CHECK_FALSE(read_marks("needs").needs);

    const EntryMarks none = read_marks("a plain call");
    CHECK_FALSE((none.needs || none.news || none.missed || none.card || none.next));
}

TEST_CASE("read_marks: next:") {
    CHECK(read_marks("call next:2026-12-01").next == day("2026-12-01"));
    CHECK(read_marks("next:2026-12-01").next == day("2026-12-01"));
    CHECK(read_marks("call (next:2026-12-01)").next == day("2026-12-01"));
    CHECK(read_marks("call next:2026-12-01, fine").next == day("2026-12-01"));
    CHECK(read_marks("call Next: 2026-12-01").next == day("2026-12-01"));
    CHECK_FALSE(read_marks("call xnext:2026-12-01").next);
    CHECK_FALSE(read_marks("call next:2026-12-012").next);
    CHECK_FALSE(read_marks("call next:soon").next);
    CHECK(read_marks("call next:soon").next_invalid.empty());
    // several: the last one wins
    CHECK(read_marks("next:2026-12-01 next:2026-12-05").next == day("2026-12-05"));

    const EntryMarks bad = read_marks("call next:2026-02-30");
    CHECK_FALSE(bad.next);
    CHECK(bad.next_invalid == "2026-02-30");
}

TEST_CASE("read_marks: tags and next: among other colons and hashes, in the order they stand") {
    // A `next` that is a tag's letters opens no word; colons elsewhere are text.
    CHECK_FALSE(read_marks("call #next:2026-12-01").next);
    CHECK_FALSE(read_marks("#next:2026-12-01").next);
    CHECK(read_marks("re: budget 10:30, next:2026-12-01").next == day("2026-12-01"));
    CHECK(read_marks("next::2026-12-01").next_invalid.empty());
    const EntryMarks m = read_marks("#needs: next:2026-12-01 #news C# #");
    CHECK(m.needs);
    CHECK(m.news);
    CHECK(m.next == day("2026-12-01"));
    // A later invalid next: undoes an earlier valid one, and the reverse.
    CHECK_FALSE(read_marks("next:2026-12-01 #card next:2026-02-30").next);
    CHECK(read_marks("next:2026-02-30 #card next:2026-12-01").next == day("2026-12-01"));
    CHECK(read_marks("ne:xt next:").next_invalid.empty());
}

// ---------------------------------------------------------------------------
// Contact entries: headings

TEST_CASE("dated headings of every kind and level are entries") {
    const auto s = scan(
        "# 2026-01-01 one\n"
        "## 2026-01-02\n"
        "###### 2026-01-03 six\n"
        "2026-01-04 setext one\n"
        "===\n"
        "\n"
        "2026-01-05 setext two\n"
        "---\n"
        "## **2026-11-02** call\n"
        "## [[2026-11-03]] wiki\n"
        "## Not 2026-01-06\n"
        "## 2026-01-07x\n");
    CHECK(entry_dates(s) == Strings{"2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04",
                                    "2026-01-05", "2026-11-02", "2026-11-03"});
    CHECK(s.entries[0].is_heading);
    CHECK(s.entries[0].level == 1);
    CHECK(s.entries[2].level == 6);
    CHECK(s.entries[4].level == 2);
    CHECK(s.entries[3].line == 4);
    CHECK(s.entries[5].text == "2026-11-02 call");
    CHECK(s.entries[6].text == "[[2026-11-03]] wiki");
    CHECK(s.problems.empty());
}

TEST_CASE("entry text is plain text: markup removed, line breaks as spaces") {
    const auto s = scan(
        "## *2026-11-02* `call` with [Bob](https://x.example) <b>#needs</b>\n"
        "\n"
        "2026-11-03 two\n"
        "lines\n"
        "---\n");
    REQUIRE(s.entries.size() == 2);
    CHECK(s.entries[0].text == "2026-11-02 call with Bob #needs");
    CHECK(s.entries[0].marks.needs);
    CHECK(s.entries[1].text == "2026-11-03 two lines");
}

TEST_CASE("first_h1 is the plain text of the first level-1 heading") {
    CHECK(scan("## Sub\n# **Acme** Corp\n# Other\n").first_h1 == "Acme Corp");
    CHECK(scan("Acme\n===\n").first_h1 == "Acme");
    CHECK_FALSE(scan("## Sub\n").first_h1);
    CHECK_FALSE(scan("> # Quoted\n").first_h1);
    CHECK_FALSE(scan("```\n# code\n```\n").first_h1);
}

// ---------------------------------------------------------------------------
// Contact entries: the Log list

TEST_CASE("Log list items are entries, any heading level, any case") {
    for (const char* heading : {"# Log", "## Log", "### log", "#### LOG", "Log\n---", "Log\n==="}) {
        const std::string body = std::string(heading) +
                                 "\n\n- 2026-11-02 call #news\n- [[2026-11-05]]: mail\n"
                                 "- no date here\n1. not in the same list 2026-11-09\n";
        const auto s = scan(body);
        const Strings want{"2026-11-02", "2026-11-05"};
        CHECK_MESSAGE(entry_dates(s) == want, heading);
        REQUIRE(s.entries.size() == 2);
        CHECK_FALSE(s.entries[0].is_heading);
        CHECK(s.entries[0].marks.news);
        CHECK(s.entries[1].text == "[[2026-11-05]]: mail");
    }
}

TEST_CASE("ordered Log lists and markup in items") {
    const auto s = scan("## Log\n\n1. **2026-11-02** call\n2. 2026-11-04 mail\n");
    CHECK(entry_dates(s) == Strings{"2026-11-02", "2026-11-04"});
    CHECK(s.entries[0].text == "2026-11-02 call");
}

TEST_CASE("the configured log_heading is used") {
    const std::string body = "## Contacts\n\n- 2026-11-02 call\n\n## Log\n\n- 2026-11-03 x\n";
    CHECK(entry_dates(scan(body, 1, {"contacts"})) == Strings{"2026-11-02"});
    CHECK(entry_dates(scan(body, 1, {"Log"})) == Strings{"2026-11-03"});
}

TEST_CASE("lists outside a Log section are not entries") {
    CHECK(scan("- 2026-11-02 call\n").entries.empty());
    CHECK(scan("## Notes\n\n- 2026-11-02 call\n").entries.empty());
    CHECK(scan("## Logbook\n\n- 2026-11-02 call\n").entries.empty());
}

TEST_CASE("the Log section ends at a heading of its level or higher") {
    const auto s = scan(
        "## Log\n"
        "- 2026-01-01 a\n"
        "### Older\n"
        "- 2026-01-02 b\n"  // ### does not end ##
        "## Other\n"
        "- 2026-01-03 c\n"  // ## ends ##
        "## Log\n"
        "- 2026-01-04 d\n"
        "# Top\n"
        "- 2026-01-05 e\n");  // # ends ##
    CHECK(entry_dates(s) == Strings{"2026-01-01", "2026-01-02", "2026-01-04"});
}

TEST_CASE("a dated sub-heading inside the Log section is an entry and keeps the section open") {
    const auto s = scan("## Log\n### 2026-01-01 call\n- 2026-01-02 mail\n");
    CHECK(entry_dates(s) == Strings{"2026-01-01", "2026-01-02"});
    CHECK(s.entries[0].is_heading);
    CHECK_FALSE(s.entries[1].is_heading);
}

TEST_CASE("nested items and task items in the Log are not entries") {
    const auto s = scan(
        "## Log\n"
        "- 2026-01-01 call\n"
        "  - 2026-01-02 nested\n"
        "    - 2026-01-03 deeper\n"
        "- [ ] 2026-01-04 task\n"
        "- [x] 2026-01-05 done\n"
        "- > 2026-01-06 quoted\n"
        "\n"
        "> - 2026-01-07 in a quote\n");
    CHECK(entry_dates(s) == Strings{"2026-01-01"});
    CHECK(task_texts(s) == Strings{"2026-01-04 task"});
}

TEST_CASE("the whole first paragraph of an item is its text") {
    const auto s = scan("## Log\n- 2026-01-01 call\n  continued #needs\n\n  second para #news\n");
    REQUIRE(s.entries.size() == 1);
    CHECK(s.entries[0].text == "2026-01-01 call continued #needs");
    CHECK(s.entries[0].marks.needs);
    CHECK_FALSE(s.entries[0].marks.news);
}

// ---------------------------------------------------------------------------
// What is never read

TEST_CASE("code blocks, HTML blocks and block quotes hold no entries and no tasks") {
    const auto s = scan(
        "## Log\n"
        "\n"
        "```\n"
        "# 2026-01-01 fenced\n"
        "- [ ] fenced task\n"
        "```\n"
        "\n"
        "~~~md\n"
        "- 2026-01-02 tilde fence\n"
        "~~~\n"
        "\n"
        "    # 2026-01-03 indented\n"
        "    - [ ] indented task\n"
        "\n"
        "<div>\n"
        "# 2026-01-04 html\n"
        "- [ ] html task\n"
        "</div>\n"
        "\n"
        "> # 2026-01-05 quoted heading\n"
        "> - [ ] quoted task\n"
        "> - 2026-01-06 quoted item\n"
        ">\n"
        "> > ## 2026-01-07 deeper\n"
        "\n"
        "- 2026-01-08 real\n");
    CHECK(entry_dates(s) == Strings{"2026-01-08"});
    CHECK(s.open_tasks.empty());
    CHECK(s.problems.empty());
}

// ---------------------------------------------------------------------------
// Warnings

TEST_CASE("a date-shaped but invalid start is a warning and no entry") {
    const auto s = scan("## 2026-13-01 call\n\n## Log\n\n- 2026-02-30 mail\n- [[2026-04-31]]\n", 5);
    CHECK(s.entries.empty());
    REQUIRE(s.problems.size() == 3);
    for (const auto& p : s.problems) {
        CHECK(p.severity == Severity::warning);
        CHECK(p.file == "clients/acme.md");
    }
    CHECK(s.problems[0].line == 5);
    CHECK(s.problems[0].column == 4);
    CHECK(s.problems[0].message.find("2026-13-01") != std::string::npos);
    CHECK(s.problems[1].line == 9);
    CHECK(s.problems[1].column == 3);
    CHECK(s.problems[1].message.find("2026-02-30") != std::string::npos);
    CHECK(s.problems[2].message.find("2026-04-31") != std::string::npos);
}

TEST_CASE("next: on or before its entry's date is a warning and cleared") {
    const auto s = scan(
        "## Log\n"
        "- 2026-11-02 call next:2026-11-20\n"
        "- 2026-11-03 call next:2026-11-03\n"
        "- 2026-11-04 call next:2026-11-01\n"
        "- 2026-11-05 call next:2026-02-30\n");
    REQUIRE(s.entries.size() == 4);
    CHECK(s.entries[0].marks.next == day("2026-11-20"));
    CHECK_FALSE(s.entries[1].marks.next);
    CHECK_FALSE(s.entries[2].marks.next);
    CHECK_FALSE(s.entries[3].marks.next);
    REQUIRE(s.problems.size() == 3);
    CHECK(s.problems[0].line == 3);
    CHECK(s.problems[0].message.find("next:2026-11-03") != std::string::npos);
    CHECK(s.problems[1].line == 4);
    CHECK(s.problems[2].line == 5);
    CHECK(s.problems[2].message.find("2026-02-30") != std::string::npos);
}

// ---------------------------------------------------------------------------
// Tasks

TEST_CASE("open tasks of every list kind, nested ones too, checked ones excluded") {
    const auto s = scan(
        "- [ ] dash\n"
        "* [ ] star\n"
        "+ [ ] plus\n"
        "\n"
        "1. [ ] ordered\n"
        "2) [ ] paren\n"
        "\n"
        "- [x] done\n"
        "  - [ ] nested under done\n"
        "- [X] done too\n"
        "- [ ] parent\n"
        "  - [ ] child\n"
        "    1. [ ] grandchild\n"
        "- plain item\n"
        "  - [ ] under plain\n"
        "- [ ]\n"
        "- [ ]no space\n");
    CHECK(task_texts(s) == Strings{"dash", "star", "plus", "ordered", "paren", "nested under done",
                                   "parent", "child", "grandchild", "under plain"});
    CHECK(s.open_tasks[0].line == 1);
    CHECK(s.open_tasks[8].line == 13);
    CHECK(s.open_tasks[8].column == 5);
}

TEST_CASE("task text: first source line, markup as written, white space collapsed") {
    const auto s = scan(
        "- [ ]   Send  **the** `summary`\n"
        "  second line not included\n"
        "- [ ] a\xC2\xA0\xC2\xA0"
        "b \xC2\xA0 c\t d  \n"
        "- [ ] tab\there\n");
    CHECK(task_texts(s) == Strings{"Send **the** `summary`", "a b c d", "tab here"});
}

TEST_CASE("task due: the calendar emoji with and without U+FE0F, any white space") {
    const auto s = scan(
        "- [ ] Send the summary \xF0\x9F\x93\x85 2026-11-16\n"
        "- [ ] Call \xF0\x9F\x93\x85\xEF\xB8\x8F 2026-11-17 \xE2\x8F\xAB\n"
        "- [ ] Mail \xF0\x9F\x93\x85   2026-11-18\n"
        "- [ ] Glued \xF0\x9F\x93\x85"
        "2026-11-19 end\n"
        "- [ ] Nbsp \xF0\x9F\x93\x85\xC2\xA0"
        "2026-11-20\n"
        "- [ ] \xF0\x9F\x93\x85 2026-11-21 first\n");
    REQUIRE(s.open_tasks.size() == 6);
    CHECK(s.open_tasks[0].text == "Send the summary");
    CHECK(s.open_tasks[0].due == day("2026-11-16"));
    CHECK(s.open_tasks[1].text == "Call \xE2\x8F\xAB");
    CHECK(s.open_tasks[1].due == day("2026-11-17"));
    CHECK(s.open_tasks[2].text == "Mail");
    CHECK(s.open_tasks[2].due == day("2026-11-18"));
    CHECK(s.open_tasks[3].text == "Glued end");
    CHECK(s.open_tasks[3].due == day("2026-11-19"));
    CHECK(s.open_tasks[4].due == day("2026-11-20"));
    CHECK(s.open_tasks[5].text == "first");
    CHECK(s.open_tasks[5].due == day("2026-11-21"));
    CHECK(s.problems.empty());
}

TEST_CASE("task due: todo.txt due: and Dataview [due:: ]") {
    const auto s = scan(
        "- [ ] Invoice due:2026-12-01\n"
        "- [ ] Invoice Due: 2026-12-02 please\n"
        "- [ ] Report [due:: 2026-12-03] now\n"
        "- [ ] Report [due::2026-12-04]\n"
        "- [ ] Report (due:: 2026-12-05)\n"
        "- [ ] overdue:2026-12-06 is not a marker\n"
        "- [ ] undated\n");
    REQUIRE(s.open_tasks.size() == 7);
    CHECK(s.open_tasks[0].text == "Invoice");
    CHECK(s.open_tasks[0].due == day("2026-12-01"));
    CHECK(s.open_tasks[1].text == "Invoice please");
    CHECK(s.open_tasks[1].due == day("2026-12-02"));
    CHECK(s.open_tasks[2].text == "Report now");
    CHECK(s.open_tasks[2].due == day("2026-12-03"));
    CHECK(s.open_tasks[3].due == day("2026-12-04"));
    CHECK(s.open_tasks[4].due == day("2026-12-05"));
    CHECK(s.open_tasks[4].text == "Report");
    CHECK_FALSE(s.open_tasks[5].due);
    CHECK(s.open_tasks[5].text == "overdue:2026-12-06 is not a marker");
    CHECK_FALSE(s.open_tasks[6].due);
}

TEST_CASE("an invalid date in a due marker is a warning and gives no date") {
    const auto s =
        scan("text\n\n- [ ] Call \xF0\x9F\x93\x85 2026-02-30\n- [ ] Pay due:2026-13-01\n", 4);
    REQUIRE(s.open_tasks.size() == 2);
    CHECK_FALSE(s.open_tasks[0].due);
    CHECK_FALSE(s.open_tasks[1].due);
    CHECK(s.open_tasks[0].text == "Call \xF0\x9F\x93\x85 2026-02-30");
    REQUIRE(s.problems.size() == 2);
    CHECK(s.problems[0].line == 6);
    CHECK(s.problems[0].column == 12);
    CHECK(s.problems[0].severity == Severity::warning);
    CHECK(s.problems[0].message.find("2026-02-30") != std::string::npos);
    CHECK(s.problems[1].line == 7);
}

TEST_CASE("CRLF body: lines, texts and dates") {
    const auto s = scan(
        "# Acme\r\n"
        "\r\n"
        "## 2026-11-02 call #needs\r\n"
        "\r\n"
        "- [ ] Send it \xF0\x9F\x93\x85 2026-11-16\r\n"
        "- [ ] Plain\r\n"
        "\r\n"
        "## Log\r\n"
        "- 2026-11-03 mail\r\n",
        7);
    CHECK(s.first_h1 == "Acme");
    CHECK(entry_dates(s) == Strings{"2026-11-02", "2026-11-03"});
    CHECK(s.entries[0].line == 9);
    CHECK(s.entries[0].marks.needs);
    CHECK(s.entries[1].line == 15);
    CHECK(task_texts(s) == Strings{"Send it", "Plain"});
    CHECK(s.open_tasks[0].due == day("2026-11-16"));
    CHECK(s.open_tasks[0].line == 11);
    CHECK(s.open_tasks[1].line == 12);
}

TEST_CASE("line numbers are file lines: first_line is where the body starts") {
    const std::string body = "\n## 2026-11-02 call\n\n- [ ] task\n";
    const auto a = scan(body, 1);
    const auto b = scan(body, 10);
    CHECK(a.entries[0].line == 2);
    CHECK(b.entries[0].line == 11);
    CHECK(a.open_tasks[0].line == 4);
    CHECK(b.open_tasks[0].line == 13);
    CHECK(b.open_tasks[0].column == 1);
}

TEST_CASE("an empty body scans to nothing") {
    const auto s = scan("");
    CHECK(s.entries.empty());
    CHECK(s.open_tasks.empty());
    CHECK(s.problems.empty());
    CHECK(layout("").style == LogLayout::Style::none);
    CHECK(layout("").insert_top == -1);
}

// ---------------------------------------------------------------------------
// LogLayout

TEST_CASE("layout: headings, oldest first") {
    const std::string body =
        "# Acme\n"
        "\n"
        "## 2026-01-01 a\n"
        "text\n"
        "### detail\n"
        "## 2026-02-01 b\n"
        "more\n"
        "\n"
        "## Tasks\n"
        "- [ ] x\n";
    const LogLayout l = layout(body);
    CHECK(l.style == LogLayout::Style::headings);
    CHECK_FALSE(l.newest_first);
    CHECK(l.heading_level == 2);
    CHECK(l.insert_top == static_cast<long>(body.find("## 2026-01-01")));
    CHECK(l.insert_bottom == static_cast<long>(body.find("## Tasks")));
}

TEST_CASE("layout: headings, newest first, running to the end of the body") {
    const std::string body = "### 2026-02-01 b\nx\n### 2026-01-01 a\ny";
    const LogLayout l = layout(body);
    CHECK(l.style == LogLayout::Style::headings);
    CHECK(l.newest_first);
    CHECK(l.heading_level == 3);
    CHECK(l.insert_top == 0);
    CHECK(l.insert_bottom == static_cast<long>(body.size()));
}

TEST_CASE("layout: a single entry or equal dates are not newest first") {
    CHECK_FALSE(layout("## 2026-02-01 b\n").newest_first);
    CHECK_FALSE(layout("## 2026-02-01 b\n## 2026-02-01 c\n").newest_first);
    CHECK(layout("## 2026-02-01 b\n## 2026-02-01 c\n## 2026-01-01\n").newest_first);
    CHECK_FALSE(layout("## 2026-02-01\n## 2026-01-01\n## 2026-03-01\n").newest_first);
}

TEST_CASE("layout: Log list, oldest first") {
    const std::string body =
        "# Acme\n"
        "\n"
        "## Log\n"
        "\n"
        "- 2026-01-01 a\n"
        "- 2026-02-01 b\n"
        "  continued\n"
        "\n"
        "## Tasks\n";
    const LogLayout l = layout(body);
    CHECK(l.style == LogLayout::Style::list);
    CHECK_FALSE(l.newest_first);
    CHECK(l.heading_level == 2);
    CHECK(l.insert_top == static_cast<long>(body.find("- 2026-01-01")));
    CHECK(l.insert_bottom == static_cast<long>(body.find("\n\n## Tasks") + 1));
}

TEST_CASE("layout: Log list, newest first, loose list and CRLF") {
    const std::string body =
        "### Log\r\n"
        "\r\n"
        "- 2026-02-01 b\r\n"
        "\r\n"
        "- 2026-01-01 a\r\n"
        "  - nested note\r\n"
        "\r\n"
        "Trailing paragraph.\r\n";
    const LogLayout l = layout(body);
    CHECK(l.style == LogLayout::Style::list);
    CHECK(l.newest_first);
    CHECK(l.heading_level == 3);
    CHECK(l.insert_top == static_cast<long>(body.find("- 2026-02-01")));
    CHECK(l.insert_bottom == static_cast<long>(body.find("\r\n\r\nTrailing") + 2));
}

TEST_CASE("layout: the last entry's style wins when both are used") {
    const std::string body = "## 2026-01-01 heading\n\n## Log\n- 2026-02-01 item\n";
    const LogLayout l = layout(body);
    CHECK(l.style == LogLayout::Style::list);
    CHECK(l.insert_top == static_cast<long>(body.find("- 2026-02-01")));
    CHECK(l.insert_bottom == static_cast<long>(body.size()));
    const LogLayout t = layout("## Log\n- 2026-02-01 item\n# 2026-03-01 heading\n");
    CHECK(t.style == LogLayout::Style::headings);
    CHECK(t.heading_level == 1);
}

// ---------------------------------------------------------------------------
// Robustness

TEST_CASE("scan_body is safe on several threads at once") {
    std::string body = "# Acme\n\n## Log\n";
    for (int i = 1; i <= 28; ++i)
        body += "- 2026-02-" + std::string(i < 10 ? "0" : "") + std::to_string(i) + " call\n";
    body += "\n- [ ] task \xF0\x9F\x93\x85 2026-03-01\n";
    std::vector<std::thread> threads;
    std::vector<int> ok(8, 0);
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            for (int k = 0; k < 50; ++k) {
                const auto s = scan(body);
                ok[t] += s.entries.size() == 28 && s.open_tasks.size() == 1;
            }
        });
    for (auto& th : threads) th.join();
    for (int t = 0; t < 8; ++t) CHECK(ok[t] == 50);
}

TEST_CASE("deep nesting and odd input do not crash") {
    const std::string quotes(100000, '>');
    CHECK(scan(quotes + " # 2026-01-01\n").entries.empty());
    std::string lists;
    for (int i = 0; i < 2000; ++i)
        lists += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- [ ] x\n";
    CHECK(scan(lists).open_tasks.size() > 0);
    CHECK(scan(std::string("## 2026-01-01\r")).entries.size() == 1);
    CHECK(scan("- [ ] \xF0\x9F\x93\x85").open_tasks.size() == 1);
    CHECK(scan("## [[2026").entries.empty());
}

TEST_CASE("layout: the end of the Log section, for a first item") {
    const std::string body = "# Acme\n\n## Log\n\n<!-- hint -->\n\n### sub\n\n## Next\n";
    CHECK(layout(body).log_section_end == static_cast<long>(body.find("\n\n## Next") + 1));
    const std::string html = "## Log\n\n<!-- one\ntwo -->\n\n## Next\n";
    CHECK(layout(html).log_section_end == static_cast<long>(html.find("\n\n## Next") + 1));
    const std::string empty = "## Log\n## Next\n";
    CHECK(layout(empty).log_section_end == static_cast<long>(empty.find("## Next")));
    const std::string setext = "Log\n===\n\ntext\n";
    CHECK(layout(setext).log_section_end == static_cast<long>(setext.size()));
    CHECK(layout("# Acme\n").log_section_end == -1);
    CHECK(layout("> ## Log\n").log_section_end == -1);
}
