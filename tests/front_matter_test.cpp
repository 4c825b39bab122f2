// SPEC §2 (splitting a note), §3 (the keys and their types) and §9 (where an
// owned value may sit).
#include <doctest/doctest.h>

#include "test_dates.h"

#include <string>

#include "front_matter.h"

using namespace touchbase;
using touchbase::test::day;

namespace {

struct Read {
    Split split;
    FrontMatterRead result;
    const FrontMatter& fm() const { return result.front_matter; }
    const std::vector<Problem>& problems() const { return result.problems; }
};

Read read(std::string_view text) {
    Read r;
    r.split = split_note(text);
    r.result = read_front_matter(text, r.split, "c/acme.md");
    return r;
}

// The one problem of a read, checked for position and message.
void check_one(const Read& r, int line, int column, Severity sev, std::string_view message) {
    REQUIRE(r.problems().size() == 1);
    const Problem& p = r.problems()[0];
    CHECK(p.file == "c/acme.md");
    CHECK(p.line == line);
    CHECK(p.column == column);
    CHECK(p.severity == sev);
    CHECK(p.message == message);
}

void check_error_contains(const Read& r, int line, int column, std::string_view part) {
    REQUIRE(r.problems().size() == 1);
    const Problem& p = r.problems()[0];
    CHECK(p.line == line);
    CHECK(p.column == column);
    CHECK(p.severity == Severity::error);
    CHECK_MESSAGE(p.message.find(part) != std::string::npos, p.message);
}

std::string_view at(std::string_view text, std::size_t offset, std::size_t length) {
    return text.substr(offset, length);
}

}  // namespace

// ------------------------------------------------------------ split_note

TEST_CASE("split: a plain note") {
    const std::string t = "---\nname: Acme\n---\n# Acme\n";
    const Split s = split_note(t);
    CHECK(s.kind == Split::Kind::note);
    CHECK_FALSE(s.bom);
    CHECK(s.eol == "\n");
    CHECK(s.yaml(t) == "name: Acme\n");
    CHECK(s.body(t) == "# Acme\n");
    CHECK(s.yaml_first_line == 2);
    CHECK(s.body_first_line == 4);
    CHECK(s.yaml_end == 15);
}

TEST_CASE("split: BOM, CRLF, trailing spaces and a `...` closing line") {
    const std::string t = "\xEF\xBB\xBF---  \r\nname: Acme\r\nx: 1\r\n... \t\r\nbody\r\n";
    const Split s = split_note(t);
    CHECK(s.kind == Split::Kind::note);
    CHECK(s.bom);
    CHECK(s.eol == "\r\n");
    CHECK(s.yaml(t) == "name: Acme\r\nx: 1\r\n");
    CHECK(s.body(t) == "body\r\n");
    CHECK(s.yaml_first_line == 2);
    CHECK(s.body_first_line == 5);  // a BOM does not count as a line
}

TEST_CASE("split: empty front matter and a closing line at the end of the file") {
    const std::string t = "---\n---";
    const Split s = split_note(t);
    CHECK(s.kind == Split::Kind::note);
    CHECK(s.yaml(t).empty());
    CHECK(s.body(t).empty());
    CHECK(s.body_first_line == 3);
    const Read r = read(t);
    CHECK(r.problems().empty());
    CHECK_FALSE(r.fm().slot(OwnedKey::last_contact).present);
}

TEST_CASE("split: the eol comes from the opening line") {
    CHECK(split_note("---\nname: a\r\n---\r\n").eol == "\n");
    CHECK(split_note("---\r\nname: a\n---\n").eol == "\r\n");
}

TEST_CASE("split: files that are not notes") {
    CHECK(split_note("").kind == Split::Kind::not_a_note);
    CHECK(split_note("# Title\n---\n").kind == Split::Kind::not_a_note);
    CHECK(split_note("+++\ntitle = 'x'\n+++\n").kind == Split::Kind::not_a_note);
    CHECK(split_note("----\na: 1\n---\n").kind == Split::Kind::not_a_note);
    CHECK(split_note(" ---\na: 1\n---\n").kind == Split::Kind::not_a_note);
    CHECK(split_note("--- a\na: 1\n---\n").kind == Split::Kind::not_a_note);
    CHECK(split_note("\n---\na: 1\n---\n").kind == Split::Kind::not_a_note);
    CHECK(split_note("\xEF\xBB\xBF# x\n").kind == Split::Kind::not_a_note);
    // The opening line is `---` only; `...` only closes.
    CHECK(split_note("...\na: 1\n...\n").kind == Split::Kind::not_a_note);
    CHECK(read("# Title\n").problems().empty());
}

