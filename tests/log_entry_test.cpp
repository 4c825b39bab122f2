// `touchbase log`: where the new entry goes and how it is written (log_entry.h).
#include <doctest/doctest.h>

#include "test_dates.h"

#include <string>

#include "body.h"
#include "edit.h"
#include "front_matter.h"
#include "log_entry.h"

using namespace touchbase;
using touchbase::test::day;

namespace {

LogEntry entry(std::string message, std::string_view date = "2026-11-24") {
    LogEntry e;
    e.date = day(date);
    e.message = std::move(message);
    return e;
}

BodyScan scan_note(std::string_view note) {
    Split split = split_note(note);
    REQUIRE(split.kind == Split::Kind::note);
    return scan_body(split.body(note), split.body_first_line, {"Log"}, "acme.md");
}

// Plans the entry on `note` and applies it; the edit must be a pure insertion.
std::string log_into(std::string_view note, const LogEntry& e) {
    Split split = split_note(note);
    REQUIRE(split.kind == Split::Kind::note);
    Edit edit = plan_log_entry(note, split.body_begin, split.eol,
                               log_layout(split.body(note), {"Log"}), "Log", e);
    CHECK(edit.length == 0);
    CHECK(edit.offset >= split.body_begin);
    return apply_edits(note, {edit});
}

}  // namespace

TEST_CASE("entry_words: message, then each flag's text in a fixed order") {
    LogEntry e = entry("call about the budget");
    CHECK(entry_words(e) == "call about the budget");
    e.needs = true;
    CHECK(entry_words(e) == "call about the budget #needs");
    e.news = true;
    e.missed = true;
    e.card = true;
    e.next = day("2026-12-01");
    CHECK(entry_words(e) == "call about the budget #needs #news #missed #card next:2026-12-01");

    LogEntry only_flags = entry("");
    only_flags.news = true;
    CHECK(entry_words(only_flags) == "#news");
    LogEntry only_next = entry("");
    only_next.next = day("2027-01-05");
    CHECK(entry_words(only_next) == "next:2027-01-05");
    CHECK(entry_words(entry("")) == "");
}

TEST_CASE("entry_words: line breaks and runs of white space in the message become one space") {
    CHECK(entry_words(entry("  first line\r\nsecond\t\tline \n")) == "first line second line");
}

TEST_CASE("each flag is read back as its tag (SPEC §4.1)") {
    struct Flag {
        bool LogEntry::*member;
    };
    for (auto member : {&LogEntry::needs, &LogEntry::news, &LogEntry::missed, &LogEntry::card}) {
        LogEntry e = entry("call");
        e.*member = true;
        EntryMarks marks = read_marks("2026-11-24 " + entry_words(e));
        CHECK(marks.needs == e.needs);
        CHECK(marks.news == e.news);
        CHECK(marks.missed == e.missed);
        CHECK(marks.card == e.card);
    }
    LogEntry pinned = entry("call");
    pinned.next = day("2026-12-01");
    CHECK(read_marks("2026-11-24 " + entry_words(pinned)).next == day("2026-12-01"));
}

TEST_CASE("--card=OCCASION writes #card:OCCASION, read back as that occasion (SPEC §5.5)") {
    LogEntry e = entry("Christmas card posted");
    e.card = true;
    e.card_occasion = "christmas";
    CHECK(entry_words(e) == "Christmas card posted #card:christmas");
    EntryMarks marks = read_marks("2026-12-18 " + entry_words(e));
    CHECK(marks.card);
    CHECK_FALSE(marks.card_bare);
    CHECK(marks.card_occasions == std::vector<std::string>{"christmas"});
    e.card_occasion.clear();
    EntryMarks bare = read_marks("2026-12-18 " + entry_words(e));
    CHECK(bare.card_bare);
    CHECK(bare.card_occasions.empty());
}

