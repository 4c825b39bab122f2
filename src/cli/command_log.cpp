// `touchbase log NOTE [MESSAGE]` (SPEC §7).
//
// Where the spec is silent: docs/decisions.md#log-note (NOTE as a path or a name) and
// docs/decisions.md#log-updates-note (one atomic write under the lock, no agenda,
// `--next` after the entry's date, the confirmation on stdout).
#include <sys/stat.h>

#include <algorithm>

#include <fmt/format.h>

#include "body.h"
#include "edit.h"
#include "files.h"
#include "front_matter.h"
#include "guards.h"
#include "log_entry.h"
#include "note.h"
#include "note_commands.h"
#include "note_lookup.h"
#include "report.h"
#include "run.h"

namespace touchbase {

namespace {

// SPEC §3 name of every note under DIR, for the lookup by name.
std::vector<NoteName> note_names(const Setup& s) {
    std::vector<std::string> warnings;
    std::vector<NoteName> out;
    for (const auto& note : scan_notes(s.dir, s.config.exclude, s.agenda_path, warnings)) {
        ReadFile file = read_note(note, kMaxNoteSize);
        if (file.error) continue;
        Split split = split_note(file.bytes);
        if (split.kind != Split::Kind::note) continue;
        NoteName name{note.rel, {}, note_stem(note.path)};
        // SPEC §9: only text that passes the guards reaches yaml-cpp or
        // cmark-gfm; a note with a bad byte is found by what is clean in it
        // (else its file name), and the guarded read refuses it afterwards.
        const std::string_view bytes = file.bytes;
        const std::string_view head = bytes.substr(0, split.body_begin);
        std::optional<std::string> front_name;
        if (!check_text(head, note.rel, "the note"))
            front_name = read_front_matter(bytes, split, note.rel).front_matter.name;
        if (front_name) {
            name.name = *front_name;
        } else if (!check_text(split.body(bytes), note.rel, "the note")) {
            BodyScan body =
                scan_body(split.body(bytes), split.body_first_line, s.config.log_heading, note.rel);
            name.name = body.first_h1.value_or(name.stem);
        } else {
            name.name = name.stem;
        }
        out.push_back(std::move(name));
    }
    return out;
}

struct Target {
    fs::path path;
    std::string rel;  // as reported: relative to DIR
};

// NOTE given as a path (with '/' or ending in .md): it must be a regular
// file that resolves inside DIR (SPEC §9: log writes only inside DIR, never
// through a link that leads out of it).
Expected<Target> target_by_path(const Setup& s, const std::string& note) {
    std::error_code ec;
    fs::path path = note;
    if (!fs::exists(path, ec) && path.is_relative() && fs::exists(s.dir / path, ec))
        path = s.dir / path;
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return failure(exit_usage, "{}: no such note", note);
    if (!S_ISREG(st.st_mode))
        return failure(
            exit_usage,
            "{}: not a regular file (a FIFO, socket, device or folder); a note is a regular file",
            note);
    fs::path rel = fs::weakly_canonical(fs::absolute(path, ec), ec)
                       .lexically_relative(fs::weakly_canonical(s.dir, ec));
    std::string shown = rel.generic_string();
    if (shown.empty() || shown == "." || shown.starts_with("../") || shown == "..")
        return failure(
            exit_usage,
            "{}: outside the notes folder {} (links resolved); log writes only notes inside it",
            note, s.dir.string());
    return Target{path, shown};
}

Expected<Target> find_target(const Setup& s, const std::string& note) {
    if (note.find('/') != std::string::npos || note.ends_with(".md"))
        return target_by_path(s, note);
    NoteLookup lookup = find_note(note, note_names(s));
    switch (lookup.kind) {
        case NoteLookup::Kind::found:
            return Target{s.dir / lookup.matches.front().file, lookup.matches.front().file};
        case NoteLookup::Kind::ambiguous: {
            std::string message = shown_format("'{}' matches several notes:\n", note);
            for (const auto& m : lookup.matches)
                message += shown_format("  {} ({})\n", m.file, m.name);
            return Failure{exit_usage, message + "Give more of the name, or the note's path.", {}};
        }
        case NoteLookup::Kind::none: break;
    }
    return failure(exit_usage, "no note in {} is named '{}' (by name or file name)", s.dir.string(),
                   note);
}

Expected<Date> parse_option_date(const std::string& text, const char* option) {
    if (auto d = Date::parse(text)) return *d;
    return failure(exit_usage, "invalid date '{}' for {} (expected YYYY-MM-DD)", text, option);
}

// SPEC §5.5: OCCASION is letters, digits and '-'.
bool is_occasion_word(const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-';
    });
}