TEST_CASE("split: an unclosed block is an error at line 1") {
    for (std::string t : {"---\nname: a\n", "---", "---\n", "---\nname: a\n----\n --- \n"}) {
        CAPTURE(t);
        const Split s = split_note(t);
        CHECK(s.kind == Split::Kind::unclosed);
        const Read r = read(t);
        check_error_contains(r, 1, 1, "never closed");
    }
}

TEST_CASE("split: the closing line is the first `---` or `...` line") {
    const std::string t = "---\na: 1\n---\nb: 2\n---\n";
    const Split s = split_note(t);
    CHECK(s.yaml(t) == "a: 1\n");
    CHECK(s.body(t) == "b: 2\n---\n");
}

// ------------------------------------------------------------ reading keys

TEST_CASE("read: every key of SPEC §3") {
    const std::string t =
        "---\n"
        "name: Acme Corp\n"
        "engagement: active\n"
        "owner: 'Jo'\n"
        "next_actions:\n"
        "  - Send the summary\n"
        "  - {do: Call Bob, due: 2026-11-20}\n"
        "  - do: Renew\n"
        "cards: [christmas, 05-12 birthday]\n"
        "project_end: 2026-11-01\n"
        "remind_before: 3d\n"
        "tags: [a, b]\n"
        "last_contact: 2026-11-02\n"
        "counter: '2w'\n"
        "next_contact: \"2026-11-16\" # due\n"
        "offboarded: ~\n"
        "---\n";
    const Read r = read(t);
    CHECK(r.problems().empty());
    const FrontMatter& fm = r.fm();
    CHECK(fm.name == "Acme Corp");
    CHECK(fm.engagement == Engagement::active);
    CHECK(fm.owner == "Jo");
    REQUIRE(fm.next_actions.size() == 3);
    CHECK(fm.next_actions[0].text == "Send the summary");
    CHECK_FALSE(fm.next_actions[0].due);
    CHECK(fm.next_actions[0].line == 6);
    CHECK(fm.next_actions[1].text == "Call Bob");
    CHECK(fm.next_actions[1].due == day("2026-11-20"));
    CHECK(fm.next_actions[1].line == 7);
    CHECK(fm.next_actions[2].text == "Renew");
    CHECK(fm.next_actions[2].line == 8);
    REQUIRE(fm.cards.size() == 2);
    CHECK(fm.cards[0].text == "christmas");
    CHECK(fm.cards[0].line == 9);
    CHECK(fm.cards[0].column == 9);
    CHECK(fm.cards[1].text == "05-12 birthday");
    CHECK(fm.cards[1].column == 20);
    CHECK(fm.project_end == day("2026-11-01"));
    CHECK(fm.remind_before == Duration{3, Unit::days});
    CHECK(fm.last_contact == day("2026-11-02"));
    CHECK(fm.counter == Duration{2, Unit::weeks});
    CHECK(fm.next_contact == day("2026-11-16"));
    CHECK_FALSE(fm.offboarded);

    const OwnedSlot& lc = fm.slot(OwnedKey::last_contact);
    CHECK(lc.present);
    CHECK_FALSE(lc.is_null);
    CHECK(lc.quote == 0);
    CHECK(lc.text == "2026-11-02");
    CHECK(at(t, lc.value_offset, lc.value_length) == "2026-11-02");
    CHECK(lc.line == 13);
    CHECK(lc.column == 15);
    const OwnedSlot& c = fm.slot(OwnedKey::counter);
    CHECK(c.quote == '\'');
    CHECK(c.text == "2w");
    CHECK(at(t, c.value_offset, c.value_length) == "'2w'");
    const OwnedSlot& nc = fm.slot(OwnedKey::next_contact);
    CHECK(nc.quote == '"');
    CHECK(at(t, nc.value_offset, nc.value_length) == "\"2026-11-16\"");
    const OwnedSlot& ob = fm.slot(OwnedKey::offboarded);
    CHECK(ob.present);
    CHECK(ob.is_null);
    CHECK(ob.text.empty());
    CHECK(at(t, ob.value_offset, ob.value_length) == "~");
}

