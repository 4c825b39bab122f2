// The commands of SPEC §7 that write one note or set a folder up: log, new
// and init. Like commands.h: options in, exit status out; main.cpp binds them.
#pragma once

#include <optional>
#include <string>

#include "commands.h"

namespace touchbase {

struct LogOptions {
    std::string note;  // a path (with '/' or ending in .md) or a client name
    std::string message;
    std::optional<std::string> date;  // --date (default today)
    bool needs = false;
    bool news = false;
    bool missed = false;
    std::optional<std::string> card;  // --card[=OCCASION]: "" for a bare #card
    std::optional<std::string> next;  // --next DATE
};

struct NewOptions {
    std::string name;
    std::string engagement = "ongoing";
    std::optional<std::string> owner;
    std::optional<std::string> file;  // --file PATH: instead of the name made from NAME
};

struct InitOptions {
    std::string dir;     // empty: the current folder
    bool force = false;  // replace an existing hook, keeping a backup
};

// Adds a contact entry to a note (log_entry.h), then updates that note as
// `run` would, under the lock on DIR. The agenda is not written.
[[nodiscard]] int run_log(const CommonOptions& common, const LogOptions& options);

// Creates <file name>.md from the template (new_note.h) in the current
// folder, or in DIR with --dir; never overwrites.
[[nodiscard]] int run_new(const CommonOptions& common, const NewOptions& options);

// Writes DIR/.touchbase.yaml (never over an existing one) and installs the
// git pre-commit hook (hook.h) where git keeps hooks.
[[nodiscard]] int run_init(const CommonOptions& common, const InitOptions& options);

}  // namespace touchbase