// The entry the options describe.
Expected<LogEntry> entry_of(const LogOptions& options, Date today) {
    LogEntry entry;
    entry.date = today;
    if (options.date) {
        auto d = parse_option_date(*options.date, "--date");
        if (!d) return d.failure();
        entry.date = *d;
    }
    if (options.next) {
        auto d = parse_option_date(*options.next, "--next");
        if (!d) return d.failure();
        if (*d <= entry.date)
            return failure(exit_usage, "--next {} must be after the entry's date {}", *d,
                           entry.date);
        entry.next = *d;
    }
    entry.message = options.message;
    entry.needs = options.needs;
    entry.news = options.news;
    entry.missed = options.missed;
    if (options.card) {
        if (!options.card->empty() && !is_occasion_word(*options.card))
            return failure(
                exit_usage,
                "invalid occasion '{}' for --card (expected an occasion of the note's cards, e.g. "
                "christmas or 05-12)",
                *options.card);
        entry.card = true;
        entry.card_occasion = *options.card;
    }
    return entry;
}

// Under the lock, the note as it is now: resolved again, still inside DIR,
// one hard link, to be read with no link followed on the way.
Expected<NoteFile> note_under_lock(const Setup& s, const Target& target) {
    std::error_code ec;
    const fs::path root = fs::canonical(s.dir, ec);
    const fs::path real = fs::canonical(target.path, ec);
    struct stat st {};
    if (ec || ::stat(real.c_str(), &st) != 0 ||
        real.lexically_relative(root).generic_string().starts_with(".."))
        return failure(exit_note_error, "{}: no longer a note inside {}; nothing written",
                       target.rel, s.dir.string());
    if (st.st_nlink > 1)
        return failure(
            exit_note_error,
            "{}: the file has {} hard links; touchbase does not rewrite it (a rename would split "
            "them); nothing written",
            target.rel, static_cast<unsigned>(st.st_nlink));
    return NoteFile{target.rel,    target.path.string(),
                    real.string(), st.st_dev,
                    st.st_ino,     static_cast<unsigned>(st.st_nlink)};
}

std::string outcome_line(const std::string& rel, const LogEntry& entry, const ClientRecord& record,
                         const std::optional<Date>& last_before, Date today,
                         const ScheduleSettings& settings) {
    std::string what;
    if (entry.missed)
        what = fmt::format("logged a missed attempt on {}", entry.date);
    else if (entry.card)
        what =
            fmt::format("logged a card{} on {}",
                        entry.card_occasion.empty() ? std::string()
                                                    : fmt::format(" for {}", entry.card_occasion),
                        entry.date);
    else
        what = fmt::format("logged {}", entry.date);
    if (entry.date > today)
        what += " (a plan: it counts from that day)";
    else if (entry.card && !entry.missed)
        what += " (a card is not a contact: the counter and the next contact stay)";
    else if (!entry.missed && last_before && entry.date < *last_before)
        what +=
            fmt::format(" (before the last contact, {}: history, nothing changes)", *last_before);
    std::string state;
    if (record.counter) state = fmt::format("counter {}, ", *record.counter);
    if (record.engagement == Engagement::paused) {
        state += "next contact none (paused)";
    } else if (record.next_contact) {
        state += fmt::format("next contact {}", *record.next_contact);
        // SPEC §5.2: a casual or former client who needs you gets a follow-up.
        const bool follow_up =
            (record.engagement == Engagement::casual || record.engagement == Engagement::former) &&
            !entry.missed && !entry.card && (entry.needs || entry.news) && entry.date <= today &&
            record.last_contact == entry.date;
        if (follow_up)
            state += fmt::format(" (a follow-up; then every {} again)", settings.at_least_every);
    } else {
        state += "next contact today (new client)";
    }
    return fmt::format("{}: {}; {}", rel, what, state);
}

