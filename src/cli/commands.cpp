#include "commands.h"

#include <fmt/format.h>

#include "agenda.h"
#include "color.h"
#include "files.h"
#include "named_notes.h"
#include "report.h"
#include "run.h"

namespace touchbase {

namespace {

struct Pass {
    PassResult result;
    std::vector<Problem> problems;  // config warnings and note problems
};

Pass read_notes(const Setup& s, WriteMode mode, Records records = Records::keep) {
    std::vector<Problem> scan_problems;
    // An agenda path that may not be written (it names a note, say) hides
    // nothing from the scan.
    auto notes = scan_notes(s.dir, s.config.exclude, s.agenda_problem ? fs::path() : s.agenda_path,
                            scan_problems);
    Pass pass{process_notes(notes, s.config, s.today, mode, s.jobs, records), {}};
    pass.problems = s.config_problems;
    pass.problems.insert(pass.problems.end(), scan_problems.begin(), scan_problems.end());
    pass.problems.insert(pass.problems.end(), pass.result.problems.begin(),
                         pass.result.problems.end());
    sort_problems(pass.problems);
    return pass;
}

// Spec §7.2: `calendar_id`, else the name of DIR's folder.
std::string calendar_id_of(const Setup& s) {
    if (!s.config.calendar_id.empty()) return s.config.calendar_id;
    fs::path dir = s.dir.lexically_normal();
    if (!dir.has_filename()) dir = dir.parent_path();
    return dir.filename().string();
}

Report report_of(const Setup& s, Pass& pass, const CommonOptions& common) {
    Report report = make_report(std::move(pass.result.clients), pass.problems, s.today,
                                s.config.horizon, s.config.schedule.calendar, common.owner);
    report.calendar_id = calendar_id_of(s);
    return report;
}

int status_for(const std::vector<Problem>& problems) {
    return has_error(problems) ? exit_note_error : exit_ok;
}

}  // namespace

namespace {

// `run`/`check` with one folder named: that folder is DIR.
CommonOptions with_dir_target(const CommonOptions& given) {
    CommonOptions common = given;
    if (!common.targets.empty()) common.dir = common.targets.front();
    return common;
}

}  // namespace

int run_run(const CommonOptions& given) {
    if (names_notes(given.targets)) return run_named_notes(given, given.targets, WriteMode::write);
    const CommonOptions common = with_dir_target(given);
    const Expected<Setup> set_up = setup(common);
    if (!set_up) return report(set_up.failure());
    const Setup& s = *set_up;
    if (s.agenda_problem) {
        return report(failure(exit_usage, "the agenda cannot be written at {}: {}",
                              s.agenda_path.string(), *s.agenda_problem));
    }
    DirLock lock(s.dir, kLockWaitSeconds);
    if (!lock.held()) return report(lock_failure(s, lock));
    remove_stale_temporaries(s.dir, s.config.exclude);
    Pass pass = read_notes(s, WriteMode::write);
    std::size_t notes_read = pass.result.notes_read;
    std::size_t notes_updated = pass.result.changed.size();

    Report report = report_of(s, pass, common);
    // The note problems, and the report's own (an --owner that keeps no client).
    for (const auto& p : report.problems) touchbase::report(p, common.quiet);
    const Agenda agenda = build_agenda(report, {.clients_and_actions = false, .events = false});
    int status = status_for(pass.problems);
    // SPEC §6: written only when its content changes. The text is made twice
    // when it does (once to compare, once to write) rather than held whole:
    // the agenda of 100,000 notes is some 30 MB.
    const Content agenda_text = [&](const TextSink& put) {
        render_markdown(agenda, s.link_prefix, put);
    };
    if (!same_content(s.agenda_path, agenda_text)) {
        // An `agenda` in a folder that git does not keep yet (it keeps no
        // empty folders): make the folder rather than fail every run.
        auto error = make_agenda_folder(s.agenda_path);
        if (!error) error = write_atomically(s.agenda_path, agenda_text, std::nullopt);
        if (error) {
            status = touchbase::report(
                failure(exit_note_error, "{}: {}", s.agenda_path.string(), *error));
        }
    }
    if (!common.quiet) {
        // Counts that ask for attention stand out on a terminal (--color).
        const bool color = stderr_color_enabled(common.color);
        auto count = [&](std::size_t n, std::string_view what, Colour colour) {
            return paint(fmt::format("{} {}", n, what), colour, color && n > 0);
        };
        std::size_t problems = report.problems.size();
        // Clients and action items apart, as the agenda's summary counts them.
        const AgendaCounts& due = agenda.counts;
        report_progress(fmt::format(
            "{} {} read, {} updated, {} ({}), {} ({}), {}", notes_read,
            notes_read == 1 ? "note" : "notes", notes_updated,
            count(due.clients, due.clients == 1 ? "client to contact" : "clients to contact",
                  Colour::yellow),
            count(due.clients_overdue, "overdue", Colour::red),
            count(due.actions, due.actions == 1 ? "action item due" : "action items due",
                  Colour::yellow),
            count(due.actions_overdue, "overdue", Colour::red),
            count(problems, problems == 1 ? "problem" : "problems", Colour::red)));
    }
    return status;
}

int run_check(const CommonOptions& given) {
    if (names_notes(given.targets))
        return run_named_notes(given, given.targets, WriteMode::dry_run);
    const CommonOptions common = with_dir_target(given);
    const Expected<Setup> set_up = setup(common);
    if (!set_up) return report(set_up.failure());
    const Setup& s = *set_up;
    // No agenda: the client records are not kept.
    Pass pass = read_notes(s, WriteMode::dry_run, Records::drop);
    for (const auto& p : pass.problems) report(p, common.quiet);
    if (!common.quiet)
        for (const auto& file : pass.result.changed)
            report_progress(shown_format("{} would be updated", file));
    if (has_error(pass.problems)) return exit_note_error;
    return pass.result.changed.empty() ? exit_ok : exit_check_changes;
}

namespace {

std::string link_prefix_for_output(const Setup& s, const AgendaOptions& options) {
    return options.output ? link_prefix_for(s.dir, fs::absolute(*options.output)) : s.link_prefix;
}

// Spec §8 for `--output FILE`: the rules of `--agenda` on the command line
// (agenda_path_problem): never over a file that begins with front matter (a
// note or not), the configuration, or anything that is not a regular file;
// folders made only inside DIR. A link is followed (written at its target).
Outcome output_target_error(const Setup& s, const std::string& file) {
    if (auto why = agenda_path_problem(s.dir, file, true, s.config_path))
        return failure(exit_usage, "{}: --output cannot write there: {}", file, *why);
    if (auto error = make_agenda_folder(file)) return failure(exit_usage, "{}: {}", file, *error);
    return std::nullopt;
}

}  // namespace

int run_agenda(const CommonOptions& common, const AgendaOptions& options) {
    const Expected<Setup> set_up = setup(common);
    if (!set_up) return report(set_up.failure());
    const Setup& s = *set_up;
    Pass pass = read_notes(s, WriteMode::dry_run);
    const Report report = report_of(s, pass, common);
    for (const auto& p : report.problems) touchbase::report(p, common.quiet);
    // Each format builds only the lists it shows, and is made as it is
    // written: the whole text of a large folder never sits in memory.
    const bool json = options.format == "json", ics = options.format == "ics";
    const Agenda agenda = build_agenda(report, {.clients_and_actions = json, .events = ics});
    const int status = status_for(report.problems);
    const std::string link_prefix = link_prefix_for_output(s, options);
    const Content text = [&](const TextSink& put) {
        if (json)
            render_json(agenda, put);
        else if (ics)
            put(render_ics(agenda));
        else
            render_markdown(agenda, link_prefix, put);
    };
    if (!options.output) {
        text([](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); });
        return status;
    }
    // Spec §7: FILE is replaced atomically, and only now that the agenda was
    // made (exit 0 or 3): a bad configuration (exit 2) returned above and
    // left it as it was.
    if (auto failed = output_target_error(s, *options.output)) return touchbase::report(*failed);
    if (auto error = write_atomically(*options.output, text, std::nullopt))
        return touchbase::report(failure(exit_usage, "{}: {}", *options.output, *error));
    return status;
}

}  // namespace touchbase