TEST_CASE("read: absent values (null, ~, nothing, '') and an absent key") {
    const std::string t =
        "---\n"
        "name:\n"
        "engagement: null\n"
        "owner: ''\n"
        "project_end: ~\n"
        "next_actions:\n"
        "tags:\n"
        "last_contact:\n"
        "counter: null   # set by touchbase\n"
        "next_contact: ''\n"
        "---\n";
    const Read r = read(t);
    CHECK(r.problems().empty());
    const FrontMatter& fm = r.fm();
    CHECK_FALSE(fm.name);
    CHECK_FALSE(fm.engagement);
    CHECK_FALSE(fm.owner);
    CHECK_FALSE(fm.project_end);
    CHECK(fm.next_actions.empty());
    CHECK_FALSE(fm.last_contact);
    CHECK_FALSE(fm.counter);
    CHECK_FALSE(fm.next_contact);

    const OwnedSlot& lc = fm.slot(OwnedKey::last_contact);
    CHECK(lc.present);
    CHECK(lc.is_null);
    CHECK(lc.value_length == 0);
    CHECK(lc.value_offset == t.find("last_contact:") + 13);  // just after the colon
    CHECK(lc.line == 8);
    CHECK(lc.column == 1);
    const OwnedSlot& c = fm.slot(OwnedKey::counter);
    CHECK(c.is_null);
    CHECK(at(t, c.value_offset, c.value_length) == "null");
    const OwnedSlot& nc = fm.slot(OwnedKey::next_contact);
    CHECK(nc.is_null);
    CHECK(nc.quote == '\'');
    CHECK(at(t, nc.value_offset, nc.value_length) == "''");
    CHECK_FALSE(fm.slot(OwnedKey::offboarded).present);
}

TEST_CASE("read: an empty last owned key before the closing line (yaml-cpp's null mark)") {
    const std::string t = "---\nlast_contact:\ncounter:\n---\n";
    const Read r = read(t);
    CHECK(r.problems().empty());
    CHECK(r.fm().slot(OwnedKey::last_contact).present);
    CHECK(r.fm().slot(OwnedKey::counter).present);
    CHECK(r.fm().slot(OwnedKey::counter).line == 3);
}

TEST_CASE("read: positions count from the opening line; a BOM does not count") {
    const std::string t = "\xEF\xBB\xBF---\r\n# c\r\nlast_contact: 2026-02-30\r\n---\r\n";
    check_one(read(t), 3, 15, Severity::error,
              "invalid date '2026-02-30' for last_contact (expected YYYY-MM-DD)");
}

TEST_CASE("read: bad values are errors naming the key and the value, at the value") {
    SUBCASE("owned date") {
        check_one(read("---\nname: x\nlast_contact: 2026-02-30\n---\n"), 3, 15, Severity::error,
                  "invalid date '2026-02-30' for last_contact (expected YYYY-MM-DD)");
    }
    SUBCASE("owned date, quoted") {
        check_one(read("---\nnext_contact:  'soon' # hm\n---\n"), 2, 16, Severity::error,
                  "invalid date 'soon' for next_contact (expected YYYY-MM-DD)");
    }
    SUBCASE("owned duration") {
        check_one(
            read("---\ncounter: 2x\n---\n"), 2, 10, Severity::error,
            "invalid duration '2x' for counter (expected a number and d, w, m or y, e.g. 2w)");
    }
    SUBCASE("offboarded") {
        check_one(read("---\noffboarded: 2026-1-32\n---\n"), 2, 13, Severity::error,
                  "invalid date '2026-1-32' for offboarded (expected YYYY-MM-DD)");
    }
    SUBCASE("project_end") {
        check_one(read("---\nproject_end: 2026-13-01\n---\n"), 2, 14, Severity::error,
                  "invalid date '2026-13-01' for project_end (expected YYYY-MM-DD)");
    }
    SUBCASE("project_end, not a scalar") {
        check_one(read("---\nproject_end:\n  - 2026-01-01\n---\n"), 3, 3, Severity::error,
                  "project_end must be a date (YYYY-MM-DD), not a sequence");
    }
    SUBCASE("remind_before") {
        check_one(
            read("---\nremind_before: two days\n---\n"), 2, 16, Severity::error,
            "invalid duration 'two days' for remind_before (expected a number and d, w, m or y, e.g. 2w)");
    }
    SUBCASE("remind_before over 9999") {
        check_one(
            read("---\nremind_before: 10000d\n---\n"), 2, 16, Severity::error,
            "invalid duration '10000d' for remind_before (expected a number and d, w, m or y, e.g. 2w)");
    }
    SUBCASE("engagement") {
        check_one(read("---\nengagement: Active\n---\n"), 2, 13, Severity::error,
                  "unknown engagement 'Active' (expected active, casual, ongoing, former or "
                  "paused)");
    }
    SUBCASE("engagement, not a scalar") {
        check_error_contains(read("---\nengagement: [active]\n---\n"), 2, 13,
                             "not a flow sequence");
    }
    SUBCASE("name, a sequence") {
        check_one(read("---\nname: [Acme, Corp]\n---\n"), 2, 7, Severity::error,
                  "name must be a string, not a flow sequence");
    }
    SUBCASE("owner, a mapping") {
        check_one(read("---\nowner:\n  first: Jo\n---\n"), 3, 3, Severity::error,
                  "owner must be a string, not a mapping");
    }
    SUBCASE("next_actions, a string") {
        check_one(read("---\nnext_actions: call them\n---\n"), 2, 15, Severity::error,
                  "next_actions must be a sequence, not a scalar");
    }
    SUBCASE("cards, a mapping") {
        check_one(read("---\ncards: {a: 1}\n---\n"), 2, 8, Severity::error,
                  "cards must be a sequence, not a flow mapping");
    }
}