// The note with `entry` added, processed as `run` would; the note read
// first through run's guarded path, refused when it has an error.
struct Logged {
    NoteRead read;                    // the note as it was
    std::optional<Date> last_before;  // its last_contact before the entry
    NoteResult result;                // the note with the entry, processed
    std::string bytes;                // what to write
};

Expected<Logged> add_entry(const Setup& s, const NoteFile& note, const LogEntry& entry) {
    Logged logged{read_and_process_note(note, s.config, s.today), {}, {}, {}};
    const ReadFile& file = logged.read.file;
    if (file.error) return failure(exit_note_error, "{}: {}", note.rel, *file.error);
    const Split split = split_note(file.bytes);
    if (split.kind == Split::Kind::not_a_note)
        return failure(
            exit_usage,
            "{} is not a note: it does not start with a front matter block (a line '---', the YAML "
            "keys, a line '---')",
            note.rel);
    if (has_error(logged.read.result.problems)) {
        logged.result = std::move(logged.read.result);  // refused as it is, where run reports it
        return logged;
    }
    logged.last_before = read_front_matter(file.bytes, split, note.rel).front_matter.last_contact;
    const LogLayout layout = log_layout(split.body(file.bytes), s.config.log_heading);
    Edit edit = plan_log_entry(file.bytes, split.body_begin, split.eol, layout,
                               s.config.log_heading.front(), entry);
    logged.bytes = apply_edits(file.bytes, {edit});
    logged.result = process_note(note.rel, logged.bytes, s.config, s.today);
    if (logged.result.new_bytes) logged.bytes = std::move(*logged.result.new_bytes);
    return logged;
}

}  // namespace

int run_log(const CommonOptions& common, const LogOptions& options) {
    const Expected<Setup> set_up = setup(common);
    if (!set_up) return report(set_up.failure());
    const Setup& s = *set_up;
    const Expected<LogEntry> entry = entry_of(options, s.today);
    if (!entry) return report(entry.failure());
    const Expected<Target> target = find_target(s, options.note);
    if (!target) return report(target.failure());

    DirLock lock(s.dir, kLockWaitSeconds);
    if (!lock.held()) return report(lock_failure(s, lock));
    const Expected<NoteFile> note = note_under_lock(s, *target);
    if (!note) return report(note.failure());
    Expected<Logged> logged = add_entry(s, *note, *entry);
    if (!logged) return report(logged.failure());
    for (const auto& p : s.config_problems) report(p, common.quiet);
    for (const auto& p : logged->result.problems) report(p, common.quiet);
    if (!logged->result.record || has_error(logged->result.problems)) {
        report_progress(shown_format("{} has an error: nothing was written", note->rel));
        return exit_note_error;
    }
    const ReadFile& file = logged->read.file;
    if (auto error = write_atomically(note->real, logged->bytes, file.stamp, &file.bytes))
        return report(failure(exit_note_error, "{}: {}", note->rel, *error));
    if (!common.quiet)
        fmt::print("{}\n", outcome_line(note->rel, *entry, *logged->result.record,
                                        logged->last_before, s.today, s.config.schedule));
    return exit_ok;
}

}  // namespace touchbase
