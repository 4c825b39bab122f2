#include "guards.h"

#include <type_traits>

#include <fmt/format.h>

namespace touchbase {

namespace {

// The length of the valid UTF-8 sequence starting at `i`, or 0.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b = byte(i);
    if (b < 0x80) return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // range of the second byte (RFC 3629 table)
    if (b >= 0xC2 && b <= 0xDF) {
        n = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
        n = 3;
        if (b == 0xE0) lo = 0xA0;        // overlong
        if (b == 0xED) hi = 0x9F;        // surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
        n = 4;
        if (b == 0xF0) lo = 0x90;        // overlong
        if (b == 0xF4) hi = 0x8F;        // above U+10FFFF
    } else {
        return 0;                        // 0x80-0xC1 (continuation, overlong) and 0xF5-0xFF
    }
    if (i + n > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return n;
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

TextPosition position_of(std::string_view bytes, std::size_t offset) {
    std::size_t start = bytes.substr(0, 3) == "\xEF\xBB\xBF" && offset >= 3 ? 3 : 0;
    TextPosition pos;
    for (std::size_t i = start; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++pos.line;
            start = i + 1;
        }
    }
    pos.column = static_cast<int>(offset - start) + 1;
    return pos;
}

std::optional<Problem> check_text(std::string_view bytes, std::string_view file,
                                  std::string_view subject) {
    const std::size_t nul = bytes.find('\0');
    const std::optional<std::size_t> bad = first_invalid_utf8(bytes.substr(0, nul));
    std::size_t at = 0;
    std::string message;
    if (bad) {
        at = *bad;
        message = fmt::format("{} is not valid UTF-8 (byte 0x{:02X})", subject,
                              static_cast<unsigned char>(bytes[at]));
    } else if (nul != std::string_view::npos) {
        at = nul;
        message = fmt::format("{} holds a NUL byte", subject);
    } else {
        return std::nullopt;
    }
    const TextPosition pos = position_of(bytes, at);
    return Problem{std::string(file), pos.line, pos.column, Severity::error, std::move(message),
                   {}};
}

namespace {

template <typename T>
bool same_value(const std::optional<T>& a, const std::optional<T>& b) {
    if constexpr (std::is_same_v<T, Duration>)
        return a.has_value() == b.has_value() && (!a || means_same(*a, *b));
    else
        return a == b;
}

}  // namespace

std::optional<std::string> verify_rewrite(std::string_view updated, std::string_view file,
                                          const FrontMatter& before, const OwnedValues& wanted) {
    const Split split = split_note(updated);
    if (split.kind != Split::Kind::note) return "the new text is no longer a note";
    const FrontMatterRead read = read_front_matter(updated, split, file);
    for (const Problem& p : read.problems)
        if (p.severity == Severity::error)
            return fmt::format("the new text reads with an error at line {}: {}", p.line,
                               p.message);
    const FrontMatter& after = read.front_matter;
    const auto check = [](const char* key, const auto& planned, const auto& old,
                          const auto& now) -> std::optional<std::string> {
        const auto& expected = planned ? planned : old;
        if (same_value(expected, now)) return std::nullopt;
        return fmt::format("{} reads back as {} instead of {}", key,
                           now ? now->str() : std::string("nothing"),
                           expected ? expected->str() : std::string("nothing"));
    };
    if (auto e = check("last_contact", wanted.last_contact, before.last_contact, after.last_contact))
        return e;
    if (auto e = check("counter", wanted.counter, before.counter, after.counter)) return e;
    if (auto e = check("next_contact", wanted.next_contact, before.next_contact, after.next_contact))
        return e;
    if (auto e = check("offboarded", wanted.offboarded, before.offboarded, after.offboarded))
        return e;
    return std::nullopt;
}

}  // namespace touchbase
