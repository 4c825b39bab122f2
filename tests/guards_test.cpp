// SPEC §9: the whole-text guards (UTF-8, NUL) and their positions, and the
// config and front-matter guards that sit in front of yaml-cpp.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <chrono>
#include <string>

#include "config.h"
#include "front_matter.h"
#include "guards.h"
#include "note.h"
#include "verify.h"
#include "yaml_support.h"

using namespace touchbase;
using touchbase::test::day;
using namespace std::string_view_literals;

TEST_CASE("first_invalid_utf8: RFC 3629 sequences only") {
    CHECK_FALSE(first_invalid_utf8("").has_value());
    CHECK_FALSE(first_invalid_utf8("plain ascii\n").has_value());
    CHECK_FALSE(first_invalid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x93\x85").has_value());
    CHECK_FALSE(first_invalid_utf8("\xED\x9F\xBF \xEF\xBF\xBF \xF4\x8F\xBF\xBF").has_value());
    CHECK(first_invalid_utf8("ab\xFF") == 2u);            // never valid
    CHECK(first_invalid_utf8("a\x80") == 1u);             // lone continuation
    CHECK(first_invalid_utf8("a\xC0\xAF") == 1u);         // overlong '/'
    CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0u);      // overlong, 3 bytes
    CHECK(first_invalid_utf8("\xF0\x80\x80\xAF") == 0u);  // overlong, 4 bytes
    CHECK(first_invalid_utf8("x\xED\xA0\x80") == 1u);     // surrogate U+D800
    CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);  // above U+10FFFF
    CHECK(first_invalid_utf8("\xF5\x80\x80\x80") == 0u);
    CHECK(first_invalid_utf8("ok \xE2\x82") == 3u);   // truncated at the end
    CHECK(first_invalid_utf8("ok \xE2\x82x") == 3u);  // truncated in the middle
}

TEST_CASE("valid_utf8: invalid bytes become U+FFFD, valid text is kept") {
    CHECK(valid_utf8("caf\xC3\xA9") == "caf\xC3\xA9");
    CHECK(valid_utf8("a\xFF"
                     "b") ==
          "a\xEF\xBF\xBD"
          "b");
    CHECK(valid_utf8("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK_FALSE(first_invalid_utf8(valid_utf8("\xC0\xAF\xED\xA0\x80\xF8")).has_value());
}

TEST_CASE("check_text: the first bad byte's line and column; a BOM does not count") {
    auto p = check_text("---\nname: x\n---\nab\xE9 d\n", "c/a.md", "the note");
    REQUIRE(p);
    CHECK(p->file == "c/a.md");
    CHECK(p->line == 4);
    CHECK(p->column == 3);
    CHECK(p->severity == Severity::error);
    CHECK(p->message == "the note is not valid UTF-8 (byte 0xE9)");

    p = check_text("\xEF\xBB\xBF---\xFE\n", "a.md", "the note");
    REQUIRE(p);
    CHECK(p->line == 1);
    CHECK(p->column == 4);

    p = check_text("---\r\nname: x\r\n---\r\n\r\nx\0y\n"sv, "a.md", "the note");
    REQUIRE(p);
    CHECK(p->line == 5);
    CHECK(p->column == 2);
    CHECK(p->message == "the note holds a NUL byte");

    // Whichever comes first.
    p = check_text(std::string_view("a\0b\xFF", 4), "a.md", "the note");
    REQUIRE(p);
    CHECK(p->column == 2);
    CHECK(p->message.find("NUL") != std::string::npos);
    p = check_text(std::string_view("a\xFF\0", 3), "a.md", "the note");
    REQUIRE(p);
    CHECK(p->column == 2);
    CHECK(p->message.find("UTF-8") != std::string::npos);

    CHECK_FALSE(check_text("\xEF\xBB\xBF---\nname: Caf\xC3\xA9\n---\n", "a.md", "the note"));
}

TEST_CASE("process_note: a note with invalid UTF-8 or a NUL byte is one error, no edits") {
    const Config config;
    const Date today = day("2026-11-24");
    NoteResult r =
        process_note("a.md", "---\nlast_contact: 2026-01-01\n---\n# A\n\xFF\n", config, today);
    CHECK(r.is_note);
    CHECK_FALSE(r.record);
    CHECK_FALSE(r.new_bytes);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 5);
    CHECK(r.problems[0].column == 1);

    r = process_note("a.md", std::string_view("---\nname: \0\n---\n", 17), config, today);
    CHECK_FALSE(r.record);
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 2);
    CHECK(r.problems[0].column == 7);

    // A file that is not a note is skipped silently, whatever it holds (SPEC §2).
    r = process_note("a.md", "Latin-1 caf\xE9\n", config, today);
    CHECK_FALSE(r.is_note);
    CHECK(r.problems.empty());
    r = process_note("a.md", "+++\nname = \"x\"\n+++\n", config, today);
    CHECK_FALSE(r.is_note);
    CHECK(r.problems.empty());
}