TEST_CASE("headings, oldest first: a heading of the same level after the last entry's section") {
    const std::string note =
        "---\nname: Acme\n---\n"
        "# Acme\n\n"
        "## 2026-10-01 Kick-off\n\nNotes.\n\n"
        "### Details\n\nmore\n\n"
        "## 2026-11-02 Review\n\nAll good.\n\n"
        "## Tasks\n\n- [ ] Send the summary\n";
    LogEntry e = entry("call about the budget");
    e.needs = true;
    e.next = day("2026-12-01");
    const std::string out = log_into(note, e);
    CHECK(out ==
          "---\nname: Acme\n---\n"
          "# Acme\n\n"
          "## 2026-10-01 Kick-off\n\nNotes.\n\n"
          "### Details\n\nmore\n\n"
          "## 2026-11-02 Review\n\nAll good.\n\n"
          "## 2026-11-24 call about the budget #needs next:2026-12-01\n\n"
          "## Tasks\n\n- [ ] Send the summary\n");
    BodyScan after = scan_note(out);
    REQUIRE(after.entries.size() == 3);
    CHECK(after.entries[2].date == day("2026-11-24"));
    CHECK(after.entries[2].marks.needs);
    CHECK(after.entries[2].marks.next == day("2026-12-01"));
}

TEST_CASE("headings, oldest first, running to the end of the note") {
    const std::string note = "---\nname: Acme\n---\n### 2026-10-01 a\nx\n### 2026-11-02 b\ny\n";
    CHECK(log_into(note, entry("c")) ==
          "---\nname: Acme\n---\n### 2026-10-01 a\nx\n### 2026-11-02 b\ny\n\n### 2026-11-24 c\n");
}

TEST_CASE("headings, newest first: a heading before the first entry") {
    const std::string note =
        "---\nname: Acme\n---\n# Acme\n\n### 2026-11-02: Review\nAll good.\n\n### 2026-10-01: Kick-off\n";
    CHECK(log_into(note, entry("call")) ==
          "---\nname: Acme\n---\n# Acme\n\n### 2026-11-24: call\n\n### 2026-11-02: Review\nAll "
          "good.\n\n### 2026-10-01: Kick-off\n");
}

TEST_CASE("headings: a setext first entry gives an ATX heading of its level") {
    const std::string note =
        "---\n---\n2026-11-02 Review\n-----------------\n\n2026-10-01 a\n---\n";
    // Newest first; level 2 from the underline.
    CHECK(
        log_into(note, entry("call")) ==
        "---\n---\n## 2026-11-24 call\n\n2026-11-02 Review\n-----------------\n\n2026-10-01 a\n---\n");
}

TEST_CASE("Log list, oldest first: an item after the last one, with the list's marker") {
    const std::string note =
        "---\nname: Acme\n---\n# Acme\n\n## Log\n\n"
        "* 2026-10-01: kick-off\n"
        "* 2026-11-02: review\n  continued here\n\n"
        "## Tasks\n";
    LogEntry e = entry("call");
    e.news = true;
    const std::string out = log_into(note, e);
    CHECK(out ==
          "---\nname: Acme\n---\n# Acme\n\n## Log\n\n"
          "* 2026-10-01: kick-off\n"
          "* 2026-11-02: review\n  continued here\n"
          "* 2026-11-24: call #news\n\n"
          "## Tasks\n");
    BodyScan after = scan_note(out);
    REQUIRE(after.entries.size() == 3);
    CHECK(after.entries[2].marks.news);
    CHECK_FALSE(after.entries[2].is_heading);
}

TEST_CASE("Log list, newest first: an item before the first one") {
    const std::string note =
        "---\n---\n## Log\n\n1. **2026-11-02** - review\n2. **2026-10-01** - kick-off\n";
    LogEntry e = entry("tried to call");
    e.missed = true;
    CHECK(log_into(note, e) ==
          "---\n---\n## Log\n\n1. **2026-11-24** - tried to call #missed\n1. **2026-11-02** - "
          "review\n2. **2026-10-01** - kick-off\n");
}

TEST_CASE("Log list with wiki-link dates keeps them") {
    const std::string note = "---\n---\n## Log\n- [[2026-10-01]] kick-off\n";
    const std::string out = log_into(note, entry("call"));
    CHECK(out == "---\n---\n## Log\n- [[2026-10-01]] kick-off\n- [[2026-11-24]] call\n");
    CHECK(scan_note(out).entries.size() == 2);
}

TEST_CASE("a note with no entry gets a new ## Log section at its end") {
    const std::string note = "---\nname: Acme\n---\n# Acme\n\nSome notes.\n";
    LogEntry e = entry("first call");
    e.card = true;
    const std::string out = log_into(note, e);
    CHECK(
        out ==
        "---\nname: Acme\n---\n# Acme\n\nSome notes.\n\n## Log\n\n- 2026-11-24: first call #card\n");
    BodyScan after = scan_note(out);
    REQUIRE(after.entries.size() == 1);
    CHECK(after.entries[0].marks.card);
}