TEST_CASE("read: a bad value inside one next_actions or cards item is a warning for that item") {
    SUBCASE("next_actions, an item that is a sequence") {
        const Read r = read("---\nnext_actions:\n- ok\n- [a, b]\n---\n");
        check_one(r, 4, 3, Severity::warning,
                  "a next_actions item must be a string or a map {do: TEXT, due: DATE, done: DATE "
                  "or true}, not a flow sequence; it is ignored");
        REQUIRE(r.fm().next_actions.size() == 1);
        CHECK(r.fm().next_actions[0].text == "ok");
    }
    SUBCASE("next_actions, a bad due leaves the item undated") {
        const Read r = read("---\nnext_actions:\n  - {do: x, due: 2026-02-30}\n---\n");
        check_one(r, 3, 18, Severity::warning,
                  "invalid date '2026-02-30' for due in a next_actions item (expected YYYY-MM-DD); "
                  "the item has no date of its own");
        REQUIRE(r.fm().next_actions.size() == 1);
        CHECK(r.fm().next_actions[0].text == "x");
        CHECK_FALSE(r.fm().next_actions[0].due);
    }
    SUBCASE("next_actions, no do") {
        const Read r = read("---\nnext_actions:\n  - due: 2026-02-03\n---\n");
        check_one(r, 3, 5, Severity::warning,
                  "a next_actions item must have a 'do' (like {do: TEXT, due: DATE}); the item is "
                  "ignored");
        CHECK(r.fm().next_actions.empty());
    }
    SUBCASE("cards, an item that is a mapping") {
        const Read r = read("---\ncards:\n- christmas\n- {a: 1}\n---\n");
        check_one(r, 4, 3, Severity::warning,
                  "a cards item must be a string (a named occasion or MM-DD), not a flow mapping; "
                  "it is ignored");
        REQUIRE(r.fm().cards.size() == 1);
        CHECK(r.fm().cards[0].text == "christmas");
    }
}

TEST_CASE("read: next_actions items closed with done, text white space made one space") {
    const Read r = read(
        "---\n"
        "next_actions:\n"
        "  - {do: a, done: true}\n"
        "  - {do: b, done: TRUE}\n"
        "  - {do: c, done: 2026-11-2}\n"
        "  - {do: d, done: false}\n"
        "  - {do: e, done: ~}\n"
        "  - {do: f, done: soon}\n"
        "  - do: \"Send the\\tcontract\n"
        "\n"
        "      to\u00a0Dana \"\n"
        "    due: 2026-12-4\n"
        "  - \"plain\\n\\nstring\"\n"
        "---\n");
    check_one(r, 8, 19, Severity::warning,
              "invalid done 'soon' in a next_actions item (expected true or a date YYYY-MM-DD); "
              "the item stays open");
    std::vector<std::string> texts;
    for (const auto& a : r.fm().next_actions) texts.push_back(a.text);
    CHECK(texts ==
          std::vector<std::string>{"d", "e", "f", "Send the contract to Dana", "plain string"});
    CHECK(r.fm().next_actions[3].due == day("2026-12-04"));
}

TEST_CASE("read: tags is not a key of touchbase's: any value is the user's") {
    for (const char* value : {"security", "a, b", "[a, [b]]", "{x: 1}", "\n  - [a]"}) {
        CAPTURE(value);
        const Read r = read(std::string("---\ntags: ") + value + "\n---\n");
        CHECK(r.problems().empty());
    }
}

