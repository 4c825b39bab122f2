// The agenda model (SPEC §6) and the JSON renderer's escaping (SPEC §7.1).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "agenda.h"
#include "test_agenda.h"

using namespace touchbase;
using namespace touchbase::test;

namespace {

std::string json_of(const Report& report) { return render_json(build_agenda(report)); }

// "file:line" or "file:contact" for each item, in order.
std::vector<std::string> names(const std::vector<AgendaItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items)
        out.push_back(i.client->file + ":" +
                      (i.action ? std::to_string(i.action->line) : "contact"));
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("sections: overdue contacts then action items, today, coming up within the horizon") {
    auto a = client("a.md", day("2026-11-20"));
    a.actions = {action("late", day("2026-11-10"), 12), action("today", day("2026-11-24"), 13),
                 action("soon", day("2026-12-01"), 14), action("beyond", day("2026-12-02"), 15)};
    auto b = client("b.md", day("2026-11-24"));
    b.actions = {action("same day as a's contact", day("2026-11-20"), 9)};
    auto c = client("c.md", day("2026-12-01"));  // reminder 2026-11-27: not yet
    c.actions = {action("x", day("2026-12-09"), 9)};
    auto n = client("n.md", std::nullopt);  // new client
    Report report = report_of({c, b, a, n});
    Agenda agenda = build_agenda(report);
    // Contacts first, then action items, each oldest first.
    CHECK(names(agenda.overdue) == Strings{"a.md:contact", "a.md:12", "b.md:9"});
    CHECK(names(agenda.due_today) == Strings{"a.md:13", "b.md:contact", "n.md:contact"});
    CHECK(agenda.prepare.empty());
    CHECK(names(agenda.coming_up) == Strings{"a.md:14", "c.md:contact"});
    CHECK(agenda.overdue[0].due == day("2026-11-20"));
    CHECK(agenda.overdue[1].due == day("2026-11-10"));
    // The summary: a and b due today or overdue, n new; a's and b's items apart.
    CHECK(agenda.counts.clients == 3);
    CHECK(agenda.counts.clients_overdue == 1);
    CHECK(agenda.counts.clients_new == 1);
    CHECK(agenda.counts.actions == 3);
    CHECK(agenda.counts.actions_overdue == 2);
    CHECK(summary_line(agenda.counts) ==
          "3 clients to contact (1 overdue, 1 new); 3 action items due (2 overdue)");
    // active and ongoing clients without an open item: only n.md.
    REQUIRE(agenda.no_next_action.size() == 1);
    CHECK(agenda.no_next_action[0]->file == "n.md");
}

TEST_CASE("ties are broken by path in byte order, then line") {
    auto upper = client("B.md", day("2026-11-30"));
    upper.actions = {action("two", day("2026-11-20"), 20), action("one", day("2026-11-20"), 7)};
    auto lower = client("a.md", day("2026-11-30"));
    lower.actions = {action("x", day("2026-11-20"), 3)};
    auto nested = client("a/z.md", day("2026-11-30"));
    nested.actions = {action("y", day("2026-11-20"), 1)};
    Report report = report_of({lower, nested, upper});
    Agenda agenda = build_agenda(report);
    CHECK(names(agenda.overdue) == Strings{"B.md:7", "B.md:20", "a.md:3", "a/z.md:1"});
}

TEST_CASE(
    "Prepare: the reminder day moves back to a workday, so a Monday call is prepared on Friday") {
    // Today is Tuesday 2026-11-24; the call is on Monday 2026-11-30, reminder
    // Saturday 2026-11-28 -> Friday 2026-11-27: not yet.
    auto monday = client("m.md", day("2026-11-30"));
    monday.actions = {action("read up", day("2026-11-29"), 9)};
    auto thursday = client("t.md", day("2026-11-26"));  // reminder 2026-11-24: today
    thursday.actions = {action("later", day("2026-11-28"), 10),
                        action("sooner", day("2026-11-25"), 11)};
    Report report = report_of({monday, thursday});
    CHECK(reminder_day(monday, report.calendar) == day("2026-11-27"));
    Agenda agenda = build_agenda(report);
    REQUIRE(agenda.prepare.size() == 1);
    CHECK(agenda.prepare[0].client->file == "t.md");
    REQUIRE(agenda.prepare[0].actions.size() == 2);
    CHECK(agenda.prepare[0].actions[0]->text == "sooner");
    // What is in Prepare (the contact and its client's action items) is not
    // repeated in Coming up.
    CHECK(names(agenda.coming_up) == Strings{"m.md:9", "m.md:contact"});
}

TEST_CASE("paused clients are in no section; every other client needs a next action") {
    auto paused = client("p.md", std::nullopt, Engagement::paused);
    auto casual = client("c.md", day("2027-03-01"), Engagement::casual);
    auto former = client("f.md", day("2027-03-01"), Engagement::former);
    auto active = client("a.md", day("2026-11-24"), Engagement::active);
    Report report = report_of({paused, casual, former, active});
    Agenda agenda = build_agenda(report);
    CHECK(agenda.overdue.empty());
    CHECK(agenda.coming_up.empty());
    CHECK(agenda.prepare.empty());
    CHECK(names(agenda.due_today) == Strings{"a.md:contact"});
    Strings without;
    for (const auto* c : agenda.no_next_action) without.push_back(c->file);
    CHECK(without == Strings{"a.md", "c.md", "f.md"});
}

TEST_CASE("--owner keeps that owner's clients only; problems stay") {
    auto jane = client("j.md", day("2026-11-20"));
    jane.owner = "Jane";
    auto sam = client("s.md", day("2026-11-20"));
    sam.owner = "Sam";
    auto nobody = client("n.md", day("2026-11-20"));
    std::vector<Problem> problems{{"s.md", 2, 1, Severity::warning, "w", {}}};
    Report report = report_for_owner({sam, nobody, jane}, "Jane", problems);
    REQUIRE(report.clients.size() == 1);
    CHECK(report.clients[0].file == "j.md");
    CHECK(report.problems.size() == 1);
    CHECK(names(build_agenda(report).overdue) == Strings{"j.md:contact"});
}

TEST_CASE("--owner matches without regard to case or accents") {
    auto jane = client("j.md", day("2026-11-20"));
    jane.owner = "Jane";
    auto zoe = client("z.md", day("2026-11-20"));
    zoe.owner = "Zoë Ángel";
    auto sam = client("s.md", day("2026-11-20"));
    sam.owner = "Sam";
    auto files = [](const Report& r) {
        Strings out;
        for (const auto& c : r.clients) out.push_back(c.file);
        return out;
    };
    CHECK(files(report_for_owner({jane, zoe, sam}, "JANE")) == Strings{"j.md"});
    CHECK(files(report_for_owner({jane, zoe, sam}, "zoe angel")) == Strings{"z.md"});
    CHECK(report_for_owner({jane, zoe, sam}, "jane").problems.empty());
}

TEST_CASE("an --owner that keeps no client is a warning of the command line, listed first") {
    auto jane = client("j.md", day("2026-11-20"));
    jane.owner = "Jane";
    auto sam = client("s.md", day("2026-11-20"));
    sam.owner = "Sam";
    std::vector<Problem> problems{{"a.md", 2, 1, Severity::error, "e", {}}};
    Report report =
        report_for_owner({sam, jane, client("n.md", day("2026-11-20"))}, "Jnae", problems);
    CHECK(report.clients.empty());
    REQUIRE(report.problems.size() == 2);
    CHECK(report.problems[0] == Problem{"",
                                        0,
                                        0,
                                        Severity::warning,
                                        "--owner 'Jnae' matches no client (owners: Jane, Sam)",
                                        {}});
    CHECK(format_problem(report.problems[0]) ==
          "touchbase: warning: --owner 'Jnae' matches no client (owners: Jane, Sam)");
    CHECK(report.problems[1].file == "a.md");

    Report none = report_for_owner({client("n.md", day("2026-11-20"))}, "Jane");
    REQUIRE(none.problems.size() == 1);
    CHECK(none.problems[0].message == "--owner 'Jane' matches no client (no client has an owner)");

    std::vector<ClientRecord> many;
    for (char c = 'a'; c <= 'j'; ++c) {
        auto x = client(std::string(1, c) + ".md", day("2026-11-20"));
        x.owner = std::string(1, static_cast<char>(c - 'a' + 'A'));
        many.push_back(x);
    }
    CHECK(report_for_owner(many, "Z").problems[0].message ==
          "--owner 'Z' matches no client (owners: A, B, C, D, E, F, G, H, ...)");
}

TEST_CASE("render_json escapes quotes, backslashes and control characters") {
    auto c = client("we\"ird\\name.md", day("2026-11-20"));
    c.name = std::string("Tab\there, newline\nthere, bell\a, nul") + '\0' + " end, \x1f, \x7f, é";
    c.owner = "O'Neil \"Junior\"";
    Report report = report_of({c});
    std::string json = json_of(report);
    CHECK(json.find(R"("file": "we\"ird\\name.md")") != std::string::npos);
    CHECK(json.find(R"("name": "Tab\there, newline\nthere, bell\u0007, nul\u0000 end, \u001f, )"
                    "\x7f"
                    R"(, é")") != std::string::npos);
    CHECK(json.find(R"("owner": "O'Neil \"Junior\"")") != std::string::npos);
    // No raw control character survives anywhere in the output but the layout's newlines.
    for (char ch : json) CHECK((static_cast<unsigned char>(ch) >= 0x20 || ch == '\n'));
}

TEST_CASE("render_json: empty arrays, nulls, and the key order of SPEC §7.1") {
    auto n = client("n.md", std::nullopt);
    std::string json = json_of(report_of({n}));
    CHECK(
        json ==
        "{\n"
        "  \"today\": \"2026-11-24\",\n"
        "  \"clients\": [\n"
        "    {\"file\": \"n.md\", \"name\": \"n.md\", \"owner\": null, \"engagement\": \"ongoing\", "
        "\"last_contact\": null, \"counter\": null, \"next_contact\": null, \"status\": \"new\"}\n"
        "  ],\n"
        "  \"actions\": [],\n"
        "  \"cards\": [],\n"
        "  \"problems\": []\n"
        "}\n");
}

TEST_CASE("cards: one order for the model, markdown and JSON (date, then file, then line)") {
    // Two cards of one client on the same day, listed out of line order: the
    // occasion's name ("12-25" < "christmas") no longer decides.
    auto c = client("c.md", day("2026-12-20"), Engagement::former);
    c.cards.push_back(CardReminder{"12-25", std::string("family"), day("2026-12-25"), 7});
    c.cards.push_back(CardReminder{"christmas", std::nullopt, day("2026-12-25"), 6});
    c.cards.push_back(CardReminder{"new-year", std::nullopt, day("2027-01-01"), 5});
    auto b = client("b.md", day("2026-12-20"), Engagement::former);
    b.cards.push_back(CardReminder{"christmas", std::nullopt, day("2026-12-25"), 9});
    const Report report = report_of({c, b});
    const Agenda agenda = build_agenda(report);
    std::vector<std::string> order;
    for (const auto& item : agenda.cards)
        order.push_back(item.client->file + ":" + std::to_string(item.card->line));
    CHECK(order == Strings{"b.md:9", "c.md:6", "c.md:7", "c.md:5"});  // christmas, then 12-25

    const std::string json = json_of(report);
    const auto json_christmas_b =
        json.find(R"("file": "b.md", "client": "b.md", "occasion": "christmas")");
    const auto json_1225 = json.find(R"("occasion": "12-25")");  // c.md line 7
    const auto json_christmas_c =
        json.find(R"("file": "c.md", "client": "c.md", "occasion": "christmas")");  // c.md line 6
    const auto json_new_year = json.find(R"("occasion": "new-year")");
    REQUIRE(json_new_year != std::string::npos);
    CHECK(json_christmas_b < json_christmas_c);
    CHECK(json_christmas_c < json_1225);
    CHECK(json_1225 < json_new_year);

    const std::string md = render_markdown(agenda, "");
    const auto cards = md.find("## Cards to send\n\n");
    REQUIRE(cards != std::string::npos);
    const std::string section = md.substr(cards, md.find("\n\n", cards + 18) - cards);
    const auto at = [&](const char* text) { return section.find(text); };
    CHECK(at("christmas: [b.md]") < at("christmas: [c.md]"));
    CHECK(at("christmas: [c.md]") < at("12-25 family: [c.md]"));
    CHECK(at("12-25 family: [c.md]") < at("new-year: [c.md]"));
    CHECK(at("new-year: [c.md]") != std::string::npos);
}

TEST_CASE("the model lists clients by N (none last) then file, actions by due, file, line") {
    auto a = client("a.md", std::nullopt);
    a.actions.push_back(action("later", day("2026-12-01"), 12));
    a.actions.push_back(action("sooner", day("2026-11-30"), 14));
    auto b = client("b.md", day("2026-11-20"));
    b.actions.push_back(action("same day", day("2026-11-30"), 3));
    const Report report = report_of({a, b});
    const Agenda agenda = build_agenda(report);
    REQUIRE(agenda.clients.size() == 2);
    CHECK(agenda.clients[0]->file == "b.md");
    CHECK(agenda.clients[1]->file == "a.md");
    CHECK(names(agenda.actions) == Strings{"a.md:14", "b.md:3", "a.md:12"});
    // Calendar events (spec §7.2): a's first contact (a new client) and b's
    // overdue contact on today, then the dated items by date, file, line.
    std::vector<std::string> events;
    for (const auto& e : agenda.events)
        events.push_back(e.client->file + ":" +
                         (e.action ? std::to_string(e.action->line) : "contact"));
    CHECK(events == Strings{"a.md:contact", "b.md:contact", "a.md:14", "b.md:3", "a.md:12"});
}

TEST_CASE("calendar events: overdue and new on today with the days late, cards on their dates") {
    auto late = client("late.md", day("2026-11-20"));
    late.actions.push_back(action("overdue item", day("2026-11-23"), 7));
    late.actions.push_back(action("future item", day("2026-11-30"), 8));
    auto fresh = client("new.md", std::nullopt);
    auto soon = client("soon.md", day("2026-11-27"));
    soon.cards.push_back(CardReminder{"christmas", std::nullopt, day("2026-12-25"), 6});
    soon.cards.push_back(CardReminder{"05-12", std::string("birthday"), day("2026-12-05"), 7});
    const Report report = report_of({late, fresh, soon});
    const Agenda agenda = build_agenda(report);
    std::vector<std::string> events;
    for (const auto& e : agenda.events) {
        std::string what = e.action ? e.action->text
                           : e.card ? card_event_text(*e.card)
                                    : "contact";
        events.push_back(fmt::format("{} {} {} late={} new={} reminder={}", e.date, e.client->file,
                                     what, e.days_late, e.new_client, e.reminder.has_value()));
    }
    CHECK(events == Strings{
                        "2026-11-24 late.md contact late=4 new=false reminder=false",
                        "2026-11-24 late.md overdue item late=1 new=false reminder=false",
                        "2026-11-24 new.md contact late=0 new=true reminder=false",
                        "2026-11-27 soon.md contact late=0 new=false reminder=true",
                        "2026-11-30 late.md future item late=0 new=false reminder=false",
                        "2026-12-05 soon.md 05-12 birthday late=0 new=false reminder=false",
                        "2026-12-25 soon.md christmas late=0 new=false reminder=false",
                    });
    // Paused clients have no events, not even their cards.
    auto paused = client("p.md", day("2026-11-20"), Engagement::paused);
    paused.cards.push_back(CardReminder{"christmas", std::nullopt, day("2026-12-25"), 6});
    CHECK(build_agenda(report_of({paused})).events.empty());
}

TEST_CASE("the renderers hand a large agenda on in pieces, never whole") {
    // 3,000 clients with actions make a few hundred KiB of agenda.md and JSON.
    std::vector<ClientRecord> clients;
    for (int i = 0; i < 3000; ++i) {
        auto c = client(fmt::format("clients/c{:05}.md", i), day("2026-11-20"));
        c.actions = {
            action(fmt::format("call back about \"item\" {}", i), day("2026-11-30"), 10 + i % 7)};
        clients.push_back(std::move(c));
    }
    const Report report = report_of(std::move(clients));
    const Agenda agenda = build_agenda(report);
    auto pieces_of = [&](auto render) {
        std::vector<std::string> pieces;
        render([&](std::string_view piece) { pieces.emplace_back(piece); });
        return pieces;
    };
    const std::pair<std::vector<std::string>, std::string> renderings[] = {
        {pieces_of([&](const TextSink& put) { render_json(agenda, put); }), render_json(agenda)},
        {pieces_of([&](const TextSink& put) { render_markdown(agenda, "", put); }),
         render_markdown(agenda, "")}};
    for (const auto& [pieces, expected] : renderings) {
        std::string whole;
        for (const auto& piece : pieces) {
            CHECK(!piece.empty());
            // A piece is handed on once it reaches 64 KiB: one list item more at most.
            CHECK(piece.size() < 64 * 1024 + 1024);
            whole += piece;
        }
        CHECK(pieces.size() > 4);
        CHECK(whole.size() > 4 * 64 * 1024);
        CHECK(whole == expected);
    }
}

TEST_CASE("an agenda for agenda.md alone leaves out the lists only JSON and ICS show") {
    auto c = client("a.md", day("2026-11-20"));
    c.actions = {action("send the offer", day("2026-11-30"), 12)};
    const Report report = report_of({c});
    const Agenda full = build_agenda(report);
    const Agenda sections = build_agenda(report, {.clients_and_actions = false, .events = false});
    CHECK(!full.clients.empty());
    CHECK(!full.actions.empty());
    CHECK(!full.events.empty());
    CHECK(sections.clients.empty());
    CHECK(sections.actions.empty());
    CHECK(sections.events.empty());
    CHECK(render_markdown(sections, "") == render_markdown(full, ""));
}

TEST_CASE("summary line: the exact form, zero parts left out, singulars") {
    auto line = [](std::size_t clients, std::size_t overdue, std::size_t fresh, std::size_t actions,
                   std::size_t actions_overdue) {
        return summary_line(AgendaCounts{clients, overdue, fresh, actions, actions_overdue});
    };
    CHECK(line(0, 0, 0, 0, 0) == "Nothing due today.");
    CHECK(line(2, 0, 0, 0, 0) == "2 clients to contact");
    CHECK(line(1, 0, 0, 0, 0) == "1 client to contact");
    CHECK(line(2, 1, 0, 0, 0) == "2 clients to contact (1 overdue)");
    CHECK(line(2, 0, 1, 0, 0) == "2 clients to contact (1 new)");
    CHECK(line(6, 4, 1, 0, 0) == "6 clients to contact (4 overdue, 1 new)");
    CHECK(line(0, 0, 0, 1, 0) == "1 action item due");
    CHECK(line(0, 0, 0, 10, 10) == "10 action items due (10 overdue)");
    CHECK(line(2, 0, 0, 4, 3) == "2 clients to contact; 4 action items due (3 overdue)");
    CHECK(line(1, 1, 0, 1, 1) == "1 client to contact (1 overdue); 1 action item due (1 overdue)");
}

TEST_CASE(
    "Prepare: a reminder day that is not a workday moves forward when that is before N, else back") {
    Calendar calendar;
    const Duration two{2, Unit::days};
    CHECK(reminder_of(calendar, "2026-11-24", two) ==
          "2026-11-23");  // Tuesday call: Sunday -> Monday
    CHECK(reminder_of(calendar, "2026-11-23", two) ==
          "2026-11-20");  // Monday call: Saturday -> Friday
    CHECK(reminder_of(calendar, "2026-11-25", two) == "2026-11-23");  // a workday stays
    // A reminder day on a holiday before a Monday: Friday 11-27 off, call on
    // Monday 11-30 with 3d: Friday is a holiday, Monday is not before the
    // call, so back to Thursday.
    calendar.holidays = {day("2026-11-27")};
    CHECK(reminder_of(calendar, "2026-11-30", Duration{3, Unit::days}) == "2026-11-26");
    // A holiday on Monday 11-23 with a Wednesday call: forward to Tuesday.
    calendar.holidays = {day("2026-11-23")};
    CHECK(reminder_of(calendar, "2026-11-25", two) == "2026-11-24");
    // ... and with a Tuesday call (Sunday, then Monday off): Tuesday is not
    // before the call, so back to Friday.
    CHECK(reminder_of(calendar, "2026-11-24", two) == "2026-11-20");
    // A pinned call on a Sunday with remind_before 0d: back to Friday.
    calendar.holidays.clear();
    CHECK(reminder_of(calendar, "2026-11-29", Duration{0, Unit::days}) == "2026-11-27");
}
