#include "note.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

#include "body.h"
#include "edit.h"
#include "front_matter.h"
#include "front_matter_edit.h"
#include "guards.h"
#include "offboarding.h"
#include "text.h"
#include "verify.h"
#include "yaml_support.h"

namespace touchbase {

namespace {

Problem note_error(std::string_view file, int line, int column, std::string message) {
    return Problem{std::string(file), line, column, Severity::error, std::move(message), {}};
}

// The occasion part of a `cards` item as written: before any label.
std::string_view occasion_name(std::string_view text) {
    text = trim_blanks(text);
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
                std::string(file),
                e.line,
                e.column,
                Severity::warning,
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
    // Lines as yaml-cpp counts them in the front matter (LF only).
    for (std::size_t at = 0; at < yaml.size(); ++line) {
        const LfLine l = lf_line_at(yaml, at);
        const std::string_view text = lf_content(yaml, l);
        if (text.starts_with(key)) {
            const std::size_t colon = skip_blanks(text, key.size());
            if (colon < text.size() && text[colon] == ':') return {line, 1};
        }
        at = l.next;
    }
    return {1, 1};
}

// ---------------------------------------------------------------------------
// The steps of process_note, in order. Each takes the note's input and what
// the steps before it made, adds its warnings to `problems`, and returns
// nullopt when an error (also in `problems`) stops the note.

// The input every step reads: one note and what it is processed with.
struct NoteInput {
    std::string_view file;
    std::string_view bytes;
    const Config& config;
    Date today;
};

// Read: the note parsed, with its card occasions.
struct ParsedNote {
    Split split;
    FrontMatter fm;
    BodyScan body;
    std::vector<Occasion> occasions;
    std::vector<int> occasion_lines;  // the `cards` item's line, for each occasion
};

// Schedule: the client's record so far (no actions, no cards yet) and the
// owned values the schedule wants in the front matter.
struct ScheduledNote {
    ClientRecord record;
    OwnedValues wanted;
};

// Plan edits: the byte edits on the note as read.
struct EditPlan {
    std::vector<Edit> edits;
    OwnedValues wanted;     // with `offboarded` when the checklist is done or appended
    bool offboard = false;  // the off-boarding checklist is appended
};

// Apply and verify: the new text, when it differs.
struct AppliedNote {
    std::optional<std::string> new_bytes;
    std::vector<TaskItem> tasks;  // the open tasks, with their lines in the new text
};

// The `cards` items that name an occasion (spec §5.5); a warning for each one
// that does not.
void read_occasions(std::string_view file, ParsedNote& note, std::vector<Problem>& problems) {
    for (const auto& card : note.fm.cards) {
        auto occasion = parse_occasion(card.text);
        if (!occasion) {
            problems.push_back(Problem{std::string(file),
                                       card.line,
                                       card.column,
                                       Severity::warning,
                                       fmt::format("unknown card occasion '{}' (expected a named "
                                                   "occasion or MM-DD)",
                                                   card.text),
                                       {}});
            continue;
        }
        note.occasions.push_back(std::move(*occasion));
        note.occasion_lines.push_back(card.line);
    }
}

std::optional<ParsedNote> parse_note(const NoteInput& in, const Split& split,
                                     std::vector<Problem>& problems) {
    // SPEC §9: no text that is not valid UTF-8, or holds a NUL byte, goes on
    // to yaml-cpp or cmark-gfm. Splitting only looks for `---` lines, so it
    // is safe on any bytes, and a file that is not a note is skipped silently
    // whatever it holds (SPEC §2).
    if (auto bad = check_text(in.bytes, in.file, "the note")) {
        problems.push_back(std::move(*bad));
        return std::nullopt;
    }
    if (split.kind == Split::Kind::unclosed) {
        problems.push_back(note_error(in.file, 1, 1,
                                      "the front matter opened here is never closed (add a line "
                                      "'---' after it)"));
        return std::nullopt;
    }
    ParsedNote note;
    note.split = split;
    FrontMatterRead read = read_front_matter(in.bytes, split, in.file);
    problems.insert(problems.end(), read.problems.begin(), read.problems.end());
    note.fm = std::move(read.front_matter);
    note.body =
        scan_body(split.body(in.bytes), split.body_first_line, in.config.log_heading, in.file);
    problems.insert(problems.end(), note.body.problems.begin(), note.body.problems.end());
    // Warnings about cards come before any error stops the note, so that a
    // note with an error still shows every warning it has (spec §3).
    check_card_names(in.file, note.body.entries, note.fm.cards, problems);
    read_occasions(in.file, note, problems);
    if (has_error(problems)) return std::nullopt;
    return note;
}

std::optional<ScheduledNote> schedule_note(const NoteInput& in, const ParsedNote& note,
                                           std::vector<Problem>& problems) {
    const FrontMatter& fm = note.fm;
    ScheduledNote out;
    ClientRecord& record = out.record;
    record.file = std::string(in.file);
    record.name = fm.name              ? *fm.name
                  : note.body.first_h1 ? *note.body.first_h1
                                       : note_stem(in.file);
    record.owner = fm.owner;
    record.engagement = fm.engagement.value_or(Engagement::ongoing);
    record.remind_before = fm.remind_before.value_or(in.config.remind_before);

    CounterState state{fm.last_contact, fm.counter, fm.next_contact};
    Schedule plan =
        schedule(state, note.body.entries, record.engagement, in.config.schedule, in.today);
    if (plan.error) {
        const OwnedSlot& slot = fm.slot(OwnedKey::last_contact);
        problems.push_back(note_error(in.file, slot.present ? slot.line : 1,
                                      slot.present ? slot.column : 1, *plan.error));
        return std::nullopt;
    }
    record.last_contact = plan.last_contact;
    record.counter = plan.counter;
    record.next_contact = plan.next_contact;
    record.status = status_of(record.engagement, plan.next_contact, in.today, in.config.horizon);
    if (plan.last_contact) {
        for (const auto& entry : note.body.entries)
            if (entry.date == *plan.last_contact && !entry.marks.missed && !entry.marks.card)
                record.last_entry_text = entry.text;
    }
    out.wanted.last_contact = plan.last_contact;
    out.wanted.counter = plan.counter;
    if (plan.write_next_contact) out.wanted.next_contact = plan.next_contact;
    return out;
}

// SPEC §5.4: the off-boarding checklist, appended when it is due; false when
// an error stops the note.
bool plan_offboarding(const NoteInput& in, const ParsedNote& note, Engagement engagement,
                      EditPlan& plan, std::vector<Problem>& problems) {
    const FrontMatter& fm = note.fm;
    // `offboarding: []` in the config turns the checklist off: a bare heading
    // would only be noise in the user's note, and offboarded stays unset.
    if (in.config.offboarding.empty() ||
        !offboarding_due(fm.project_end, fm.offboarded, engagement, in.today))
        return true;
    std::vector<int> task_lines;
    for (const auto& task : note.body.open_tasks) task_lines.push_back(task.line);
    const std::string_view body = note.split.body(in.bytes);
    if (checklist_in_progress(fm.project_end, fm.offboarded, body, note.split.body_first_line,
                              task_lines)) {
        // A project_end corrected by a few days: the earlier checklist is
        // still being worked through; no second one.
        plan.wanted.offboarded = fm.project_end;
        return true;
    }
    OffboardingAppend append =
        offboarding_append(in.bytes, note.split.eol, *fm.project_end, in.config.offboarding);
    if (append.error) {
        problems.push_back(note_error(in.file, 1, 1, *append.error));
        return false;
    }
    if (auto why = checklist_swallowed(body, append.text)) {
        // Appended inside an unclosed block it would never be read as
        // tasks, and offboarded would keep it from coming back.
        const auto [line, column] = key_position(in.bytes, note.split, "project_end");
        problems.push_back(
            Problem{std::string(in.file), line, column, Severity::warning, *why, {}});
        return true;
    }
    plan.edits.push_back(Edit{in.bytes.size(), 0, std::move(append.text)});
    plan.wanted.offboarded = fm.project_end;
    plan.offboard = true;
    return true;
}

std::optional<EditPlan> plan_note_edits(const NoteInput& in, const ParsedNote& note,
                                        const ScheduledNote& scheduled,
                                        std::vector<Problem>& problems) {
    EditPlan plan;
    plan.wanted = scheduled.wanted;
    const Engagement engagement = scheduled.record.engagement;
    if (!plan_offboarding(in, note, engagement, plan, problems)) return std::nullopt;
    if (auto warning = active_past_project_end(note.fm.project_end, engagement, in.today)) {
        const auto [line, column] = key_position(in.bytes, note.split, "project_end");
        problems.push_back(Problem{
            std::string(in.file), line, column, Severity::warning, std::move(*warning), {}});
    }
    auto owned_edits = plan_owned_edits(in.bytes, note.split, note.fm, plan.wanted);
    plan.edits.insert(plan.edits.end(), owned_edits.begin(), owned_edits.end());
    return plan;
}

// `tasks` are the note's open tasks as read.
std::optional<AppliedNote> apply_and_verify(const NoteInput& in, const ParsedNote& note,
                                            EditPlan plan, std::vector<TaskItem> tasks,
                                            std::vector<Problem>& problems) {
    AppliedNote out;
    out.tasks = std::move(tasks);
    if (plan.edits.empty()) return out;
    std::string updated = apply_edits(in.bytes, std::move(plan.edits));
    if (updated == in.bytes) return out;
    // SPEC §9, the safety net: what would be written must read back as
    // planned, or nothing is written.
    if (auto wrong = verify_rewrite(updated, in.file, note.fm, plan.wanted)) {
        problems.push_back(note_error(
            in.file, 1, 1,
            fmt::format("internal error: the update of this note failed its check ({}); the "
                        "note was left untouched, please report this",
                        *wrong)));
        return std::nullopt;
    }
    // Positions name the note as written: key lines added to the front
    // matter move the body down, and a second run must report the same
    // lines (SPEC §9).
    const Split new_split = split_note(updated);
    const int first_line = note.split.body_first_line;
    const int added_lines = new_split.body_first_line - first_line;
    for (auto& problem : problems)
        if (problem.line >= first_line) problem.line += added_lines;
    if (plan.offboard) {
        // The checklist's items are action items from this run on.
        out.tasks = scan_body(new_split.body(updated), new_split.body_first_line,
                              in.config.log_heading, in.file)
                        .open_tasks;
    } else {
        for (auto& task : out.tasks) task.line += added_lines;
    }
    out.new_bytes = std::move(updated);
    return out;
}

// Collect: the record with the note's action items and the cards due.
ClientRecord collect_record(const NoteInput& in, const ParsedNote& note, ClientRecord record,
                            const std::vector<TaskItem>& tasks) {
    if (record.engagement == Engagement::paused) return record;  // SPEC §5.2: no actions, no cards
    // SPEC §4.2: undated items are due at the next contact, else today.
    const Date undated_due = record.next_contact.value_or(in.today);
    for (const auto& task : tasks)
        record.actions.push_back(ActionItem{task.text, task.due.value_or(undated_due),
                                            task.due.has_value(), ActionItem::Origin::task,
                                            task.line});
    for (const auto& action : note.fm.next_actions)
        record.actions.push_back(ActionItem{action.text, action.due.value_or(undated_due),
                                            action.due.has_value(),
                                            ActionItem::Origin::front_matter, action.line});
    for (std::size_t i = 0; i < note.occasions.size(); ++i) {
        const Occasion& occasion = note.occasions[i];
        auto date = card_due(occasion, in.today, in.config.card_lead);
        if (date && !card_sent(occasion, *date, note.occasions, note.body.entries,
                               in.config.card_lead, in.today))
            record.cards.push_back(
                CardReminder{occasion.name, occasion.label, *date, note.occasion_lines[i]});
    }
    return record;
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
    const Split split = split_note(bytes);
    if (split.kind == Split::Kind::not_a_note) return result;
    result.is_note = true;
    const NoteInput in{file, bytes, config, today};
    auto& problems = result.problems;
    // Each step stops the note with an error in `problems`, or hands on.
    if (auto note = parse_note(in, split, problems))
        if (auto scheduled = schedule_note(in, *note, problems))
            if (auto plan = plan_note_edits(in, *note, *scheduled, problems))
                if (auto applied = apply_and_verify(in, *note, std::move(*plan),
                                                    std::move(note->body.open_tasks), problems)) {
                    result.record =
                        collect_record(in, *note, std::move(scheduled->record), applied->tasks);
                    result.new_bytes = std::move(applied->new_bytes);
                }
    attach_source_lines(problems, result.new_bytes ? std::string_view(*result.new_bytes) : bytes);
    sort_problems(problems);
    return result;
}

}  // namespace touchbase
