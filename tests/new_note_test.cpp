// `touchbase new`: file names and the template (new_note.h).
#include <doctest/doctest.h>

#include <string>

#include "body.h"
#include "body_log_layout.h"
#include "front_matter.h"
#include "new_note.h"

using namespace touchbase;

TEST_CASE("file stem: lower case ASCII, runs of other characters become one dash, trimmed") {
    CHECK(note_file_stem("Acme Corp") == "acme-corp");
    CHECK(note_file_stem("  ACME   Corp, Ltd.  ") == "acme-corp-ltd");
    CHECK(note_file_stem("R&D / Studio 42") == "r-d-studio-42");
    CHECK(note_file_stem("--acme--") == "acme");
    CHECK(note_file_stem("a_b.c") == "a-b-c");
}

TEST_CASE("file stem: accented Latin letters are transliterated") {
    CHECK(note_file_stem("Café Nöel & Co.") == "cafe-noel-co");
    CHECK(note_file_stem("Ærøskøbing") == "aeroskobing");
    CHECK(note_file_stem("Straße") == "strasse");
    CHECK(note_file_stem("Łódź Œuvre") == "lodz-oeuvre");
    CHECK(note_file_stem("Ñandú Þór") == "nandu-thor");
    CHECK(note_file_stem("Çelik Şahin Ğ") == "celik-sahin-g");
    // A decomposed é (e + U+0301 combining acute) loses its accent too.
    CHECK(note_file_stem("Cafe\xcc\x81 Bar") == "cafe-bar");
}

TEST_CASE("file stem: apostrophes are dropped, other characters separate words") {
    CHECK(note_file_stem("O'Brien's") == "obriens");
    CHECK(note_file_stem("Dad\xe2\x80\x99s Garage") == "dads-garage");
    CHECK(note_file_stem("Acme 🚀 Corp™") == "acme-corp");
    CHECK(note_file_stem("5×5 Studio") == "5-5-studio");
}

TEST_CASE("file stem: nothing usable gives an empty stem") {
    CHECK(note_file_stem("") == "");
    CHECK(note_file_stem("  ") == "");
    CHECK(note_file_stem("!!!") == "");
    CHECK(note_file_stem("\xff\xfe") == "");
}

TEST_CASE("file stem: letters of other scripts stay, in lower case, with their marks") {
    CHECK(note_file_stem("東京デザイン事務所") == "東京デザイン事務所");
    CHECK(note_file_stem("株式会社") == "株式会社");
    CHECK(note_file_stem("Ivan Иванов Ltd") == "ivan-иванов-ltd");
    CHECK(note_file_stem("МОСКВА Трейд") == "москва-трейд");
    CHECK(note_file_stem("Αθήνα & Co") == "αθήνα-co");
    CHECK(note_file_stem("हिन्दी") == "हिन्दी");  // the virama stays with its letter
    CHECK(note_file_stem("مطعم ١٢") == "مطعم-١٢");
    CHECK(note_file_stem("カ\xe3\x82\x99") == "カ\xe3\x82\x99");  // a decomposed dakuten
}

TEST_CASE("file stem: Latin letters beyond Latin Extended-A lose their accents") {
    CHECK(note_file_stem("Nguyễn Thị Ánh") == "nguyen-thi-anh");
    CHECK(note_file_stem("Ǖber Ȟ") == "uber-h");
}

TEST_CASE("clean_name collapses white space") {
    CHECK(clean_name("  Acme \t Corp\n") == "Acme Corp");
    CHECK(clean_name("") == "");
}

TEST_CASE("the template reads back: name, engagement, owner, no entries, no tasks") {
    for (const std::string name :
         {"Acme Corp", "Acme: the sequel", "#1 Client", "null", "2026-01-01", "\"Quoted\" & Co",
          "O'Brien", "yes", "Back\\slash", "Café Nöel", "- dash", "[bracket]", "1984",
          "R&D, Inc. {x} [y]", "Acme #1", "Acme:", "a:b", "100% Co", "Tom's \"Diner\""}) {
        CAPTURE(name);
        NewNote note;
        note.name = name;
        note.engagement = "casual";
        note.owner = "Jane: Doe";
        const std::string text = new_note_text(note);
        Split split = split_note(text);
        REQUIRE(split.kind == Split::Kind::note);
        FrontMatterRead read = read_front_matter(text, split, "new.md");
        CHECK(read.problems.empty());
        CHECK(read.front_matter.name == name);
        CHECK(read.front_matter.engagement == Engagement::casual);
        CHECK(read.front_matter.owner == "Jane: Doe");
        BodyScan body = scan_body(split.body(text), split.body_first_line, {"Log"}, "new.md");
        CHECK(body.entries.empty());
        CHECK(body.open_tasks.empty());
        CHECK(body.problems.empty());
        CHECK(log_layout(split.body(text), {"Log"}).log_section_end > 0);
    }
}

TEST_CASE("the template without an owner has no owner key") {
    NewNote note;
    note.name = "Acme Corp";
    const std::string text = new_note_text(note);
    CHECK(text.starts_with("---\nname: Acme Corp\nengagement: ongoing"));
    CHECK(text.find("owner:") == std::string::npos);
    CHECK(text.find("\n# Acme Corp\n") != std::string::npos);
    CHECK(text.find("\n## Log\n") != std::string::npos);
    CHECK(text.find("\n## Next actions\n") != std::string::npos);
}

TEST_CASE("yaml_string quotes only where needed") {
    CHECK(yaml_string("Acme Corp") == "Acme Corp");
    CHECK(yaml_string("Acme: Corp") == "\"Acme: Corp\"");
    CHECK(yaml_string("Null") == "\"Null\"");
    CHECK(yaml_string("Café Nöel & Co.") == "Café Nöel & Co.");
    CHECK(yaml_string("Acme #1") == "\"Acme #1\"");
    CHECK(yaml_string("\"hi\" Co") == "\"\\\"hi\\\" Co\"");
}
