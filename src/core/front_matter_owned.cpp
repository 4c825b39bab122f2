// The owned keys (spec §9): each value is found on its key's line by
// lex_owned_value, checked against what yaml-cpp read, and its place kept so
// that touchbase can edit it in place.
#include <fmt/format.h>

#include "front_matter_reader.h"
#include "owned_value.h"

namespace touchbase {

namespace {

// What yaml-cpp read for an owned value must be what its line shows (the
// lexer's token `t`): the reason it is not, with the column to blame, or
// nullptr when it is.
const char* disagreement(const YAML::Node& v, const YAML::Mark& key_mark, const OwnedValueToken& t,
                         std::string_view line, const YAML::Mark& next_key, std::size_t& column) {
    const YAML::Mark vm = v.Mark();
    if (t.kind == OwnedValueToken::Kind::empty) {
        // Empty on its own line. yaml-cpp's mark for an empty value points at
        // the next token, which must then be the next top-level key (there
        // always is one: the probe). Anything else is a value on a later
        // line (`key:` then `  2026-01-01`, `  ~`, or even `null` at column 1,
        // which yaml-cpp takes as the value).
        const bool at_next_key =
            !vm.is_null() && vm.line == next_key.line && vm.column == next_key.column;
        column = t.after_colon;
        return v.IsNull() && at_next_key ? nullptr : "the value is on a later line";
    }
    column = t.start;
    const bool value_here =
        !vm.is_null() && vm.line == key_mark.line && vm.column == static_cast<int>(t.start);
    if (t.quote != 0)
        return value_here && v.IsScalar() ? nullptr : "the value is not a single quoted scalar";
    // A plain scalar continued on the next lines reads longer than its token.
    const std::string_view token = line.substr(t.start, t.end - t.start);
    if (value_here && (v.IsNull() || (v.IsScalar() && v.Scalar() == token))) return nullptr;
    return v.IsScalar() ? "the value runs over several lines" : "the value is not a single scalar";
}

}  // namespace

// SPEC §9: an owned value is a plain, single- or double-quoted scalar on its
// key's own line, the key at column 1, optionally followed by spaces and a
// comment. yaml-cpp says where the key is and what the value means; the line
// itself says where the value ends (yaml-cpp marks only starts).
void FrontMatterReader::read_owned(OwnedKey k, const Entry& e, const YAML::Mark& next_key) {
    const char* name = to_string(k);
    const YAML::Mark km = e.key_node.Mark();
    const std::string_view line = yaml_line(km.line);
    const OwnedValueToken t = km.column == 0 ? lex_owned_value(line, name) : OwnedValueToken{};
    if (t.kind == OwnedValueToken::Kind::bad_key) {
        problem(Severity::error, km.is_null() ? 0 : km.line, km.is_null() ? 0 : km.column,
                fmt::format("{} must be written as a top-level `{}: VALUE` line starting at "
                            "column 1 (touchbase rewrites it in place)",
                            name, name));
        return;
    }
    std::size_t column = t.error_column;
    const char* what = t.kind == OwnedValueToken::Kind::bad_value
                           ? t.what
                           : disagreement(e.value, km, t, line, next_key, column);
    if (what) {
        problem(Severity::error, km.line, static_cast<int>(column),
                fmt::format("{} must have a plain or quoted value on its own line "
                            "(touchbase rewrites it in place): {}",
                            name, what));
        return;
    }

    OwnedSlot slot;
    slot.present = true;
    slot.line = split_.yaml_first_line + km.line;
    const std::size_t line_offset = split_.yaml_begin + lines_.start(km.line);
    if (t.kind == OwnedValueToken::Kind::empty) {
        if (t.start >= line.size()) slot.plain_unsafe = next_line_starts_with_tab(km.line);
        slot.value_offset = line_offset + t.after_colon;
        slot.column = 1;
    } else {
        slot.quote = t.quote;
        slot.is_null = e.value.IsNull() || (t.quote != 0 && e.value.Scalar().empty());
        if (!slot.is_null)
            slot.text = t.quote != 0 ? e.value.Scalar()
                                     : std::string(line.substr(t.start, t.end - t.start));
        slot.value_offset = line_offset + t.start;
        slot.value_length = t.end - t.start;
        slot.column = static_cast<int>(t.start) + 1;
        if (!slot.is_null) read_owned_meaning(k, slot.text, km.line, static_cast<int>(t.start));
    }
    out_.front_matter.slots[static_cast<int>(k)] = std::move(slot);
}

// An empty value whose next non-blank line starts with a tab: yaml-cpp
// rejects such a line after a plain scalar, so a value written there must be
// quoted.
bool FrontMatterReader::next_line_starts_with_tab(int yaml_line_index) const {
    for (int l = yaml_line_index + 1; l < lines_.count(); ++l) {
        const std::string_view next = yaml_line(l);
        if (next.find_first_not_of(' ') == std::string_view::npos) continue;
        return next.front() == '\t';
    }
    return false;
}

// The value's meaning: the counter's duration, or a date, read as the user's
// keys of the same types are.
void FrontMatterReader::read_owned_meaning(OwnedKey k, const std::string& text, int yaml_line_index,
                                           int column) {
    FrontMatter& fm = out_.front_matter;
    auto parse = [&](const auto& type, auto& into) {
        if (auto value = type.parse(text)) {
            into = *value;
            return;
        }
        problem(Severity::error, yaml_line_index, column,
                fmt::format(fmt::runtime(type.invalid), fmt::arg("value", shown(text)),
                            fmt::arg("key", to_string(k)), fmt::arg("expected", type.expected)));
    };
    switch (k) {
        case OwnedKey::counter: parse(kDurationType, fm.counter); break;
        case OwnedKey::last_contact: parse(kDateType, fm.last_contact); break;
        case OwnedKey::next_contact: parse(kDateType, fm.next_contact); break;
        case OwnedKey::offboarded: parse(kDateType, fm.offboarded); break;
    }
}

}  // namespace touchbase
