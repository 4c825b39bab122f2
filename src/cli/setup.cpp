#include "setup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <thread>

#include <fmt/format.h>

#include "files.h"
#include "report.h"
#include "run.h"

namespace touchbase {

namespace {

Date local_today() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return *Date::from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace

std::string link_prefix_for(const fs::path& dir, const fs::path& agenda_path) {
    std::error_code ec;
    fs::path from = fs::weakly_canonical(agenda_path, ec).parent_path();
    fs::path rel = fs::weakly_canonical(dir, ec).lexically_relative(from);
    std::string s = rel.generic_string();
    if (s.empty() || s == ".") return "";
    return s + "/";
}

namespace {

// SPEC §2: --dir, else found upwards from the current folder.
Expected<fs::path> notes_dir(const CommonOptions& common) {
    std::error_code ec;
    if (common.dir.empty()) {
        std::vector<std::string> warnings;
        fs::path dir = find_notes_dir(fs::current_path(ec), &warnings);
        for (const auto& w : warnings) report_warning(w, common.quiet);
        return dir;
    }
    fs::path dir = fs::absolute(common.dir, ec);
    if (!fs::is_directory(dir, ec)) return failure(exit_usage, "{} is not a folder", common.dir);
    return dir;
}

Expected<Date> today_of(const CommonOptions& common) {
    if (!common.today) return local_today();
    auto d = Date::parse(*common.today);
    if (!d)
        return failure(exit_usage, "invalid date '{}' for --today (expected YYYY-MM-DD)",
                       *common.today);
    return *d;
}

// The configuration to read: --config, else DIR/.touchbase.yaml when it is
// a regular file (SPEC §9: a FIFO, socket or device there is skipped with a
// warning); empty when there is none.
fs::path config_to_read(const CommonOptions& common, const fs::path& dir) {
    if (common.config) return *common.config;
    const fs::path path = dir / ".touchbase.yaml";
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0 && ::stat(path.c_str(), &st) != 0) return {};
    struct stat target {};
    if (::stat(path.c_str(), &target) == 0 && S_ISREG(target.st_mode)) return path;
    report_warning(shown_format("{}: skipped: not a regular file", path.string()), common.quiet);
    return {};
}

// Reads the configuration into `s` (config, its warnings and its path).
Outcome read_configuration(const CommonOptions& common, const fs::path& path, Setup& s) {
    ReadFile file = read_file(path, kMaxNoteSize);
    if (file.error) return failure(exit_usage, "{}: {}", path.string(), *file.error);
    ConfigRead read = read_config(file.bytes, common.config ? *common.config : ".touchbase.yaml");
    attach_source_lines(read.problems, file.bytes);
    s.config = std::move(read.config);
    if (has_error(read.problems)) {
        Failure failed{exit_usage, {}, {}};
        for (auto& p : read.problems)
            if (p.severity == Severity::error || !common.quiet)
                failed.problems.push_back(std::move(p));
        return failed;
    }
    s.config_problems = std::move(read.problems);
    std::error_code ec;
    s.config_path = fs::absolute(path, ec);
    return std::nullopt;
}

// --horizon over the configuration's; a number past the limit is named as such.
Outcome apply_horizon(const CommonOptions& common, Config& config) {
    if (!common.horizon) return std::nullopt;
    const std::string& text = *common.horizon;
    auto h = Duration::parse(text);
    if (!h && text.size() > 1 && text.find_first_not_of("0123456789") == text.size() - 1 &&
        std::string_view("dwmy").find(text.back()) != std::string_view::npos)
        return failure(exit_usage,
                       "invalid duration '{}' for --horizon: the number is at most 9999", text);
    if (!h)
        return failure(exit_usage,
                       "invalid duration '{}' for --horizon (expected a number and d, w, m or y)",
                       text);
    config.horizon = *h;
    return std::nullopt;
}

}  // namespace

Expected<Setup> setup(const CommonOptions& common) {
    Setup s;
    auto dir = notes_dir(common);
    if (!dir) return dir.failure();
    s.dir = std::move(*dir);
    auto today = today_of(common);
    if (!today) return today.failure();
    s.today = *today;
    if (const fs::path config = config_to_read(common, s.dir); !config.empty())
        if (auto failed = read_configuration(common, config, s)) return std::move(*failed);
    if (auto failed = apply_horizon(common, s.config)) return std::move(*failed);
    std::error_code ec;
    s.agenda_path = common.agenda ? fs::absolute(*common.agenda, ec) : s.dir / s.config.agenda;
    s.agenda_problem =
        agenda_path_problem(s.dir, s.agenda_path, common.agenda.has_value(), s.config_path);
    s.link_prefix = link_prefix_for(s.dir, s.agenda_path);
    s.jobs = common.jobs ? common.jobs : std::max(1u, std::thread::hardware_concurrency());
    return s;
}

Failure lock_failure(const Setup& s, const DirLock& lock) {
    // Not another run: say what it is (a read-only or network file system
    // without locks), at once.
    if (lock.error() != 0)
        return failure(exit_usage, "cannot lock {}: {}", s.dir.string(),
                       std::strerror(lock.error()));
    return failure(
        exit_locked,
        "another touchbase run holds {} (waited {:g} seconds); try again when it has finished",
        s.dir.string(), kLockWaitSeconds);
}

}  // namespace touchbase
