#include <doctest/doctest.h>

#include "files.h"

using namespace touchbase;

TEST_CASE("exclude globs: *, ?, ** and folders") {
    CHECK(glob_match("templates/**", "templates/client.md"));
    CHECK(glob_match("templates/**", "templates/a/b.md"));
    CHECK(glob_match("templates", "templates/client.md"));
    CHECK_FALSE(glob_match("templates/**", "clients/templates.md"));
    CHECK(glob_match("*.draft.md", "acme.draft.md"));
    CHECK_FALSE(glob_match("*.draft.md", "clients/acme.draft.md"));
    CHECK(glob_match("**/*.draft.md", "clients/acme.draft.md"));
    CHECK(glob_match("**/*.draft.md", "acme.draft.md"));
    CHECK(glob_match("client?.md", "client1.md"));
    CHECK_FALSE(glob_match("client?.md", "client12.md"));
    CHECK(glob_match("archive/20[0-9][0-9]/*", "archive/2024/x.md"));
    CHECK_FALSE(glob_match("archive/20[!2]*", "archive/2024"));
    CHECK_FALSE(glob_match("a*", "b/a.md"));
}