TEST_CASE("read: a key one edit away from one of ours is a warning naming it") {
    const Read r = read(
        "---\n"
        "engagment: active\n"
        "Engagement: former\n"
        "next_action: call\n"
        "remind-before: 1d\n"
        "Last-Contact: x\n"
        "tag: a\n"
        "status: lead\n"
        "nmae: x\n"
        "---\n");
    std::vector<std::string> got;
    for (const auto& p : r.problems()) {
        CHECK(p.severity == Severity::warning);
        got.push_back(std::to_string(p.line) + ":" + std::to_string(p.column) + " " + p.message);
    }
    CHECK(got == std::vector<std::string>{
                     "2:1 unknown key 'engagment' (did you mean 'engagement'?)",
                     "3:1 unknown key 'Engagement' (did you mean 'engagement'?)",
                     "4:1 unknown key 'next_action' (did you mean 'next_actions'?)",
                     "5:1 unknown key 'remind-before' (did you mean 'remind_before'?)",
                     "6:1 unknown key 'Last-Contact' (did you mean 'last_contact'?)",
                     "9:1 unknown key 'nmae' (did you mean 'name'?)",
                 });
    // A near miss is not ours: its value is never read.
    CHECK_FALSE(r.fm().engagement);
}

TEST_CASE("read: YAML syntax errors point where the mistake is") {
    SUBCASE("an unclosed [ at its opening") {
        check_one(read("---\nname: A\ncards: [christmas\nowner: Jo\n---\n"), 3, 8, Severity::error,
                  "this '[' is never closed (expected ']' before the next key)");
    }
    SUBCASE("an unclosed { over several lines") {
        check_one(read("---\nnext_actions:\n  - {do: x,\n     due: 2026-12-01\nowner: Jo\n---\n"),
                  3, 5, Severity::error,
                  "this '{' is never closed (expected '}' before the next key)");
    }
    SUBCASE("a missing colon on its own line") {
        check_one(read("---\nname: A\nowner Jane\nengagement: active\n---\n"), 3, 1,
                  Severity::error,
                  "'owner Jane' is not a key and a value: a colon is missing (expected owner: "
                  "VALUE)");
    }
    SUBCASE("a missing colon on the last line") {
        check_one(read("---\nname: A\nowner Jane\n---\n"), 3, 1, Severity::error,
                  "'owner Jane' is not a key and a value: a colon is missing (expected owner: "
                  "VALUE)");
    }
    SUBCASE("a value starting with @ or %") {
        check_one(read("---\nname: A\nowner: @jane\n---\n"), 3, 8, Severity::error,
                  "a value starting with '@' must be quoted (e.g. owner: \"@jane\")");
        check_one(read("---\nname: %done\n---\n"), 2, 7, Severity::error,
                  "a value starting with '%' must be quoted (e.g. name: \"%done\")");
    }
}

TEST_CASE("read: numbers and booleans are strings for name and owner") {
    const Read r = read("---\nname: 1984\nowner: true\n---\n");
    CHECK(r.problems().empty());
    CHECK(r.fm().name == "1984");
    CHECK(r.fm().owner == "true");
}

TEST_CASE("read: an unknown key in a next_actions item is a warning") {
    const Read r = read("---\nnext_actions:\n  - {do: x, when: soon}\n---\n");
    check_one(r, 3, 13, Severity::warning,
              "unknown key 'when' in a next_actions item (expected do, due, done)");
    REQUIRE(r.fm().next_actions.size() == 1);
    CHECK(r.fm().next_actions[0].text == "x");
}

TEST_CASE("read: every problem is reported, not only the first") {
    const Read r = read("---\nengagement: x\nlast_contact: y\ncounter: z\ncards: 1\n---\n");
    REQUIRE(r.problems().size() == 4);
    CHECK(has_error(r.problems()));
}

TEST_CASE("read: the top level must be a block mapping or empty") {
    CHECK(read("---\n# just a comment\n\n---\n").problems().empty());
    check_error_contains(read("---\n- a\n- b\n---\n"), 2, 1, "not a sequence");
    check_error_contains(read("---\njust text\n---\n"), 2, 1, "not a scalar");
    check_error_contains(read("---\n{name: x}\n---\n"), 2, 1, "not a flow mapping");
    check_error_contains(read("---\n~\n---\n"), 2, 1, "not a scalar");
    check_error_contains(read("---\n  name: x\n  owner: y\n---\n"), 2, 3, "column 1");
}

TEST_CASE("read: YAML that does not parse is an error at its file position") {
    const Read r = read("---\nname: x\nowner: a: b\n---\n");
    check_error_contains(r, 3, 9, "invalid YAML: illegal map value");
    check_error_contains(read("---\nname: x\n\towner: y\n---\n"), 3, 1, "invalid YAML");
    check_error_contains(read("\xEF\xBB\xBF---\r\nname: x\r\nowner: a: b\r\n---\r\n"), 3, 9,
                         "invalid YAML");
}

