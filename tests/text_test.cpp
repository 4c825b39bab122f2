// The bottom layer (text.h): one idea of a digit, of case, of white space,
// of UTF-8 and of a line, shared by every module.
#include <doctest/doctest.h>

#include <string>

#include "date.h"
#include "text.h"

using namespace touchbase;
using namespace std::string_view_literals;

TEST_CASE("ASCII helpers ignore every byte outside ASCII") {
    CHECK(is_digit('7'));
    CHECK_FALSE(is_digit('a'));
    CHECK(iequals("Christmas", "CHRISTMAS"));
    CHECK_FALSE(iequals("caf\xC3\xA9", "CAF\xC3\x89"));  // only ASCII letters fold
    CHECK(istarts_with("Due: 2026-01-02", "due:"));
    CHECK(istarts_with_at("see NEXT:2026", 4, "next:"));
    CHECK_FALSE(istarts_with_at("next", 5, "n"));
    CHECK(ascii_lowercase("MoN\xC3\x89") == "mon\xC3\x89");
    CHECK(trim_blanks(" \t label \t") == "label");
}

TEST_CASE("next_code_point decodes valid UTF-8 and skips an invalid byte alone") {
    const std::string_view s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x93\x85\xC0\xAF";
    std::size_t i = 0;
    CHECK(next_code_point(s, i) == 'a');
    CHECK(next_code_point(s, i) == 0xE9);
    CHECK(next_code_point(s, i) == 0x20AC);
    CHECK(next_code_point(s, i) == 0x1F4C5);
    CHECK(next_code_point(s, i) == -1);  // overlong '/' is two invalid bytes
    CHECK(i == 11);
    CHECK(next_code_point(s, i) == -1);
    CHECK(i == s.size());
}

TEST_CASE("collapse_spaces: ASCII white space and the Unicode space separators") {
    CHECK(collapse_spaces("  call \t about\n\nthe\xC2\xA0"
                          "budget\xE2\x80\xAF ") == "call about the budget");
    CHECK(collapse_spaces("") == "");
    CHECK(collapse_spaces("\xE3\x80\x80") == "");
    CHECK(space_at("\xE2\x80\x8B", 0) == 0);  // zero-width space is not white space
}

TEST_CASE("BOM") {
    CHECK(starts_with_bom("\xEF\xBB\xBF---"));
    CHECK(strip_bom("\xEF\xBB\xBF---") == "---");
    CHECK(strip_bom("---") == "---");
}

TEST_CASE("LineIndex: LF, CRLF and a lone CR each end a line") {
    const std::string_view text = "one\ntwo\r\nthree\rfour";
    const LineIndex lines(text);
    CHECK(lines.line_count() == 4);
    CHECK(lines.content(1) == "one");
    CHECK(lines.content(2) == "two");
    CHECK(lines.content(3) == "three");
    CHECK(lines.content(4) == "four");
    CHECK(lines.start(5) == text.size());
    CHECK(lines.line_of(0) == 1);
    CHECK(lines.line_of(4) == 2);
    CHECK(lines.line_of(text.find("four")) == 4);
    CHECK(lines.column_of(text.find("ree")) == 3);
    CHECK(LineIndex("a\n").line_count() == 2);  // the empty line after the last ending
}

TEST_CASE("position_of and line_text agree with LineIndex, a BOM not counted") {
    const std::string_view bytes = "\xEF\xBB\xBF---\r\nname: x\rtags: [\nbad";
    const auto pos = position_of(bytes, bytes.find("bad"));
    CHECK(pos.line == 4);
    CHECK(pos.column == 1);
    CHECK(position_of(bytes, bytes.find("x")).line == 2);
    CHECK(position_of(bytes, bytes.find("x")).column == 7);
    CHECK(position_of(bytes, 3).column == 1);  // just after the BOM
    CHECK(line_text(bytes, 1) == "---"sv);
    CHECK(line_text(bytes, 3) == "tags: ["sv);
    CHECK(line_text(bytes, 4) == "bad"sv);
    CHECK_FALSE(line_text(bytes, 5).has_value());
    CHECK(line_text("a\n", 2) == ""sv);
    CHECK(rest_of_line("ab\r\ncd", 1) == "b");
    CHECK(next_line_start("ab\r\ncd", 0) == 4);
}

TEST_CASE("parse_month_day: MM-DD of a real day of a leap year") {
    CHECK(parse_month_day("12-25") == std::pair{12, 25});
    CHECK(parse_month_day("02-29") == std::pair{2, 29});
    CHECK_FALSE(parse_month_day("02-30").has_value());
    CHECK_FALSE(parse_month_day("13-01").has_value());
    CHECK(parse_month_day("1-01") == std::pair{1, 1});  // a one-digit month (spec §1)
    CHECK_FALSE(parse_month_day("12-25 ").has_value());
    CHECK_FALSE(parse_month_day("1a-01").has_value());
}

TEST_CASE("first_invalid_utf8 finds the first bad byte wherever it is, after any run of ASCII") {
    for (std::size_t at = 0; at < 40; ++at) {
        std::string text(40, 'a');
        text[at] = '\xFF';
        CHECK(first_invalid_utf8(text) == at);
        text[at] = 'a';
        text.insert(at, "\xC3\xA9");  // é: valid, then a truncated sequence at the end
        CHECK_FALSE(first_invalid_utf8(text).has_value());
        text += "\xE2\x82";
        CHECK(first_invalid_utf8(text) == text.size() - 2);
    }
}

TEST_CASE("LineIndex: a text with LF only and the same lines ending in CRLF agree") {
    const std::string lf = "one\n\ntwo\nthree";
    const std::string crlf = "one\r\n\r\ntwo\r\nthree";
    const LineIndex a(lf), b(crlf);
    REQUIRE(a.line_count() == 4);
    REQUIRE(b.line_count() == 4);
    for (int line = 1; line <= 4; ++line) CHECK(a.content(line) == b.content(line));
    CHECK(a.line_of(lf.find("two")) == 3);
    CHECK(a.column_of(lf.find("hree")) == 2);
}
