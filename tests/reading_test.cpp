// Reading what people write (spec §1, §4.1, §4.2): log sections by name,
// tags under a dated heading, dates written another way, near-miss tags.
// Every warning is checked with its exact line, column and message.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <string>
#include <vector>

#include "body.h"
#include "body_log_layout.h"
#include "config.h"
#include "log_heading.h"
#include "test_body.h"

using namespace touchbase;
using touchbase::test::day;
using touchbase::test::entry_dates;
using touchbase::test::scan;

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
    static String convert(const std::vector<std::string>& v) {
        std::string out = "{";
        for (const auto& s : v) out += "\n  \"" + s + "\"";
        return (out + "}").c_str();
    }
};
}  // namespace doctest

namespace {

// "line:column: severity: message" for every problem, in order.
std::vector<std::string> problems(const BodyScan& s) {
    std::vector<std::string> out;
    for (const auto& p : s.problems) {
        CHECK(p.file == "clients/acme.md");
        out.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                      to_string(p.severity) + ": " + p.message);
    }
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------------------
// Log sections by name

TEST_CASE("log_heading_words: runs of letters and digits, lower-cased, digit-only words left out") {
    CHECK(log_heading_words("📞 Log:") == Strings{"log"});
    CHECK(log_heading_words("Call-LOG") == Strings{"call", "log"});
    CHECK(log_heading_words("Log (2025)") == Strings{"log"});
    CHECK(log_heading_words("Log 2025b") == Strings{"log", "2025b"});
    CHECK(log_heading_words("ÉCHANGES") == Strings{"échanges"});
    CHECK(log_heading_words("通話ログ") == Strings{"通話ログ"});
    CHECK(log_heading_words("— 2025 —").empty());
}

TEST_CASE("log_heading_words: a byte that starts no UTF-8 character separates words") {
    CHECK(log_heading_words("Call\xFF"
                            "log") == Strings{"call", "log"});
    CHECK(log_heading_words("Log\xED\xA0\x80") == Strings{"log"});  // a surrogate
    CHECK(log_heading_words("Log\xEF\xBF\xBD"
                            "book") == Strings{"log", "book"});  // U+FFFD
}

TEST_CASE("names_log_section: a different list of names is never answered from the last one") {
    // The names' words are kept per thread for the list last asked about.
    const Strings log{"Log"}, journal{"Journal", "Call log"};
    CHECK(names_log_section(log, "📞 LOG:"));
    CHECK_FALSE(names_log_section(journal, "Log"));
    CHECK(names_log_section(journal, "journal"));
    CHECK(names_log_section(journal, "Call-Log"));
    CHECK_FALSE(names_log_section(log, "Journal"));
    CHECK_FALSE(names_log_section({}, "Log"));
    CHECK_FALSE(names_log_section({"2025", "—"}, "Log"));  // names without words name nothing
    CHECK_FALSE(names_log_section({"2025"}, "— 2025 —"));
}

TEST_CASE("log sections: the default names, compared as words") {
    for (const char* heading :
         {"## Log", "## 📞 Log:", "### Contact LOG", "## Log (2025)", "## Call log", "## Calls",
          "## Meetings", "## meeting-log", "# **Log**", "Call log\n---"}) {
        const std::string body = std::string(heading) + "\n\n- 2026-11-02 call\n";
        CHECK_MESSAGE(entry_dates(scan(body)) == Strings{"2026-11-02"}, heading);
    }
    for (const char* heading :
         {"## Change log", "## Blog", "## Log book", "## Logs", "## Notes", "## Calls to make"}) {
        const std::string body = std::string(heading) + "\n\n- 2026-11-02 call\n";
        CHECK_MESSAGE(scan(body).entries.empty(), heading);
    }
}

TEST_CASE("log sections: the configured names, a string or a list") {
    const std::string body =
        "## Journal\n\n- 2026-11-02 a\n\n## Calls\n\n- 2026-11-03 b\n\n## Log\n\n- 2026-11-04 c\n";
    CHECK(entry_dates(scan(body, 1, {"Journal"})) == Strings{"2026-11-02"});
    CHECK(entry_dates(scan(body, 1, {"journal", "LOG"})) == Strings{"2026-11-02", "2026-11-04"});
    CHECK(entry_dates(scan(body)) == Strings{"2026-11-03", "2026-11-04"});
}

TEST_CASE("a heading that is itself an entry is not a log section") {
    const std::string body = "## 2026-11-02 Call log\n\n- 2026-11-03 not an entry\n";
    CHECK(entry_dates(scan(body)) == Strings{"2026-11-02"});
    CHECK(log_layout(body, touchbase::test::default_log_headings()).log_section_end == -1);
}

TEST_CASE("a log section runs to the next heading of its level or higher") {
    const auto s = scan(
        "## Log\n\n- 2026-11-01 a\n\n### 2025\n\n- 2026-11-02 b\n\n#### Old\n\n- 2026-11-03 c\n\n"
        "## Notes\n\n- 2026-11-04 not an entry\n\n# Log\n\n- 2026-11-05 d\n\n## Sub\n\n"
        "- 2026-11-06 e (a ## does not end a # section)\n\n# End\n\n- 2026-11-07 not an entry\n");
    CHECK(entry_dates(s) ==
          Strings{"2026-11-01", "2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06"});
}

// ---------------------------------------------------------------------------
// Tags and next: under a dated heading

TEST_CASE("#needs, #news and next: under a dated heading count for that entry") {
    const auto s = scan(
        "## 2026-11-02 call\n"  // 1
        "\n"
        "She asked about **billing** #needs.\n"
        "\n"
        "- follow up next: 2026-12-4\n"  // 5
        "  - nested #news:\n"
        "\n"
        "## 2026-11-09 mail\n"
        "\n"
        "Nothing new.\n");  // 10
    REQUIRE(s.entries.size() == 2);
    CHECK(s.entries[0].marks.needs);
    CHECK(s.entries[0].marks.news);
    CHECK(s.entries[0].marks.next == day("2026-12-04"));
    CHECK(s.entries[0].text == "2026-11-02 call");  // the text shown stays the heading's
    CHECK_FALSE(s.entries[1].marks.needs);
    CHECK_FALSE(s.entries[1].marks.news);
    CHECK_FALSE(s.entries[1].marks.next);
    CHECK(s.problems.empty());
}

TEST_CASE("under a dated heading: tasks, dated items, tables, code, HTML and quotes are left out") {
    const auto s = scan(
        "## 2026-11-02 call\n"
        "\n"
        "- [ ] ask about #needs\n"
        "- 2026-11-01 older #news\n"
        "\n"
        "> quoted #needs\n"
        "\n"
        "```\n#news next:2026-12-01\n```\n"
        "\n"
        "<div>\n#needs\n</div>\n"
        "\n"
        "| what | tag |\n"
        "| --- | --- |\n"
        "| call | #news |\n"
        "\n"
        "    indented code #needs\n"
        "\n"
        "Missed them once #missed, sent a #card.\n"
        "\n"
        "### notes\n"
        "\n"
        "#needs under a sub-heading\n");
    REQUIRE(s.entries.size() == 1);
    const EntryMarks& m = s.entries[0].marks;
    CHECK_FALSE(m.needs);
    CHECK_FALSE(m.news);
    CHECK_FALSE(m.next);
    CHECK_FALSE(m.missed);  // #missed and #card count only in the entry's own text
    CHECK_FALSE(m.card);
}

TEST_CASE("a paragraph that turns into a table is read up to the table") {
    const auto s =
        scan("## 2026-11-02 call\n\nHelped them #needs\n| a | b |\n|---|---|\n| #news | x |\n");
    REQUIRE(s.entries.size() == 1);
    CHECK(s.entries[0].marks.needs);
    CHECK_FALSE(s.entries[0].marks.news);
}

TEST_CASE("a log item's tags are its own text only") {
    const auto s = scan("## Log\n\n- 2026-11-02 call\n\n  notes #needs\n");
    REQUIRE(s.entries.size() == 1);
    CHECK_FALSE(s.entries[0].marks.needs);
}

TEST_CASE("next: under a heading: the last wins, on or before the entry's date a warning") {
    auto s = scan("## 2026-11-02 call next:2026-11-20\n\nThen next:2026-11-25.\n");
    REQUIRE(s.entries.size() == 1);
    CHECK(s.entries[0].marks.next == day("2026-11-25"));
    s = scan("## 2026-11-02 call\n\nnext:2026-11-01\n", 4);
    REQUIRE(s.entries.size() == 1);
    CHECK_FALSE(s.entries[0].marks.next);
    CHECK(
        problems(s) ==
        Strings{"4:4: warning: next:2026-11-01 is not after its entry's date 2026-11-02; ignored"});
}

// ---------------------------------------------------------------------------
// One-digit dates and dates written another way

TEST_CASE("one-digit months and days and a time are read in entries, due markers and next:") {
    const auto s = scan(
        "## 2026-11-2 call next:2026-12-4\n"
        "## 2026-11-03T14:30 meeting\n"
        "\n## Log\n\n- 2026-11-9: mail\n\n"
        "- [ ] send due:2026-12-4\n"
        "- [ ] call 📅 2026-1-15\n"
        "- [ ] ping [due:: 2026-2-3]\n");
    CHECK(entry_dates(s) == Strings{"2026-11-02", "2026-11-03", "2026-11-09"});
    CHECK(s.entries[0].marks.next == day("2026-12-04"));
    REQUIRE(s.open_tasks.size() == 3);
    CHECK(s.open_tasks[0].due == day("2026-12-04"));
    CHECK(s.open_tasks[0].text == "send");
    CHECK(s.open_tasks[1].due == day("2026-01-15"));
    CHECK(s.open_tasks[2].due == day("2026-02-03"));
    CHECK(s.problems.empty());
}

TEST_CASE("a date written another way starting a heading or log item is a warning") {
    const auto s = scan(
        "## 2026/11/02 call\n"  // line 3
        "\n"
        "## Log\n"
        "\n"
        "- 02.11.2026: call\n"  // line 7
        "- **11/03/2026** mail\n"
        "\n"
        "## Notes\n"
        "\n"
        "- 02.11.2026 not in a log section\n",
        3);
    CHECK(s.entries.empty());
    CHECK(problems(s) ==
          Strings{"3:4: warning: date '2026/11/02' at the start of a heading is written another "
                  "way: write dates as YYYY-MM-DD (it is not read as a contact entry)",
                  "7:3: warning: date '02.11.2026' at the start of a log item is written another "
                  "way: write dates as YYYY-MM-DD (it is not read as a contact entry)",
                  "8:3: warning: date '11/03/2026' at the start of a log item is written another "
                  "way: write dates as YYYY-MM-DD (it is not read as a contact entry)"});
}

TEST_CASE("a due marker with a date written another way is a warning; the task is undated") {
    const auto s = scan("- [ ] send due:2026/12/03 now\n- [ ] call 📅 03.12.2026\n", 6);
    REQUIRE(s.open_tasks.size() == 2);
    CHECK_FALSE(s.open_tasks[0].due);
    CHECK(s.open_tasks[0].text == "send due:2026/12/03 now");
    CHECK_FALSE(s.open_tasks[1].due);
    CHECK(s.open_tasks[1].text == "call 📅 03.12.2026");
    CHECK(problems(s) ==
          Strings{"6:12: warning: due date '2026/12/03' in a task is written another way: write "
                  "dates as YYYY-MM-DD; the task has no date of its own",
                  "7:12: warning: due date '03.12.2026' in a task is written another way: write "
                  "dates as YYYY-MM-DD; the task has no date of its own"});
}

TEST_CASE("next: with a date written another way is a warning, at the next:") {
    const auto s = scan("## 2026-11-02 call\n\nAgreed: next:03.12.2026\n", 10);
    REQUIRE(s.entries.size() == 1);
    CHECK_FALSE(s.entries[0].marks.next);
    CHECK(problems(s) == Strings{"12:14: warning: date '03.12.2026' after next: is written "
                                 "another way: write dates as YYYY-MM-DD; ignored"});
}

// ---------------------------------------------------------------------------
// Near-miss tags

TEST_CASE("read_marks: near-miss tags are ignored and named") {
    auto miss = [](std::string_view text) {
        Strings out;
        for (const auto& m : read_marks(text).near_misses)
            out.push_back(m.written + " -> " + m.meant);
        return out;
    };
    CHECK(miss("call #need") == Strings{"#need -> #needs"});
    CHECK(miss("call #neds, #mised") == Strings{"#neds -> #needs or #news", "#mised -> #missed"});
    CHECK(miss("#cards") == Strings{"#cards -> #card"});
    CHECK(miss("#Neesd") == Strings{"#Neesd -> #needs"});  // two letters swapped
    CHECK(miss("#nees") == Strings{"#nees -> #needs or #news"});
    CHECK(miss("#needs-help and #news/letter #card_x") ==
          Strings{"#needs-help -> #needs", "#news/letter -> #news", "#card_x -> #card"});
    // Fewer than four letters, two edits away, glued to text, or a word of ours: nothing.
    for (const char* text : {"#new", "#car", "#nee", "#needed", "#newsletter", "call#need",
                             "#need2", "#needs", "#NEWS", "#todo", "#meeting"}) {
        CAPTURE(text);
        CHECK(miss(text).empty());
    }
    const EntryMarks m = read_marks("#need #needs-help");
    CHECK_FALSE(m.needs);
}

TEST_CASE("near-miss tags are warnings at the tag, in entries and under dated headings") {
    const auto s = scan(
        "## 2026-11-02 call #need #mised\n"  // line 2
        "\n"
        "Talked; they #neds help, #mised too.\n"  // line 4: #mised does not count here anyway
        "\n"
        "## Log\n"
        "\n"
        "- 2026-11-05 mail #nwes and #needs-help\n"  // line 8
        "\n"
        "## Notes\n"
        "\n"
        "#need in a note that is no entry\n",
        2);
    CHECK(problems(s) == Strings{
                             "2:20: warning: unknown tag #need (did you mean #needs?)",
                             "2:26: warning: unknown tag #mised (did you mean #missed?)",
                             "4:14: warning: unknown tag #neds (did you mean #needs or #news?)",
                             "8:19: warning: unknown tag #nwes (did you mean #news?)",
                             "8:29: warning: unknown tag #needs-help (did you mean #needs?)",
                         });
    REQUIRE(s.entries.size() == 2);
    CHECK_FALSE(s.entries[0].marks.needs);
    CHECK_FALSE(s.entries[0].marks.missed);
    CHECK_FALSE(s.entries[1].marks.news);
}

TEST_CASE("the same near-miss tag twice is reported at each place") {
    const auto s = scan("## 2026-11-02 #need\n\n#need and\n#need\n");
    CHECK(problems(s) == Strings{"1:15: warning: unknown tag #need (did you mean #needs?)",
                                 "3:1: warning: unknown tag #need (did you mean #needs?)",
                                 "4:1: warning: unknown tag #need (did you mean #needs?)"});
}
