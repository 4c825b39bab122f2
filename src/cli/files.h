// The disk: finding DIR, scanning it for notes, reading, atomic writes,
// change detection and the lock on DIR (SPEC §2, §9). Everything else is pure.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace touchbase {

namespace fs = std::filesystem;

// SPEC §2: the nearest folder from `start` upwards holding a .touchbase.yaml,
// else `start`.
fs::path find_notes_dir(const fs::path& start);

// A glob over '/'-separated relative paths: `*` and `?` within one path
// segment, `**` across segments, `[...]` classes. A path also matches when one
// of its parent folders does (`templates` and `templates/**` exclude the folder).
bool glob_match(std::string_view pattern, std::string_view path);

struct NoteFile {
    std::string rel;   // relative to DIR, '/' separators (as reported)
    std::string path;  // the path to open: DIR/rel (a string: an fs::path per note
                       // costs its parsed components, hundreds of bytes, SPEC-size folders)
};

// Every *.md file under `dir` (recursively), sorted by `rel` in byte order.
// Skips hidden files and folders, the agenda file (`agenda_path`, absolute,
// may be outside `dir`), paths matching an `exclude` glob, and symbolic links
// whose target is outside `dir`. A file reached through several paths is
// listed once: by its own path if that is one of them, else by the first
// path in order. `warnings` receives unreadable
// folders.
std::vector<NoteFile> scan_notes(const fs::path& dir, const std::vector<std::string>& exclude,
                                 const fs::path& agenda_path, std::vector<std::string>& warnings);

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

// Reads a whole file; refuses files over `max_size` bytes (error set).
ReadFile read_file(const fs::path& path, std::uint64_t max_size);

// SPEC §9: writes `bytes` to a hidden temporary file beside the real file
// (symbolic links resolved, so a link stays a link), flushes it, gives it the
// old mode, and renames it over the file, unless the file's stamp differs
// from `expected` or the file is read-only (no write bit, or not writable by
// this process). Returns an error message, or nullopt on success.
std::optional<std::string> write_atomically(const fs::path& path, std::string_view bytes,
                                            const std::optional<FileStamp>& expected);

// Removes temporary files left by a killed run (`.NAME.touchbase-XXXXXX`)
// under `dir`. Only safe while holding the lock.
void remove_stale_temporaries(const fs::path& dir);

// SPEC §9: an advisory lock on DIR itself, released when the process ends.
class DirLock {
public:
    // Waits up to `wait_seconds`; check `held()`.
    DirLock(const fs::path& dir, double wait_seconds);
    ~DirLock();
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;
    bool held() const { return held_; }

private:
    int fd_ = -1;
    bool held_ = false;
};

}  // namespace touchbase
