#include "commands.h"

#include <unistd.h>

#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "agenda.h"
#include "color.h"
#include "files.h"
#include "run.h"

namespace touchbase {

void print_problem(const Problem& p, const CommonOptions& common) {
    if (p.severity == Severity::warning && common.quiet) return;
    fmt::print(stderr, "{}\n", format_problem_with_source(p));
}

namespace {

Date local_today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return *Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string link_prefix_for(const fs::path& dir, const fs::path& agenda_path) {
    std::error_code ec;
    fs::path from = fs::weakly_canonical(agenda_path, ec).parent_path();
    fs::path rel = fs::weakly_canonical(dir, ec).lexically_relative(from);
    std::string s = rel.generic_string();
    if (s.empty() || s == ".") return "";
    return s + "/";
}

}  // namespace

// Returns an exit status when setup fails.
std::optional<int> setup(const CommonOptions& common, Setup& s) {
    std::error_code ec;
    if (common.dir.empty()) {
        s.dir = find_notes_dir(fs::current_path(ec));
    } else {
        s.dir = fs::absolute(common.dir, ec);
        if (!fs::is_directory(s.dir, ec)) {
            fmt::print(stderr, "touchbase: error: {} is not a folder\n", common.dir);
            return exit_usage;
        }
    }

    if (common.today) {
        auto d = Date::parse(*common.today);
        if (!d) {
            fmt::print(stderr, "touchbase: error: invalid date '{}' for --today (expected YYYY-MM-DD)\n",
                       *common.today);
            return exit_usage;
        }
        s.today = *d;
    } else {
        s.today = local_today();
    }

    fs::path config_path = common.config ? fs::path(*common.config) : s.dir / ".touchbase.yaml";
    if (common.config || fs::exists(config_path, ec)) {
        ReadFile file = read_file(config_path, kMaxNoteSize);
        if (file.error) {
            fmt::print(stderr, "touchbase: error: {}: {}\n", config_path.string(), *file.error);
            return exit_usage;
        }
        std::string shown = common.config ? *common.config : ".touchbase.yaml";
        ConfigRead read = read_config(file.bytes, shown);
        attach_source_lines(read.problems, file.bytes);
        s.config = std::move(read.config);
        if (has_error(read.problems)) {
            for (const auto& p : read.problems) print_problem(p, common);
            return exit_usage;
        }
        s.config_problems = std::move(read.problems);
    }
    if (common.horizon) {
        auto h = Duration::parse(*common.horizon);
        if (!h) {
            fmt::print(stderr,
                       "touchbase: error: invalid duration '{}' for --horizon (expected a number "
                       "and d, w, m or y)\n",
                       *common.horizon);
            return exit_usage;
        }
        s.config.horizon = *h;
    }
    s.agenda_path = common.agenda ? fs::absolute(*common.agenda, ec) : s.dir / s.config.agenda;
    s.link_prefix = link_prefix_for(s.dir, s.agenda_path);
    s.jobs = common.jobs ? common.jobs : std::max(1u, std::thread::hardware_concurrency());
    return std::nullopt;
}

namespace {

struct Pass {
    PassResult result;
    std::vector<Problem> problems;  // config warnings and note problems
};

Pass read_notes(const Setup& s, WriteMode mode) {
    std::vector<std::string> warnings;
    auto notes = scan_notes(s.dir, s.config.exclude, s.agenda_path, warnings);
    for (const auto& w : warnings) fmt::print(stderr, "touchbase: warning: {}\n", w);
    Pass pass{process_notes(notes, s.config, s.today, mode, s.jobs), {}};
    pass.problems = s.config_problems;
    pass.problems.insert(pass.problems.end(), pass.result.problems.begin(),
                         pass.result.problems.end());
    sort_problems(pass.problems);
    return pass;
}

Report report_of(const Setup& s, Pass& pass, const CommonOptions& common) {
    return make_report(std::move(pass.result.clients), pass.problems, s.today, s.config.horizon,
                       s.config.schedule.calendar, common.owner);
}

int status_for(const std::vector<Problem>& problems) {
    return has_error(problems) ? exit_note_error : exit_ok;
}

}  // namespace

int report_locked(const Setup& s) {
    fmt::print(stderr,
               "touchbase: error: another touchbase run holds {} (waited {:g} seconds); try again "
               "when it has finished\n",
               s.dir.string(), kLockWaitSeconds);
    return exit_locked;
}

int run_run(const CommonOptions& common) {
    Setup s;
    if (auto status = setup(common, s)) return *status;
    DirLock lock(s.dir, kLockWaitSeconds);
    if (!lock.held()) return report_locked(s);
    remove_stale_temporaries(s.dir);
    Pass pass = read_notes(s, WriteMode::write);
    for (const auto& p : pass.problems) print_problem(p, common);
    std::size_t notes_read = pass.result.notes_read;
    std::size_t notes_updated = pass.result.changed.size();

    Report report = report_of(s, pass, common);
    const Agenda agenda = build_agenda(report);
    std::string agenda_text = render_markdown(agenda, s.link_prefix);
    int status = status_for(pass.problems);
    // SPEC §6: written only when its content changes. An existing agenda
    // larger than the new one differs from it, so no more needs reading (and
    // an agenda of a large folder may pass the 10 MiB limit of notes).
    ReadFile existing = read_file(s.agenda_path, agenda_text.size());
    if (existing.error || existing.bytes != agenda_text) {
        // An `agenda` in a folder that git does not keep yet (it keeps no
        // empty folders): make the folder rather than fail every run.
        std::error_code ec;
        fs::create_directories(s.agenda_path.parent_path(), ec);
        if (auto error = write_atomically(s.agenda_path, agenda_text, std::nullopt)) {
            fmt::print(stderr, "touchbase: error: {}: {}\n", s.agenda_path.string(), *error);
            status = exit_note_error;
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
        fmt::print(stderr, "touchbase: {} {} read, {} updated, {} ({}), {} ({}), {}\n", notes_read,
                   notes_read == 1 ? "note" : "notes", notes_updated,
                   count(due.clients, due.clients == 1 ? "client to contact" : "clients to contact",
                         Colour::yellow),
                   count(due.clients_overdue, "overdue", Colour::red),
                   count(due.actions, due.actions == 1 ? "action item due" : "action items due",
                         Colour::yellow),
                   count(due.actions_overdue, "overdue", Colour::red),
                   count(problems, problems == 1 ? "problem" : "problems", Colour::red));
    }
    return status;
}

int run_check(const CommonOptions& common) {
    Setup s;
    if (auto status = setup(common, s)) return *status;
    Pass pass = read_notes(s, WriteMode::dry_run);
    for (const auto& p : pass.problems) print_problem(p, common);
    if (!common.quiet)
        for (const auto& file : pass.result.changed)
            fmt::print(stderr, "touchbase: {} would be updated\n", file);
    if (has_error(pass.problems)) return exit_note_error;
    return pass.result.changed.empty() ? exit_ok : exit_check_changes;
}

int run_agenda(const CommonOptions& common, const AgendaOptions& options) {
    Setup s;
    if (auto status = setup(common, s)) return *status;
    Pass pass = read_notes(s, WriteMode::dry_run);
    for (const auto& p : pass.problems) print_problem(p, common);
    const Report report = report_of(s, pass, common);
    const Agenda agenda = build_agenda(report);
    if (options.format == "json")
        write_json(agenda, stdout);
    else if (options.format == "ics")
        fmt::print("{}", render_ics(agenda));
    else
        fmt::print("{}", render_markdown(agenda, s.link_prefix));
    return status_for(report.problems);
}

}  // namespace touchbase
