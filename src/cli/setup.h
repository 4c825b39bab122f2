// What every command does before it looks at the notes (SPEC §2, §7, §8):
// the options they share, finding DIR, reading the configuration, the exit
// statuses, and the lock on DIR.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config.h"
#include "date.h"
#include "problem.h"
#include "report.h"

namespace touchbase {

// SPEC §7 exit status. Where several apply, the first of 2, 4, 3, 1 wins.
enum ExitCode : int {
    exit_ok = 0,
    exit_check_changes = 1,
    exit_usage = 2,
    exit_note_error = 3,
    exit_locked = 4,
};

struct CommonOptions {
    std::string dir;                     // empty: found as SPEC §2 says
    std::vector<std::string> targets;    // run/check: one DIR, or notes named one by one
    std::optional<std::string> today;    // --today DATE
    std::optional<std::string> config;   // --config PATH
    std::optional<std::string> owner;    // --owner NAME
    std::optional<std::string> horizon;  // --horizon DURATION
    std::optional<std::string> agenda;   // --agenda PATH
    unsigned jobs = 0;                   // 0: the number of cores
    bool quiet = false;
    std::string color = "auto";  // auto | always | never
};

struct AgendaOptions {
    std::string format = "md";          // md | json | ics
    std::optional<std::string> output;  // --output FILE: written atomically, only when made
};

// Everything a command needs before it looks at the notes.
struct Setup {
    std::filesystem::path dir;
    Config config;
    Date today = Date::min();
    std::filesystem::path agenda_path;
    std::string link_prefix;
    unsigned jobs = 1;
    std::vector<Problem> config_problems;  // warnings only once setup succeeded
    std::filesystem::path config_path;     // the configuration read (empty: none)
    // SPEC §8: why the agenda may not be written there (agenda_path_problem),
    // an error for the commands that write it.
    std::optional<std::string> agenda_problem;
};

// Finds DIR (SPEC §2), reads the config, parses --today and --horizon.
// Warnings (a skipped .touchbase.yaml) are said on the way.
[[nodiscard]] Expected<Setup> setup(const CommonOptions& common);

// SPEC §9: a run waits up to this long for another run's lock on DIR.
inline constexpr double kLockWaitSeconds = 10.0;
class DirLock;
// Why `lock` on DIR was not taken: another run holds it (exit_locked), or
// it failed for another reason (DirLock::error: exit_usage, said at once).
[[nodiscard]] Failure lock_failure(const Setup& s, const DirLock& lock);

// The path from the agenda's folder to DIR, for the agenda's links ("" when
// the agenda is in DIR, "../" one level below, ...).
[[nodiscard]] std::string link_prefix_for(const std::filesystem::path& dir,
                                          const std::filesystem::path& agenda_path);

}  // namespace touchbase