TEST_CASE("read_config: invalid UTF-8, NUL and deep nesting are errors, not crashes") {
    ConfigRead r = read_config("horizon: 7d\nlog_heading: L\xC3\n", ".touchbase.yaml");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].severity == Severity::error);
    CHECK(r.problems[0].line == 2);
    CHECK(r.problems[0].column == 15);
    CHECK(r.problems[0].message == "the configuration is not valid UTF-8 (byte 0xC3)");

    r = read_config(std::string_view("agenda: a\0.md\n", 14), ".touchbase.yaml");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message == "the configuration holds a NUL byte");

    r = read_config("exclude: " + std::string(100000, '[') + "\n", ".touchbase.yaml");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].severity == Severity::error);
    CHECK(r.problems[0].line == 1);
    // Column 10 is the first bracket, level 2 (the mapping is level 1).
    CHECK(r.problems[0].column == 10 + kMaxFrontMatterDepth + 1 - 2);
    CHECK(r.problems[0].message.find("nested deeper than 64") != std::string::npos);

    r = read_config("horizon: 7d\nexclude:\n  \t- drafts/**\n", ".touchbase.yaml");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].line == 3);
    CHECK(r.problems[0].column == 3);
    CHECK(r.problems[0].message == kTabMessage);

    std::string block;
    for (int i = 0; i < 80; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    r = read_config(block, ".touchbase.yaml");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].message.find("nested deeper than 64") != std::string::npos);
}

namespace {

// Nine levels of nine aliases: 9^9 (387 million) "lol"s if anything walked
// the tree instead of reading one level.
std::string billion_laughs(std::string_view uses) {
    std::string y = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i <= 9; ++i) {
        y += fmt::format("a{}: &a{} [", i, i);
        for (int j = 0; j < 9; ++j) y += fmt::format("{}*a{}", j ? ", " : "", i - 1);
        y += "]\n";
    }
    y += uses;
    return y;
}

}  // namespace

TEST_CASE("load_in_place: two pieces read as one text, a token across the seam included") {
    const YAML::Node root = load_in_place("name: Ana\nown", "er: Jo\n_: 0\n");
    REQUIRE(root.IsMap());
    REQUIRE(root.size() == 3);
    CHECK(root["name"].Scalar() == "Ana");
    CHECK(root["owner"].Scalar() == "Jo");
    CHECK(root["_"].Mark().line == 2);
    CHECK(load_in_place("").IsNull());
    CHECK(load_in_place("", "a: 1\n")["a"].Scalar() == "1");
    CHECK_THROWS_AS(load_in_place("a: [1,", " 2\n"), YAML::Exception);
}

