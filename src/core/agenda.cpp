#include "agenda.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "name_fold.h"

namespace touchbase {

namespace {

// A warning of the command line (no file, no position): the owners there are.
Problem owner_matches_no_client(const std::string& owner, const std::set<std::string>& owners) {
    constexpr std::size_t kShown = 8;
    std::string known;
    std::size_t n = 0;
    for (const auto& o : owners) {
        if (n == kShown) {
            known += ", ...";
            break;
        }
        known += (n++ == 0 ? "" : ", ") + o;
    }
    std::string message = fmt::format("--owner '{}' matches no client", owner);
    message += owners.empty() ? " (no client has an owner)" : fmt::format(" (owners: {})", known);
    return Problem{"", 0, 0, Severity::warning, std::move(message), {}};
}

}  // namespace

Report make_report(std::vector<ClientRecord> clients, std::vector<Problem> problems, Date today,
                   Duration horizon, Calendar calendar, const std::optional<std::string>& owner) {
    if (owner) {
        // Without regard to case or accents, as `log` finds names.
        const std::string wanted = fold_name(*owner);
        std::set<std::string> owners;
        for (const auto& c : clients)
            if (c.owner) owners.insert(*c.owner);
        std::erase_if(clients, [&](const ClientRecord& c) {
            return !c.owner || fold_name(*c.owner) != wanted;
        });
        if (clients.empty()) problems.push_back(owner_matches_no_client(*owner, owners));
    }
    std::sort(clients.begin(), clients.end(),
              [](const ClientRecord& a, const ClientRecord& b) { return a.file < b.file; });
    sort_problems(problems);
    return Report{today, horizon, std::move(calendar), std::move(clients), std::move(problems), {}};
}

std::optional<Date> reminder_day(const ClientRecord& client, const Calendar& calendar) {
    if (!client.next_contact) return std::nullopt;
    const Date n = *client.next_contact;
    auto day = subtract(n, client.remind_before);
    if (!day) return std::nullopt;
    if (calendar.is_workday(*day)) return day;
    // Not a workday: forward to the next workday when that is still before
    // the call (a Tuesday call is prepared on Monday), else back (a Monday
    // call on Friday).
    if (auto next = calendar.next_workday(*day); next && *next < n) return next;
    return calendar.previous_workday(*day);
}

std::string card_event_text(const CardReminder& card) {
    return card.label ? card.occasion + " " + *card.label : card.occasion;
}

namespace {

// SPEC §6: ties broken by path (byte order), then line; a contact sorts
// before its client's action items on the same day.
bool item_before(const AgendaItem& a, const AgendaItem& b) {
    auto key = [](const AgendaItem& i) {
        return std::tuple(i.due, std::string_view(i.client->file), i.action ? i.action->line : 0);
    };
    return key(a) < key(b);
}

void add_clients_and_actions(Agenda& agenda, const Report& report) {
    for (const auto& client : report.clients) {
        agenda.clients.push_back(&client);
        for (const auto& action : client.actions)
            agenda.actions.push_back({&client, &action, action.due});
    }
    std::stable_sort(agenda.clients.begin(), agenda.clients.end(),
                     [](const ClientRecord* a, const ClientRecord* b) {
                         auto key = [](const ClientRecord* c) {
                             return std::tuple(!c->next_contact.has_value(),
                                               c->next_contact.value_or(Date::min()),
                                               std::string_view(c->file));
                         };
                         return key(a) < key(b);
                     });
    std::stable_sort(agenda.actions.begin(), agenda.actions.end(), item_before);
}

// SPEC §7.2: paused clients are never due and get no events; undated
// action items would only repeat the contact event.
// What is overdue is shown on today, with the days late and no reminder.
void move_overdue_to_today(CalendarEvent& event, Date today) {
    if (event.date >= today) return;
    event.days_late = days_between(event.date, today);
    event.date = today;
    event.reminder.reset();
}

void add_events(Agenda& agenda, const Report& report) {
    const Date today = report.today;
    for (const auto& client : report.clients) {
        if (client.engagement == Engagement::paused) continue;
        if (client.status == Status::new_client) {
            CalendarEvent event{&client, nullptr, nullptr, today, std::nullopt, 0};
            event.new_client = true;
            agenda.events.push_back(event);
        } else if (client.next_contact) {
            CalendarEvent event{&client,
                                nullptr,
                                nullptr,
                                *client.next_contact,
                                reminder_day(client, report.calendar),
                                0};
            move_overdue_to_today(event, today);
            agenda.events.push_back(event);
        }
        std::vector<const ActionItem*> dated;
        for (const auto& action : client.actions)
            if (action.own_date) dated.push_back(&action);
        std::stable_sort(dated.begin(), dated.end(), [](const ActionItem* a, const ActionItem* b) {
            return a->line < b->line;
        });
        std::map<std::string_view, int> seen;  // text -> occurrences so far, in line order
        for (const ActionItem* action : dated) {
            CalendarEvent event{&client,     action,       nullptr,
                                action->due, std::nullopt, seen[action->text]++};
            move_overdue_to_today(event, today);
            agenda.events.push_back(event);
        }
        std::vector<const CardReminder*> cards;
        for (const auto& card : client.cards) cards.push_back(&card);
        std::stable_sort(cards.begin(), cards.end(),
                         [](const CardReminder* a, const CardReminder* b) {
                             return a->line < b->line;
                         });
        std::map<std::string, int> seen_cards;
        for (const CardReminder* card : cards)
            agenda.events.push_back({&client, nullptr, card, card->date, std::nullopt,
                                     seen_cards[card_event_text(*card)]++});
    }
    std::stable_sort(agenda.events.begin(), agenda.events.end(),
                     [](const CalendarEvent& a, const CalendarEvent& b) {
                         auto key = [](const CalendarEvent& e) {
                             const int kind = e.action ? 1 : e.card ? 2 : 0;
                             const int line = e.action ? e.action->line : e.card ? e.card->line : 0;
                             return std::tuple(e.date, std::string_view(e.client->file), kind,
                                               line);
                         };
                         return key(a) < key(b);
                     });
}

}  // namespace

Agenda build_agenda(const Report& report, AgendaLists lists) {
    Agenda agenda;
    agenda.today = report.today;
    agenda.calendar_id = report.calendar_id;
    agenda.problems = &report.problems;
    const Date today = report.today;
    const Date horizon_end = add(today, report.horizon).value_or(Date::max());

    for (const auto& client : report.clients) {
        if (client.engagement == Engagement::paused) continue;
        if (client.status == Status::new_client) {
            agenda.due_today.push_back({&client, nullptr, today});
        } else if (client.next_contact) {
            Date n = *client.next_contact;
            if (n < today) {
                agenda.overdue.push_back({&client, nullptr, n});
            } else if (n == today) {
                agenda.due_today.push_back({&client, nullptr, n});
            } else {
                auto reminder = reminder_day(client, report.calendar);
                if (reminder && *reminder <= today) {
                    PrepareItem item{&client, n, {}};
                    for (const auto& action : client.actions) item.actions.push_back(&action);
                    std::stable_sort(item.actions.begin(), item.actions.end(),
                                     [](const ActionItem* a, const ActionItem* b) {
                                         return std::tie(a->due, a->line) <
                                                std::tie(b->due, b->line);
                                     });
                    agenda.prepare.push_back(std::move(item));
                } else if (n <= horizon_end) {
                    agenda.coming_up.push_back({&client, nullptr, n});
                }
            }
        }
        // Prepare shows the client's open action items: Coming up does not
        // repeat them.
        const bool in_prepare = !agenda.prepare.empty() && agenda.prepare.back().client == &client;
        for (const auto& action : client.actions) {
            if (action.due < today)
                agenda.overdue.push_back({&client, &action, action.due});
            else if (action.due == today)
                agenda.due_today.push_back({&client, &action, action.due});
            else if (action.due <= horizon_end && !in_prepare)
                agenda.coming_up.push_back({&client, &action, action.due});
        }
        for (const auto& card : client.cards) agenda.cards.push_back({&client, &card});
        // Every client but a paused one has a next action (spec §6).
        if (client.actions.empty()) agenda.no_next_action.push_back(&client);
    }

    // The summary's counts (spec §6): clients and action items apart.
    AgendaCounts& counts = agenda.counts;
    for (const auto& item : agenda.overdue) {
        if (item.action) {
            ++counts.actions;
            ++counts.actions_overdue;
        } else {
            ++counts.clients;
            ++counts.clients_overdue;
        }
    }
    for (const auto& item : agenda.due_today) {
        if (item.action) {
            ++counts.actions;
        } else {
            ++counts.clients;
            if (item.client->status == Status::new_client) ++counts.clients_new;
        }
    }

    // Overdue: the contacts first, then the action items, each oldest first.
    std::stable_sort(agenda.overdue.begin(), agenda.overdue.end(),
                     [](const AgendaItem& a, const AgendaItem& b) {
                         if ((a.action == nullptr) != (b.action == nullptr))
                             return a.action == nullptr;
                         return item_before(a, b);
                     });
    for (auto* section : {&agenda.due_today, &agenda.coming_up})
        std::stable_sort(section->begin(), section->end(), item_before);
    std::stable_sort(agenda.prepare.begin(), agenda.prepare.end(),
                     [](const PrepareItem& a, const PrepareItem& b) {
                         return std::tie(a.due, a.client->file) < std::tie(b.due, b.client->file);
                     });
    std::stable_sort(agenda.cards.begin(), agenda.cards.end(),
                     [](const CardItem& a, const CardItem& b) {
                         return std::tie(a.card->date, a.client->file, a.card->line) <
                                std::tie(b.card->date, b.client->file, b.card->line);
                     });
    if (lists.clients_and_actions) add_clients_and_actions(agenda, report);
    if (lists.events) add_events(agenda, report);
    return agenda;
}

}  // namespace touchbase
