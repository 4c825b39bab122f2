// `agenda --format ics` (SPEC §7.2): an RFC 5545 calendar with an all-day
// event for every next contact (with an alarm at its reminder day, SPEC §6),
// every action item that carries a date of its own and every card to send.
// What is overdue, and a new client's first contact, is on *today*, with the
// days late in the summary and no alarm (docs/calendar.md).
//
// Determinism (SPEC §7.2): UIDs are a hash of what an event *is* (the
// calendar's id, the note's path, the kind of event, its text), never of
// where it is (line), its date (an overdue event moves to today and keeps its
// UID) or when it was made (clock); DTSTAMP is *today* at midnight UTC. The
// same notes and *today* give the same bytes.
#include <cstdint>
#include <iterator>

#include <fmt/format.h>

#include "agenda.h"
#include "text.h"

namespace touchbase {

namespace {

// RFC 5545 §3.1: a content line is at most 75 octets, CRLF not counted.
constexpr std::size_t kMaxLineOctets = 75;

// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma are escaped, a line
// break becomes "\n". Other control characters are not allowed in TEXT
// (only HTAB is), so they become a space.
std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                out += "\\n";
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one break
                break;
            case '\t': out += '\t'; break;
            default: out += (c < 0x20 || c == 0x7f) ? ' ' : static_cast<char>(c);
        }
    }
    return out;
}

// RFC 5545 §3.1: fold after at most 75 octets; a continuation line starts
// with one space, which counts toward its 75. A fold never splits a UTF-8
// character (the RFC says SHOULD NOT; calendar apps garble split ones).
void append_folded(std::string& out, std::string_view line) {
    std::size_t limit = kMaxLineOctets;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && is_utf8_continuation(line[cut])) --cut;
        if (cut == 0) cut = limit;  // not UTF-8 at all: any cut is as good
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        limit = kMaxLineOctets - 1;  // the leading space
    }
    out.append(line);
    out += "\r\n";
}

// FNV-1a, 64 bits (offset basis 14695981039346656037, prime 1099511628211),
// then MurmurHash3's 64-bit finalizer (fmix64) so that inputs differing only
// in their last bytes ("... 0", "... 1") do not give look-alike UIDs. Fixed,
// tiny and the same on every platform: a UID needs stability and few
// collisions, not secrecy.
std::uint64_t uid_hash(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

// The UID of an event: uid_hash of "calendar_id NUL path NUL kind NUL text
// NUL occurrence" (kind "contact" with an empty text, "action" with the
// item's text, or "card" with the occasion and its label; occurrence in
// decimal), in 16 lower-case hex digits, then "@touchbase". `occurrence`
// tells apart the events of one note with the same kind and text: 0 for the
// first by line, 1 for the next, ...
std::string event_uid(std::string_view calendar_id, std::string_view file, std::string_view kind,
                      std::string_view text, int occurrence) {
    std::string key;
    key.append(calendar_id);
    key += '\0';
    key.append(file);
    key += '\0';
    key.append(kind);
    key += '\0';
    key.append(text);
    key += '\0';
    key += std::to_string(occurrence);
    return fmt::format("{:016x}@touchbase", uid_hash(key));
}

std::string ics_date(Date d) {
    return fmt::format("{:04}{:02}{:02}", d.year(), d.month(), d.day());
}

// RFC 5545 §3.3.6: the trigger before the event's start, in whole days.
std::string trigger_before(int days) { return days == 0 ? "PT0S" : fmt::format("-P{}D", days); }

// What one VEVENT says, formatted from the model's CalendarEvent.
struct Event {
    Date date;
    std::string uid;
    std::string summary;
    std::string description;
    std::optional<int> alarm_days;  // days before the start, for contacts
    std::string alarm_description;
};

std::string contact_description(const ClientRecord& client) {
    std::string d = fmt::format("File: {}", client.file);
    if (client.owner) d += fmt::format("\nOwner: {}", *client.owner);
    if (client.last_contact) d += fmt::format("\nLast contact: {}", *client.last_contact);
    if (!client.last_entry_text.empty())
        d += fmt::format("\nLast entry: {}", client.last_entry_text);
    return d;
}

std::string action_description(const ClientRecord& client, const ActionItem& action) {
    std::string d = fmt::format("Client: {}\nFile: {}", client.name, client.file);
    if (client.owner) d += fmt::format("\nOwner: {}", *client.owner);
    d += action.origin == ActionItem::Origin::task ? "\nA task in the note"
                                                   : "\nAn item of next_actions";
    return d;
}

// " (3 days late)", " (new client)", or nothing.
std::string lateness(const CalendarEvent& ce) {
    if (ce.new_client) return " (new client)";
    if (ce.days_late > 0)
        return fmt::format(" ({} {} late)", ce.days_late, ce.days_late == 1 ? "day" : "days");
    return "";
}

Event event_of(const CalendarEvent& ce, std::string_view calendar_id) {
    const ClientRecord& client = *ce.client;
    Event e;
    e.date = ce.date;
    if (ce.card) {
        const std::string text = card_event_text(*ce.card);
        e.uid = event_uid(calendar_id, client.file, "card", text, ce.occurrence);
        e.summary = fmt::format("Send a card to {}: {}", client.name, text);
        e.description = fmt::format("Client: {}\nFile: {}", client.name, client.file);
        if (client.owner) e.description += fmt::format("\nOwner: {}", *client.owner);
        e.description += fmt::format("\nOccasion: {}", text);
    } else if (!ce.action) {
        e.uid = event_uid(calendar_id, client.file, "contact", "", 0);
        e.summary = fmt::format("Get in touch: {}{}", client.name, lateness(ce));
        e.description = contact_description(client);
        if (client.next_contact && ce.days_late > 0)
            e.description += fmt::format("\nDue: {}", *client.next_contact);
        if (ce.reminder) {
            e.alarm_days = days_between(*ce.reminder, e.date);
            e.alarm_description =
                fmt::format("Prepare: get in touch with {} on {}", client.name, e.date);
        }
    } else {
        e.uid = event_uid(calendar_id, client.file, "action", ce.action->text, ce.occurrence);
        e.summary = fmt::format("{}: {}{}", client.name, ce.action->text, lateness(ce));
        e.description = action_description(client, *ce.action);
        if (ce.days_late > 0) e.description += fmt::format("\nDue: {}", ce.action->due);
    }
    return e;
}

}  // namespace

