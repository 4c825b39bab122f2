// Notes named one by one on the command line (spec §7): `run NOTE...` and
// `check NOTE...`, as the pre-commit framework passes the staged files.
#pragma once

#include <string>
#include <vector>

#include "run.h"
#include "setup.h"

namespace touchbase {

// True when the positional arguments of `run`/`check` name notes rather than
// one notes folder: more than one, or one that is not a folder.
[[nodiscard]] bool names_notes(const std::vector<std::string>& targets);

// Updates (WriteMode::write) or checks (dry_run) the named files, each with
// its own DIR's configuration; never writes an agenda. Returns the exit
// status of spec §7 (1 from `check` when a note would change).
[[nodiscard]] int run_named_notes(const CommonOptions& common,
                                  const std::vector<std::string>& files, WriteMode mode);

}  // namespace touchbase
