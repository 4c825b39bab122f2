// SPEC §9: owned values replaced in place, missing ones added before the
// closing delimiter, values that mean the same left as written.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <string>

#include "front_matter_edit.h"

using namespace touchbase;
using touchbase::test::day;

namespace {

// Reads, plans and applies; the read must be clean.
std::string rewrite(std::string_view text, const OwnedValues& wanted,
                    std::vector<Edit>* edits_out = nullptr) {
    const Split split = split_note(text);
    const FrontMatterRead r = read_front_matter(text, split, "n.md");
    REQUIRE_MESSAGE(r.problems.empty(), (r.problems.empty() ? "" : r.problems[0].message));
    std::vector<Edit> edits = plan_owned_edits(text, split, r.front_matter, wanted);
    if (edits_out) *edits_out = edits;
    return apply_edits(text, std::move(edits));
}

OwnedValues all_four() {
    OwnedValues w;
    w.last_contact = day("2026-11-02");
    w.counter = Duration{2, Unit::weeks};
    w.next_contact = day("2026-11-16");
    w.offboarded = day("2026-10-01");
    return w;
}

}  // namespace

TEST_CASE("quoted_value keeps the slot's quoting style") {
    OwnedSlot plain, single, dbl;
    single.quote = '\'';
    dbl.quote = '"';
    CHECK(quoted_value(plain, "2026-11-16") == "2026-11-16");
    CHECK(quoted_value(single, "2026-11-16") == "'2026-11-16'");
    CHECK(quoted_value(dbl, "2w") == "\"2w\"");
    CHECK(quoted_value(single, "it's") == "'it''s'");
    CHECK(quoted_value(dbl, "a\"b\\c") == "\"a\\\"b\\\\c\"");
}

TEST_CASE("replacement keeps the key, the spacing, the quotes and the comment") {
    const std::string before =
        "---\n"
        "name: Acme   # the client\n"
        "last_contact:   2026-10-01    # set by touchbase\n"
        "counter : '1w'\n"
        "next_contact:\t\"2026-10-08\"# next\n"
        "offboarded: 2025-01-01\n"
        "---\n"
        "# Acme\n";
    const std::string after =
        "---\n"
        "name: Acme   # the client\n"
        "last_contact:   2026-11-02    # set by touchbase\n"
        "counter : '2w'\n"
        "next_contact:\t\"2026-11-16\"# next\n"
        "offboarded: 2026-10-01\n"
        "---\n"
        "# Acme\n";
    CHECK(rewrite(before, all_four()) == after);
    // Running again changes nothing.
    std::vector<Edit> edits;
    CHECK(rewrite(after, all_four(), &edits) == after);
    CHECK(edits.empty());
}

TEST_CASE("an empty value gets one space after the colon; null and ~ are replaced") {
    const std::string before =
        "---\n"
        "last_contact:\n"
        "counter:    # touchbase\n"
        "next_contact: ~\n"
        "offboarded: null # none yet\n"
        "---\n";
    const std::string after =
        "---\n"
        "last_contact: 2026-11-02\n"
        "counter: 2w    # touchbase\n"
        "next_contact: 2026-11-16\n"
        "offboarded: 2026-10-01 # none yet\n"
        "---\n";
    CHECK(rewrite(before, all_four()) == after);
}

TEST_CASE("an empty quoted value keeps its quotes") {
    OwnedValues w;
    w.last_contact = day("2026-11-02");
    CHECK(rewrite("---\nlast_contact: ''\n---\n", w) == "---\nlast_contact: '2026-11-02'\n---\n");
}

TEST_CASE("an empty value followed by a tab-indented line is filled in quotes") {
    // yaml-cpp rejects a line that starts with a tab after a plain scalar.
    OwnedValues w;
    w.last_contact = day("2026-11-02");
    w.counter = Duration{2, Unit::weeks};
    const std::string before = "---\nlast_contact:\n\n\t# soon\ncounter: # c\n\t# x\n---\n";
    const std::string after =
        "---\nlast_contact: '2026-11-02'\n\n\t# soon\ncounter: 2w # c\n\t# x\n---\n";
    CHECK(rewrite(before, w) == after);
    CHECK(rewrite(after, w) == after);
}

