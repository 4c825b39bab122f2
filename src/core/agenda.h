// The agenda model (SPEC §6): the collected client records of one run, and
// the sections built from them. Renderers only format this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "note.h"
#include "problem.h"
#include "text_sink.h"

namespace touchbase {

// Everything the renderers need from one run.
struct Report {
    Date today = Date::min();
    Duration horizon{7, Unit::days};
    Calendar calendar;                  // for reminder days
    std::vector<ClientRecord> clients;  // sorted by file (byte order)
    std::vector<Problem> problems;      // sorted by file, line, column
    std::string calendar_id;            // spec §7.2: part of every ICS UID
};

// Sorts clients and problems; keeps only `owner`'s clients when given
// (SPEC §6: wherever the agenda goes), compared as name_fold.h folds names;
// an owner that keeps no client adds a warning without a file. Problems are
// all kept.
Report make_report(std::vector<ClientRecord> clients, std::vector<Problem> problems, Date today,
                   Duration horizon, Calendar calendar, const std::optional<std::string>& owner);

// SPEC §6 Prepare: N - remind_before; when that is not a workday, the next
// workday after it if that is before N, else the last workday before it.
// (Also the alarm of a contact's calendar event, spec §7.2.)
std::optional<Date> reminder_day(const ClientRecord& client, const Calendar& calendar);

struct AgendaItem {
    const ClientRecord* client = nullptr;
    const ActionItem* action = nullptr;  // null for a contact (or a new client)
    Date due;
};

struct PrepareItem {
    const ClientRecord* client = nullptr;
    Date due;
    std::vector<const ActionItem*> actions;  // the client's open action items, by due date
};

struct CardItem {
    const ClientRecord* client = nullptr;
    const CardReminder* card = nullptr;
};

// An all-day calendar event (spec §7.2): a client's next contact (action and
// card null, with its reminder day), an action item with a date of its own,
// or a card to send. What is overdue, and a new client's first contact, is
// on *today* (someone who reads only the calendar must see it), without a
// reminder.
struct CalendarEvent {
    const ClientRecord* client = nullptr;
    const ActionItem* action = nullptr;  // an action item's event
    const CardReminder* card = nullptr;  // a card's event
    Date date;
    std::optional<Date> reminder;  // contacts: the reminder day, when there is one
    int occurrence = 0;            // actions and cards: how many earlier ones (by line)
                                   // of the client have the same text
    int days_late = 0;             // overdue: moved to today, this many days late
    bool new_client = false;       // a new client's first contact, on today
};

// The agenda's summary counts (spec §6): clients due today, overdue or new,
// and action items due today or overdue.
struct AgendaCounts {
    std::size_t clients = 0, clients_overdue = 0, clients_new = 0;
    std::size_t actions = 0, actions_overdue = 0;
};

// The one agenda model: every list the three renderers show, each sorted
// once, here. Ties in any order are broken by path (byte order), then line
// (spec §6).
struct Agenda {
    Date today = Date::min();
    std::string calendar_id;  // spec §7.2

    // Every client, by N (null last), then file (spec §7.1).
    std::vector<const ClientRecord*> clients;
    // Every open action item of every client, by due date, then file, then line.
    std::vector<AgendaItem> actions;
    // Next contacts, dated action items and cards of clients not paused, by
    // date, then file, a contact before its client's action items and cards,
    // then line.
    std::vector<CalendarEvent> events;
    AgendaCounts counts;
    std::vector<AgendaItem> overdue;    // contacts, then action items, each oldest first
    std::vector<AgendaItem> due_today;  // contacts, action items and new clients
    std::vector<PrepareItem> prepare;   // by due date
    std::vector<AgendaItem> coming_up;  // by due date; nothing shown in prepare
    std::vector<CardItem> cards;        // by date, then file, then line
    std::vector<const ClientRecord*> no_next_action;  // every engagement but paused
    const std::vector<Problem>* problems = nullptr;
};

// A card event's text, in its UID and summary: the occasion as written, and
// its label after a space when there is one.
std::string card_event_text(const CardReminder& card);

// Which lists of the model to build beyond the sections, counts and
// problems that every agenda has: `clients` and `actions` (JSON), `events`
// (ICS). agenda.md needs neither, and at 100,000 notes they are tens of MB.
struct AgendaLists {
    bool clients_and_actions = true;
    bool events = true;
};

// Points into `report`, which must outlive the result.
Agenda build_agenda(const Report& report, AgendaLists lists = {});

// The renderers (render_*.cpp). `link_prefix` is the path from the agenda's
// folder to DIR ("" when the agenda is in DIR, "../" one level below, ...).
// Each only formats `agenda` (build_agenda(report); the run summary counts
// from it too).
std::string render_markdown(const Agenda& agenda, std::string_view link_prefix);
// The same bytes handed to `sink` in pieces as they are made (text_sink.h).
void render_markdown(const Agenda& agenda, std::string_view link_prefix, const TextSink& sink);
// SPEC §6: the agenda's one-line summary, exactly `A clients to contact (B
// overdue, C new); D action items due (E overdue)` with the parts whose count
// is zero left out, or `Nothing due today.`
std::string summary_line(const AgendaCounts& counts);
std::string render_json(const Agenda& agenda);
// The same bytes handed to `sink` in pieces as they are made (the text of a
// large folder is tens of MB; `agenda --format json` prints without holding
// it).
void render_json(const Agenda& agenda, const TextSink& sink);
// SPEC §7.2: an RFC 5545 calendar (CRLF, folded at 75 octets), one all-day
// event per next contact (with an alarm at its reminder day) and per action
// item with a date of its own. Same report, same bytes.
std::string render_ics(const Agenda& agenda);

}  // namespace touchbase
