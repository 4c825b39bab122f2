// Dates and durations from text in tests: a mistyped literal fails the test
// at the line that wrote it, with the text in the message, instead of reading
// an empty optional (a crash) or throwing bad_optional_access. Call these
// inside a test case: a failure outside one ends the whole run.
#pragma once

#include <doctest/doctest.h>

#include <source_location>
#include <string>
#include <string_view>

#include "date.h"

namespace touchbase::test {

// "2026-11-24" as a Date.
inline Date day(std::string_view text, std::source_location at = std::source_location::current()) {
    const auto d = Date::parse(text);
    if (!d)
        ADD_FAIL_AT(at.file_name(), static_cast<int>(at.line()),
                    "not a date (YYYY-MM-DD): \"" << std::string(text) << "\"");
    return d.value_or(Date{});
}

// "2w" as a Duration.
inline Duration dur(std::string_view text,
                    std::source_location at = std::source_location::current()) {
    const auto d = Duration::parse(text);
    if (!d)
        ADD_FAIL_AT(at.file_name(), static_cast<int>(at.line()),
                    "not a duration (a count, then d, w, m or y): \"" << std::string(text) << "\"");
    return d.value_or(Duration{});
}

}  // namespace touchbase::test
