// Target 2: the front-matter editor (SPEC §9, "nothing is lost"). The input
// chooses the wanted owned values, then is a note. For a note that reads
// without errors, plan_owned_edits + apply_edits must:
//  - edit only inside the front matter: every byte outside the edits, the
//    body included, is unchanged, and only owned values are replaced;
//  - give a note whose owned values read back as wanted, whose other keys
//    read as before, and that reads without errors;
//  - be a fixed point: planning again on the result yields no edit.
#include <algorithm>

#include "edit.h"
#include "front_matter.h"
#include "front_matter_edit.h"
#include "fuzz_support.h"

using namespace touchbase;

namespace {

Date date_from(std::uint32_t raw) {
    // Mostly near today, sometimes anywhere in 0001..9999.
    if (raw & 0x80000000u) {
        const std::int32_t lo = Date::min().serial(), hi = Date::max().serial();
        return Date::from_serial(
            lo + static_cast<std::int32_t>(raw % static_cast<std::uint32_t>(hi - lo + 1)));
    }
    return Date::from_ymd(2020, 1, 1)->plus_days(raw % 4000).value();
}

Duration duration_from(std::uint16_t raw) {
    static constexpr Unit units[] = {Unit::days, Unit::weeks, Unit::months, Unit::years};
    return Duration{(raw >> 2) % 10000, units[raw % 4]};
}

bool same_duration(const std::optional<Duration>& a, const std::optional<Duration>& b) {
    return a.has_value() == b.has_value() && (!a || means_same(*a, *b));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    touchbase::fuzz::Bytes in(data, size);
    std::uint8_t which = in.u8();
    OwnedValues wanted;
    std::uint32_t d1 = in.u32(), d2 = in.u32(), d3 = in.u32();
    std::uint16_t c = in.u16();
    if (which & 1) wanted.last_contact = date_from(d1);
    if (which & 2) wanted.counter = duration_from(c);
    if (which & 4) wanted.next_contact = date_from(d2);
    if (which & 8) wanted.offboarded = date_from(d3);
    std::string_view bytes = in.rest();

    Split split = split_note(bytes);
    if (split.kind != Split::Kind::note) return 0;
    FrontMatterRead read = read_front_matter(bytes, split, "note.md");
    if (has_error(read.problems)) return 0;
    const FrontMatter& fm = read.front_matter;

    std::vector<Edit> edits = plan_owned_edits(bytes, split, fm, wanted);
    std::string out = apply_edits(bytes, edits);

    // Only owned values are replaced, and insertions go before the closing
    // delimiter; nothing overlaps.
    std::vector<Edit> sorted = edits;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const Edit& e = sorted[i];
        if (i > 0) FUZZ_CHECK(sorted[i - 1].offset + sorted[i - 1].length <= e.offset);
        if (e.length == 0 && e.offset == split.yaml_end) continue;
        bool is_slot =
            std::any_of(std::begin(fm.slots), std::end(fm.slots), [&](const OwnedSlot& s) {
                return s.present && s.value_offset == e.offset && s.value_length == e.length;
            });
        FUZZ_CHECK(is_slot);
    }
    // Every byte outside the edits is unchanged.
    std::size_t from = 0, to = 0;
    for (const Edit& e : sorted) {
        std::size_t keep = e.offset - from;
        FUZZ_CHECK(bytes.substr(from, keep) == std::string_view(out).substr(to, keep));
        from = e.offset + e.length;
        to += keep;
        FUZZ_CHECK(std::string_view(out).substr(to, e.replacement.size()) == e.replacement);
        to += e.replacement.size();
    }
    FUZZ_CHECK(bytes.substr(from) == std::string_view(out).substr(to));
    FUZZ_CHECK(out.size() == to + (bytes.size() - from));

    // The result is a note with the same body, read without errors.
    Split split2 = split_note(out);
    FUZZ_CHECK(split2.kind == Split::Kind::note);
    FUZZ_CHECK(split2.body(out) == split.body(bytes));
    FUZZ_CHECK(split2.bom == split.bom && split2.eol == split.eol);
    FrontMatterRead read2 = read_front_matter(out, split2, "note.md");
    if (has_error(read2.problems)) {
        for (const auto& p : read2.problems)
            std::fprintf(stderr, "%d:%d: %s\n", p.line, p.column, p.message.c_str());
        std::fprintf(stderr, "--- after the edits:\n%s\n---\n", out.c_str());
    }
    FUZZ_CHECK(!has_error(read2.problems));
    const FrontMatter& fm2 = read2.front_matter;

    // Owned values read back as wanted; the others as before.
    FUZZ_CHECK(fm2.last_contact == (wanted.last_contact ? wanted.last_contact : fm.last_contact));
    FUZZ_CHECK(same_duration(fm2.counter, wanted.counter ? wanted.counter : fm.counter));
    FUZZ_CHECK(fm2.next_contact == (wanted.next_contact ? wanted.next_contact : fm.next_contact));
    FUZZ_CHECK(fm2.offboarded == (wanted.offboarded ? wanted.offboarded : fm.offboarded));
    FUZZ_CHECK(fm2.name == fm.name);
    FUZZ_CHECK(fm2.engagement == fm.engagement);
    FUZZ_CHECK(fm2.owner == fm.owner);
    FUZZ_CHECK(fm2.project_end == fm.project_end);
    FUZZ_CHECK(same_duration(fm2.remind_before, fm.remind_before));
    FUZZ_CHECK(fm2.next_actions.size() == fm.next_actions.size());
    FUZZ_CHECK(fm2.cards.size() == fm.cards.size());

    // A second plan has nothing left to do.
    FUZZ_CHECK(plan_owned_edits(out, split2, fm2, wanted).empty());
    return 0;
}
