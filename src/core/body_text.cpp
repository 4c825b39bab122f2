#include "body_text.h"

#include <fmt/format.h>

#include "spelling.h"
#include "text.h"

namespace touchbase {

namespace {

// ---------------------------------------------------------------------------
// Characters

// SPEC §4.1 tag and `next:` start: the start of the text, white space or '('.
bool opens_word(std::string_view s, std::size_t at) {
    return at == 0 || s[at - 1] == '(' || space_before(s, at);
}

// SPEC §4.1 tag end: the end of the text, white space, or ASCII punctuation
// other than '-', '_' and '/'.
bool closes_word(std::string_view s, std::size_t at) {
    if (at >= s.size() || space_at(s, at) > 0) return true;
    const char c = s[at];
    const bool punct = (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
                       (c >= '{' && c <= '~');
    return punct && c != '-' && c != '_' && c != '/';
}

// What may follow a tag of ours and make it another word (`#needs-help`).
bool tag_suffix(char c) { return c == '-' || c == '_' || c == '/'; }

// A date (SPEC §1, date_token_at: one-digit month or day and a `T` time
// allowed; validity is not checked) at `at`: its length, 0 if none.
std::size_t date_at(std::string_view s, std::size_t at) {
    return at <= s.size() ? date_token_at(s.substr(at)).length : 0;
}

// A date written another way (other_date_shape_at) at `at`: its length, or 0.
std::size_t other_date_at(std::string_view s, std::size_t at) {
    return at <= s.size() ? other_date_shape_at(s.substr(at)) : 0;
}

// The length of the date at `at`, shaped like one (valid or not) or written
// another way, and not glued to more digits or letters; 0 if none.
// `other_way` says which.
std::size_t date_word(std::string_view s, std::size_t at, bool& other_way) {
    other_way = false;
    std::size_t len = date_at(s, at);
    if (len == 0) {
        len = other_date_at(s, at);
        other_way = len > 0;
    }
    if (len == 0) return 0;
    if (at + len < s.size() && is_ascii_alnum(s[at + len])) return 0;
    return len;
}

// ---------------------------------------------------------------------------
// Tags and next: (SPEC §4.1)

struct Tag {
    std::string_view word;
    bool EntryMarks::*flag;
};
constexpr Tag kTags[] = {{"needs", &EntryMarks::needs},
                         {"news", &EntryMarks::news},
                         {"missed", &EntryMarks::missed},
                         {"card", &EntryMarks::card}};

const Tag* find_tag(std::string_view word) {
    const Tag* found = nullptr;
    for (const Tag& tag : kTags)
        if (iequals(word, tag.word)) found = &tag;
    return found;
}

// `#card:OCCASION` (SPEC §5.5), after a `#card` that ends at `end`: letters,
// digits and `-` after the colon; `#card` alone, or `#card:` with none, is bare.
void read_card_occasion(std::string_view text, std::size_t end, EntryMarks& marks) {
    std::size_t stop = end < text.size() && text[end] == ':' ? end + 1 : end;
    while (stop < text.size() && (is_ascii_alnum(text[stop]) || text[stop] == '-')) ++stop;
    if (stop > end + 1)
        marks.card_occasions.emplace_back(text.substr(end + 1, stop - end - 1));
    else
        marks.card_bare = true;
}

// SPEC §4.1: a word tag of four letters or more, one edit away from ours.
std::string tags_one_edit_away(std::string_view word) {
    std::string meant;
    if (word.size() < 4) return meant;
    for (const Tag& tag : kTags)
        if (one_edit_apart(word, tag.word))
            meant += fmt::format("{}#{}", meant.empty() ? "" : " or ", tag.word);
    return meant;
}

// The end of a suffixed tag as shown in a warning (`#needs-help`): the run of
// letters, digits, '-', '_' and '/' from `end`.
std::size_t suffixed_end(std::string_view text, std::size_t end) {
    while (end < text.size() && space_at(text, end) == 0 &&
           (is_ascii_alnum(text[end]) || tag_suffix(text[end])))
        ++end;
    return end;
}

// The tag whose '#' is at `at` (opening a word): sets its flag, or records a
// near miss. Returns the offset of its last letter (`at` when no letter follows).
std::size_t read_tag(std::string_view text, std::size_t at, EntryMarks& marks) {
    std::size_t end = at + 1;
    while (end < text.size() && is_ascii_letter(text[end])) ++end;
    const std::string_view word = text.substr(at + 1, end - at - 1);
    if (word.empty()) return at;
    const bool closed = closes_word(text, end);
    const bool suffixed = end < text.size() && tag_suffix(text[end]);
    const Tag* exact = find_tag(word);
    std::string meant;
    if (exact && closed) {
        marks.*(exact->flag) = true;
        if (exact->flag == &EntryMarks::card) read_card_occasion(text, end, marks);
    } else if (exact && suffixed) {
        meant = fmt::format("#{}", exact->word);
    } else if (!exact && closed) {
        meant = tags_one_edit_away(word);
    }
    if (!meant.empty()) {
        const std::size_t shown = suffixed ? suffixed_end(text, end) : end;
        marks.near_misses.push_back(
            {at, std::string(text.substr(at, shown - at)), std::move(meant)});
    }
    return end - 1;
}

// `next:DATE` at `at`; spaces after the colon are allowed. Where an entry
// holds several, the last one wins (as across entries, SPEC §5.3).
void read_next(std::string_view text, std::size_t at, EntryMarks& marks) {
    const std::size_t p = skip_blanks(text, at + 5);
    bool other_way = false;
    const std::size_t len = date_word(text, p, other_way);
    if (len == 0) return;
    const std::string_view written = text.substr(p, len);
    const auto d = other_way ? std::nullopt : Date::parse(written);
    if (d) {
        marks.next = d;
        marks.next_invalid.clear();
        marks.next_other_way = false;
    } else {
        marks.next.reset();
        marks.next_invalid = std::string(written);
        marks.next_other_way = other_way;
        marks.next_offset = at;
    }
}

// ---------------------------------------------------------------------------
// Due markers (SPEC §4.2)

DueMarker make_marker(std::string_view s, std::size_t begin, std::size_t date_begin,
                      std::size_t length, bool other_way, std::size_t end) {
    DueMarker m;
    m.begin = begin;
    m.end = end;
    m.date_text = std::string(s.substr(date_begin, length));
    m.other_way = other_way;
    if (!other_way) m.date = Date::parse(m.date_text);
    return m;
}

// `📅` (U+1F4C5), an optional U+FE0F, any white space, then the date.
std::optional<DueMarker> calendar_marker_at(std::string_view s, std::size_t at) {
    static constexpr std::string_view calendar = "\xF0\x9F\x93\x85";
    static constexpr std::string_view variation = "\xEF\xB8\x8F";
    if (s.substr(at, calendar.size()) != calendar) return std::nullopt;
    std::size_t p = at + calendar.size();
    if (s.substr(p, variation.size()) == variation) p += variation.size();
    p = skip_spaces(s, p);
    bool other = false;
    const std::size_t len = date_word(s, p, other);
    if (len == 0) return std::nullopt;
    return make_marker(s, at, p, len, other, p + len);
}

// todo.txt `due:DATE` (case-insensitive; spaces after the colon allowed),
// starting a word so that `overdue:` is not one.
std::optional<DueMarker> todo_marker_at(std::string_view s, std::size_t at) {
    if (!istarts_with_at(s, at, "due:") || !opens_word(s, at)) return std::nullopt;
    const std::size_t p = skip_blanks(s, at + 4);
    bool other = false;
    const std::size_t len = date_word(s, p, other);
    if (len == 0) return std::nullopt;
    return make_marker(s, at, p, len, other, p + len);
}

// Dataview inline field `[due:: DATE]` or `(due:: DATE)`.
std::optional<DueMarker> dataview_marker_at(std::string_view s, std::size_t at) {
    if (at >= s.size() || (s[at] != '[' && s[at] != '(')) return std::nullopt;
    const char close = s[at] == '[' ? ']' : ')';
    if (!istarts_with_at(s, at + 1, "due::")) return std::nullopt;
    const std::size_t p = skip_spaces(s, at + 6);
    bool other = false;
    const std::size_t len = date_word(s, p, other);
    if (len == 0) return std::nullopt;
    const std::size_t q = skip_spaces(s, p + len);
    if (q >= s.size() || s[q] != close) return std::nullopt;
    return make_marker(s, at, p, len, other, q + 1);
}

}  // namespace

EntryMarks read_marks(std::string_view text) {
    EntryMarks marks;
    // A tag starts at a '#', and a `next:` ends at a ':'. Both are rare in
    // prose, so the text is searched for them (memchr) rather than read byte
    // by byte; they are handled in the order they stand.
    std::size_t hash = text.find('#'), colon = text.find(':');
    for (std::size_t i = 0;;) {
        if (hash < i) hash = text.find('#', i);
        if (colon < i) colon = text.find(':', i);
        if (hash == std::string_view::npos && colon == std::string_view::npos) break;
        if (hash < colon) {
            i = opens_word(text, hash) ? read_tag(text, hash, marks) + 1 : hash + 1;
        } else {
            // Letters of a tag read above are never a `next:` that opens a
            // word, so looking back from the colon sees what reading on would.
            if (colon >= 4 && istarts_with_at(text, colon - 4, "next:") &&
                opens_word(text, colon - 4))
                read_next(text, colon - 4, marks);
            i = colon + 1;
        }
    }
    return marks;
}

LeadingDate leading_date(std::string_view text) {
    LeadingDate out;
    const std::size_t at = text.starts_with("[[") ? 2 : 0;
    const DateToken token = date_token_at(text.substr(at));
    std::size_t len = token.length;
    const bool other_way = len == 0;
    if (other_way) len = other_date_at(text, at);
    if (len == 0) return out;
    std::size_t end = at + len;
    if (at == 2) {
        if (text.substr(end, 2) != "]]") return out;
        end += 2;
    }
    // Followed by the end, white space, or one of `: , . ; )`.
    if (end < text.size() && space_at(text, end) == 0) {
        static constexpr std::string_view allowed = ":,.;)";
        if (allowed.find(text[end]) == std::string_view::npos) return out;
    }
    const std::string_view written = text.substr(at, len);
    if (other_way) {
        out.kind = DateStart::other_way;
        out.written = std::string(written);
        return out;
    }
    out.date = token.date;  // the token is the whole of `written`
    out.kind = out.date ? DateStart::valid : DateStart::invalid;
    if (!out.date) out.written = std::string(written);
    return out;
}

std::optional<DueMarker> find_due_marker(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        // Every marker starts with one of these bytes: the others are passed
        // over without trying the three readers (this runs on every byte of
        // every task item).
        const char c = line[i];
        if (c != '\xF0' && c != '[' && c != '(' && c != 'd' && c != 'D') continue;
        if (auto m = calendar_marker_at(line, i)) return m;
        if (auto m = dataview_marker_at(line, i)) return m;
        if (auto m = todo_marker_at(line, i)) return m;
    }
    return std::nullopt;
}

}  // namespace touchbase
