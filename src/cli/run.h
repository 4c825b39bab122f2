// One pass over DIR: read every note, process it (in parallel), write the
// changed ones. The glue between files.h and note.h.
#pragma once

#include <string>
#include <vector>

#include "config.h"
#include "files.h"
#include "note.h"

namespace touchbase {

inline constexpr std::uint64_t kMaxNoteSize = 10 * 1024 * 1024;  // SPEC §9

enum class WriteMode { write, dry_run };
// Whether a pass keeps the notes' client records (for an agenda), or only
// their problems and changes (`check`: less memory, less work).
enum class Records { keep, drop };

struct PassResult {
    std::vector<ClientRecord> clients;  // notes without an error, by file; none with Records::drop
    std::vector<Problem> problems;      // every note's problems, sorted
    std::size_t notes_read = 0;
    std::vector<std::string> changed;  // notes updated (write) or that would be (dry_run)
};

// SPEC §9: a note as every command reads it (run, check, agenda, log):
// read_note (a regular file, the one the scan saw, at most kMaxNoteSize),
// then process_note, whose guards (valid UTF-8, no NUL byte, the front
// matter's limits) run before yaml-cpp or cmark-gfm sees a byte. A file that
// could not be read, or whose lines end with CR alone, is a note with an
// error, not skipped in silence.
struct NoteRead {
    ReadFile file;
    NoteResult result;        // is_note, with the read error as its problem, when file.error
    bool unreadable = false;  // CR-only line endings: its one problem says so
};
[[nodiscard]] NoteRead read_and_process_note(const NoteFile& note, const Config& config,
                                             Date today);

// Processes `notes` on `jobs` threads. The result does not depend on `jobs`.
[[nodiscard]] PassResult process_notes(const std::vector<NoteFile>& notes, const Config& config,
                                       Date today, WriteMode mode, unsigned jobs,
                                       Records records = Records::keep);

}  // namespace touchbase
