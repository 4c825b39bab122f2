// `touchbase log NOTE`: finding the note by client name (note_lookup.h).
#include <doctest/doctest.h>

#include "note_lookup.h"

using namespace touchbase;

namespace {

const std::vector<NoteName> kNotes = {
    {"clients/acme-corp.md", "Acme Corp", "acme-corp"},
    {"clients/acme.md", "Acme", "acme"},
    {"clients/globex.md", "Globex Corporation", "globex"},
    {"former/initech.md", "Initrode", "initech"},
    {"prospects/umbrella.md", "Umbrella", "umbrella"},
    {"x/umbra.md", "Umbra", "umbra"},
};

std::vector<std::string> files(const NoteLookup& l) {
    std::vector<std::string> out;
    for (const auto& m : l.matches) out.push_back(m.file);
    return out;
}

}  // namespace

TEST_CASE("a name or a file stem, case-insensitive") {
    auto l = find_note("globex corporation", kNotes);
    CHECK(l.kind == NoteLookup::Kind::found);
    CHECK(files(l) == std::vector<std::string>{"clients/globex.md"});
    CHECK(files(find_note("INITECH", kNotes)) == std::vector<std::string>{"former/initech.md"});
    CHECK(files(find_note("initrode", kNotes)) == std::vector<std::string>{"former/initech.md"});
}

TEST_CASE("a unique prefix of a name or a stem") {
    CHECK(files(find_note("glo", kNotes)) == std::vector<std::string>{"clients/globex.md"});
    CHECK(files(find_note("Umbrel", kNotes)) == std::vector<std::string>{"prospects/umbrella.md"});
    CHECK(files(find_note("initr", kNotes)) == std::vector<std::string>{"former/initech.md"});
}

TEST_CASE("an exact match wins over prefixes") {
    auto l = find_note("acme", kNotes);
    CHECK(l.kind == NoteLookup::Kind::found);
    CHECK(files(l) == std::vector<std::string>{"clients/acme.md"});
    CHECK(files(find_note("umbra", kNotes)) == std::vector<std::string>{"x/umbra.md"});
}

TEST_CASE("several prefix matches are ambiguous, listed by file") {
    auto l = find_note("ac", kNotes);
    CHECK(l.kind == NoteLookup::Kind::ambiguous);
    CHECK(files(l) == std::vector<std::string>{"clients/acme-corp.md", "clients/acme.md"});
    CHECK(find_note("umb", kNotes).kind == NoteLookup::Kind::ambiguous);
}

TEST_CASE("several exact matches are ambiguous") {
    std::vector<NoteName> notes = {{"a/acme.md", "Acme", "acme"}, {"b/acme.md", "Acme", "acme"}};
    auto l = find_note("acme", notes);
    CHECK(l.kind == NoteLookup::Kind::ambiguous);
    CHECK(files(l) == std::vector<std::string>{"a/acme.md", "b/acme.md"});
}

TEST_CASE("no match, and an empty query matches nothing") {
    CHECK(find_note("zeta", kNotes).kind == NoteLookup::Kind::none);
    CHECK(find_note("", kNotes).kind == NoteLookup::Kind::none);
    CHECK(find_note("corp", kNotes).kind ==
          NoteLookup::Kind::none);  // prefixes only, not substrings
}

TEST_CASE("names match without regard to case in every script and without accents") {
    const std::vector<NoteName> notes = {
        {"cafe-munster.md", "Café Münster", "cafe-munster"},
        {"athens.md", "Αθήνα Design", "athens"},
        {"moscow.md", "Москва Трейд", "moscow"},
        {"tokyo.md", "東京デザイン事務所", "東京デザイン事務所"},
    };
    CHECK(files(find_note("CAFÉ MÜN", notes)) == std::vector<std::string>{"cafe-munster.md"});
    CHECK(files(find_note("cafe mun", notes)) == std::vector<std::string>{"cafe-munster.md"});
    CHECK(files(find_note("café münster", notes)) == std::vector<std::string>{"cafe-munster.md"});
    CHECK(files(find_note("ΑΘΗΝΑ", notes)) == std::vector<std::string>{"athens.md"});
    CHECK(files(find_note("αθηνα design", notes)) == std::vector<std::string>{"athens.md"});
    CHECK(files(find_note("москва", notes)) == std::vector<std::string>{"moscow.md"});
    CHECK(files(find_note("東京", notes)) == std::vector<std::string>{"tokyo.md"});
    CHECK(find_note("cafe mux", notes).kind == NoteLookup::Kind::none);
}
