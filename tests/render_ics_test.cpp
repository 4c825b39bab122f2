// render_ics (SPEC §7.2, RFC 5545) on reports built by hand.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "agenda.h"
#include "test_agenda.h"

using namespace touchbase;
using namespace touchbase::test;

namespace {

// The calendar of a report: the agenda model, then its ICS formatting.
std::string ics_of(const Report& report) { return render_ics(build_agenda(report)); }

// The physical lines, each without its CRLF; fails the test on a bare LF or CR.
std::vector<std::string> physical_lines(const std::string& ics) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < ics.size()) {
        std::size_t crlf = ics.find("\r\n", start);
        REQUIRE(crlf != std::string::npos);  // the last line ends with CRLF too
        std::string line = ics.substr(start, crlf - start);
        CHECK(line.find('\n') == std::string::npos);
        CHECK(line.find('\r') == std::string::npos);
        lines.push_back(std::move(line));
        start = crlf + 2;
    }
    return lines;
}

// RFC 5545 §3.1 unfolding: a CRLF followed by one space or tab is removed.
std::vector<std::string> content_lines(const std::string& ics) {
    std::vector<std::string> out;
    for (auto& line : physical_lines(ics)) {
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            REQUIRE(!out.empty());
            out.back() += line.substr(1);
        } else {
            out.push_back(line);
        }
    }
    return out;
}

// One VEVENT: its properties by name (parameters kept in the name, e.g.
// "DTSTART;VALUE=DATE"), and its alarm's, if any.
struct Event {
    std::map<std::string, std::string> props;
    std::map<std::string, std::string> alarm;
    int alarms = 0;
};

std::vector<Event> events_of(const std::string& ics) {
    std::vector<Event> events;
    bool in_event = false, in_alarm = false;
    for (const auto& line : content_lines(ics)) {
        if (line == "BEGIN:VEVENT") {
            events.emplace_back();
            in_event = true;
        } else if (line == "END:VEVENT") {
            in_event = false;
        } else if (line == "BEGIN:VALARM") {
            REQUIRE(in_event);
            in_alarm = true;
            ++events.back().alarms;
        } else if (line == "END:VALARM") {
            in_alarm = false;
        } else if (in_event) {
            auto colon = line.find(':');
            REQUIRE(colon != std::string::npos);
            auto& into = in_alarm ? events.back().alarm : events.back().props;
            into[line.substr(0, colon)] = line.substr(colon + 1);
        }
    }
    return events;
}

const Event* find_summary(const std::vector<Event>& events, const std::string& summary) {
    for (const auto& e : events)
        if (e.props.at("SUMMARY") == summary) return &e;
    return nullptr;
}

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Every character of `text` is whole: no sequence is cut at either end.
bool whole_utf8(const std::string& text) {
    for (std::size_t i = 0; i < text.size();) {
        unsigned char b = text[i];
        std::size_t length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k)
            if (!is_continuation(text[i + k])) return false;
        i += length;
    }
    return true;
}

}  // namespace

TEST_CASE("ics: a calendar with CRLF line endings, version, product and name") {
    std::string ics = ics_of(report_of({client_named("a.md", "Acme", day("2026-12-01"))}));
    auto lines = content_lines(ics);
    REQUIRE(lines.size() > 6);
    CHECK(lines.front() == "BEGIN:VCALENDAR");
    CHECK(lines[1] == "VERSION:2.0");
    CHECK(lines[2] == "PRODID:-//touchbase//touchbase " TOUCHBASE_VERSION "//EN");
    CHECK(lines[3] == "CALSCALE:GREGORIAN");
    CHECK(lines[4] == "X-WR-CALNAME:touchbase");
    CHECK(lines.back() == "END:VCALENDAR");
    CHECK(ics.substr(ics.size() - 2) == "\r\n");
}