TEST_CASE("billion laughs: the front matter is read one level deep, quickly") {
    const std::string text = "---\nname: Laughs\n" +
                             billion_laughs(
                                 "next_actions: *a9\ncards: *a9\ntags: *a9\n"
                                 "other: *a9\n") +
                             "---\n# L\n";
    const auto start = std::chrono::steady_clock::now();
    const Split split = split_note(text);
    const FrontMatterRead r = read_front_matter(text, split, "l.md");
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
    CHECK(seconds.count() < 2.0);
    // a9's nine items are one node (a8, defined on line 11): one error per
    // key, at the node, not nine.
    // (A bad item is a warning for that item only; tags is the user's.)
    REQUIRE(r.problems.size() == 2);
    for (const Problem& p : r.problems) {
        CHECK(p.line == 11);
        CHECK(p.column == 5);
        CHECK(p.severity == Severity::warning);
    }
    CHECK(r.problems[0].message.find("next_actions item") != std::string::npos);
    CHECK(r.problems[1].message.find("cards item") != std::string::npos);
}

TEST_CASE("billion laughs: the configuration is read one level deep, quickly") {
    const auto start = std::chrono::steady_clock::now();
    const ConfigRead r =
        read_config(billion_laughs("exclude: *a9\nholidays: *a9\n"), ".touchbase.yaml");
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
    CHECK(seconds.count() < 2.0);
    // One error per key, at a8 (line 9), whose items the list items are.
    // (The anchor keys a0..a9 are unknown keys: warnings.)
    std::vector<Problem> errors;
    for (const Problem& p : r.problems)
        if (p.severity == Severity::error) errors.push_back(p);
    REQUIRE(errors.size() == 2);
    for (const Problem& p : errors) {
        CHECK(p.line == 9);
        CHECK(p.column == 5);
    }
    CHECK(errors[0].message.find("exclude") != std::string::npos);
    CHECK(errors[1].message.find("holiday") != std::string::npos);
}

namespace {

FrontMatter front_matter_of(std::string_view text) {
    const Split split = split_note(text);
    FrontMatterRead r = read_front_matter(text, split, "a.md");
    REQUIRE_FALSE(has_error(r.problems));
    return r.front_matter;
}

}  // namespace

TEST_CASE("verify_rewrite: the new bytes must read back as planned") {
    const FrontMatter before = front_matter_of(
        "---\nlast_contact: 2026-01-01\ncounter: 2w\nnext_contact: 2026-01-15\n---\n");
    OwnedValues wanted;
    wanted.last_contact = day("2026-02-01");

    CHECK_FALSE(verify_rewrite(
        "---\nlast_contact: 2026-02-01\ncounter: 2w\nnext_contact: 2026-01-15\n---\n", "a.md",
        before, wanted));
    // A value not planned may be written differently if it means the same.
    CHECK_FALSE(verify_rewrite(
        "---\nlast_contact: '2026-02-01'\ncounter: 14d\nnext_contact: 2026-01-15\n---\n", "a.md",
        before, wanted));

    auto wrong = verify_rewrite(
        "---\nlast_contact: 2026-03-01\ncounter: 2w\nnext_contact: 2026-01-15\n---\n", "a.md",
        before, wanted);
    REQUIRE(wrong);
    CHECK(*wrong == "last_contact reads back as 2026-03-01 instead of 2026-02-01");

    wrong = verify_rewrite(
        "---\nlast_contact: 2026-02-01\ncounter: 3w\nnext_contact: 2026-01-15\n---\n", "a.md",
        before, wanted);
    REQUIRE(wrong);
    CHECK(*wrong == "counter reads back as 3w instead of 2w");

    wrong =
        verify_rewrite("---\nlast_contact: 2026-02-01\ncounter: 2w\n---\n", "a.md", before, wanted);
    REQUIRE(wrong);
    CHECK(*wrong == "next_contact reads back as nothing instead of 2026-01-15");

    wrong = verify_rewrite("---\nlast_contact: '2026-02-01\ncounter: 2w\n---\n", "a.md", before,
                           wanted);
    REQUIRE(wrong);
    CHECK(wrong->find("reads with an error at line 2") != std::string::npos);

    wrong = verify_rewrite("---\nlast_contact: 2026-02-01\n", "a.md", before, wanted);
    REQUIRE(wrong);
    CHECK(*wrong == "the new text is no longer a note");
}
