// The client-care practice end to end through process_note and the agenda
// model: cards (SPEC §5.5), the reminder day of Prepare (SPEC §6) and the
// off-boarding checklist (SPEC §5.4).
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

#include "agenda.h"
#include "note.h"
#include "test_agenda.h"

using namespace touchbase;
using touchbase::test::day;
using touchbase::test::dur;
using touchbase::test::reminder_of;
using touchbase::test::report_of;

namespace {

NoteResult process(const std::string& bytes, const char* today, const Config& config = Config{}) {
    NoteResult r = process_note("c.md", bytes, config, day(today));
    REQUIRE(r.is_note);
    return r;
}

std::string cards_of(const NoteResult& r) {
    REQUIRE(r.record);
    std::string out;
    for (const auto& c : r.record->cards) {
        out += fmt::format("{}{}@{} ", c.occasion, c.label ? fmt::format("[{}]", *c.label) : "",
                           c.date);
    }
    return out;
}

std::string former_with(const char* cards, const char* log) {
    return std::string("---\nengagement: former\ncards: ") + cards +
           "\nlast_contact: 2026-07-10\ncounter: 1w\n---\n## Log\n\n- 2026-07-10: lunch\n" + log;
}

}  // namespace

TEST_CASE("cards: listed within card_lead of their next date, with occasion and label") {
    const std::string note =
        former_with("[christmas, new-year, 12-30 Ana's birthday, halloween]", "");
    CHECK(cards_of(process(note, "2026-12-20")) ==
          "christmas@2026-12-25 new-year@2027-01-01 12-30[Ana's birthday]@2026-12-30 ");
    CHECK(cards_of(process(note, "2026-12-26")) ==
          "new-year@2027-01-01 12-30[Ana's birthday]@2026-12-30 ");
    CHECK(cards_of(process(note, "2026-12-10")) == "");
}

TEST_CASE("cards: a #card contact inside the window hides the card, one outside does not") {
    SUBCASE("on the first day of the window") {
        auto r =
            process(former_with("[christmas]", "- 2026-12-11: card posted #card\n"), "2026-12-20");
        CHECK(cards_of(r) == "");
    }
    SUBCASE("on the occasion itself") {
        auto r = process(former_with("[christmas]", "- 2026-12-25: card handed over #card\n"),
                         "2026-12-25");
        CHECK(cards_of(r) == "");
    }
    SUBCASE("the day before the window") {
        auto r = process(former_with("[christmas]", "- 2026-12-10: thank-you card #card\n"),
                         "2026-12-20");
        CHECK(cards_of(r) == "christmas@2026-12-25 ");
    }
    SUBCASE("last year's card") {
        auto r = process(former_with("[christmas]", "- 2025-12-18: card #card\n"), "2026-12-20");
        CHECK(cards_of(r) == "christmas@2026-12-25 ");
    }
    SUBCASE("a #card entry hides only the occasions whose window holds it") {
        auto r = process(former_with("[christmas, new-year]", "- 2026-12-19: card #card\n"),
                         "2026-12-20");
        // 2026-12-19 is in both windows: a bare card is the earliest occasion's.
        CHECK(cards_of(r) == "new-year@2027-01-01 ");
        auto s = process(former_with("[christmas, new-year]", "- 2026-12-12: card #card\n"),
                         "2026-12-20");
        CHECK(cards_of(s) == "new-year@2027-01-01 ");  // new-year's window starts 2026-12-18
    }
    SUBCASE("a #card #missed entry is not a contact: the card was not sent") {
        auto r = process(former_with("[christmas]", "- 2026-12-15: card returned #card #missed\n"),
                         "2026-12-20");
        CHECK(cards_of(r) == "christmas@2026-12-25 ");
    }
    SUBCASE("a #card entry dated after today is a plan") {
        auto r = process(former_with("[christmas]", "- 2026-12-22: post the card #card\n"),
                         "2026-12-20");
        CHECK(cards_of(r) == "christmas@2026-12-25 ");
    }
    SUBCASE("a window in months") {
        Config config;
        config.card_lead = Duration{1, Unit::months};
        CHECK(cards_of(process(former_with("[christmas]", "- 2026-11-25: card #card\n"),
                               "2026-12-01", config)) == "");
        CHECK(cards_of(process(former_with("[christmas]", "- 2026-11-24: card #card\n"),
                               "2026-12-01", config)) == "christmas@2026-12-25 ");
    }
}

