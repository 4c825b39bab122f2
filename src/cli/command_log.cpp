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
#include "log_entry.h"
#include "note.h"
#include "note_commands.h"
#include "note_lookup.h"
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
        FrontMatterRead read = read_front_matter(file.bytes, split, note.rel);
        if (read.front_matter.name) {
            name.name = *read.front_matter.name;
        } else {
            BodyScan body = scan_body(split.body(file.bytes), split.body_first_line,
                                      s.config.log_heading, note.rel);
            name.name = body.first_h1.value_or(name.stem);
        }
        out.push_back(std::move(name));
    }
    return out;
}

struct Target {
    fs::path path;
    std::string rel;  // as reported: relative to DIR
};

std::optional<Target> find_target(const Setup& s, const std::string& note) {
    std::error_code ec;
    const bool is_path = note.find('/') != std::string::npos || note.ends_with(".md");
    if (is_path) {
        fs::path path = note;
        if (!fs::exists(path, ec) && path.is_relative() && fs::exists(s.dir / path, ec))
            path = s.dir / path;
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            fmt::print(stderr, "touchbase: error: {}: no such note\n", shown_text(note));
            return std::nullopt;
        }
        if (!S_ISREG(st.st_mode)) {
            fmt::print(stderr,
                       "touchbase: error: {}: not a regular file (a FIFO, socket, device or "
                       "folder); a note is a regular file\n",
                       shown_text(note));
            return std::nullopt;
        }
        // SPEC §9: log writes only inside DIR, never through a link that
        // leads out of it.
        fs::path rel = fs::weakly_canonical(fs::absolute(path, ec), ec)
                           .lexically_relative(fs::weakly_canonical(s.dir, ec));
        std::string shown = rel.generic_string();
        if (shown.empty() || shown == "." || shown.starts_with("../") || shown == "..") {
            fmt::print(stderr,
                       "touchbase: error: {}: outside the notes folder {} (links resolved); log "
                       "writes only notes inside it\n",
                       shown_text(note), shown_text(s.dir.string()));
            return std::nullopt;
        }
        return Target{path, shown};
    }
    NoteLookup lookup = find_note(note, note_names(s));
    switch (lookup.kind) {
    case NoteLookup::Kind::found:
        return Target{s.dir / lookup.matches.front().file, lookup.matches.front().file};
    case NoteLookup::Kind::ambiguous:
        fmt::print(stderr, "touchbase: error: '{}' matches several notes:\n", note);
        for (const auto& m : lookup.matches) fmt::print(stderr, "  {} ({})\n", m.file, m.name);
        fmt::print(stderr, "Give more of the name, or the note's path.\n");
        return std::nullopt;
    case NoteLookup::Kind::none:
        break;
    }
    fmt::print(stderr, "touchbase: error: no note in {} is named '{}' (by name or file name)\n",
               s.dir.string(), note);
    return std::nullopt;
}

std::optional<Date> parse_option_date(const std::optional<std::string>& text, const char* option) {
    auto d = Date::parse(*text);
    if (!d)
        fmt::print(stderr, "touchbase: error: invalid date '{}' for {} (expected YYYY-MM-DD)\n",
                   *text, option);
    return d;
}

std::string outcome_line(const std::string& rel, const LogEntry& entry, const ClientRecord& record,
                         const std::optional<Date>& last_before, Date today,
                         const ScheduleSettings& settings) {
    std::string what;
    if (entry.missed)
        what = fmt::format("logged a missed attempt on {}", entry.date);
    else if (entry.card)
        what = fmt::format("logged a card{} on {}",
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
        what += fmt::format(" (before the last contact, {}: history, nothing changes)", *last_before);
    std::string state;
    if (record.counter) state = fmt::format("counter {}, ", *record.counter);
    if (record.engagement == Engagement::paused) {
        state += "next contact none (paused)";
    } else if (record.next_contact) {
        state += fmt::format("next contact {}", *record.next_contact);
        // SPEC §5.2: a casual or former client who needs you gets a follow-up.
        const bool follow_up = (record.engagement == Engagement::casual ||
                                record.engagement == Engagement::former) &&
                               !entry.missed && !entry.card && (entry.needs || entry.news) &&
                               entry.date <= today && record.last_contact == entry.date;
        if (follow_up)
            state += fmt::format(" (a follow-up; then every {} again)", settings.at_least_every);
    } else {
        state += "next contact today (new client)";
    }
    return fmt::format("{}: {}; {}", rel, what, state);
}

}  // namespace

