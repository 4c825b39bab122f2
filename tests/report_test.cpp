// The error shape of the command line and its messages (report.h).
#include <doctest/doctest.h>

#include <filesystem>

#include "report.h"

using namespace touchbase;

TEST_CASE("shown_format escapes control characters in every text argument, not in its own text") {
    const std::string name = "evil\x1b]0;owned\x07\nname.md";
    CHECK(shown_format("{}: no such note\nsecond line", name) ==
          "evil\\x1b]0;owned\\x07\\nname.md: no such note\nsecond line");
    CHECK(shown_format("{} and {}", std::string_view("a\rb"), "c\x7f") == "a\\rb and c\\x7f");
    CHECK(shown_format("bad byte {}", std::string("\xff")) == "bad byte \\xff");
}

TEST_CASE("shown_format leaves numbers and clean text as fmt::format gives them") {
    CHECK(shown_format("{} waited {:g} seconds, {} links", std::string("notes/é.md"), 10.0, 3u) ==
          "notes/é.md waited 10 seconds, 3 links");
}

TEST_CASE("failure keeps the exit status and the shown message") {
    const Failure f = failure(4, "another run holds {}", std::string("/tmp/a\nb"));
    CHECK(f.exit_code == 4);
    CHECK(f.message == "another run holds /tmp/a\\nb");
    CHECK(f.problems.empty());
}

TEST_CASE("Expected holds a value or the failure that stopped it") {
    Expected<int> good = 3;
    REQUIRE(good);
    CHECK(*good == 3);
    Expected<int> bad = failure(2, "no");
    REQUIRE_FALSE(bad);
    CHECK(bad.failure().exit_code == 2);
    CHECK(bad.failure().message == "no");
}
