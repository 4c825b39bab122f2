#include "agenda.h"

#include <algorithm>
#include <tuple>

namespace touchbase {

Report make_report(std::vector<ClientRecord> clients, std::vector<Problem> problems, Date today,
                   Duration horizon, Calendar calendar, const std::optional<std::string>& owner) {
    if (owner)
        std::erase_if(clients, [&](const ClientRecord& c) { return c.owner != *owner; });
    std::sort(clients.begin(), clients.end(),
              [](const ClientRecord& a, const ClientRecord& b) { return a.file < b.file; });
    sort_problems(problems);
    return Report{today, horizon, std::move(calendar), std::move(clients), std::move(problems)};
}

std::optional<Date> reminder_day(const ClientRecord& client, const Calendar& calendar) {
    if (!client.next_contact) return std::nullopt;
    auto day = subtract(*client.next_contact, client.remind_before);
    if (!day) return std::nullopt;
    return calendar.previous_workday(*day);
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

}  // namespace

Agenda build_agenda(const Report& report) {
    Agenda agenda;
    agenda.today = report.today;
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
                                         return std::tie(a->due, a->line) < std::tie(b->due, b->line);
                                     });
                    agenda.prepare.push_back(std::move(item));
                } else if (n <= horizon_end) {
                    agenda.coming_up.push_back({&client, nullptr, n});
                }
            }
        }
        for (const auto& action : client.actions) {
            if (action.due < today)
                agenda.overdue.push_back({&client, &action, action.due});
            else if (action.due == today)
                agenda.due_today.push_back({&client, &action, action.due});
            else if (action.due <= horizon_end)
                agenda.coming_up.push_back({&client, &action, action.due});
        }
        for (const auto& card : client.cards) agenda.cards.push_back({&client, &card});
        bool wants_next_action = client.engagement == Engagement::active ||
                                 client.engagement == Engagement::ongoing;
        if (wants_next_action && client.actions.empty()) agenda.no_next_action.push_back(&client);
    }

    for (auto* section : {&agenda.overdue, &agenda.due_today, &agenda.coming_up})
        std::stable_sort(section->begin(), section->end(), item_before);
    std::stable_sort(agenda.prepare.begin(), agenda.prepare.end(),
                     [](const PrepareItem& a, const PrepareItem& b) {
                         return std::tie(a.due, a.client->file) < std::tie(b.due, b.client->file);
                     });
    std::stable_sort(agenda.cards.begin(), agenda.cards.end(),
                     [](const CardItem& a, const CardItem& b) {
                         return std::tie(a.card->date, a.client->file, a.card->occasion) <
                                std::tie(b.card->date, b.client->file, b.card->occasion);
                     });
    return agenda;
}

}  // namespace touchbase
