// The commands of SPEC §7. Each takes its options and returns the exit
// status; main.cpp only binds options with CLI11 and calls these.
#pragma once

#include <optional>
#include <string>

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
    std::string dir;                      // empty: found as SPEC §2 says
    std::optional<std::string> today;     // --today DATE
    std::optional<std::string> config;    // --config PATH
    std::optional<std::string> owner;     // --owner NAME
    std::optional<std::string> horizon;   // --horizon DURATION
    std::optional<std::string> agenda;    // --agenda PATH
    unsigned jobs = 0;                    // 0: the number of cores
    bool quiet = false;
    std::string color = "auto";           // auto | always | never
};

struct AgendaOptions {
    std::string format = "md";            // md | json | ics
};

int run_run(const CommonOptions& common);
int run_check(const CommonOptions& common);
int run_agenda(const CommonOptions& common, const AgendaOptions& options);

}  // namespace touchbase