TEST_CASE("ics: a next contact is an all-day event with the client's details") {
    ClientRecord c = client_named("clients/acme.md", "Acme Corp", day("2026-12-08"));
    c.owner = "Jane";
    c.last_contact = day("2026-11-10");
    c.last_entry_text = "2026-11-10 Call about the budget";
    auto events = events_of(ics_of(report_of({c})));
    REQUIRE(events.size() == 1);
    const auto& p = events[0].props;
    CHECK(p.at("DTSTART;VALUE=DATE") == "20261208");
    CHECK(p.at("DTEND;VALUE=DATE") == "20261209");
    CHECK(p.at("SUMMARY") == "Get in touch: Acme Corp");
    CHECK(p.at("DESCRIPTION") ==
          "File: clients/acme.md\\nOwner: Jane\\nLast contact: 2026-11-10\\n"
          "Last entry: 2026-11-10 Call about the budget");
}

TEST_CASE("ics: DTEND is the next day across a month and a year; none on 9999-12-31") {
    auto events = events_of(ics_of(report_of({client_named("a.md", "A", day("2026-12-31")),
                                              client_named("b.md", "B", day("9999-12-31"))})));
    REQUIRE(events.size() == 2);
    CHECK(events[0].props.at("DTEND;VALUE=DATE") == "20270101");
    CHECK(events[1].props.at("DTSTART;VALUE=DATE") == "99991231");
    CHECK(events[1].props.count("DTEND;VALUE=DATE") == 0);
}

TEST_CASE("ics: DTSTAMP is today at midnight UTC") {
    std::vector<ClientRecord> clients{client_named("a.md", "A", day("2026-12-01")),
                                      client_named("b.md", "B", day("2026-12-02"))};
    for (const char* today : {"2026-11-24", "2027-02-28"}) {
        auto events = events_of(ics_of(report_of(clients, day(today))));
        REQUIRE(events.size() == 2);
        std::string expected = std::string(today).substr(0, 4) + std::string(today).substr(5, 2) +
                               std::string(today).substr(8, 2) + "T000000Z";
        for (const auto& e : events) CHECK(e.props.at("DTSTAMP") == expected);
    }
}

TEST_CASE("ics: the same report gives the same bytes") {
    ClientRecord c = client_named("a.md", "A", day("2026-12-01"));
    c.actions.push_back(action("Send it", day("2026-12-03"), 9));
    CHECK(ics_of(report_of({c})) == ics_of(report_of({c})));
}

TEST_CASE("ics: TEXT values escape backslash, semicolon, comma and line breaks") {
    ClientRecord c = client_named("a.md", "Smith, Jones; Co \\ Partners", day("2026-12-01"));
    c.last_entry_text = "one\ntwo\r\nthree";
    auto events = events_of(ics_of(report_of({c})));
    REQUIRE(events.size() == 1);
    CHECK(events[0].props.at("SUMMARY") == "Get in touch: Smith\\, Jones\\; Co \\\\ Partners");
    CHECK(events[0].props.at("DESCRIPTION") == "File: a.md\\nLast entry: one\\ntwo\\nthree");
    CHECK(events[0].alarm.at("DESCRIPTION") ==
          "Prepare: get in touch with Smith\\, Jones\\; Co \\\\ Partners on 2026-12-01");
}

TEST_CASE("ics: lines fold at 75 octets without splitting a UTF-8 character") {
    // Multi-byte characters of 2, 3 and 4 octets, shifted by one octet at a
    // time, so that every kind of character meets the 75-octet boundary at
    // every position (first line and continuation lines).
    for (const std::string ch : {"é", "€", "😀"}) {
        for (int pad = 0; pad < 8; ++pad) {
            std::string name = std::string(pad, 'x');
            for (int i = 0; i < 60; ++i) name += ch;
            std::string ics = ics_of(report_of({client_named("a.md", name, day("2026-12-01"))}));
            CAPTURE(ch);
            CAPTURE(pad);
            bool folded = false;
            for (const auto& line : physical_lines(ics)) {
                CHECK(line.size() <= 75);
                if (!line.empty() && line[0] == ' ') {
                    folded = true;
                    // The continuation starts at a character, not inside one.
                    if (line.size() > 1) CHECK_FALSE(is_continuation(line[1]));
                }
                CHECK(whole_utf8(!line.empty() && line[0] == ' ' ? line.substr(1) : line));
            }
            CHECK(folded);
            auto events = events_of(ics);
            REQUIRE(events.size() == 1);
            CHECK(events[0].props.at("SUMMARY") == "Get in touch: " + name);
        }
    }
}

