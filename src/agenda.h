// The agenda model (SPEC §6): the collected client records of one run, and
// the sections built from them. Renderers only format this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "date.h"
#include "note.h"
#include "problem.h"

namespace touchbase {

// Everything the renderers need from one run.
struct Report {
    Date today = Date::min();
    Duration horizon{7, Unit::days};
    Calendar calendar;                    // for reminder days
    std::vector<ClientRecord> clients;    // sorted by file (byte order)
    std::vector<Problem> problems;        // sorted by file, line, column
};

// Sorts clients and problems; keeps only `owner`'s clients when given
// (SPEC §6: wherever the agenda goes). Problems are all kept.
Report make_report(std::vector<ClientRecord> clients, std::vector<Problem> problems, Date today,
                   Duration horizon, Calendar calendar, const std::optional<std::string>& owner);

// SPEC §6 Prepare: N - remind_before, moved back to the previous workday.
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

struct Agenda {
    Date today = Date::min();
    std::vector<AgendaItem> overdue;       // oldest first
    std::vector<AgendaItem> due_today;     // contacts, action items and new clients
    std::vector<PrepareItem> prepare;      // by due date
    std::vector<AgendaItem> coming_up;     // by due date
    std::vector<CardItem> cards;           // by date
    std::vector<const ClientRecord*> no_next_action;
    const std::vector<Problem>* problems = nullptr;
};

// Points into `report`, which must outlive the result.
Agenda build_agenda(const Report& report);

// The renderers (render_*.cpp). `link_prefix` is the path from the agenda's
// folder to DIR ("" when the agenda is in DIR, "../" one level below, ...).
// `agenda` is build_agenda(report) (the run summary counts from it too).
std::string render_markdown(const Report& report, const Agenda& agenda,
                            std::string_view link_prefix);
std::string render_json(const Report& report);
// SPEC §7.2: an RFC 5545 calendar (CRLF, folded at 75 octets), one all-day
// event per next contact (with an alarm at its reminder day) and per action
// item with a date of its own. Same report, same bytes.
std::string render_ics(const Report& report);

}  // namespace touchbase