int run_log(const CommonOptions& common, const LogOptions& options) {
    Setup s;
    if (auto status = setup(common, s)) return *status;

    LogEntry entry;
    entry.date = s.today;
    if (options.date) {
        auto d = parse_option_date(options.date, "--date");
        if (!d) return exit_usage;
        entry.date = *d;
    }
    if (options.next) {
        auto d = parse_option_date(options.next, "--next");
        if (!d) return exit_usage;
        if (*d <= entry.date) {
            fmt::print(stderr,
                       "touchbase: error: --next {} must be after the entry's date {}\n",
                       *d, entry.date);
            return exit_usage;
        }
        entry.next = d;
    }
    entry.message = options.message;
    entry.needs = options.needs;
    entry.news = options.news;
    entry.missed = options.missed;
    if (options.card) {
        // SPEC §5.5: OCCASION is letters, digits and '-'.
        const bool word = !options.card->empty() &&
                          std::all_of(options.card->begin(), options.card->end(), [](char c) {
                              return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                     (c >= '0' && c <= '9') || c == '-';
                          });
        if (!options.card->empty() && !word) {
            fmt::print(stderr,
                       "touchbase: error: invalid occasion '{}' for --card (expected an occasion "
                       "of the note's cards, e.g. christmas or 05-12)\n",
                       *options.card);
            return exit_usage;
        }
        entry.card = true;
        entry.card_occasion = *options.card;
    }

    auto target = find_target(s, options.note);
    if (!target) return exit_usage;

    DirLock lock(s.dir, kLockWaitSeconds);
    if (!lock.held()) return report_locked(s, lock);
    // Under the lock, the note is opened as it is now: resolved again, still
    // inside DIR, and read with no link followed on the way.
    NoteFile note;
    {
        std::error_code ec;
        const fs::path root = fs::canonical(s.dir, ec);
        const fs::path real = fs::canonical(target->path, ec);
        struct stat st {};
        if (ec || ::stat(real.c_str(), &st) != 0 ||
            real.lexically_relative(root).generic_string().starts_with("..")) {
            fmt::print(stderr, "touchbase: error: {}: no longer a note inside {}; nothing written\n",
                       shown_text(target->rel), shown_text(s.dir.string()));
            return exit_note_error;
        }
        note.rel = target->rel;
        note.path = target->path.string();
        note.real = real.string();
        note.device = st.st_dev;
        note.inode = st.st_ino;
        note.links = static_cast<unsigned>(st.st_nlink);
    }
    if (note.links > 1) {
        fmt::print(stderr,
                   "touchbase: error: {}: the file has {} hard links; touchbase does not rewrite it "
                   "(a rename would split them); nothing written\n",
                   shown_text(target->rel), note.links);
        return exit_note_error;
    }
    ReadFile file = read_note(note, kMaxNoteSize);
    if (file.error) {
        fmt::print(stderr, "touchbase: error: {}: {}\n", shown_text(target->rel), *file.error);
        return exit_note_error;
    }
    Split split = split_note(file.bytes);
    if (split.kind == Split::Kind::not_a_note) {
        fmt::print(stderr,
                   "touchbase: error: {} is not a note: it does not start with a front matter "
                   "block (a line '---', the YAML keys, a line '---')\n",
                   target->rel);
        return exit_usage;
    }
    std::optional<Date> last_before;
    if (split.kind == Split::Kind::note)
        last_before = read_front_matter(file.bytes, split, target->rel).front_matter.last_contact;

    const LogLayout layout = log_layout(split.body(file.bytes), s.config.log_heading);
    Edit edit = plan_log_entry(file.bytes, split.body_begin, split.eol, layout,
                               s.config.log_heading.front(), entry);
    std::string logged = apply_edits(file.bytes, {edit});

    NoteResult result = process_note(target->rel, logged, s.config, s.today);
    for (const auto& p : s.config_problems) print_problem(p, common);
    for (const auto& p : result.problems) print_problem(p, common);
    if (!result.record || has_error(result.problems)) {
        fmt::print(stderr, "touchbase: {} has an error: nothing was written\n", target->rel);
        return exit_note_error;
    }
    const std::string& final_bytes = result.new_bytes ? *result.new_bytes : logged;
    if (auto error = write_atomically(note.real, final_bytes, file.stamp, &file.bytes)) {
        fmt::print(stderr, "touchbase: error: {}: {}\n", shown_text(target->rel), *error);
        return exit_note_error;
    }
    if (!common.quiet)
        fmt::print("{}\n", outcome_line(target->rel, entry, *result.record, last_before, s.today,
                                      s.config.schedule));
    return exit_ok;
}

}  // namespace touchbase
