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
#include "report.h"

namespace touchbase {

namespace {

// The path as the user would type it: relative to the current folder when
// inside it.
std::string shown_path(const fs::path& path) {
    std::error_code ec;
    fs::path rel = path.lexically_relative(fs::current_path(ec));
    std::string s = rel.generic_string();
    return s.empty() || s.starts_with("..") ? path.string() : s;
}

// The note's text from the options.
Expected<NewNote> note_of(const NewOptions& options, const Setup& s) {
    if (!parse_engagement(options.engagement))
        return failure(
            exit_usage,
            "unknown engagement '{}' (expected active, casual, ongoing, former or paused)",
            options.engagement);
    NewNote note;
    note.name = clean_name(options.name);
    note.engagement = options.engagement;
    if (options.owner && !clean_name(*options.owner).empty())
        note.owner = clean_name(*options.owner);
    note.log_heading = s.config.log_heading.front();
    return note;
}

// Where the note goes. With --dir, in DIR; otherwise in the current folder,
// which is DIR or inside it (DIR was found from there upwards). A relative
// --file is taken from the same folder. SPEC §9: only inside DIR (links
// resolved), with a name that touchbase can later update.
Expected<fs::path> path_of(const CommonOptions& common, const NewOptions& options, const Setup& s,
                           const NewNote& note) {
    std::error_code ec;
    const fs::path folder = common.dir.empty() ? fs::current_path(ec) : s.dir;
    fs::path path;
    if (options.file) {
        path = folder / *options.file;
        if (options.file->empty() || path.extension() != ".md" || path.stem().empty())
            return failure(exit_usage, "--file {}: a note's file name ends in .md", *options.file);
        if (!fs::is_directory(path.parent_path(), ec))
            return failure(exit_usage, "--file {}: {} is not a folder", *options.file,
                           shown_path(path.parent_path()));
    } else {
        const std::string stem = note_file_stem(note.name);
        if (stem.empty())
            return failure(
                exit_usage,
                "cannot make a file name from '{}': it needs a letter or a digit (or give one with "
                "--file)",
                options.name);
        path = folder / (stem + ".md");
    }
    if (auto why = new_note_path_problem(s.dir, path))
        return failure(exit_usage, "{}: {}", shown_path(path), *why);
    return path;
}

// Under the lock on DIR: never the agenda, never over anything (create_file.h:
// never half-written, no race with another writer).
Outcome create_note(const Setup& s, const fs::path& path, const NewNote& note) {
    std::error_code ec;
    if (fs::weakly_canonical(path, ec) == fs::weakly_canonical(s.agenda_path, ec))
        return failure(exit_usage, "{} is the agenda file; choose another name", shown_path(path));
    if (fs::symlink_status(path, ec).type() != fs::file_type::not_found)
        return failure(exit_usage, "{} already exists; it was not overwritten", shown_path(path));
    const CreateResult created = create_new_file(path, new_note_text(note), 0666);
    switch (created.outcome) {
        case Created::created: return std::nullopt;
        case Created::exists:
            return failure(exit_usage, "{}: {}; it was not overwritten", shown_path(path),
                           std::strerror(EEXIST));
        case Created::failed: break;
    }
    return failure(exit_usage, "{}: {}", shown_path(path), created.error);
}

}  // namespace

int run_new(const CommonOptions& common, const NewOptions& options) {
    const Expected<Setup> set_up = setup(common);
    if (!set_up) return report(set_up.failure());
    const Setup& s = *set_up;
    const Expected<NewNote> note = note_of(options, s);
    if (!note) return report(note.failure());
    const Expected<fs::path> path = path_of(common, options, s, *note);
    if (!path) return report(path.failure());
    DirLock lock(s.dir, kLockWaitSeconds);
    if (!lock.held()) return report(lock_failure(s, lock));
    if (auto failed = create_note(s, *path, *note)) return report(*failed);
    if (!common.quiet) fmt::print("{}\n", shown_path(*path));
    return exit_ok;
}

}  // namespace touchbase