TEST_CASE("read: front matter too large or too deep") {
    std::string big = "---\n";
    while (big.size() < 70000) big += "note: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
    big += "---\n";
    check_error_contains(read(big), 1, 1, "larger than 64 KiB");

    const std::string deep_flow = "---\nx: " + std::string(600, '[') + "\n---\n";
    check_error_contains(read(deep_flow), 2, 67, "nested deeper than 64 levels");

    std::string deep_block = "---\nx:\n";
    for (int i = 0; i < 70; ++i) deep_block += "- ";
    deep_block += "a\n---\n";
    check_error_contains(read(deep_block), 3, 127, "nested deeper than 64 levels");

    std::string deep_indent = "---\n";
    for (int i = 0; i < 70; ++i) deep_indent += std::string(i, ' ') + "k:\n";
    deep_indent += "---\n";
    check_error_contains(read(deep_indent), 66, 65, "nested deeper than 64 levels");
}

// Finding 14 of issue 12: the limit is 64 levels, the top-level mapping
// being the first. 64 nested collections, however written, are read; 65
// are refused.
namespace {

// `x:` and `levels - 1` collections nested below it: flow brackets, block
// sequences, indented mappings, and mappings inside sequence items.
std::string nested_flow(int levels) {
    return "x: " + std::string(static_cast<std::size_t>(levels - 1), '[') +
           std::string(static_cast<std::size_t>(levels - 1), ']') + "\n";
}
std::string nested_sequence(int levels) {
    std::string y = "x:\n";
    for (int i = 1; i < levels; ++i) y += "- ";
    return y + "a\n";
}
std::string nested_mapping(int levels) {
    std::string y;
    for (int i = 0; i < levels; ++i)
        y += std::string(static_cast<std::size_t>(i), ' ') + "k" + std::to_string(i) + ":\n";
    return y;
}
std::string nested_items(int levels) {  // - k: then an indented - k: ...
    std::string y = "x:\n";
    for (int i = 1; i < levels; i += 2)
        y += std::string(static_cast<std::size_t>(i - 1), ' ') +
             (i + 1 < levels ? "- k:\n" : "- a\n");
    return y;
}

}  // namespace

TEST_CASE("nesting: exactly 64 levels are read, 65 are refused (finding 14)") {
    for (auto nested : {nested_flow, nested_sequence, nested_mapping, nested_items}) {
        const std::string at_limit = nested(kMaxFrontMatterDepth);
        const std::string over = nested(kMaxFrontMatterDepth + 1);
        CAPTURE(at_limit);
        CHECK(nesting_depth(at_limit).depth == kMaxFrontMatterDepth);
        CHECK(nesting_depth(over).depth == kMaxFrontMatterDepth + 1);
        const Read ok = read("---\nname: A\n" + at_limit + "---\n");
        CHECK(ok.split.kind == Split::Kind::note);
        CHECK(ok.problems().empty());
        const Read refused = read("---\nname: A\n" + over + "---\n");
        REQUIRE(refused.problems().size() == 1);
        CHECK(refused.problems()[0].message == "the front matter is nested deeper than 64 levels");
    }
}

TEST_CASE("nesting_depth: quotes, comments and block scalars do not count") {
    CHECK(nesting_depth("").depth == 0);
    CHECK(nesting_depth("a: 1\nb: 2\n").depth == 1);  // one mapping
    CHECK(nesting_depth("a: '[[[['\nb: \"{{{\"\nc: x # [[[[\n").depth == 1);
    CHECK(nesting_depth("a: |\n  [[[[[[\n  - - - - -\nb: 1\n").depth == 1);
    CHECK(nesting_depth("a: '[[\n  [[[[ '\n").depth == 1);
    CHECK(nesting_depth("a: [[1], [2]]\n").depth == 3);
    CHECK(nesting_depth("a: don't [stop\n").depth == 1);
    CHECK(nesting_depth("next_actions:\n  - {do: x, due: 2026-01-01}\n").depth == 3);
}

TEST_CASE("nesting_depth: a level is a collection, however it is written") {
    CHECK(nesting_depth("x:\n- a\n- b\ny: 1\n").depth == 2);  // a sequence at its key's column
    CHECK(nesting_depth("x:\n  - a\n  - b\n").depth == 2);    // or indented
    CHECK(nesting_depth("- k: v\n  j: w\n").depth == 2);      // a mapping in an item
    CHECK(nesting_depth("- - a\n  - b\n- c\n").depth == 2);   // compact sequences
    CHECK(nesting_depth("x:\n- k:\n  - a\n").depth == 4);
    CHECK(nesting_depth("? - a\n: b\n").depth == 2);  // a complex key
    CHECK(nesting_depth("a:\n  b:\n    c: 1\nd: 2\n").depth == 3);
    CHECK(nesting_depth("a: [1,\n  [2, {b: 3}]]\n").depth == 4);  // flow over lines
}