TEST_CASE("cards: an unknown occasion is a warning at its position; paused clients get none") {
    auto r = process(former_with("[christmas, easter]", ""), "2026-12-20");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].severity == Severity::warning);
    CHECK(r.problems[0].line == 3);
    CHECK(r.problems[0].column == 20);
    CHECK(r.problems[0].message.find("'easter'") != std::string::npos);
    CHECK(cards_of(r) == "christmas@2026-12-25 ");

    auto paused = process(
        "---\nengagement: paused\ncards: [christmas, 12-24 birthday]\n---\nQuiet for now.\n",
        "2026-12-20");
    CHECK(paused.problems.empty());
    CHECK(cards_of(paused) == "");
}

TEST_CASE("Prepare: the reminder day is N - remind_before, moved to a workday") {
    Calendar calendar;
    const Duration two_days{2, Unit::days};
    CHECK(reminder_of(calendar, "2026-11-25", two_days) == "2026-11-23");  // Wednesday: Monday
    CHECK(reminder_of(calendar, "2026-11-23", two_days) ==
          "2026-11-20");  // Monday: Saturday, so Friday
    CHECK(reminder_of(calendar, "2026-11-24", two_days) ==
          "2026-11-23");  // Tuesday: Sunday, so Monday
    CHECK(reminder_of(calendar, "2026-11-23", Duration{0, Unit::days}) == "2026-11-23");
    CHECK(reminder_of(calendar, "2026-12-01", Duration{1, Unit::weeks}) == "2026-11-24");
    CHECK(reminder_of(calendar, "2026-03-31", Duration{1, Unit::months}) ==
          "2026-03-02");  // 02-28 is a Saturday
    calendar.holidays = {day("2026-11-26"), day("2026-11-27")};
    CHECK(reminder_of(calendar, "2026-11-30", two_days) == "2026-11-25");
    calendar.yearly = {{11, 20}};
    CHECK(reminder_of(calendar, "2026-11-23", two_days) == "2026-11-19");
    CHECK_FALSE(reminder_day(ClientRecord{}, calendar));
}

TEST_CASE("Prepare: contacts due after today whose reminder day has come") {
    auto prepared = [](const char* today, const char* remind_before) {
        std::string note =
            std::string("---\nlast_contact: 2026-11-09\ncounter: 2w\n") +
            (remind_before ? std::string("remind_before: ") + remind_before + "\n" : "") +
            "---\n## Log\n\n- 2026-11-09: call #news\n- 2026-11-09: notes sent\n\n"
            "- [ ] Bring the budget\n";
        NoteResult r = process_note("c.md", note, Config{}, day(today));
        REQUIRE(r.record);
        CHECK(r.record->next_contact == day("2026-11-16"));  // #news: back to 1w
        CHECK(r.record->last_entry_text == "2026-11-09: notes sent");
        Report report = report_of({*r.record}, day(today));
        Agenda agenda = build_agenda(report);
        std::string out;
        for (const auto& p : agenda.prepare) {
            out += p.due.str();
            for (const auto* a : p.actions) out += " / " + a->text;
        }
        return out;
    };
    CHECK(prepared("2026-11-12", nullptr) == "");  // reminder day: Saturday, so Friday 2026-11-13
    CHECK(prepared("2026-11-13", nullptr) == "2026-11-16 / Bring the budget");
    CHECK(prepared("2026-11-15", nullptr) == "2026-11-16 / Bring the budget");
    CHECK(prepared("2026-11-16", nullptr) == "");  // due today: Today, not Prepare
    CHECK(prepared("2026-11-10", "1w") == "2026-11-16 / Bring the budget");
    CHECK(prepared("2026-11-09", "1w") == "2026-11-16 / Bring the budget");
    CHECK(prepared("2026-11-09", "6d") == "");  // 2026-11-10
}