TEST_CASE("ics: a line of exactly 75 octets is not folded, one of 76 is") {
    // "SUMMARY:Get in touch: " is 22 octets.
    for (std::size_t length : {53u, 54u}) {
        std::string name(length, 'n');
        auto lines =
            physical_lines(ics_of(report_of({client_named("a.md", name, day("2026-12-01"))})));
        bool found = false;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (lines[i].rfind("SUMMARY:", 0) != 0) continue;
            found = true;
            if (length == 53) {
                CHECK(lines[i].size() == 75);
                CHECK(lines[i + 1][0] != ' ');
            } else {
                CHECK(lines[i].size() == 75);
                CHECK(lines[i + 1] == " n");
            }
        }
        CHECK(found);
    }
}

TEST_CASE("ics: action items with a date of their own are events; undated ones are not") {
    ClientRecord c = client_named("clients/acme.md", "Acme Corp", day("2026-12-08"));
    c.actions.push_back(action("Send the summary", day("2026-11-30"), 14));
    c.actions.push_back(action("Raise the invoice", day("2026-12-08"), 15, false));
    auto events = events_of(ics_of(report_of({c})));
    REQUIRE(events.size() == 2);
    const Event* send = find_summary(events, "Acme Corp: Send the summary");
    REQUIRE(send);
    CHECK(send->props.at("DTSTART;VALUE=DATE") == "20261130");
    CHECK(send->alarms == 0);
    CHECK(find_summary(events, "Acme Corp: Raise the invoice") == nullptr);
}

TEST_CASE("ics: paused clients have no events") {
    ClientRecord paused = client_named("p.md", "Paused", day("2026-12-01"));
    paused.engagement = Engagement::paused;
    paused.actions.push_back(action("Dated", day("2026-12-02"), 9));
    ClientRecord live = client_named("l.md", "Live", day("2026-12-01"));
    auto events = events_of(ics_of(report_of({paused, live})));
    REQUIRE(events.size() == 1);
    CHECK(events[0].props.at("SUMMARY") == "Get in touch: Live");
}

TEST_CASE("ics: a client without a next contact has no contact event") {
    ClientRecord c = client_named("new.md", "New", std::nullopt);
    c.actions.push_back(action("Undated", day("2026-11-24"), 9, false));
    CHECK(events_of(ics_of(report_of({c}))).empty());
}

TEST_CASE("ics: events sorted by date, then file, contact before actions, then line") {
    ClientRecord b = client_named("b.md", "B", day("2026-12-01"));
    b.actions.push_back(action("b late line", day("2026-12-01"), 30));
    b.actions.push_back(action("b early line", day("2026-12-01"), 20));
    ClientRecord a = client_named("a.md", "A", day("2026-12-01"));
    a.actions.push_back(action("a earlier date", day("2026-11-30"), 40));
    auto events = events_of(ics_of(report_of({b, a})));
    std::vector<std::string> summaries;
    for (const auto& e : events) summaries.push_back(e.props.at("SUMMARY"));
    CHECK(summaries == std::vector<std::string>{"A: a earlier date", "Get in touch: A",
                                                "Get in touch: B", "B: b early line",
                                                "B: b late line"});
}

