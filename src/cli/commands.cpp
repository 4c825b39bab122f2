#include "commands.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "agenda.h"
#include "color.h"
#include "files.h"
#include "named_notes.h"
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
        std::vector<std::string> warnings;
        s.dir = find_notes_dir(fs::current_path(ec), &warnings);
        if (!common.quiet)
            for (const auto& w : warnings) fmt::print(stderr, "touchbase: warning: {}\n", w);
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
    bool use_config = common.config.has_value();
    if (!use_config) {
        // SPEC §9: a FIFO, socket or device named .touchbase.yaml is skipped.
        struct stat st {};
        if (::lstat(config_path.c_str(), &st) == 0 || ::stat(config_path.c_str(), &st) == 0) {
            struct stat target {};
            if (::stat(config_path.c_str(), &target) == 0 && S_ISREG(target.st_mode))
                use_config = true;
            else if (!common.quiet)
                fmt::print(stderr, "touchbase: warning: {}: skipped: not a regular file\n",
                           shown_text(config_path.string()));
        }
    }
    if (use_config) {
        ReadFile file = read_file(config_path, kMaxNoteSize);
        if (file.error) {
            fmt::print(stderr, "touchbase: error: {}: {}\n", shown_text(config_path.string()), *file.error);
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
        const std::string& text = *common.horizon;
        if (!h && text.size() > 1 && text.find_first_not_of("0123456789") == text.size() - 1 &&
            std::string_view("dwmy").find(text.back()) != std::string_view::npos) {
            fmt::print(stderr,
                       "touchbase: error: invalid duration '{}' for --horizon: the number is at "
                       "most 9999\n",
                       shown_text(text));
            return exit_usage;
        }
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
    s.config_path = use_config ? fs::absolute(config_path, ec) : fs::path();
    s.agenda_problem = agenda_path_problem(s.dir, s.agenda_path, common.agenda.has_value(), s.config_path);
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
    std::vector<Problem> scan_problems;
    // An agenda path that may not be written (it names a note, say) hides
    // nothing from the scan.
    auto notes = scan_notes(s.dir, s.config.exclude, s.agenda_problem ? fs::path() : s.agenda_path,
                            scan_problems);
    Pass pass{process_notes(notes, s.config, s.today, mode, s.jobs), {}};
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
    Report report = make_report(std::move(pass.result.clients), pass.problems, s.today, s.config.horizon,
                       s.config.schedule.calendar, common.owner);
    report.calendar_id = calendar_id_of(s);
    return report;
}

int status_for(const std::vector<Problem>& problems) {
    return has_error(problems) ? exit_note_error : exit_ok;
}

}  // namespace

int report_locked(const Setup& s, const DirLock& lock) {
    if (lock.error() != 0) {
        // Not another run: say what it is (a read-only or network file
        // system without locks), at once.
        fmt::print(stderr, "touchbase: error: cannot lock {}: {}\n", shown_text(s.dir.string()),
                   std::strerror(lock.error()));
        return exit_usage;
    }
    return report_locked(s);
}

int report_locked(const Setup& s) {
    fmt::print(stderr,
               "touchbase: error: another touchbase run holds {} (waited {:g} seconds); try again "
               "when it has finished\n",
               shown_text(s.dir.string()), kLockWaitSeconds);
    return exit_locked;
}

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
    Setup s;
    if (auto status = setup(common, s)) return *status;
    if (s.agenda_problem) {
        fmt::print(stderr, "touchbase: error: the agenda cannot be written at {}: {}\n",
                   shown_text(s.agenda_path.string()), shown_text(*s.agenda_problem));
        return exit_usage;
    }
    DirLock lock(s.dir, kLockWaitSeconds);
    if (!lock.held()) return report_locked(s, lock);
    remove_stale_temporaries(s.dir, s.config.exclude);
    Pass pass = read_notes(s, WriteMode::write);
    std::size_t notes_read = pass.result.notes_read;
    std::size_t notes_updated = pass.result.changed.size();

    Report report = report_of(s, pass, common);
    // The note problems, and the report's own (an --owner that keeps no client).
    for (const auto& p : report.problems) print_problem(p, common);
    const Agenda agenda = build_agenda(report, {.clients_and_actions = false, .events = false});
    int status = status_for(pass.problems);
    // SPEC §6: written only when its content changes. The text is made twice
    // when it does (once to compare, once to write) rather than held whole:
    // the agenda of 100,000 notes is some 30 MB.
    const Content agenda_text = [&](const TextSink& put) { render_markdown(agenda, s.link_prefix, put); };
    if (!same_content(s.agenda_path, agenda_text)) {
        // An `agenda` in a folder that git does not keep yet (it keeps no
        // empty folders): make the folder rather than fail every run.
        auto error = make_agenda_folder(s.agenda_path);
        if (!error) error = write_atomically(s.agenda_path, agenda_text, std::nullopt);
        if (error) {
            fmt::print(stderr, "touchbase: error: {}: {}\n", shown_text(s.agenda_path.string()), *error);
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

int run_check(const CommonOptions& given) {
    if (names_notes(given.targets)) return run_named_notes(given, given.targets, WriteMode::dry_run);
    const CommonOptions common = with_dir_target(given);
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

namespace {

std::string link_prefix_for_output(const Setup& s, const AgendaOptions& options) {
    return options.output ? link_prefix_for(s.dir, fs::absolute(*options.output)) : s.link_prefix;
}

// Spec §8 for `--output FILE`: the rules of `--agenda` on the command line
// (agenda_path_problem): never over a file that begins with front matter (a
// note or not), the configuration, or anything that is not a regular file;
// folders made only inside DIR. A link is followed (written at its target).
std::optional<std::string> output_target_error(const Setup& s, const fs::path& file) {
    if (auto why = agenda_path_problem(s.dir, file, true, s.config_path))
        return fmt::format("--output cannot write there: {}", *why);
    return make_agenda_folder(file);
}

}  // namespace

int run_agenda(const CommonOptions& common, const AgendaOptions& options) {
    Setup s;
    if (auto status = setup(common, s)) return *status;
    Pass pass = read_notes(s, WriteMode::dry_run);
    const Report report = report_of(s, pass, common);
    for (const auto& p : report.problems) print_problem(p, common);
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
    if (auto error = output_target_error(s, *options.output)) {
        fmt::print(stderr, "touchbase: error: {}: {}\n", shown_text(*options.output), *error);
        return exit_usage;
    }
    if (auto error = write_atomically(*options.output, text, std::nullopt)) {
        fmt::print(stderr, "touchbase: error: {}: {}\n", shown_text(*options.output), *error);
        return exit_usage;
    }
    return status;
}

}  // namespace touchbase