TEST_CASE("nesting_bound: never below nesting_depth, so a text within it needs no lexing") {
    std::vector<std::string> texts = {"",
                                      "a: 1\nb: 2\n",
                                      "a: [[1], [2]]\n",
                                      "x:\n- k:\n  - a\n",
                                      "? - a\n: b\n",
                                      "- - a\n  - b\n- c\n",
                                      "a: [1,\n  [2, {b: 3}]]\n",
                                      "x:\r\n- - a\r\n",
                                      "a:\tb\n-\t- c",
                                      "next_actions:\n  - {do: x, due: 2026-01-01}\n"};
    for (auto nested : {nested_flow, nested_sequence, nested_mapping, nested_items})
        for (int levels : {1, 2, 10, kMaxFrontMatterDepth, kMaxFrontMatterDepth + 1})
            texts.push_back(nested(levels));
    for (const std::string& text : texts) {
        CAPTURE(text);
        CHECK(nesting_bound(text) >= static_cast<std::size_t>(nesting_depth(text).depth));
    }
    // One per line (and one for the last) and per `key: `; the dashes of
    // dates and hyphenated words open nothing.
    CHECK(nesting_bound("name: Ana-María\nlast_contact: 2026-11-02\ncounter: 2w\n") == 7);
}

TEST_CASE("read: a key repeated several times is reported at each repeat, in order") {
    const Read r = read("---\na: 1\nb: 1\na: 2\nb: 2\na: 3\n---\n");
    REQUIRE(r.problems().size() == 3);
    CHECK(r.problems()[0].line == 4);
    CHECK(r.problems()[0].message == "duplicate key 'a' (first on line 2); the last one is used");
    CHECK(r.problems()[1].line == 5);
    CHECK(r.problems()[1].message == "duplicate key 'b' (first on line 3); the last one is used");
    CHECK(r.problems()[2].line == 6);
    CHECK(r.problems()[2].message == "duplicate key 'a' (first on line 2); the last one is used");
}

TEST_CASE("read: a note may use the key of the line added to check where the YAML ends") {
    // The probe line is `_: 0` (front_matter_probe.cpp); a note's own `_` is its own key.
    const Read last = read("---\nname: A\n_: 0\n---\n");
    CHECK(last.problems().empty());
    CHECK(last.fm().name == "A");
    const Read twice = read("---\n_: 1\nname: A\n_: 2\n---\n");
    check_one(twice, 4, 1, Severity::warning,
              "duplicate key '_' (first on line 2); the last one is used");
    CHECK(twice.fm().name == "A");
    // An owned value before it still ends where the next key starts.
    const Read owned = read("---\nlast_contact: 2026-11-02\n_: 0\n---\n");
    CHECK(owned.problems().empty());
    CHECK(owned.fm().last_contact == day("2026-11-02"));
}

TEST_CASE("read: a duplicate user key is a warning; the last one is used") {
    const Read r = read("---\nname: A\ntags: [x]\n\"name\": B\n---\n");
    check_one(r, 4, 1, Severity::warning,
              "duplicate key 'name' (first on line 2); the last one is used");
    CHECK(r.fm().name == "B");
    const Read r2 = read("---\nfoo: 1\nbar: 2\nfoo: 3\n---\n");
    check_one(r2, 4, 1, Severity::warning,
              "duplicate key 'foo' (first on line 2); the last one is used");
}

// ------------------------------------------------------------ SPEC §9 owned rule

