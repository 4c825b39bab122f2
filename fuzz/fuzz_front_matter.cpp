// Target 1: the front-matter splitter and reader (SPEC §2, §3, §9).
// Properties: no crash or hang; the split's offsets lie inside the file and
// in order; every owned slot read points at bytes inside the front matter.
#include "front_matter.h"
#include "fuzz_support.h"

using namespace touchbase;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Split split = split_note(bytes);
    if (split.kind != Split::Kind::note) {
        FrontMatterRead read = read_front_matter(bytes, split, "note.md");
        FUZZ_CHECK(split.kind == Split::Kind::not_a_note ? read.problems.empty()
                                                         : has_error(read.problems));
        return 0;
    }
    FUZZ_CHECK(split.yaml_begin <= split.yaml_end);
    FUZZ_CHECK(split.yaml_end <= split.body_begin);
    FUZZ_CHECK(split.body_begin <= bytes.size());
    FUZZ_CHECK(split.eol == "\n" || split.eol == "\r\n");
    FUZZ_CHECK(split.body_first_line > split.yaml_first_line);

    FrontMatterRead read = read_front_matter(bytes, split, "note.md");
    for (const auto& p : read.problems) {
        FUZZ_CHECK(p.line >= 1);
        FUZZ_CHECK(p.column >= 1);
        FUZZ_CHECK(!p.message.empty());
    }
    if (has_error(read.problems)) return 0;
    for (const auto& slot : read.front_matter.slots) {
        if (!slot.present) continue;
        FUZZ_CHECK(slot.value_offset >= split.yaml_begin);
        FUZZ_CHECK(slot.value_offset + slot.value_length <= split.yaml_end);
        FUZZ_CHECK(slot.line >= split.yaml_first_line && slot.line < split.body_first_line);
    }
    return 0;
}
