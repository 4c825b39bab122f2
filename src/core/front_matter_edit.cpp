#include "front_matter_edit.h"

namespace touchbase {

std::string quoted_value(const OwnedSlot& slot, std::string_view value) {
    std::string out;
    switch (slot.quote) {
        case '\'':
            out += '\'';
            for (char c : value) {
                if (c == '\'') out += '\'';  // '' is a quote inside single quotes
                out += c;
            }
            out += '\'';
            break;
        case '"':
            out += '"';
            for (char c : value) {
                if (c == '\\' || c == '"') out += '\\';
                out += c;
            }
            out += '"';
            break;
        default: out = value; break;
    }
    return out;
}

namespace {

// Whether the slot already holds a value that means `want` (SPEC §9:
// `'2026-11-16'` for 2026-11-16, `14d` for 2w).
bool holds(const OwnedSlot& slot, Date want) {
    if (!slot.present || slot.is_null) return false;
    const auto d = Date::parse(slot.text);
    return d && *d == want;
}

bool holds(const OwnedSlot& slot, Duration want) {
    if (!slot.present || slot.is_null) return false;
    const auto d = Duration::parse(slot.text);
    return d && means_same(*d, want);
}

}  // namespace

std::vector<Edit> plan_owned_edits(std::string_view /*bytes*/, const Split& split,
                                   const FrontMatter& fm, const OwnedValues& wanted) {
    std::vector<Edit> edits;
    if (split.kind != Split::Kind::note) return edits;

    for (OwnedKey k : kOwnedKeys) {
        const OwnedSlot& slot = fm.slot(k);
        std::string value;
        switch (k) {
            case OwnedKey::counter:
                if (!wanted.counter || holds(slot, *wanted.counter)) continue;
                value = wanted.counter->str();
                break;
            case OwnedKey::last_contact:
            case OwnedKey::next_contact:
            case OwnedKey::offboarded: {
                const std::optional<Date>& want = k == OwnedKey::last_contact ? wanted.last_contact
                                                  : k == OwnedKey::next_contact
                                                      ? wanted.next_contact
                                                      : wanted.offboarded;
                if (!want || holds(slot, *want)) continue;
                value = want->str();
                break;
            }
        }

        if (!slot.present) {
            // SPEC §9: a `key: value` line just before the closing delimiter,
            // in the §3 order (insertions at one offset keep their order).
            edits.push_back(
                {split.yaml_end, 0, std::string(to_string(k)) + ": " + value + split.eol});
        } else if (slot.value_length == 0) {
            // `key:` with nothing after it: value_offset is just after the
            // colon; one space, then the value, before any spacing or comment.
            OwnedSlot style = slot;
            if (slot.plain_unsafe) style.quote = '\'';
            std::string text = " ";
            text += quoted_value(style, value);
            edits.push_back({slot.value_offset, 0, std::move(text)});
        } else {
            edits.push_back({slot.value_offset, slot.value_length, quoted_value(slot, value)});
        }
    }
    return edits;
}

}  // namespace touchbase
