// The disk: finding DIR, scanning it for notes, reading, atomic writes,
// change detection and the lock on DIR (SPEC §2, §9). Everything else is pure.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "problem.h"
#include "text_sink.h"

namespace touchbase {

namespace fs = std::filesystem;

// SPEC §2, §8: the nearest folder from `start` upwards holding a
// .touchbase.yaml, else `start`. The search stops at the top of the git work
// tree and at the home folder. A .touchbase.yaml owned by another user (other
// than root), in a folder others may write without the sticky bit, or that is
// not a regular file is skipped: `warnings` receives why (when null, the
// warnings go to stderr).
[[nodiscard]] fs::path find_notes_dir(const fs::path& start,
                                      std::vector<std::string>* warnings = nullptr);

// A glob over '/'-separated relative paths: `*` and `?` within one path
// segment, `**` across segments, `[...]` classes. A path also matches when one
// of its parent folders does (`templates` and `templates/**` exclude the folder).
[[nodiscard]] bool glob_match(std::string_view pattern, std::string_view path);

struct NoteFile {
    std::string rel;   // relative to DIR, '/' separators (as reported)
    std::string path;  // DIR/rel (a string: an fs::path per note
                       // costs its parsed components, hundreds of bytes, SPEC-size folders)
    // What the scan saw (SPEC §9): the file itself, as a path without any
    // symbolic link (the canonical DIR and real folders), its device and
    // inode, and whether it has other hard links. read_note opens `real`
    // refusing links on the way and checks the inode, so a file swapped
    // after the scan is never read or written in its place. Empty `real`:
    // not from a scan (read `path`).
    std::string real;
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    unsigned links = 1;  // st_nlink: more than 1 is never rewritten (a rename splits them)
};

// Every *.md file under `dir` (recursively), sorted by `rel` in byte order.
// Skips hidden files and folders, the agenda file (`agenda_path`, absolute,
// may be outside `dir`; empty: none), paths matching an `exclude` glob, and
// symbolic links whose target is outside `dir`. A file reached through
// several paths (links of either kind) is listed once: by its own path if
// that is one of them, else by the first path in byte order. `problems`
// receives what could not be reached (a folder that cannot be read or is too
// deep, an error) and `*.md` entries that are not regular files (a warning),
// with the folder or file as `file` and line 0. Time linear in the entries.
[[nodiscard]] std::vector<NoteFile> scan_notes(const fs::path& dir,
                                               const std::vector<std::string>& exclude,
                                               const fs::path& agenda_path,
                                               std::vector<Problem>& problems);
// The same, with the problems as "path: message" lines.
[[nodiscard]] std::vector<NoteFile> scan_notes(const fs::path& dir,
                                               const std::vector<std::string>& exclude,
                                               const fs::path& agenda_path,
                                               std::vector<std::string>& warnings);

// SPEC §8: why `agenda` may not be written, or nullopt when it may. It must
// resolve (links followed) inside `dir` unless `given_on_command_line`, be a
// regular file or nothing, not begin with front matter, not be the
// configuration `config` nor any .touchbase.yaml, and its missing folders
// may only be created inside `dir`.
[[nodiscard]] std::optional<std::string> agenda_path_problem(const fs::path& dir,
                                                             const fs::path& agenda,
                                                             bool given_on_command_line,
                                                             const fs::path& config);

// SPEC §9: why `new` may not create a note at `path`, or nullopt: it must
// resolve inside `dir` (links followed), in a folder that exists, with a
// name the file system takes.
[[nodiscard]] std::optional<std::string> new_note_path_problem(const fs::path& dir,
                                                               const fs::path& path);

// Creates the missing folders of the agenda (only inside `dir`: checked by
// agenda_path_problem first). Returns an error message.
[[nodiscard]] std::optional<std::string> make_agenda_folder(const fs::path& agenda);

// What identifies a file's state on disk: if any of these changed since it
// was read, someone else wrote it.
struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::uint64_t inode = 0;
    std::uint64_t device = 0;
    unsigned mode = 0;
    friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

struct ReadFile {
    std::string bytes;
    FileStamp stamp;
    std::optional<std::string> error;  // set when the file could not be read
};

// Reads a whole file; refuses files over `max_size` bytes and anything that
// is not a regular file (a FIFO, socket, device or folder: opened without
// blocking, checked with fstat before any read; SPEC §9).
[[nodiscard]] ReadFile read_file(const fs::path& path, std::uint64_t max_size);

// Reads a note found by scan_notes: `real`, with no symbolic link followed on
// the way, and only when it is still the file the scan saw (device, inode).
[[nodiscard]] ReadFile read_note(const NoteFile& note, std::uint64_t max_size);

// The first bytes of a file begin a front matter block (SPEC §2: an optional
// BOM, then a line that is exactly `---`).
[[nodiscard]] bool starts_with_front_matter(std::string_view bytes);

// SPEC §9: writes `bytes` to a hidden temporary file `.tb-XXXXXXXX.tmp`
// beside the real file (symbolic links resolved, so a link stays a link),
// gives it the old owner, group, mode, ACL and extended attributes, flushes
// it, and renames it over the file. Refused (an error message returned,
// nothing changed) when the file is read-only, is not a regular file, has
// another owner while this process is not root, or, when `expected` is set,
// its stamp differs from `expected` or (with `original`) its content differs
// from `original`: checked as late as possible, right before the rename.
// Returns nullopt on success.
[[nodiscard]] std::optional<std::string> write_atomically(const fs::path& path,
                                                          std::string_view bytes,
                                                          const std::optional<FileStamp>& expected,
                                                          const std::string* original = nullptr);

// A file's new content, made by handing its bytes to `put` in pieces (the
// agenda of a large folder is written as it is rendered, never held whole).
using Content = std::function<void(const TextSink& put)>;

// write_atomically for content made in pieces.
[[nodiscard]] std::optional<std::string> write_atomically(const fs::path& path,
                                                          const Content& content,
                                                          const std::optional<FileStamp>& expected);

// The regular file at `path` holds exactly `content`'s bytes: compared piece
// by piece as they are made, without reading the file whole. False when the
// file is missing, is not a regular file or cannot be read.
[[nodiscard]] bool same_content(const fs::path& path, const Content& content);

// The temporary files write_atomically makes: `.tb-` 8 letters or digits `.tmp`.
[[nodiscard]] bool is_temporary_name(std::string_view name);

// Removes temporary files left by a killed run (is_temporary_name) under
// `dir`, outside hidden and excluded folders, and only where no other run
// holds a lock on the folder or one of its parents (a run on a subfolder or
// on a parent of DIR may be writing them now). Only while holding DIR's lock.
void remove_stale_temporaries(const fs::path& dir, const std::vector<std::string>& exclude = {});

// SPEC §9: an advisory lock on DIR itself, released when the process ends.
class DirLock {
public:
    // Waits up to `wait_seconds`; check `held()`.
    DirLock(const fs::path& dir, double wait_seconds);
    ~DirLock();
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;
    bool held() const { return held_; }
    // Why the lock was not taken when no other run holds it (errno of open
    // or flock), else 0: another run holds it.
    int error() const { return error_; }

private:
    int fd_ = -1;
    bool held_ = false;
    int error_ = 0;
};

}  // namespace touchbase
