// One note end to end (DESIGN): a pure function from (path, bytes, config,
// today) to (new bytes, client record, problems).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "date.h"
#include "occasions.h"
#include "problem.h"
#include "schedule.h"

namespace touchbase {

struct ActionItem {
    std::string text;
    Date due;
    bool own_date = false;  // the item carries its own due date (ICS exports only these)
    enum class Origin { task, front_matter } origin = Origin::task;
    int line = 0;
};

struct CardReminder {
    std::string occasion;  // as written before any label
    std::optional<std::string> label;
    Date date;
    int line = 0;  // file line of the `cards` item
};

// What the agenda needs from one note, and nothing more (no parsed trees, no
// file contents).
struct ClientRecord {
    std::string file;  // relative to DIR, '/' separators
    std::string name;
    std::optional<std::string> owner;
    Engagement engagement = Engagement::ongoing;
    std::optional<Date> last_contact;
    std::optional<Duration> counter;
    std::optional<Date> next_contact;
    Status status = Status::later;
    Duration remind_before{2, Unit::days};  // the client's, else the config's
    std::string last_entry_text;            // text of the last contact entry dated last_contact
    std::vector<ActionItem> actions;        // open items; empty for paused clients
    std::vector<CardReminder> cards;        // cards due within card_lead and not yet sent
};

struct NoteResult {
    bool is_note = false;                  // false: not a note, skipped silently (SPEC §2)
    std::optional<ClientRecord> record;    // absent when the note has an error
    std::optional<std::string> new_bytes;  // set only when the bytes change
    std::vector<Problem> problems;         // with source lines attached
};

// The file name of a note's path without `.md`: the name of last resort
// (SPEC §3 `name`).
std::string note_stem(std::string_view file);

[[nodiscard]] NoteResult process_note(std::string_view file, std::string_view bytes,
                                      const Config& config, Date today);

}  // namespace touchbase