std::string render_ics(const Agenda& agenda) {
    std::string out;
    auto line = [&](std::string_view text) { append_folded(out, text); };
    auto text_property = [&](std::string_view name, std::string_view value) {
        line(fmt::format("{}:{}", name, escape_text(value)));
    };
    const std::string stamp = ics_date(agenda.today) + "T000000Z";

    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//touchbase//touchbase " TOUCHBASE_VERSION "//EN");
    line("CALSCALE:GREGORIAN");
    text_property("X-WR-CALNAME", "touchbase");
    // The content changes every day: ask subscribers to refresh daily
    // (RFC 7986 REFRESH-INTERVAL, and the older X-PUBLISHED-TTL).
    line("REFRESH-INTERVAL;VALUE=DURATION:P1D");
    line("X-PUBLISHED-TTL:P1D");
    for (const CalendarEvent& calendar_event : agenda.events) {
        const Event e = event_of(calendar_event, agenda.calendar_id);
        line("BEGIN:VEVENT");
        line(fmt::format("UID:{}", e.uid));
        line(fmt::format("DTSTAMP:{}", stamp));
        line(fmt::format("DTSTART;VALUE=DATE:{}", ics_date(e.date)));
        // An all-day event ends (exclusively) the next day. On 9999-12-31
        // there is no next day: without DTEND a DATE event lasts one day.
        if (auto end = e.date.plus_days(1))
            line(fmt::format("DTEND;VALUE=DATE:{}", ics_date(*end)));
        text_property("SUMMARY", e.summary);
        text_property("DESCRIPTION", e.description);
        line("TRANSP:TRANSPARENT");  // a reminder, not busy time
        if (e.alarm_days) {
            line("BEGIN:VALARM");
            line("ACTION:DISPLAY");
            text_property("DESCRIPTION", e.alarm_description);
            line(fmt::format("TRIGGER;RELATED=START:{}", trigger_before(*e.alarm_days)));
            line("END:VALARM");
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    return out;
}

}  // namespace touchbase
