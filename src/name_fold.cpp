#include "name_fold.h"

#include <locale.h>
#include <wctype.h>

#include <algorithm>
#include <cstdint>
#include <iterator>

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

// Lower case in every script. glibc's C.UTF-8 locale has the Unicode case
// mappings; without it (another C library) only ASCII is folded.
std::uint32_t lower(std::uint32_t cp) {
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
    if (utf8 != locale_t{}) return static_cast<std::uint32_t>(towlower_l(static_cast<wint_t>(cp), utf8));
    return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
}

std::uint32_t base_letter(std::uint32_t cp) {
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

// The length of the valid UTF-8 sequence at `i` (no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0; its code point in `cp`.
std::size_t decode(std::string_view s, std::size_t i, std::uint32_t& cp) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t length = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > s.size()) return 0;
    cp = length == 1 ? b : b & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr std::uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kLeast[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return length;
}

bool is_space(std::uint32_t cp) {
    return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

}  // namespace

std::string fold_name(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size();) {
        std::uint32_t cp = 0;
        const std::size_t length = decode(text, i, cp);
        if (length == 0) {  // not UTF-8: the byte as it is
            if (space) out += ' ';
            space = false;
            out += text[i++];
            continue;
        }
        i += length;
        if (is_space(cp)) {
            space = !out.empty();
            continue;
        }
        if (is_combining_mark(cp)) continue;
        if (space) out += ' ';
        space = false;
        cp = lower(base_letter(lower(cp)));
        if (cp == 0x03C2) cp = 0x03C3;  // ς: final sigma is sigma
        if (auto spelt = spelt_out(cp); !spelt.empty())
            out += spelt;
        else
            append_utf8(out, cp);
    }
    return out;
}

}  // namespace touchbase
