#include "verify.h"

#include <type_traits>

#include <fmt/format.h>

namespace touchbase {

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
    if (auto e =
            check("last_contact", wanted.last_contact, before.last_contact, after.last_contact))
        return e;
    if (auto e = check("counter", wanted.counter, before.counter, after.counter)) return e;
    if (auto e =
            check("next_contact", wanted.next_contact, before.next_contact, after.next_contact))
        return e;
    if (auto e = check("offboarded", wanted.offboarded, before.offboarded, after.offboarded))
        return e;
    return std::nullopt;
}

}  // namespace touchbase
