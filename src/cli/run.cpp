#include "run.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

#include <fmt/format.h>

namespace touchbase {

namespace {

// What one note gave, but its client record: the records go straight into
// the result's array (one record per note, compacted in place afterwards), so
// a folder of 100,000 notes does not hold two arrays of them at once.
struct NoteOutcome {
    std::vector<Problem> problems;
    bool is_note = false;
    bool has_record = false;
    bool changed = false;
};

// The file opens with a `---` line ended by a CR alone, and holds no LF.
bool cr_only_front_matter(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.substr(0, 3) != "---") return false;
    std::size_t i = 3;
    while (i < bytes.size() && bytes[i] == ' ') ++i;
    return i + 1 < bytes.size() && bytes[i] == '\r' && bytes.find('\n') == std::string_view::npos;
}

}  // namespace

NoteRead read_and_process_note(const NoteFile& note, const Config& config, Date today) {
    NoteRead read{read_note(note, kMaxNoteSize), {}, false};
    if (read.file.error) {
        read.result.is_note = true;
        read.result.problems.push_back(
            Problem{note.rel, 1, 1, Severity::error, *read.file.error, {}});
        return read;
    }
    read.result = process_note(note.rel, read.file.bytes, config, today);
    if (!read.result.is_note && cr_only_front_matter(read.file.bytes)) {
        // SPEC §9: not skipped in silence. Old Mac line endings (CR alone)
        // hide the `---` lines that would make it a note.
        read.result.is_note = true;
        read.unreadable = true;
        read.result.problems.push_back(Problem{
            note.rel,
            1,
            1,
            Severity::error,
            "the file's lines end with CR alone (old Mac style), so its front matter cannot be "
            "read; save it with LF or CRLF line endings",
            {}});
    }
    return read;
}

namespace {

NoteOutcome process_one(const NoteFile& note, const Config& config, Date today, WriteMode mode,
                        ClientRecord& record) {
    NoteOutcome outcome;
    NoteRead read = read_and_process_note(note, config, today);
    const ReadFile& file = read.file;
    NoteResult& result = read.result;
    outcome.is_note = result.is_note;
    outcome.problems = std::move(result.problems);
    if (file.error || read.unreadable) return outcome;
    if (result.record) {
        record = std::move(*result.record);
        outcome.has_record = true;
    }
    if (result.is_note && note.links > 1) {
        // SPEC §9: a rename would split the links (the other paths would keep
        // the old text), so such a note is read, listed once, never written.
        outcome.problems.push_back(Problem{
            note.rel,
            0,
            0,
            Severity::warning,
            fmt::format("the file has {} hard links; touchbase does not rewrite it (a rename would "
                        "split them){}",
                        note.links, result.new_bytes ? ", so its owned keys are not updated" : ""),
            {}});
        result.new_bytes.reset();
    }
    if (result.new_bytes) {
        outcome.changed = true;
        if (mode == WriteMode::write) {
            const std::string& target = note.real.empty() ? note.path : note.real;
            if (auto error = write_atomically(target, *result.new_bytes, file.stamp, &file.bytes)) {
                outcome.changed = false;
                outcome.has_record = false;
                outcome.problems.push_back(Problem{note.rel, 1, 1, Severity::error, *error, {}});
                attach_source_lines(outcome.problems, file.bytes);
            }
        }
    }
    return outcome;
}

}  // namespace

PassResult process_notes(const std::vector<NoteFile>& notes, const Config& config, Date today,
                         WriteMode mode, unsigned jobs, Records records) {
    PassResult pass;
    std::vector<NoteOutcome> outcomes(notes.size());
    const bool keep = records == Records::keep;
    if (keep) pass.clients.resize(notes.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        ClientRecord dropped;  // each note's record in turn, with Records::drop
        for (std::size_t i = next++; i < notes.size(); i = next++)
            outcomes[i] =
                process_one(notes[i], config, today, mode, keep ? pass.clients[i] : dropped);
    };
    jobs = std::clamp<unsigned>(jobs, 1,
                                static_cast<unsigned>(std::max<std::size_t>(notes.size(), 1)));
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();

    std::size_t kept = 0;
    for (std::size_t i = 0; i < notes.size(); ++i) {
        auto& outcome = outcomes[i];
        if (!outcome.is_note) continue;
        ++pass.notes_read;
        if (outcome.changed) pass.changed.push_back(notes[i].rel);
        if (outcome.has_record && keep) {
            if (kept != i) pass.clients[kept] = std::move(pass.clients[i]);
            ++kept;
        }
        for (auto& p : outcome.problems) pass.problems.push_back(std::move(p));
        outcome.problems = {};
    }
    if (keep) pass.clients.resize(kept);
    sort_problems(pass.problems);
    return pass;
}

}  // namespace touchbase
