#include "note.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "body.h"
#include "edit.h"
#include "front_matter.h"
#include "front_matter_edit.h"
#include "guards.h"
#include "verify.h"
#include "offboarding.h"

namespace touchbase {

namespace {

Problem note_error(std::string_view file, int line, int column, std::string message) {
    return Problem{std::string(file), line, column, Severity::error, std::move(message), {}};
}

// The occasion part of a `cards` item as written: before any label.
std::string_view occasion_name(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    const auto end = text.find_first_of(" \t");
    return end == std::string_view::npos ? text : text.substr(0, end);
}

// SPEC §5.5: a `#card:OCCASION` that names none of the client's occasions.
void check_card_names(std::string_view file, const std::vector<ContactEntry>& entries,
                      const std::vector<CardEntry>& cards, std::vector<Problem>& problems) {
    std::string known;
    for (const auto& card : cards) {
        if (!known.empty()) known += ", ";
        known += occasion_name(card.text);
    }
    for (const auto& e : entries) {
        for (const auto& name : e.marks.card_occasions) {
            const bool found = std::any_of(cards.begin(), cards.end(), [&](const CardEntry& c) {
                return iequals(occasion_name(c.text), name);
            });
            if (found) continue;
            problems.push_back(Problem{
                std::string(file), e.line, e.column, Severity::warning,
                known.empty()
                    ? fmt::format("'#card:{}' names an occasion, but this note has no cards "
                                  "(add it to cards, e.g. cards: [{}])",
                                  name, name)
                    : fmt::format("'#card:{}' names none of this note's cards ({})", name, known),
                {}});
        }
    }
}

// Where a top-level key of the front matter is written (its line and column
// 1), for a warning about its value; line 1 if it cannot be found.
std::pair<int, int> key_position(std::string_view bytes, const Split& split, std::string_view key) {
    const std::string_view yaml = split.yaml(bytes);
    int line = split.yaml_first_line;
    for (std::size_t at = 0; at < yaml.size(); ++line) {
        const std::size_t end = std::min(yaml.find('\n', at), yaml.size());
        const std::string_view text = yaml.substr(at, end - at);
        if (text.starts_with(key)) {
            const std::size_t colon = text.find_first_not_of(" \t", key.size());
            if (colon != std::string_view::npos && text[colon] == ':') return {line, 1};
        }
        at = end + 1;
    }
    return {1, 1};
}

}  // namespace

std::string note_stem(std::string_view file) {
    auto slash = file.rfind('/');
    std::string_view base = slash == std::string_view::npos ? file : file.substr(slash + 1);
    if (base.size() > 3 && base.substr(base.size() - 3) == ".md") base.remove_suffix(3);
    return std::string(base);
}

NoteResult process_note(std::string_view file, std::string_view bytes, const Config& config,
                        Date today) {
    NoteResult result;
    Split split = split_note(bytes);
    if (split.kind == Split::Kind::not_a_note) return result;
    result.is_note = true;
    auto& problems = result.problems;
    auto finish = [&]() -> NoteResult& {
        attach_source_lines(problems, result.new_bytes ? std::string_view(*result.new_bytes) : bytes);
        sort_problems(problems);
        return result;
    };
    // SPEC §9: no text that is not valid UTF-8, or holds a NUL byte, goes on
    // to yaml-cpp or cmark-gfm. Splitting only looks for `---` lines, so it
    // is safe on any bytes, and a file that is not a note is skipped silently
    // whatever it holds (SPEC §2).
    if (auto bad = check_text(bytes, file, "the note")) {
        problems.push_back(std::move(*bad));
        return finish();
    }
    if (split.kind == Split::Kind::unclosed) {
        problems.push_back(note_error(file, 1, 1,
                                      "the front matter opened here is never closed (add a line "
                                      "'---' after it)"));
        return finish();
    }

    FrontMatterRead read = read_front_matter(bytes, split, file);
    problems.insert(problems.end(), read.problems.begin(), read.problems.end());
    BodyScan body = scan_body(split.body(bytes), split.body_first_line, config.log_heading, file);
    problems.insert(problems.end(), body.problems.begin(), body.problems.end());
    const FrontMatter& fm = read.front_matter;
    // Warnings about cards come before any error stops the note, so that a
    // note with an error still shows every warning it has (spec §3).
    check_card_names(file, body.entries, fm.cards, problems);
    std::vector<Occasion> occasions;
    std::vector<int> occasion_lines;  // the `cards` item's line, for each occasion
    for (const auto& card : fm.cards) {
        auto occasion = parse_occasion(card.text);
        if (!occasion) {
            problems.push_back(Problem{std::string(file), card.line, card.column, Severity::warning,
                                       fmt::format("unknown card occasion '{}' (expected a named "
                                                   "occasion or MM-DD)",
                                                   card.text),
                                       {}});
            continue;
        }
        occasions.push_back(std::move(*occasion));
        occasion_lines.push_back(card.line);
    }
    if (has_error(problems)) return finish();

    ClientRecord record;
    record.file = std::string(file);
    record.name = fm.name ? *fm.name : body.first_h1 ? *body.first_h1 : note_stem(file);
    record.owner = fm.owner;
    record.engagement = fm.engagement.value_or(Engagement::ongoing);
    record.remind_before = fm.remind_before.value_or(config.remind_before);

    CounterState state{fm.last_contact, fm.counter, fm.next_contact};
    Schedule plan = schedule(state, body.entries, record.engagement, config.schedule, today);
    if (plan.error) {
        const OwnedSlot& slot = fm.slot(OwnedKey::last_contact);
        problems.push_back(note_error(file, slot.present ? slot.line : 1,
                                      slot.present ? slot.column : 1, *plan.error));
        return finish();
    }
    record.last_contact = plan.last_contact;
    record.counter = plan.counter;
    record.next_contact = plan.next_contact;
    record.status = status_of(record.engagement, plan.next_contact, today, config.horizon);
    if (plan.last_contact) {
        for (const auto& entry : body.entries)
            if (entry.date == *plan.last_contact && !entry.marks.missed && !entry.marks.card)
                record.last_entry_text = entry.text;
    }

    OwnedValues wanted;
    wanted.last_contact = plan.last_contact;
    wanted.counter = plan.counter;
    if (plan.write_next_contact) wanted.next_contact = plan.next_contact;

    std::vector<Edit> edits;
    // `offboarding: []` in the config turns the checklist off: a bare heading
    // would only be noise in the user's note, and offboarded stays unset.
    bool offboard = !config.offboarding.empty() &&
                    offboarding_due(fm.project_end, fm.offboarded, record.engagement, today);
    if (offboard) {
        std::vector<int> task_lines;
        for (const auto& task : body.open_tasks) task_lines.push_back(task.line);
        if (checklist_in_progress(fm.project_end, fm.offboarded, split.body(bytes),
                                  split.body_first_line, task_lines)) {
            // A project_end corrected by a few days: the earlier checklist is
            // still being worked through; no second one.
            wanted.offboarded = fm.project_end;
            offboard = false;
        }
    }
    if (offboard) {
        OffboardingAppend append =
            offboarding_append(bytes, split.eol, *fm.project_end, config.offboarding);
        if (append.error) {
            problems.push_back(note_error(file, 1, 1, *append.error));
            return finish();
        }
        if (auto why = checklist_swallowed(split.body(bytes), append.text)) {
            // Appended inside an unclosed block it would never be read as
            // tasks, and offboarded would keep it from coming back.
            const auto [line, column] = key_position(bytes, split, "project_end");
            problems.push_back(Problem{std::string(file), line, column, Severity::warning,
                                       *why, {}});
            offboard = false;
        } else {
            edits.push_back(Edit{bytes.size(), 0, std::move(append.text)});
            wanted.offboarded = fm.project_end;
        }
    }
    if (auto warning = active_past_project_end(fm.project_end, record.engagement, today)) {
        const auto [line, column] = key_position(bytes, split, "project_end");
        problems.push_back(Problem{std::string(file), line, column, Severity::warning,
                                   std::move(*warning), {}});
    }
    auto owned_edits = plan_owned_edits(bytes, split, fm, wanted);
    edits.insert(edits.end(), owned_edits.begin(), owned_edits.end());

    std::vector<TaskItem> tasks = std::move(body.open_tasks);
    if (!edits.empty()) {
        std::string updated = apply_edits(bytes, std::move(edits));
        if (updated != bytes) {
            // SPEC §9, the safety net: what would be written must read back
            // as planned, or nothing is written.
            if (auto wrong = verify_rewrite(updated, file, fm, wanted)) {
                problems.push_back(note_error(
                    file, 1, 1,
                    fmt::format("internal error: the update of this note failed its check "
                                "({}); the note was left untouched, please report this",
                                *wrong)));
                return finish();
            }
            // Positions name the note as written: key lines added to the front
            // matter move the body down, and a second run must report the same
            // lines (SPEC §9).
            Split new_split = split_note(updated);
            int added_lines = new_split.body_first_line - split.body_first_line;
            for (auto& problem : problems)
                if (problem.line >= split.body_first_line) problem.line += added_lines;
            if (offboard) {
                // The checklist's items are action items from this run on.
                tasks = scan_body(new_split.body(updated), new_split.body_first_line,
                                  config.log_heading, file)
                            .open_tasks;
            } else {
                for (auto& task : tasks) task.line += added_lines;
            }
            result.new_bytes = std::move(updated);
        }
    }

    if (record.engagement != Engagement::paused) {
        // SPEC §4.2: undated items are due at the next contact, else today.
        Date undated_due = record.next_contact.value_or(today);
        for (const auto& task : tasks)
            record.actions.push_back(ActionItem{task.text, task.due.value_or(undated_due),
                                                task.due.has_value(), ActionItem::Origin::task,
                                                task.line});
        for (const auto& action : fm.next_actions)
            record.actions.push_back(ActionItem{action.text, action.due.value_or(undated_due),
                                                action.due.has_value(),
                                                ActionItem::Origin::front_matter, action.line});

    }

    if (record.engagement != Engagement::paused) {  // SPEC §5.2: no cards
        for (std::size_t i = 0; i < occasions.size(); ++i) {
            const Occasion& occasion = occasions[i];
            auto date = card_due(occasion, today, config.card_lead);
            if (date &&
                !card_sent(occasion, *date, occasions, body.entries, config.card_lead, today))
                record.cards.push_back(
                    CardReminder{occasion.name, occasion.label, *date, occasion_lines[i]});
        }
    }

    result.record = std::move(record);
    return finish();
}

}  // namespace touchbase
