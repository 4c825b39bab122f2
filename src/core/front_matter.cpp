// Splitting a note (spec §2) and the entry point of reading its front
// matter. The reader itself: front_matter_reader.h.
#include "front_matter.h"

#include <fmt/format.h>

#include "front_matter_reader.h"
#include "owned_value.h"
#include "text.h"
#include "yaml_support.h"

namespace touchbase {

const char* to_string(OwnedKey k) {
    switch (k) {
        case OwnedKey::last_contact: return "last_contact";
        case OwnedKey::counter: return "counter";
        case OwnedKey::next_contact: return "next_contact";
        case OwnedKey::offboarded: return "offboarded";
    }
    return "?";
}

namespace {

// SPEC §2: exactly `---` (or `...` to close), trailing spaces or tabs and a
// CR allowed.
bool is_delimiter(std::string_view line, bool closing) {
    line = trim_trailing_blanks(line);
    return line == "---" || (closing && line == "...");
}

}  // namespace

// Lines end at LF here, as yaml-cpp counts them (yaml_support.h): the
// problems of the reader carry its marks.
Split split_note(std::string_view bytes) {
    Split s;
    std::size_t pos = 0;
    if (starts_with_bom(bytes)) {
        s.bom = true;
        pos = kBom.size();
    }
    const LfLine first = lf_line_at(bytes, pos);
    if (!is_delimiter(lf_content(bytes, first), false)) return s;  // not a note
    if (first.end > first.begin && bytes[first.end - 1] == '\r' && first.end < bytes.size())
        s.eol = "\r\n";
    s.yaml_begin = first.next;
    s.yaml_first_line = 2;
    int line_no = 2;
    for (std::size_t p = first.next; p < bytes.size(); ++line_no) {
        const LfLine l = lf_line_at(bytes, p);
        if (is_delimiter(lf_content(bytes, l), true)) {
            s.kind = Split::Kind::note;
            s.yaml_end = l.begin;
            s.body_begin = l.next;
            s.body_first_line = line_no + 1;
            return s;
        }
        p = l.next;
    }
    s.kind = Split::Kind::unclosed;
    s.yaml_end = s.body_begin = bytes.size();
    s.body_first_line = line_no;
    return s;
}

namespace {

struct KeyAfterDots {
    OwnedKey key;
    int line;
};

Problem key_after_dots_problem(const KeyAfterDots& found, const FrontMatter& fm, int dots_line,
                               int dashes_line, std::string_view file) {
    const OwnedSlot& first = fm.slot(found.key);
    const char* name = to_string(found.key);
    std::string message =
        first.present ? fmt::format(
                            "{} appears twice (first on line {}); touchbase cannot tell which one "
                            "to update",
                            name, first.line)
                      : fmt::format(
                            "{} comes after the '...' that closes the front matter on line {} and "
                            "before the '---' on line {}; touchbase cannot tell whether it belongs "
                            "to the front matter (expected it above line {})",
                            name, dots_line, dashes_line, dots_line);
    return {std::string(file), found.line, 1, Severity::error, std::move(message), {}};
}

// A block closed with `...` (spec §2) reads differently to a tool that closes
// front matter only at `---`: for it, the lines up to a later `---` line are
// front matter too. An owned key there would be a second copy beside the one
// touchbase keeps above the `...`, so it is an error (spec §9), as a
// duplicate is.
void check_keys_after_dots(std::string_view bytes, const Split& split, std::string_view file,
                           FrontMatterRead& read) {
    const std::string_view closing = lf_content(bytes, lf_line_at(bytes, split.yaml_end));
    if (trim_trailing_blanks(closing) != "...") return;
    std::vector<KeyAfterDots> found;
    int line_no = split.body_first_line;
    for (std::size_t p = split.body_begin; p < bytes.size(); ++line_no) {
        const LfLine l = lf_line_at(bytes, p);
        p = l.next;
        const std::string_view text = lf_content(bytes, l);
        if (is_delimiter(text, false)) {
            for (const KeyAfterDots& f : found)
                read.problems.push_back(key_after_dots_problem(f, read.front_matter,
                                                               split.body_first_line - 1, line_no,
                                                               file));
            return;
        }
        for (OwnedKey k : kOwnedKeys)
            if (starts_with_owned_key(text, to_string(k))) found.push_back({k, line_no});
    }
}

}  // namespace

FrontMatterRead read_front_matter(std::string_view bytes, const Split& split,
                                  std::string_view file) {
    if (split.kind == Split::Kind::not_a_note) return {};
    if (split.kind == Split::Kind::unclosed) {
        FrontMatterRead r;
        Problem p;
        p.file = std::string(file);
        p.line = 1;
        p.column = 1;
        p.message = "the front matter opened here is never closed (no later '---' or '...' line)";
        r.problems.push_back(std::move(p));
        return r;
    }
    FrontMatterRead read = FrontMatterReader(bytes, split, file).read();
    check_keys_after_dots(bytes, split, file, read);
    return read;
}

}  // namespace touchbase
