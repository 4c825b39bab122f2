// .touchbase.yaml (SPEC §8).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "problem.h"
#include "schedule.h"

namespace touchbase {

struct OffboardingStep {
    std::string text;
    std::optional<Duration> after;
};

struct Config {
    std::string agenda = "agenda.md";
    std::string calendar_id;  // spec §7.2: in every ICS UID; empty: DIR's folder name
    std::vector<std::string> exclude;
    Duration horizon{7, Unit::days};
    Duration remind_before{2, Unit::days};
    Duration card_lead{14, Unit::days};
    ScheduleSettings schedule;  // base, cap, at_least_every, retry, workdays, holidays
    // SPEC §4.1: the names of log sections, compared as words; the first
    // titles a Log section that `log` or `new` writes.
    std::vector<std::string> log_heading = {"Log",   "Call log", "Contact log",
                                            "Calls", "Meetings", "Meeting log"};
    std::vector<OffboardingStep> offboarding = default_offboarding();

    static std::vector<OffboardingStep> default_offboarding();
};

struct ConfigRead {
    Config config;
    std::vector<Problem> problems;  // unknown keys are warnings; bad values are errors (exit 2)
};

// `file` is used in problems only.
[[nodiscard]] ConfigRead read_config(std::string_view text, std::string_view file);

// The commented .touchbase.yaml that `touchbase init` writes: every key with its default.
// `calendar_id` is written as given (init passes a random one); empty: the
// key is shown commented out.
std::string default_config_text(std::string_view calendar_id = {});

}  // namespace touchbase
