#include "report.h"

#include <cstdio>

namespace touchbase {

namespace {

void to_stderr(std::string_view text) { fmt::print(stderr, "{}\n", text); }

}  // namespace

void report(const Problem& problem, bool quiet) {
    if (problem.severity == Severity::warning && quiet) return;
    to_stderr(format_problem_with_source(problem));
}

int report(const Failure& failure) {
    for (const auto& problem : failure.problems) report(problem);
    if (!failure.message.empty()) to_stderr(fmt::format("touchbase: error: {}", failure.message));
    return failure.exit_code;
}

void report_warning(std::string_view message, bool quiet) {
    if (!quiet) to_stderr(fmt::format("touchbase: warning: {}", message));
}

void report_progress(std::string_view line) { to_stderr(fmt::format("touchbase: {}", line)); }

}  // namespace touchbase
