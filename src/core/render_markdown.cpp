// agenda.md (SPEC §6): UTF-8, LF line endings, one final newline, the same
// bytes for the same notes, config and today.
#include <algorithm>
#include <iterator>
#include <string>

#include <fmt/format.h>

#include "agenda.h"
#include "guards.h"
#include "markdown_text.h"
#include "text_sink.h"

namespace touchbase {

namespace {

using Out = std::back_insert_iterator<std::string>;

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

void client_link(Out out, const ClientRecord& client, std::string_view link_prefix) {
    fmt::format_to(out, "[{}]({})", escape_markdown(client.name),
                   percent_encode_path(fmt::format("{}{}", link_prefix, client.file)));
    if (client.owner) fmt::format_to(out, " ({})", escape_markdown(*client.owner));
}

std::string what(const AgendaItem& item) {
    // Escaped like link texts (spec §6): `<draft>` stays visible.
    if (item.action) return escape_markdown(item.action->text);
    if (item.client->status == Status::new_client) return "new client: make a first contact";
    return "get in touch";
}

void section(std::string& out, std::string_view title) {
    fmt::format_to(Out(out), "\n## {}\n\n", title);
}

}  // namespace

std::string summary_line(const AgendaCounts& counts) {
    // "A clients to contact (B overdue, C new)": a part whose count is zero
    // is left out, and its parentheses when both are.
    auto half = [](std::size_t n, std::string_view one, std::string_view many, std::size_t overdue,
                   std::size_t fresh) {
        std::string out = plural(n, one, many);
        std::string parts;
        if (overdue) parts = fmt::format("{} overdue", overdue);
        if (fresh) parts += fmt::format("{}{} new", parts.empty() ? "" : ", ", fresh);
        if (!parts.empty()) out += fmt::format(" ({})", parts);
        return out;
    };
    std::string clients, actions;
    if (counts.clients)
        clients = half(counts.clients, "client to contact", "clients to contact",
                       counts.clients_overdue, counts.clients_new);
    if (counts.actions)
        actions =
            half(counts.actions, "action item due", "action items due", counts.actions_overdue, 0);
    if (clients.empty() && actions.empty()) return "Nothing due today.";
    if (clients.empty()) return actions;
    if (actions.empty()) return clients;
    return clients + "; " + actions;
}

void render_markdown(const Agenda& agenda, std::string_view link_prefix, const TextSink& sink) {
    ChunkedText text(sink);
    std::string& out = text.out;
    Out it(out);
    Date today = agenda.today;
    fmt::format_to(it, "# Agenda for {} {}\n\n", weekday_name(today.weekday()), today);
    fmt::format_to(it, "{}\n", summary_line(agenda.counts));

    if (!agenda.overdue.empty()) {
        section(out, "Overdue");
        for (const auto& item : agenda.overdue) {
            int late = days_between(item.due, today);
            fmt::format_to(it, "- {}, {} late: ", item.due, plural(late, "day", "days"));
            client_link(it, *item.client, link_prefix);
            fmt::format_to(it, ": {}\n", what(item));
            text.flush();
        }
    }
    if (!agenda.due_today.empty()) {
        section(out, "Today");
        for (const auto& item : agenda.due_today) {
            out += "- ";
            client_link(it, *item.client, link_prefix);
            fmt::format_to(it, ": {}\n", what(item));
            text.flush();
        }
    }
    if (!agenda.prepare.empty()) {
        section(out, "Prepare");
        for (const auto& item : agenda.prepare) {
            fmt::format_to(it, "- {} {}: ", weekday_name(item.due.weekday()), item.due);
            client_link(it, *item.client, link_prefix);
            out += ": get in touch\n";
            if (!item.client->last_entry_text.empty())
                fmt::format_to(it, "  - Last contact: {}\n",
                               escape_markdown(item.client->last_entry_text));
            for (const auto* action : item.actions)
                fmt::format_to(it, "  - Open: {} (due {})\n", escape_markdown(action->text),
                               action->due);
            text.flush();
        }
    }
    if (!agenda.coming_up.empty()) {
        section(out, "Coming up");
        for (const auto& item : agenda.coming_up) {
            fmt::format_to(it, "- {} {}: ", weekday_name(item.due.weekday()), item.due);
            client_link(it, *item.client, link_prefix);
            fmt::format_to(it, ": {}\n", what(item));
            text.flush();
        }
    }
    if (!agenda.cards.empty()) {
        section(out, "Cards to send");
        for (const auto& item : agenda.cards) {
            fmt::format_to(it, "- {} {}, {}", weekday_name(item.card->date.weekday()),
                           item.card->date, escape_markdown(item.card->occasion));
            if (item.card->label) fmt::format_to(it, " {}", escape_markdown(*item.card->label));
            out += ": ";
            client_link(it, *item.client, link_prefix);
            out += '\n';
            text.flush();
        }
    }
    if (!agenda.no_next_action.empty()) {
        section(out, "No next action");
        for (const auto* client : agenda.no_next_action) {
            out += "- ";
            client_link(it, *client, link_prefix);
            fmt::format_to(it, ", {}\n", to_string(client->engagement));
            text.flush();
        }
    }
    if (!agenda.problems->empty()) {
        section(out, "Problems");
        // A fenced block shows each problem exactly as the command line prints
        // it, source line and caret included (SPEC §6). Control characters
        // are escaped (format_problem_with_source), so nothing inside starts a
        // line of its own, and the fence is longer than any run of backticks
        // inside, so nothing closes it.
        std::string block;
        for (const auto& problem : *agenda.problems) {
            block += valid_utf8(format_problem_with_source(problem));
            block += '\n';
        }
        std::size_t longest = 0;
        for (std::size_t i = 0; i < block.size();) {
            std::size_t run = 0;
            while (i + run < block.size() && block[i + run] == '`') ++run;
            longest = std::max(longest, run);
            i += run ? run : 1;
        }
        const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
        fmt::format_to(it, "{}text\n{}{}\n", fence, block, fence);
    }
    text.finish();
}

std::string render_markdown(const Agenda& agenda, std::string_view link_prefix) {
    return collect_text([&](const TextSink& sink) { render_markdown(agenda, link_prefix, sink); });
}

}  // namespace touchbase