TEST_CASE("cards: #card:OCCASION naming none of the note's cards is a warning at the entry") {
    auto r = process(former_with("[christmas]", "- 2026-12-19: card #card:easter\n"), "2026-12-20");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].severity == Severity::warning);
    CHECK(r.problems[0].line == 11);  // as written: the run adds a next_contact line
    CHECK(r.problems[0].message.find("'#card:easter'") != std::string::npos);
    CHECK(r.problems[0].message.find("christmas") != std::string::npos);
    CHECK(cards_of(r) == "christmas@2026-12-25 ");  // nothing hidden

    auto none = process("---\n---\n## Log\n\n- 2026-12-19: #card:christmas\n", "2026-12-20");
    REQUIRE(none.problems.size() == 1);
    CHECK(none.problems[0].message.find("no cards") != std::string::npos);

    // A name that matches, in another case or without the label, is no warning.
    auto ok = process(former_with("[Christmas, 05-12 birthday]",
                                  "- 2026-12-19: #card:christmas\n- 2026-05-10: #card:05-12\n"),
                      "2026-12-20");
    CHECK(ok.problems.empty());
    CHECK(cards_of(ok) == "");
}

TEST_CASE("cards: a card is not a contact, so the overdue six-monthly call stays") {
    const std::string note =
        "---\nengagement: former\ncards: [05-12 birthday]\nlast_contact: 2025-11-02\n"
        "counter: 1w\nnext_contact: 2026-05-04\n---\n## Log\n\n- 2025-11-02: lunch\n"
        "- 2026-05-10: birthday card #card\n";
    auto r = process(note, "2026-05-11");
    REQUIRE(r.record);
    CHECK(r.record->last_contact == day("2025-11-02"));
    CHECK(r.record->next_contact == day("2026-05-04"));
    CHECK(r.record->status == Status::overdue);
    CHECK(r.record->last_entry_text == "2025-11-02: lunch");
    CHECK_FALSE(r.new_bytes);
    CHECK(cards_of(r) == "");
}

TEST_CASE("offboarding end to end: active past project_end, corrected dates, unclosed blocks") {
    SUBCASE("an active client past project_end: a warning on the project_end line, no checklist") {
        auto r = process("---\nengagement: active\nproject_end: 2026-11-20\n---\nNotes.\n",
                         "2026-11-24");
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].line == 3);
        CHECK(r.problems[0].message.find("ongoing or former") != std::string::npos);
        CHECK_FALSE(r.new_bytes);
    }
    SUBCASE("a project_end corrected by a few days: only offboarded is set") {
        const std::string note =
            "---\nengagement: former\nproject_end: 2026-11-18\noffboarded: 2026-11-20\n---\n"
            "## Coming off client work (2026-11-20)\n- [ ] Ask for a reference 📅 2026-11-23\n";
        auto r = process(note, "2026-11-24");
        CHECK(r.problems.empty());
        REQUIRE(r.new_bytes);
        std::string expected = note;
        expected.replace(expected.find("offboarded: 2026-11-20"), 22, "offboarded: 2026-11-18");
        CHECK(*r.new_bytes == expected);
        REQUIRE(r.record);
        REQUIRE(r.record->actions.size() == 1);
        CHECK(r.record->actions[0].line == 7);
    }
    SUBCASE("the earlier checklist all done: a new one") {
        const std::string note =
            "---\nengagement: former\nproject_end: 2026-11-18\noffboarded: 2026-11-20\n---\n"
            "## Coming off client work (2026-11-20)\n- [x] Ask for a reference 📅 2026-11-23\n";
        auto r = process(note, "2026-11-24");
        REQUIRE(r.new_bytes);
        CHECK(r.new_bytes->find("## Coming off client work (2026-11-18)") != std::string::npos);
    }
    SUBCASE("a note ending inside an unclosed code block: no checklist, no offboarded, a warning") {
        const std::string note =
            "---\nengagement: former\nproject_end: 2026-11-20\n---\nNotes.\n\n```\nsnippet\n";
        auto r = process(note, "2026-11-24");
        CHECK_FALSE(r.new_bytes);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].severity == Severity::warning);
        CHECK(r.problems[0].message.find("code block") != std::string::npos);
        // Closed, the next run adds it.
        auto fixed = process(note + "```\n", "2026-11-25");
        REQUIRE(fixed.new_bytes);
        CHECK(fixed.new_bytes->find("offboarded: 2026-11-20") != std::string::npos);
        CHECK(fixed.new_bytes->ends_with(
            "- [ ] Ask whether they know of other projects or people we could help\n"));
        CHECK(fixed.problems.empty());
    }
    SUBCASE("a note ending inside an HTML comment: the same") {
        auto r = process("---\nengagement: former\nproject_end: 2026-11-20\n---\n<!-- draft\n",
                         "2026-11-24");
        CHECK_FALSE(r.new_bytes);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].message.find("HTML block") != std::string::npos);
    }
}
