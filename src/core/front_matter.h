// Splitting a file into BOM / front matter / body (SPEC §2), and reading the
// front-matter keys of SPEC §3 with yaml-cpp, keeping the byte position of
// every owned value so it can be edited in place (SPEC §9).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "date.h"
#include "model.h"
#include "problem.h"

namespace touchbase {

struct Split {
    enum class Kind { not_a_note, note, unclosed } kind = Kind::not_a_note;
    bool bom = false;
    std::string eol = "\n";      // line ending of the opening line: "\n" or "\r\n"
    std::size_t yaml_begin = 0;  // offset of the first byte after the opening line
    std::size_t yaml_end = 0;    // offset of the closing delimiter line (end of YAML text)
    std::size_t body_begin = 0;  // offset of the first byte after the closing line
    int yaml_first_line = 2;     // file line of yaml_begin
    int body_first_line = 0;     // file line of body_begin
    std::string_view yaml(std::string_view bytes) const {
        return bytes.substr(yaml_begin, yaml_end - yaml_begin);
    }
    std::string_view body(std::string_view bytes) const { return bytes.substr(body_begin); }
};

// SPEC §2: a note starts (after an optional BOM) with a line that is exactly
// `---` (trailing spaces and CR allowed), closed by a later `---` or `...` line.
[[nodiscard]] Split split_note(std::string_view bytes);

enum class OwnedKey { last_contact, counter, next_contact, offboarded };
inline constexpr OwnedKey kOwnedKeys[] = {OwnedKey::last_contact, OwnedKey::counter,
                                          OwnedKey::next_contact, OwnedKey::offboarded};
const char* to_string(OwnedKey k);

// Where an owned key's value sits in the file (SPEC §9).
struct OwnedSlot {
    bool present = false;          // the key is in the front matter
    std::size_t value_offset = 0;  // file offset of the value token (quotes included)
    std::size_t value_length = 0;  // 0 for an empty value
    char quote = 0;                // 0 plain, '\'' or '"'
    std::string text;              // the value, unquoted; empty for an empty/null value
    bool is_null = true;           // empty, `null` or `~`
    int line = 0, column = 0;      // file position of the value (of the key when empty)
    // An empty value (no comment) whose next non-blank line starts with a tab:
    // yaml-cpp rejects such a line after a plain scalar, so a value written
    // here must be quoted.
    bool plain_unsafe = false;
};

struct NextAction {
    std::string text;
    std::optional<Date> due;
    int line = 0;
};

struct CardEntry {
    std::string text;  // as written
    int line = 0, column = 0;
};

struct FrontMatter {
    std::optional<std::string> name;
    std::optional<Engagement> engagement;
    std::optional<std::string> owner;
    std::vector<NextAction> next_actions;
    std::vector<CardEntry> cards;
    std::optional<Date> project_end;
    std::optional<Duration> remind_before;

    std::optional<Date> last_contact;
    std::optional<Duration> counter;
    std::optional<Date> next_contact;
    std::optional<Date> offboarded;

    OwnedSlot slots[4];  // indexed by OwnedKey
    const OwnedSlot& slot(OwnedKey k) const { return slots[static_cast<int>(k)]; }
};

struct FrontMatterRead {
    FrontMatter front_matter;
    std::vector<Problem> problems;  // errors make the note untouchable; warnings do not
};

// Reads the YAML between the delimiters. Errors: YAML that does not parse, a
// top level that is not a block mapping, a bad value for a key of SPEC §3, an
// owned value that breaks SPEC §9's rule or appears twice. Warnings: a
// duplicate user key. Problems carry `file` and file positions.
//
// Also checked here, on the text before yaml-cpp sees it (SPEC §9): front
// matter larger than kMaxFrontMatterBytes or nested deeper than
// kMaxFrontMatterDepth. For an `unclosed` split the result is one error at
// line 1; for `not_a_note` it is empty. (Whole-file checks, UTF-8, NUL and
// 10 MiB, belong to the caller.)
[[nodiscard]] FrontMatterRead read_front_matter(std::string_view bytes, const Split& split,
                                                std::string_view file);

inline constexpr std::size_t kMaxFrontMatterBytes = 64 * 1024;
inline constexpr int kMaxFrontMatterDepth = 64;

// SPEC §9: how deeply the YAML text nests, measured on the text alone
// (front_matter_depth.cpp): each collection is a level, the top-level one
// the first, whether a deeper indentation, a `- `, `? ` or `key: ` after one
// of them on a line, or a flow bracket opens it. Errs upwards, so a limit on
// it keeps yaml-cpp's own recursion far away. Stops at the first point
// deeper than `limit`; `offset` is where the returned depth is first reached.
struct NestingDepth {
    int depth = 0;
    std::size_t offset = 0;
};
NestingDepth nesting_depth(std::string_view yaml, int limit = 1 << 30);
// An upper bound of nesting_depth, found in one quick pass: every level is
// opened by a line, by a `[` or `{`, or on a line by a `-`, `?` or `:`
// followed by white space or the end, so there are no more levels than
// these. A text whose bound is within a limit cannot be deeper, and needs no
// nesting_depth.
std::size_t nesting_bound(std::string_view yaml);

}  // namespace touchbase
