// The commands of SPEC §7. Each takes its options and returns the exit
// status; main.cpp only binds options with CLI11 and calls these.
#pragma once

#include "setup.h"

namespace touchbase {

[[nodiscard]] int run_run(const CommonOptions& common);
[[nodiscard]] int run_check(const CommonOptions& common);
[[nodiscard]] int run_agenda(const CommonOptions& common, const AgendaOptions& options);

}  // namespace touchbase