TEST_CASE("missing keys are added before the closing line, in SPEC §3 order") {
    const std::string before =
        "---\n"
        "name: Acme\n"
        "next_contact: 2026-01-01\n"
        "tags: [a]\n"
        "...\n"
        "body\n";
    const std::string after =
        "---\n"
        "name: Acme\n"
        "next_contact: 2026-11-16\n"
        "tags: [a]\n"
        "last_contact: 2026-11-02\n"
        "counter: 2w\n"
        "offboarded: 2026-10-01\n"
        "...\n"
        "body\n";
    CHECK(rewrite(before, all_four()) == after);
}

TEST_CASE("insertion with a BOM and CRLF uses the note's own line ending") {
    const std::string before = "\xEF\xBB\xBF---\r\nname: Acme\r\ncounter: 1w\r\n--- \r\nbody\r\n";
    const std::string after =
        "\xEF\xBB\xBF---\r\nname: Acme\r\ncounter: 2w\r\nlast_contact: 2026-11-02\r\n"
        "next_contact: 2026-11-16\r\noffboarded: 2026-10-01\r\n--- \r\nbody\r\n";
    CHECK(rewrite(before, all_four()) == after);
    CHECK(rewrite(after, all_four()) == after);
}

TEST_CASE("insertion into empty front matter") {
    OwnedValues w;
    w.counter = Duration{1, Unit::weeks};
    CHECK(rewrite("---\n---\n", w) == "---\ncounter: 1w\n---\n");
    CHECK(rewrite("---\n# nothing yet\n---\n", w) == "---\n# nothing yet\ncounter: 1w\n---\n");
}

TEST_CASE("insertion after a block scalar or a block sequence at the end") {
    OwnedValues w;
    w.last_contact = day("2026-11-02");
    const std::string out = rewrite("---\nnotes: |\n  hello\ntags:\n- a\n---\n", w);
    CHECK(out == "---\nnotes: |\n  hello\ntags:\n- a\nlast_contact: 2026-11-02\n---\n");
    const Split s = split_note(out);
    const FrontMatterRead r = read_front_matter(out, s, "n.md");
    CHECK(r.problems.empty());
    CHECK(r.front_matter.last_contact == day("2026-11-02"));
}

TEST_CASE("a value that already means the same is left as written") {
    OwnedValues w;
    w.last_contact = day("2026-11-16");
    w.counter = Duration{2, Unit::weeks};
    std::vector<Edit> edits;
    const std::string t = "---\nlast_contact: '2026-11-16'\ncounter: 14d\n---\n";
    CHECK(rewrite(t, w, &edits) == t);
    CHECK(edits.empty());

    w.last_contact.reset();
    w.counter = Duration{1, Unit::years};
    const std::string months = "---\ncounter: \"12m\"\n---\n";
    CHECK(rewrite(months, w, &edits) == months);
    CHECK(edits.empty());

    // 4w is not 1m (SPEC §1).
    w.counter = Duration{1, Unit::months};
    CHECK(rewrite("---\ncounter: 4w\n---\n", w) == "---\ncounter: 1m\n---\n");
}

TEST_CASE("nothing wanted, nothing written; touchbase never writes null") {
    const std::string t = "---\nlast_contact: 2026-01-01\n---\n";
    std::vector<Edit> edits;
    CHECK(rewrite(t, OwnedValues{}, &edits) == t);
    CHECK(edits.empty());
}

TEST_CASE("edits are byte ranges on the value token only") {
    const std::string t = "---\nname: x\nlast_contact: \"2026-01-01\"  # c\n---\n";
    OwnedValues w;
    w.last_contact = day("2026-02-02");
    std::vector<Edit> edits;
    rewrite(t, w, &edits);
    REQUIRE(edits.size() == 1);
    CHECK(edits[0].offset == t.find('"'));
    CHECK(edits[0].length == 12);
    CHECK(edits[0].replacement == "\"2026-02-02\"");
}

TEST_CASE("no edits for a file that is not a note or is unclosed") {
    for (std::string t : {"# no front matter\n", "---\nname: x\n"}) {
        const Split s = split_note(t);
        CHECK(plan_owned_edits(t, s, FrontMatter{}, all_four()).empty());
    }
}