TEST_CASE("ics: UIDs come from path, kind and text, not from lines or other text") {
    auto uids = [](const ClientRecord& c) {
        std::map<std::string, std::string> by_summary;
        for (const auto& e : events_of(ics_of(report_of({c}))))
            by_summary[e.props.at("SUMMARY")] = e.props.at("UID");
        return by_summary;
    };
    ClientRecord c = client_named("clients/acme.md", "Acme", day("2026-12-08"));
    c.last_entry_text = "first text";
    c.actions.push_back(action("Send the summary", day("2026-11-30"), 14));
    c.actions.push_back(action("Book the workshop", day("2026-12-01"), 15));
    auto before = uids(c);
    REQUIRE(before.size() == 3);
    for (const auto& [summary, uid] : before) {
        CHECK(uid.size() == 16 + std::string("@touchbase").size());
        CHECK(uid.substr(16) == "@touchbase");
        CHECK(uid.find_first_not_of("0123456789abcdef") == 16);
    }
    std::set<std::string> distinct;
    for (const auto& [summary, uid] : before) distinct.insert(uid);
    CHECK(distinct.size() == 3);  // different kinds and texts, different UIDs

    SUBCASE("a line number changes") {
        ClientRecord moved = c;
        moved.actions[0].line = 40;
        moved.actions[1].line = 3;
        CHECK(uids(moved) == before);
    }
    SUBCASE("other text of the note changes, and the dates move") {
        ClientRecord edited = c;
        edited.last_entry_text = "another text";
        edited.last_contact = day("2026-11-20");
        edited.next_contact = day("2026-12-20");
        edited.actions[1].due = day("2026-12-05");
        edited.actions.push_back(action("A new item", day("2026-12-02"), 16));
        auto after = uids(edited);
        CHECK(after.at("Get in touch: Acme") == before.at("Get in touch: Acme"));
        CHECK(after.at("Acme: Send the summary") == before.at("Acme: Send the summary"));
        CHECK(after.at("Acme: Book the workshop") == before.at("Acme: Book the workshop"));
        CHECK(after.at("Acme: A new item") != before.at("Acme: Send the summary"));
    }
    SUBCASE("the text of an item changes") {
        ClientRecord edited = c;
        edited.actions[0].text = "Send the summary today";
        auto after = uids(edited);
        CHECK(after.at("Acme: Send the summary today") != before.at("Acme: Send the summary"));
        CHECK(after.at("Acme: Book the workshop") == before.at("Acme: Book the workshop"));
    }
    SUBCASE("the same note under another path") {
        ClientRecord other = c;
        other.file = "former/acme.md";
        auto after = uids(other);
        for (const auto& [summary, uid] : after) CHECK(uid != before.at(summary));
    }
}

TEST_CASE("ics: items of one note with the same text get distinct UIDs by occurrence") {
    ClientRecord c = client_named("a.md", "A", std::nullopt);
    c.actions.push_back(action("Call back", day("2026-12-01"), 10));
    std::string single_uid = events_of(ics_of(report_of({c})))[0].props.at("UID");

    // The same text again, later in the note, and an undated one in between.
    c.actions.push_back(action("Call back", day("2026-11-30"), 20));
    c.actions.push_back(action("Call back", day("2026-12-24"), 15, false));
    auto events = events_of(ics_of(report_of({c})));
    REQUIRE(events.size() == 2);
    // Sorted by date: the item of line 20 first. The first by line keeps its UID.
    CHECK(events[1].props.at("UID") == single_uid);
    CHECK(events[0].props.at("UID") != single_uid);

    // In another note, the same text has another UID.
    ClientRecord b = client_named("b.md", "A", std::nullopt);
    b.actions.push_back(action("Call back", day("2026-12-01"), 10));
    CHECK(events_of(ics_of(report_of({b})))[0].props.at("UID") != single_uid);
}

TEST_CASE("ics: the alarm is at the reminder day, in whole days before the contact") {
    // Workdays Monday to Friday (the default calendar).
    struct Case {
        const char* next_contact;
        Duration remind_before;
        const char* trigger;
    };
    const Case cases[] = {
        // Wednesday 2026-12-09 - 2d = Monday 2026-12-07.
        {"2026-12-09", {2, Unit::days}, "-P2D"},
        // Monday 2026-12-07 - 2d = Saturday, back to Friday 2026-12-04: 3 days.
        {"2026-12-07", {2, Unit::days}, "-P3D"},
        // Monday - 1d = Sunday, back to Friday: 3 days as well.
        {"2026-12-07", {1, Unit::days}, "-P3D"},
        // Tuesday 2026-12-08 - 1d = Monday.
        {"2026-12-08", {1, Unit::days}, "-P1D"},
        // Monday 2026-12-07 - 2w = Monday 2026-11-23.
        {"2026-12-07", {2, Unit::weeks}, "-P14D"},
        // Thursday 2026-12-31 - 1m = Monday 2026-11-30: 31 days.
        {"2026-12-31", {1, Unit::months}, "-P31D"},
        // A workday with remind_before 0d: the day itself.
        {"2026-12-08", {0, Unit::days}, "PT0S"},
        // A Sunday contact (a pin) with 0d: back to Friday.
        {"2026-12-06", {0, Unit::days}, "-P2D"},
    };
    for (const auto& k : cases) {
        CAPTURE(k.next_contact);
        CAPTURE(k.remind_before.str());
        ClientRecord c = client_named("a.md", "A", day(k.next_contact));
        c.remind_before = k.remind_before;
        auto events = events_of(ics_of(report_of({c})));
        REQUIRE(events.size() == 1);
        CHECK(events[0].alarms == 1);
        CHECK(events[0].alarm.at("ACTION") == "DISPLAY");
        CHECK(events[0].alarm.at("TRIGGER;RELATED=START") == k.trigger);
        CHECK(events[0].alarm.count("DESCRIPTION") == 1);
    }
}

