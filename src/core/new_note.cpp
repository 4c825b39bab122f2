#include "new_note.h"

#include <fmt/format.h>

#include "body_text.h"
#include "name_fold.h"
#include "text.h"

namespace touchbase {

namespace {

// Latin-1 Supplement letters U+00C0..U+00FF, lower case ASCII ("" = dropped).
constexpr const char* kLatin1[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // F0
};

// Latin Extended-A U+0100..U+017F: ranges of code points and their letters.
struct Range {
    long first, last;
    const char* ascii;
};
constexpr Range kLatinExtendedA[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},  {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},  {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"},  {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"},  {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

// The ASCII letters for a code point: "" for one that is dropped, nullopt
// for one that separates words.
std::optional<std::string_view> ascii_for(long cp) {
    static constexpr std::string_view kLetters = "abcdefghijklmnopqrstuvwxyz";
    static constexpr std::string_view kDigits = "0123456789";
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    if (cp >= 'a' && cp <= 'z') return kLetters.substr(static_cast<std::size_t>(cp - 'a'), 1);
    if (cp >= '0' && cp <= '9') return kDigits.substr(static_cast<std::size_t>(cp - '0'), 1);
    if (cp >= 0xC0 && cp <= 0xFF) {
        std::string_view s = kLatin1[cp - 0xC0];
        if (s.empty()) return std::nullopt;  // x and / signs separate words
        return s;
    }
    for (const auto& r : kLatinExtendedA)
        if (cp >= r.first && cp <= r.last) return std::string_view(r.ascii);
    // Combining diacritical marks (a decomposed e-acute is e + U+0301): dropped.
    if (cp >= 0x300 && cp <= 0x36F) return std::string_view();
    // Apostrophes inside words ("O'Brien", "Dad\u2019s"): dropped.
    if (cp == '\'' || cp == 0x2019) return std::string_view();
    return std::nullopt;
}

}  // namespace

std::string note_file_stem(std::string_view name) {
    std::string out;
    bool dash = false;
    bool after_other_letter = false;  // the last character kept was not ASCII
    auto keep = [&](auto&& append) {
        if (dash) out += '-';
        dash = false;
        append();
    };
    for (std::size_t i = 0; i < name.size();) {
        const long cp = next_code_point(name, i);
        const auto ascii = cp < 0 ? std::nullopt : ascii_for(cp);
        if (ascii) {
            if (ascii->empty()) continue;
            keep([&] { out += *ascii; });
            after_other_letter = false;
            continue;
        }
        const auto c = static_cast<std::uint32_t>(cp);
        if (cp >= 0x80 && is_letter_or_digit(c)) {
            // Latin letters beyond Latin Extended-A lose their accents too
            // (ễ → e); letters of other scripts stay, in lower case.
            const std::uint32_t base = without_accents(c);
            if (base < 0x80 && is_ascii_alnum(static_cast<char>(base))) {
                keep([&] { out += static_cast<char>(base); });
                after_other_letter = false;
            } else {
                keep([&] { append_utf8(out, lower_case(c)); });
                after_other_letter = true;
            }
            continue;
        }
        // A mark that belongs to the letter before it (a virama, a dakuten).
        if (cp >= 0x80 && after_other_letter && !dash && is_combining(c)) {
            append_utf8(out, c);
            continue;
        }
        dash = !out.empty();
        after_other_letter = false;
    }
    return out;
}

std::string clean_name(std::string_view name) { return collapse_spaces(name); }

std::string yaml_string(std::string_view text) {
    // Plain only for text that starts with a letter or digit (or a non-ASCII
    // byte, so no YAML indicator) and holds no `: ` or ` #` (a mapping or a
    // comment) and no control character; `null` would read as no value.
    auto plain_ok = [&] {
        if (text.empty() || text.back() == ' ' || text.back() == ':') return false;
        const auto first = static_cast<unsigned char>(text.front());
        if (!(is_ascii_alnum(static_cast<char>(first)) || first >= 0x80)) return false;
        if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos)
            return false;
        for (char c : text) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) return false;
        }
        return !iequals(text, "null");
    };
    if (plain_ok()) return std::string(text);
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7F) {
            out += fmt::format("\\x{:02x}", u);
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string new_note_text(const NewNote& note) {
    std::string out = "---\n";
    out += fmt::format("name: {}\n", yaml_string(note.name));
    out += fmt::format("engagement: {}  # active | casual | ongoing | former | paused\n",
                       note.engagement);
    if (note.owner) out += fmt::format("owner: {}\n", yaml_string(*note.owner));
    out += "---\n";
    // A heading that starts with a date is a contact entry (SPEC §4.1): a
    // client named like a date gets no H1 (its name is in the front matter).
    if (leading_date(note.name).kind == DateStart::none) out += fmt::format("# {}\n\n", note.name);
    out += fmt::format("## {}\n\n", note.log_heading);
    out +=
        "<!-- One line per contact, newest last, for example:\n"
        "- 2026-11-24: call about the budget #needs\n"
        "Tags: #needs, #news, #missed, #card, next:YYYY-MM-DD. -->\n\n";
    out += "## Next actions\n\n";
    out +=
        "<!-- Open tasks are action items, for example:\n"
        "- [ ] Send the proposal 📅 2026-12-01 -->\n";
    return out;
}

}  // namespace touchbase
