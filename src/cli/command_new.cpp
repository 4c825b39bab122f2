// `touchbase new NAME` (SPEC §7): a note from the template; never overwrites.
//
// Where the note goes: docs/decisions.md#new-where.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "create_file.h"
#include "files.h"
#include "new_note.h"
#include "note_commands.h"

namespace touchbase {

namespace {

// Creates `path` with `text`; fails when it exists (create_file.h: never
// half-written, no race with another writer). Returns an error message.
std::optional<std::string> create_exclusively(const fs::path& path, std::string_view text) {
    const CreateResult created = create_new_file(path, text, 0666);
    switch (created.outcome) {
    case Created::created: return std::nullopt;
    case Created::exists: return std::string(std::strerror(EEXIST));
    case Created::failed: break;
    }
    return created.error;
}

// The path as the user would type it: relative to the current folder when
// inside it.
std::string shown_path(const fs::path& path) {
    std::error_code ec;
    fs::path rel = path.lexically_relative(fs::current_path(ec));
    std::string s = rel.generic_string();
    return s.empty() || s.starts_with("..") ? path.string() : s;
}

}  // namespace

int run_new(const CommonOptions& common, const NewOptions& options) {
    Setup s;
    if (auto status = setup(common, s)) return *status;
    if (!parse_engagement(options.engagement)) {
        fmt::print(stderr,
                   "touchbase: error: unknown engagement '{}' (expected active, casual, ongoing, "
                   "former or paused)\n",
                   options.engagement);
        return exit_usage;
    }
    NewNote note;
    note.name = clean_name(options.name);
    note.engagement = options.engagement;
    if (options.owner && !clean_name(*options.owner).empty()) note.owner = clean_name(*options.owner);
    note.log_heading = s.config.log_heading.front();
    // With --dir, the note goes in DIR; otherwise in the current folder,
    // which is DIR or inside it (DIR was found from there upwards). A
    // relative --file is taken from the same folder.
    std::error_code cwd_ec;
    const fs::path folder = common.dir.empty() ? fs::current_path(cwd_ec) : s.dir;
    fs::path path;
    if (options.file) {
        path = folder / *options.file;
        if (options.file->empty() || path.extension() != ".md" || path.stem().empty()) {
            fmt::print(stderr, "touchbase: error: --file {}: a note's file name ends in .md\n",
                       *options.file);
            return exit_usage;
        }
        std::error_code dir_ec;
        if (!fs::is_directory(path.parent_path(), dir_ec)) {
            fmt::print(stderr, "touchbase: error: --file {}: {} is not a folder\n", *options.file,
                       shown_path(path.parent_path()));
            return exit_usage;
        }
    } else {
        const std::string stem = note_file_stem(note.name);
        if (stem.empty()) {
            fmt::print(stderr,
                       "touchbase: error: cannot make a file name from '{}': it needs a letter or a "
                       "digit (or give one with --file)\n",
                       options.name);
            return exit_usage;
        }
        path = folder / (stem + ".md");
    }
    std::error_code ec;
    // SPEC §9: a note is made only inside DIR (links resolved), with a name
    // that touchbase can later update (the file system's limit on a name).
    if (auto why = new_note_path_problem(s.dir, path)) {
        fmt::print(stderr, "touchbase: error: {}: {}\n", shown_text(shown_path(path)), *why);
        return exit_usage;
    }
    DirLock lock(s.dir, kLockWaitSeconds);
    if (!lock.held()) return report_locked(s, lock);
    if (fs::weakly_canonical(path, ec) == fs::weakly_canonical(s.agenda_path, ec)) {
        fmt::print(stderr, "touchbase: error: {} is the agenda file; choose another name\n",
                   shown_path(path));
        return exit_usage;
    }
    if (fs::symlink_status(path, ec).type() != fs::file_type::not_found) {
        fmt::print(stderr, "touchbase: error: {} already exists; it was not overwritten\n",
                   shown_path(path));
        return exit_usage;
    }
    if (auto error = create_exclusively(path, new_note_text(note))) {
        fmt::print(stderr, "touchbase: error: {}: {}{}\n", shown_path(path), *error,
                   *error == std::strerror(EEXIST) ? "; it was not overwritten" : "");
        return exit_usage;
    }
    if (!common.quiet) fmt::print("{}\n", shown_path(path));
    return exit_ok;
}

}  // namespace touchbase
