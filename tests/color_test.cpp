// --color and NO_COLOR (color.h).
#include <doctest/doctest.h>

#include "color.h"

using namespace touchbase;

TEST_CASE("--color always and never ignore the terminal and NO_COLOR") {
    CHECK(color_enabled("always", false, "1"));
    CHECK_FALSE(color_enabled("never", true, nullptr));
}

TEST_CASE("--color auto: a terminal, unless NO_COLOR is set and not empty") {
    CHECK(color_enabled("auto", true, nullptr));
    CHECK(color_enabled("auto", true, ""));
    CHECK_FALSE(color_enabled("auto", true, "1"));
    CHECK_FALSE(color_enabled("auto", false, nullptr));
}

TEST_CASE("paint wraps in an ANSI colour only when enabled") {
    CHECK(paint("3 overdue", Colour::red, true) == "\x1b[31m3 overdue\x1b[0m");
    CHECK(paint("1 due today", Colour::yellow, true) == "\x1b[33m1 due today\x1b[0m");
    CHECK(paint("3 overdue", Colour::red, false) == "3 overdue");
}
