#include "log_entry.h"

#include <fmt/format.h>

#include "text.h"

namespace touchbase {

namespace {

// True when `pos` is at the start of a line that follows a blank line (or at
// `floor`, where nothing before counts).
bool follows_blank_line(std::string_view bytes, std::size_t pos, std::size_t floor) {
    if (pos <= floor) return true;
    std::size_t end = pos;  // just after the previous line's ending
    if (end > 0 && bytes[end - 1] == '\n') --end;
    if (end > 0 && bytes[end - 1] == '\r') --end;
    std::size_t start = end;
    while (start > floor && bytes[start - 1] != '\n' && bytes[start - 1] != '\r') --start;
    for (std::size_t i = start; i < end; ++i)
        if (!is_blank(bytes[i])) return false;
    return true;
}

bool ends_with_line_ending(std::string_view bytes) {
    return !bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r');
}

// How the note writes an entry: what comes before the date, around it and after it.
struct EntryShape {
    std::string lead;         // "## " or "- " (indentation and list marker included)
    std::string open, close;  // "**", "[[" ... around the date
    std::string separator;    // between the date and the words
};

// Reads the decoration around the date at the start of `content` (after the
// heading marks or the list marker) and the separator after it.
void read_date_style(std::string_view content, EntryShape& shape) {
    static constexpr std::pair<std::string_view, std::string_view> wraps[] = {{"**", "**"},
                                                                              {"__", "__"},
                                                                              {"[[", "]]"}};
    std::string_view open, close;
    for (const auto& [o, c] : wraps) {
        if (content.starts_with(o)) {
            open = o;
            close = c;
            break;
        }
    }
    std::size_t at = open.size();
    if (content.size() < at + 10 || !is_digit(content[at]) || content[at + 4] != '-') return;
    at += 10;
    if (!content.substr(at).starts_with(close)) return;
    at += close.size();
    // The separator: spaces and punctuation, en and em dashes included.
    std::size_t end = at;
    for (;;) {
        if (end < content.size() &&
            std::string_view(" \t:-|,;.").find(content[end]) != std::string_view::npos) {
            ++end;
        } else if (content.substr(end).starts_with("\u2013") ||
                   content.substr(end).starts_with("\u2014")) {
            end += 3;
        } else {
            break;
        }
    }
    shape.open = open;
    shape.close = close;
    std::string_view separator = content.substr(at, end - at);
    // Only a separator that ends in white space reads well before the words.
    if (!separator.empty() && is_blank(separator.back())) shape.separator = separator;
}

EntryShape heading_shape(std::string_view first_entry_line, int level) {
    EntryShape shape{std::string(static_cast<std::size_t>(std::max(level, 1)), '#') + " ", "", "",
                     " "};
    std::string_view s = first_entry_line;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.front() == '#') s.remove_prefix(1);
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    read_date_style(s, shape);
    return shape;
}

EntryShape list_shape(std::string_view first_entry_line) {
    EntryShape shape{"- ", "", "", ": "};
    std::string_view s = first_entry_line;
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    std::size_t marker_end = i;
    if (i < s.size() && (s[i] == '-' || s[i] == '*' || s[i] == '+')) {
        marker_end = i + 1;
    } else {
        while (marker_end < s.size() && is_digit(s[marker_end])) ++marker_end;
        if (marker_end == i || marker_end >= s.size() ||
            (s[marker_end] != '.' && s[marker_end] != ')'))
            return shape;
        ++marker_end;
    }
    const std::size_t content = skip_blanks(s, marker_end);
    if (content == marker_end) return shape;  // not a list marker after all
    shape.lead = std::string(s.substr(0, content));
    read_date_style(s.substr(content), shape);
    return shape;
}

std::string entry_line(const EntryShape& shape, const LogEntry& entry) {
    std::string words = entry_words(entry);
    std::string line = fmt::format("{}{}{}{}", shape.lead, shape.open, entry.date, shape.close);
    if (!words.empty()) line += shape.separator + words;
    return line;
}

// SPEC §5.4's rule for appending, reused: end the last line, then one blank
// line unless the note already ends with one.
// (The closing `---` of the front matter counts as a line like any other.)
std::string append_separator(std::string_view bytes, std::string_view eol) {
    std::string out;
    if (bytes.empty()) return out;
    if (!ends_with_line_ending(bytes)) {
        out += eol;
        out += eol;
        return out;
    }
    if (!follows_blank_line(bytes, bytes.size(), 0)) out += eol;
    return out;
}

}  // namespace

