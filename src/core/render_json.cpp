// `agenda --format json` (SPEC §7.1): keys in the spec's order; the arrays
// come sorted from the agenda model.
#include <iterator>

#include <fmt/format.h>

#include "agenda.h"
#include "guards.h"
#include "json_text.h"
#include "text_sink.h"

namespace touchbase {

std::string json_string(std::string_view text) {
    // JSON is UTF-8 (RFC 8259): a file name that is not (notes' own text is
    // checked before it is read, SPEC §9) shows U+FFFD for each bad byte.
    std::string checked;
    if (first_invalid_utf8(text)) text = checked = valid_utf8(text);
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20)
                    out += fmt::format("\\u{:04x}", c);
                else
                    out += static_cast<char>(c);
        }
    }
    out += '"';
    return out;
}

namespace {

template <typename T, typename Write>
void array(ChunkedText& json, std::string_view key, const std::vector<T>& items, Write write,
           bool last = false) {
    std::string& out = json.out;
    fmt::format_to(std::back_inserter(out), "  {}: [", json_string(key));
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i == 0 ? "\n    " : ",\n    ";
        write(items[i]);
        json.flush();
    }
    out += items.empty() ? "]" : "\n  ]";
    out += last ? "\n" : ",\n";
}

void render_json_to(const Agenda& agenda, ChunkedText& json) {
    std::string& out = json.out;
    auto it = std::back_inserter(out);
    fmt::format_to(it, "{{\n  \"today\": {},\n", json_string(agenda.today.str()));

    array(json, "clients", agenda.clients, [&](const ClientRecord* c) {
        fmt::format_to(
            it,
            "{{\"file\": {}, \"name\": {}, \"owner\": {}, \"engagement\": {}, "
            "\"last_contact\": {}, \"counter\": {}, \"next_contact\": {}, \"status\": {}}}",
            json_string(c->file), json_string(c->name), json_or_null(c->owner),
            json_string(to_string(c->engagement)), json_or_null(c->last_contact),
            json_or_null(c->counter), json_or_null(c->next_contact),
            json_string(to_string(c->status)));
    });
    array(json, "actions", agenda.actions, [&](const AgendaItem& a) {
        fmt::format_to(it,
                       "{{\"file\": {}, \"client\": {}, \"text\": {}, \"due\": {}, \"origin\": {}, "
                       "\"line\": {}}}",
                       json_string(a.client->file), json_string(a.client->name),
                       json_string(a.action->text), json_string(a.action->due.str()),
                       json_string(a.action->origin == ActionItem::Origin::task ? "task"
                                                                                : "front_matter"),
                       a.action->line);
    });
    array(json, "cards", agenda.cards, [&](const CardItem& c) {
        fmt::format_to(it,
                       "{{\"file\": {}, \"client\": {}, \"occasion\": {}, \"label\": {}, "
                       "\"date\": {}}}",
                       json_string(c.client->file), json_string(c.client->name),
                       json_string(c.card->occasion), json_or_null(c.card->label),
                       json_string(c.card->date.str()));
    });

    array(
        json, "problems", *agenda.problems,
        [&](const Problem& p) {
            fmt::format_to(it,
                           "{{\"file\": {}, \"line\": {}, \"column\": {}, \"severity\": {}, "
                           "\"message\": {}}}",
                           json_string(p.file), p.line, p.column,
                           json_string(to_string(p.severity)), json_string(p.message));
        },
        true);
    out += "}\n";
    json.finish();
}

}  // namespace

void render_json(const Agenda& agenda, const TextSink& sink) {
    ChunkedText json(sink);
    render_json_to(agenda, json);
}

std::string render_json(const Agenda& agenda) {
    return collect_text([&](const TextSink& sink) { render_json(agenda, sink); });
}

}  // namespace touchbase