TEST_CASE("a note with no entry and a blank last line gets no second blank line") {
    CHECK(log_into("---\n---\n# Acme\n\n", entry("x")) ==
          "---\n---\n# Acme\n\n## Log\n\n- 2026-11-24: x\n");
}

TEST_CASE("a note that is only front matter") {
    CHECK(log_into("---\nname: Acme\n---\n", entry("x")) ==
          "---\nname: Acme\n---\n\n## Log\n\n- 2026-11-24: x\n");
}

TEST_CASE("the configured log_heading titles a new section") {
    const std::string note = "---\n---\n# Acme\n";
    Split split = split_note(note);
    Edit edit = plan_log_entry(note, split.body_begin, split.eol,
                               log_layout(split.body(note), {"Journal"}), "Journal", entry("x"));
    CHECK(apply_edits(note, {edit}) == "---\n---\n# Acme\n\n## Journal\n\n- 2026-11-24: x\n");
}

TEST_CASE("an empty Log section (as `touchbase new` writes it) gets the first item") {
    const std::string note =
        "---\nname: Acme\n---\n# Acme\n\n## Log\n\n<!-- one line per contact -->\n\n## Next actions\n\n- [ ] Plan\n";
    const std::string out = log_into(note, entry("first call"));
    CHECK(out ==
          "---\nname: Acme\n---\n# Acme\n\n## Log\n\n<!-- one line per contact -->\n\n"
          "- 2026-11-24: first call\n\n## Next actions\n\n- [ ] Plan\n");
    REQUIRE(scan_note(out).entries.size() == 1);

    const std::string bare = "---\n---\n## Log\n## Next\n";
    CHECK(log_into(bare, entry("x")) == "---\n---\n## Log\n\n- 2026-11-24: x\n## Next\n");
    CHECK(scan_note(log_into(bare, entry("x"))).entries.size() == 1);
}

TEST_CASE("an empty Log section at the very end, without a final line ending") {
    CHECK(log_into("---\n---\n## Log", entry("x")) == "---\n---\n## Log\n\n- 2026-11-24: x\n");
}

TEST_CASE("CRLF notes get CRLF entries") {
    const std::string list = "---\r\nname: Acme\r\n---\r\n## Log\r\n\r\n- 2026-10-01: a\r\n";
    CHECK(log_into(list, entry("b")) ==
          "---\r\nname: Acme\r\n---\r\n## Log\r\n\r\n- 2026-10-01: a\r\n- 2026-11-24: b\r\n");

    const std::string headings = "---\r\n---\r\n## 2026-10-01 a\r\n\r\n## Tasks\r\n";
    CHECK(log_into(headings, entry("b")) ==
          "---\r\n---\r\n## 2026-10-01 a\r\n\r\n## 2026-11-24 b\r\n\r\n## Tasks\r\n");

    const std::string none = "---\r\n---\r\n# Acme\r\n";
    CHECK(log_into(none, entry("b")) ==
          "---\r\n---\r\n# Acme\r\n\r\n## Log\r\n\r\n- 2026-11-24: b\r\n");
}

TEST_CASE("a last line without a line ending is ended first") {
    CHECK(log_into("---\n---\n## Log\n- 2026-10-01: a", entry("b")) ==
          "---\n---\n## Log\n- 2026-10-01: a\n- 2026-11-24: b\n");
    CHECK(log_into("---\n---\n## 2026-10-01 a\ntext", entry("b")) ==
          "---\n---\n## 2026-10-01 a\ntext\n\n## 2026-11-24 b\n");
    CHECK(log_into("---\n---\n# Acme", entry("b")) ==
          "---\n---\n# Acme\n\n## Log\n\n- 2026-11-24: b\n");
    CHECK(log_into("---\r\n---\r\n# Acme", entry("b")) ==
          "---\r\n---\r\n# Acme\r\n\r\n## Log\r\n\r\n- 2026-11-24: b\r\n");
}

TEST_CASE("a date-only entry has no separator") {
    CHECK(log_into("---\n---\n## Log\n- 2026-10-01: a\n", entry("")) ==
          "---\n---\n## Log\n- 2026-10-01: a\n- 2026-11-24\n");
}

TEST_CASE("a heading entry below a paragraph with no blank line gets one") {
    CHECK(log_into("---\n---\n## 2026-10-01 a\ntext\n## Tasks\n", entry("b")) ==
          "---\n---\n## 2026-10-01 a\ntext\n\n## 2026-11-24 b\n\n## Tasks\n");
}
