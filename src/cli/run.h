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

struct PassResult {
    std::vector<ClientRecord> clients;   // notes without an error, by file
    std::vector<Problem> problems;       // every note's problems, sorted
    std::size_t notes_read = 0;
    std::vector<std::string> changed;    // notes updated (write) or that would be (dry_run)
};

// Processes `notes` on `jobs` threads. The result does not depend on `jobs`.
PassResult process_notes(const std::vector<NoteFile>& notes, const Config& config, Date today,
                         WriteMode mode, unsigned jobs);

}  // namespace touchbase