std::string entry_words(const LogEntry& entry) {
    std::string words;
    auto add = [&](std::string_view word) {
        if (!words.empty()) words += ' ';
        words += word;
    };
    // The message on one line: every run of white space (line breaks
    // included) becomes one space, so the entry stays one heading or item.
    const std::string message = collapse_spaces(entry.message);
    if (!message.empty()) add(message);
    if (entry.needs) add("#needs");
    if (entry.news) add("#news");
    if (entry.missed) add("#missed");
    if (entry.card)
        add(entry.card_occasion.empty() ? std::string("#card") : "#card:" + entry.card_occasion);
    if (entry.next) add(fmt::format("next:{}", *entry.next));
    return words;
}

Edit plan_log_entry(std::string_view bytes, std::size_t body_begin, std::string_view eol,
                    const LogLayout& layout, std::string_view log_heading, const LogEntry& entry) {
    body_begin = std::min(body_begin, bytes.size());
    const std::size_t end = bytes.size();
    auto at = [&](long body_offset) {
        return std::min(body_begin + static_cast<std::size_t>(body_offset), end);
    };
    const bool known = layout.style != LogLayout::Style::none && layout.insert_top >= 0 &&
                       layout.insert_bottom >= 0;

    if (known && layout.style == LogLayout::Style::headings) {
        const std::size_t top = at(layout.insert_top);
        const std::string line =
            entry_line(heading_shape(rest_of_line(bytes, top), layout.heading_level), entry);
        if (layout.newest_first) return Edit{top, 0, fmt::format("{}{}{}", line, eol, eol)};
        const std::size_t pos = at(layout.insert_bottom);
        if (pos == end)  // the entries run to the end of the note
            return Edit{end, 0, fmt::format("{}{}{}", append_separator(bytes, eol), line, eol)};
        // Before the heading that ends the last entry's section.
        std::string before = follows_blank_line(bytes, pos, body_begin) ? "" : std::string(eol);
        return Edit{pos, 0, fmt::format("{}{}{}{}", before, line, eol, eol)};
    }

    if (known && layout.style == LogLayout::Style::list) {
        const std::size_t top = at(layout.insert_top);
        const std::string line = entry_line(list_shape(rest_of_line(bytes, top)), entry);
        if (layout.newest_first) return Edit{top, 0, fmt::format("{}{}", line, eol)};
        const std::size_t pos = at(layout.insert_bottom);
        std::string before = pos == end && !ends_with_line_ending(bytes) ? std::string(eol) : "";
        return Edit{pos, 0, fmt::format("{}{}{}", before, line, eol)};
    }

    const std::string line = entry_line(list_shape(""), entry);
    if (layout.log_section_end >= 0) {
        // An empty Log section (as `touchbase new` writes): its first item,
        // after a blank line below what the section holds.
        const std::size_t pos = at(layout.log_section_end);
        std::string before = pos == end && !ends_with_line_ending(bytes) ? std::string(eol) : "";
        return Edit{pos, 0, fmt::format("{}{}{}{}", before, eol, line, eol)};
    }
    return Edit{end, 0,
                fmt::format("{}## {}{}{}{}{}", append_separator(bytes, eol), log_heading, eol, eol,
                            line, eol)};
}

}  // namespace touchbase
