// The pre-commit hook's text (hook.h).
#include <doctest/doctest.h>

#include <string>

#include "hook.h"

using namespace touchbase;

TEST_CASE("shell_quote makes one single-quoted word, quotes included") {
    CHECK(shell_quote("/usr/bin/touchbase") == "'/usr/bin/touchbase'");
    CHECK(shell_quote("/home/o'neil/bin") == "'/home/o'\\''neil/bin'");
    CHECK(shell_quote("a $b `c`") == "'a $b `c`'");
}

TEST_CASE("the hook names the binary and the notes folder, and starts with its marker") {
    const std::string text = pre_commit_hook("/opt/tb/touchbase", "client notes");
    CHECK(text.starts_with(std::string("#!/bin/sh\n") + std::string(kHookMarker)));
    CHECK(text.find("\ntouchbase='/opt/tb/touchbase'\n") != std::string::npos);
    CHECK(text.find("\nnotes='client notes'\n") != std::string::npos);
    CHECK(text.find("command -v touchbase") != std::string::npos);  // the PATH fallback
}
