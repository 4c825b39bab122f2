// `touchbase run NOTE...` and `touchbase check NOTE...` (spec §7, notes named
// one by one): each file finds its own DIR upwards from its folder (spec §2),
// is processed with that DIR's configuration and, for `run`, under its lock.
// No DIR is scanned and no agenda is written, so the time is that of the
// notes named, whatever the size of their folders.
//
// A file that a scan of its DIR would skip (hidden, excluded, the agenda, a
// link out of DIR, not a note) is skipped. Messages name each note by the
// path it was given as (docs/decisions.md#named-notes), as a compiler names
// its inputs.
#include "named_notes.h"

#include <sys/stat.h>

#include <map>

#include <fmt/format.h>

#include "files.h"
#include "report.h"

namespace touchbase {

namespace {

// A note named on the command line as the scan would have seen it (spec §9):
// its path without links, its device, inode and hard links, so that it is
// read and written with the same guards as a scanned note.
NoteFile note_file_of(const std::string& shown, const fs::path& path) {
    NoteFile file{shown, path.string(), {}, 0, 0, 1};
    struct stat st {};
    std::error_code ec;
    const fs::path real = fs::canonical(path, ec);
    if (ec || ::stat(real.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return file;
    file.real = real.string();
    file.device = st.st_dev;
    file.inode = st.st_ino;
    file.links = static_cast<unsigned>(st.st_nlink);
    return file;
}

struct Named {
    std::string shown;  // as given, lexically normal, '/' separators
    fs::path path;      // absolute, lexically normal
};

// Spec §2: a name that starts with '.' is hidden, folders included.
bool has_hidden_part(const fs::path& rel) {
    for (const auto& part : rel)
        if (const std::string s = part.string(); !s.empty() && s[0] == '.' && s != "." && s != "..")
            return true;
    return false;
}

// What a scan of `s.dir` would skip (files.h scan_notes), for one file.
bool scan_would_skip(const Setup& s, const Named& note) {
    const fs::path rel = note.path.lexically_relative(s.dir);
    if (rel.empty() || *rel.begin() == "..") return true;
    if (has_hidden_part(rel)) return true;
    if (note.path.extension() != ".md") return true;
    const std::string rel_text = rel.generic_string();
    for (const auto& pattern : s.config.exclude)
        if (glob_match(pattern, rel_text)) return true;
    std::error_code ec;
    const fs::path target = fs::weakly_canonical(note.path, ec);
    if (!ec && target == fs::weakly_canonical(s.agenda_path, ec)) return true;
    if (fs::is_symlink(fs::symlink_status(note.path, ec))) {
        const fs::path inside = target.lexically_relative(fs::weakly_canonical(s.dir, ec));
        if (inside.empty() || *inside.begin() == "..") return true;
    }
    return false;
}

// Spec §7: where several apply, the first of 2, 4, 3, 1 wins.
int worse(int a, int b) {
    auto rank = [](int status) {
        switch (status) {
            case exit_usage: return 4;
            case exit_locked: return 3;
            case exit_note_error: return 2;
            case exit_check_changes: return 1;
            default: return 0;
        }
    };
    return rank(a) >= rank(b) ? a : b;
}

}  // namespace

bool names_notes(const std::vector<std::string>& targets) {
    if (targets.empty()) return false;
    if (targets.size() > 1) return true;
    std::error_code ec;
    return !fs::is_directory(targets.front(), ec);
}

namespace {

// The files named, by the DIR each finds upwards (ordered: the same output
// every time), each once; what is not a regular file goes to `unreadable`.
Expected<std::map<fs::path, std::vector<Named>>> notes_by_dir(const std::vector<std::string>& files,
                                                              std::vector<Problem>& unreadable) {
    std::map<fs::path, std::vector<Named>> by_dir;
    std::map<fs::path, bool> seen;
    for (const auto& file : files) {
        std::error_code ec;
        const fs::file_status st = fs::status(file, ec);
        if (st.type() == fs::file_type::directory)
            return failure(
                exit_usage,
                "{} is a folder: name either one notes folder or notes (*.md files), not both",
                file);
        if (st.type() == fs::file_type::not_found)
            return failure(exit_usage, "{}: no such file or folder", file);
        Named note{fs::path(file).lexically_normal().generic_string(),
                   fs::absolute(file, ec).lexically_normal()};
        if (seen[note.path]) continue;
        seen[note.path] = true;
        // Spec §9: nothing makes a run wait on a FIFO or a device.
        if (st.type() != fs::file_type::regular) {
            unreadable.push_back(Problem{note.shown,
                                         1,
                                         1,
                                         Severity::error,
                                         "not a regular file: only regular files are read as notes",
                                         {}});
            continue;
        }
        by_dir[find_notes_dir(note.path.parent_path())].push_back(std::move(note));
    }
    return by_dir;
}

struct Counts {
    std::size_t read = 0;
    std::size_t updated = 0;
};

// The notes of one DIR, with its configuration and, for `run`, its lock.
// Returns the exit status.
int process_in_dir(const CommonOptions& common, const fs::path& dir,
                   const std::vector<Named>& notes, WriteMode mode, Counts& counts) {
    CommonOptions options = common;
    options.dir = dir.string();
    const Expected<Setup> set_up = setup(options);
    if (!set_up) return report(set_up.failure());
    const Setup& s = *set_up;
    for (const auto& p : s.config_problems) report(p, common.quiet);
    std::vector<NoteFile> to_process;
    for (const auto& note : notes)
        if (!scan_would_skip(s, note)) to_process.push_back(note_file_of(note.shown, note.path));
    if (to_process.empty()) return exit_ok;
    std::optional<DirLock> lock;
    if (mode == WriteMode::write) {
        lock.emplace(s.dir, kLockWaitSeconds);
        if (!lock->held()) return report(lock_failure(s, *lock));
    }
    // Only problems and changes are shown: the client records are not kept.
    PassResult pass = process_notes(to_process, s.config, s.today, mode, s.jobs, Records::drop);
    for (const auto& p : pass.problems) report(p, common.quiet);
    int status = has_error(pass.problems) ? exit_note_error : exit_ok;
    counts.read += pass.notes_read;
    counts.updated += pass.changed.size();
    for (const auto& file : pass.changed) {
        if (!common.quiet)
            report_progress(mode == WriteMode::write ? shown_format("updated {}", file)
                                                     : shown_format("{} would be updated", file));
        if (mode == WriteMode::dry_run) status = worse(status, exit_check_changes);
    }
    return status;
}

}  // namespace

int run_named_notes(const CommonOptions& common, const std::vector<std::string>& files,
                    WriteMode mode) {
    std::vector<Problem> unreadable;
    const auto by_dir = notes_by_dir(files, unreadable);
    if (!by_dir) return report(by_dir.failure());
    int status = exit_ok;
    for (const auto& p : unreadable) report(p, common.quiet);
    if (!unreadable.empty()) status = worse(status, exit_note_error);
    Counts counts;
    for (const auto& [dir, notes] : *by_dir)
        status = worse(status, process_in_dir(common, dir, notes, mode, counts));
    if (mode == WriteMode::write && !common.quiet)
        report_progress(fmt::format("{} {} read, {} updated", counts.read,
                                    counts.read == 1 ? "note" : "notes", counts.updated));
    return status;
}

}  // namespace touchbase
