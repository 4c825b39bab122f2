#include "run.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>

namespace touchbase {

namespace {

struct NoteOutcome {
    std::optional<ClientRecord> record;
    std::vector<Problem> problems;
    bool is_note = false;
    bool changed = false;
};

NoteOutcome process_one(const NoteFile& note, const Config& config, Date today, WriteMode mode) {
    NoteOutcome outcome;
    ReadFile file = read_file(note.path, kMaxNoteSize);
    if (file.error) {
        outcome.is_note = true;
        outcome.problems.push_back(Problem{note.rel, 1, 1, Severity::error, *file.error, {}});
        return outcome;
    }
    NoteResult result = process_note(note.rel, file.bytes, config, today);
    outcome.is_note = result.is_note;
    outcome.problems = std::move(result.problems);
    outcome.record = std::move(result.record);
    if (result.new_bytes) {
        outcome.changed = true;
        if (mode == WriteMode::write) {
            if (auto error = write_atomically(note.path, *result.new_bytes, file.stamp)) {
                outcome.changed = false;
                outcome.record.reset();
                outcome.problems.push_back(Problem{note.rel, 1, 1, Severity::error, *error, {}});
                attach_source_lines(outcome.problems, file.bytes);
            }
        }
    }
    return outcome;
}

}  // namespace

PassResult process_notes(const std::vector<NoteFile>& notes, const Config& config, Date today,
                         WriteMode mode, unsigned jobs) {
    std::vector<NoteOutcome> outcomes(notes.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < notes.size(); i = next++)
            outcomes[i] = process_one(notes[i], config, today, mode);
    };
    jobs = std::clamp<unsigned>(jobs, 1, static_cast<unsigned>(std::max<std::size_t>(notes.size(), 1)));
    std::vector<std::thread> threads;
    for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(worker);
    worker();
    for (auto& t : threads) t.join();

    PassResult pass;
    pass.clients.reserve(notes.size());
    for (std::size_t i = 0; i < notes.size(); ++i) {
        auto& outcome = outcomes[i];
        if (!outcome.is_note) continue;
        ++pass.notes_read;
        if (outcome.changed) pass.changed.push_back(notes[i].rel);
        if (outcome.record) pass.clients.push_back(std::move(*outcome.record));
        for (auto& p : outcome.problems) pass.problems.push_back(std::move(p));
    }
    sort_problems(pass.problems);
    return pass;
}

}  // namespace touchbase
