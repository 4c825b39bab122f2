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
    CHECK(text.starts_with(std::string("#!/usr/bin/env bash\n") + std::string(kHookMarker)));
    CHECK(text.find("\ntouchbase='/opt/tb/touchbase'\n") != std::string::npos);
    CHECK(text.find("\nnotes='client notes'\n") != std::string::npos);
    CHECK(text.find("command -v touchbase") != std::string::npos);  // the PATH fallback
}

TEST_CASE("the hook records the repository only when it is installed outside it") {
    const std::string inside = pre_commit_hook("/opt/tb/touchbase", ".");
    CHECK(inside.find("\nrepository=''\n") != std::string::npos);
    const std::string outside = pre_commit_hook("/opt/tb/touchbase", ".", "/home/me/clients/.git");
    CHECK(outside.find("\nrepository='/home/me/clients/.git'\n") != std::string::npos);
}

TEST_CASE("init recognizes its own hook, whatever binary it names, and no other") {
    CHECK(is_touchbase_hook(pre_commit_hook("/usr/bin/touchbase", ".")));
    CHECK(is_touchbase_hook(pre_commit_hook("/home/me/.local/bin/touchbase", "notes", "/r/.git")));
    // The hook of earlier versions (a POSIX sh script with the same marker).
    CHECK(is_touchbase_hook(
        "#!/bin/sh\n# touchbase pre-commit hook (written by `touchbase init`).\n"));
    CHECK_FALSE(is_touchbase_hook("#!/bin/sh\necho mine\n"));
    CHECK_FALSE(is_touchbase_hook("#!/bin/sh\n# runs the touchbase pre-commit hook too\n"));
    CHECK_FALSE(is_touchbase_hook("# touchbase pre-commit hook\n"));
    CHECK_FALSE(is_touchbase_hook(""));
}
