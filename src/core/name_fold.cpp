#include "name_fold.h"

#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "text.h"

namespace touchbase {

namespace {

struct Fold {
    std::uint32_t from, to;
};

constexpr Fold kBaseLetters[] = {
#include "name_fold_table.inc"
};

static_assert(std::is_sorted(std::begin(kBaseLetters), std::end(kBaseLetters),
                             [](const Fold& a, const Fold& b) { return a.from < b.from; }));

locale_t utf8_locale() {
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
    return utf8;
}

std::uint32_t base_letter_of(std::uint32_t cp) {
    auto it = std::lower_bound(std::begin(kBaseLetters), std::end(kBaseLetters), cp,
                               [](const Fold& f, std::uint32_t c) { return f.from < c; });
    return it != std::end(kBaseLetters) && it->from == cp ? it->to : cp;
}

// Combining marks of the blocks that carry accents: dropped.
bool is_combining_mark(std::uint32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
           (cp >= 0xFE20 && cp <= 0xFE2F);
}

// Letters that Unicode does not decompose, in lower case: their spelling.
std::string_view spelt_out(std::uint32_t cp) {
    switch (cp) {
        case 0x00DF: return "ss";  // ß
        case 0x00E6: return "ae";  // æ
        case 0x0153: return "oe";  // œ
        case 0x00F8: return "o";   // ø
        case 0x0142: return "l";   // ł
        case 0x0111: return "d";   // đ
        case 0x00F0: return "d";   // ð
        case 0x00FE: return "th";  // þ
        case 0x0131: return "i";   // ı
        default: return {};
    }
}

}  // namespace

std::uint32_t lower_case(std::uint32_t cp) {
    if (const locale_t utf8 = utf8_locale(); utf8 != locale_t{})
        return static_cast<std::uint32_t>(towlower_l(static_cast<wint_t>(cp), utf8));
    return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
}

std::uint32_t without_accents(std::uint32_t cp) { return base_letter_of(lower_case(cp)); }

bool is_letter_or_digit(std::uint32_t cp) {
    if (cp < 0x80) return is_ascii_alnum(static_cast<char>(cp));
    const locale_t utf8 = utf8_locale();
    return utf8 != locale_t{} && iswalnum_l(static_cast<wint_t>(cp), utf8) != 0;
}

bool is_combining(std::uint32_t cp) {
    const locale_t utf8 = utf8_locale();
    if (utf8 == locale_t{}) return is_combining_mark(cp);
    static const wctype_t combining = wctype_l("combining", utf8);
    return combining != 0 && iswctype_l(static_cast<wint_t>(cp), combining, utf8) != 0;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string fold_name(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size();) {
        if (std::size_t n = space_at(text, i)) {  // runs of white space: one space
            space = !out.empty();
            i += n;
            continue;
        }
        const std::size_t at = i;
        const long code_point = next_code_point(text, i);
        if (code_point >= 0 && is_combining_mark(static_cast<std::uint32_t>(code_point))) continue;
        if (space) out += ' ';
        space = false;
        if (code_point < 0) {  // not UTF-8: the byte as it is
            out += text[at];
            continue;
        }
        std::uint32_t cp = lower_case(without_accents(static_cast<std::uint32_t>(code_point)));
        if (cp == 0x03C2) cp = 0x03C3;  // ς: final sigma is sigma
        if (auto spelt = spelt_out(cp); !spelt.empty())
            out += spelt;
        else
            append_utf8(out, cp);
    }
    return out;
}

}  // namespace touchbase
