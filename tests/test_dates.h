// Dates and durations from text in tests: a bad literal fails the test
// where it is written.
#pragma once

#include <doctest/doctest.h>

#include "date.h"

namespace touchbase::test {

inline Date day(const char* text) {
    const auto d = Date::parse(text);
    REQUIRE_MESSAGE(d.has_value(), text);
    return *d;
}

inline Duration dur(const char* text) {
    const auto d = Duration::parse(text);
    REQUIRE_MESSAGE(d.has_value(), text);
    return *d;
}

}  // namespace touchbase::test
