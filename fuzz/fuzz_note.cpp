// Target 6: process_note end to end (DESIGN: the pure per-note function).
// The first two bytes choose *today*, the rest is the note. Properties: no
// crash or hang; a note with an error is never rewritten; processing the new
// bytes again gives no new bytes (SPEC §9: running twice changes nothing),
// and the same client state.
#include "fuzz_support.h"
#include "note.h"

using namespace touchbase;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    touchbase::fuzz::Bytes in(data, size);
    static const Config config;
    Date today = Date::from_ymd(2024, 1, 1)->plus_days(in.u16() % 2000).value();
    std::string_view bytes = in.rest();

    NoteResult first = process_note("clients/note.md", bytes, config, today);
    if (!first.is_note) {
        FUZZ_CHECK(!first.new_bytes && !first.record && first.problems.empty());
        return 0;
    }
    if (has_error(first.problems)) {
        FUZZ_CHECK(!first.new_bytes && !first.record);
        return 0;
    }
    FUZZ_CHECK(first.record.has_value());
    if (!first.new_bytes) return 0;
    FUZZ_CHECK(*first.new_bytes != bytes);

    NoteResult second = process_note("clients/note.md", *first.new_bytes, config, today);
    if (second.new_bytes || has_error(second.problems)) {
        for (const auto& p : second.problems)
            std::fprintf(stderr, "%d:%d: %s\n", p.line, p.column, p.message.c_str());
        std::fprintf(stderr, "--- first run wrote:\n%s\n---\n", first.new_bytes->c_str());
    }
    FUZZ_CHECK(!has_error(second.problems));
    FUZZ_CHECK(!second.new_bytes);
    FUZZ_CHECK(second.record.has_value());
    const ClientRecord &a = *first.record, &b = *second.record;
    FUZZ_CHECK(a.last_contact == b.last_contact);
    FUZZ_CHECK(a.next_contact == b.next_contact);
    FUZZ_CHECK(a.status == b.status);
    FUZZ_CHECK(a.counter.has_value() == b.counter.has_value() &&
               (!a.counter || means_same(*a.counter, *b.counter)));
    return 0;
}