TEST_CASE("owned: values that break SPEC §9's rule are errors at the value") {
    struct Case {
        const char* text;
        int line, column;
        const char* part;
    };
    const Case cases[] = {
        {"---\nlast_contact: |\n  2026-01-01\n---\n", 2, 15, "a block scalar"},
        {"---\nlast_contact: >-\n  2026-01-01\n---\n", 2, 15, "a block scalar"},
        {"---\ncounter: [1w]\n---\n", 2, 10, "a flow collection"},
        {"---\ncounter: {a: 1}\n---\n", 2, 10, "a flow collection"},
        {"---\nnext_contact: !!str 2026-01-01\n---\n", 2, 15, "a tag"},
        {"---\nnext_contact: &d 2026-01-01\n---\n", 2, 15, "an anchor"},
        {"---\nproject_end: &d 2026-01-01\noffboarded: *d\n---\n", 3, 13, "an alias"},
        {"---\nlast_contact:\n  2026-01-01\n---\n", 2, 14, "on a later line"},
        {"---\nlast_contact:\n  ~\n---\n", 2, 14, "on a later line"},
        {"---\nlast_contact: # soon\n  2026-01-01\n---\n", 2, 14, "on a later line"},
        {"---\nlast_contact:\n- 2026-01-01\n---\n", 2, 14, "on a later line"},
        {"---\nlast_contact:\n  a: 1\n---\n", 2, 14, "on a later line"},
        {"---\nlast_contact: 2026-01-01\n  continued\n---\n", 2, 15, "several lines"},
        {"---\nlast_contact: '2026-01-01\n  '\n---\n", 2, 15, "several lines"},
        {"---\nlast_contact: \"2026-\n  01-01\"\n---\n", 2, 15, "several lines"},
        {"---\n? last_contact\n: 2026-01-01\n---\n", 2, 3, "column 1"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        check_error_contains(read(c.text), c.line, c.column, c.part);
    }
}

TEST_CASE("owned: a key that appears twice is an error") {
    const Read r = read("---\nlast_contact: 2026-01-01\nname: x\nlast_contact: 2026-01-02\n---\n");
    check_one(r, 4, 1, Severity::error,
              "last_contact appears twice (first on line 2); touchbase cannot tell which one to "
              "update");
    // Quoted or not, it is the same key.
    check_error_contains(read("---\ncounter: 1w\n'counter': 2w\n---\n"), 3, 1, "appears twice");
}

// Finding 14 of issue 12: a front matter closed with `...` and followed,
// before a later `---` line, by an owned key. A reader that closes the block
// only at `---` sees that key in the front matter too, beside the one
// touchbase writes above the `...`: it is an error, as a duplicate is.
TEST_CASE(
    "owned: an owned key between a closing `...` and a later `---` is an error (finding 14)") {
    const Read twice =
        read("---\nname: A\nlast_contact: 2026-01-01\n...\nlast_contact: 2026-02-02\n---\n# A\n");
    check_one(twice, 5, 1, Severity::error,
              "last_contact appears twice (first on line 3); touchbase cannot tell which one to "
              "update");
    const Read after = read("---\r\nname: B\r\n... \r\n\"counter\" : 2w\r\n---\r\n# B\r\n");
    check_one(after, 4, 1, Severity::error,
              "counter comes after the '...' that closes the front matter on line 3 and before "
              "the '---' on line 5; touchbase cannot tell whether it belongs to the front matter "
              "(expected it above line 3)");
    // Without a later `---` line, or when `---` closes the block, what
    // follows is the body, unambiguously.
    CHECK(read("---\nname: C\n...\nlast_contact: 2026-01-01\n# C\n").problems().empty());
    CHECK(read("---\nname: D\n---\nlast_contact: 2026-01-01\n---\n").problems().empty());
    // Only owned keys at column 1: user keys and indented or longer keys are the body's.
    CHECK(read("---\nname: E\n...\nname: F\n  counter: 1w\ncounters: 2\n---\n").problems().empty());
}

TEST_CASE("owned: a quoted key, spaces before the colon and a comment are fine") {
    const std::string t = "---\n\"last_contact\" : 2026-01-01   # auto\n'counter':\t1w\n---\n";
    const Read r = read(t);
    CHECK(r.problems().empty());
    const OwnedSlot& lc = r.fm().slot(OwnedKey::last_contact);
    CHECK(at(t, lc.value_offset, lc.value_length) == "2026-01-01");
    CHECK(lc.column == 18);
    const OwnedSlot& c = r.fm().slot(OwnedKey::counter);
    CHECK(at(t, c.value_offset, c.value_length) == "1w");
}

TEST_CASE("owned: a key inside a multi-line string or a nested mapping is not the key") {
    const std::string t =
        "---\n"
        "about: \"x\n"
        "last_contact: 2026-13-01\"\n"
        "other:\n"
        "  last_contact: nonsense\n"
        "---\n";
    const Read r = read(t);
    CHECK(r.problems().empty());
    CHECK_FALSE(r.fm().slot(OwnedKey::last_contact).present);
}

TEST_CASE("owned: double-quote escapes are decoded") {
    const std::string t = "---\nlast_contact: \"202\\x36-01-01\"\n---\n";
    const Read r = read(t);
    CHECK(r.problems().empty());
    CHECK(r.fm().last_contact == day("2026-01-01"));
    const OwnedSlot& lc = r.fm().slot(OwnedKey::last_contact);
    CHECK(at(t, lc.value_offset, lc.value_length) == "\"202\\x36-01-01\"");
}