TEST_CASE("ics: the alarm skips holidays of the calendar") {
    // Monday 2026-11-30 - 2d = Saturday; Friday 2026-11-27 and Thursday
    // 2026-11-26 are holidays: Wednesday 2026-11-25, 5 days before.
    Report r = report_of({client_named("a.md", "A", day("2026-11-30"))});
    r.calendar.holidays = {day("2026-11-26"), day("2026-11-27")};
    auto events = events_of(ics_of(r));
    REQUIRE(events.size() == 1);
    CHECK(events[0].alarm.at("TRIGGER;RELATED=START") == "-P5D");
}

TEST_CASE("ics: UIDs follow the documented recipe (FNV-1a 64, then fmix64)") {
    // Vectors computed independently (Python) from the recipe in
    // docs/calendar.md: hash of "calendar_id NUL path NUL kind NUL text NUL
    // occurrence".
    ClientRecord c = client_named("clients/acme.md", "Acme", day("2026-12-08"));
    c.actions.push_back(action("Send the summary", day("2026-12-01"), 10));
    c.actions.push_back(action("Send the summary", day("2026-12-02"), 11));
    c.cards.push_back(CardReminder{"christmas", std::nullopt, day("2026-12-25"), 5});
    for (auto [id, action_uid, contact_uid, card_uid] :
         {std::tuple{"3f9c2a71d04e", "19025ca72943d49b", "04b5aca0d8986127", "c73cbaf129a972e4"},
          std::tuple{"notes", "da77fc2662a8a345", "d8203053f0012334", "fa9344627184094a"}}) {
        CAPTURE(id);
        Report r = report_of({c});
        r.calendar_id = id;
        auto events = events_of(ics_of(r));
        REQUIRE(events.size() == 4);
        CHECK(events[1].props.at("UID") == std::string(action_uid) + "@touchbase");  // occurrence 1
        CHECK(events[2].props.at("UID") == std::string(contact_uid) + "@touchbase");  // the contact
        CHECK(events[3].props.at("UID") == std::string(card_uid) + "@touchbase");     // the card
        CHECK(events[3].props.at("SUMMARY") == "Send a card to Acme: christmas");
    }
}

TEST_CASE("ics: an overdue contact or item and a new client are on today, days late, no alarm") {
    ClientRecord late = client_named("late.md", "Late", day("2026-11-23"));
    late.actions.push_back(action("Invoice", day("2026-11-14"), 9));
    ClientRecord fresh = client_named("new.md", "Fresh", std::nullopt);
    fresh.status = Status::new_client;
    auto events = events_of(ics_of(report_of({late, fresh})));
    REQUIRE(events.size() == 3);
    for (const auto& e : events) {
        CHECK(e.props.at("DTSTART;VALUE=DATE") == "20261124");
        CHECK(e.alarms == 0);
    }
    CHECK(events[0].props.at("SUMMARY") == "Get in touch: Late (1 day late)");
    CHECK(events[1].props.at("SUMMARY") == "Late: Invoice (10 days late)");
    CHECK(events[2].props.at("SUMMARY") == "Get in touch: Fresh (new client)");
    // The same event the next day: moved, same UID.
    auto next = events_of(ics_of(report_of({late, fresh}, day("2026-11-25"))));
    REQUIRE(next.size() == 3);
    CHECK(next[0].props.at("UID") == events[0].props.at("UID"));
    CHECK(next[0].props.at("DTSTART;VALUE=DATE") == "20261125");
    CHECK(next[0].props.at("SUMMARY") == "Get in touch: Late (2 days late)");
}
