// Creating a file safely (create_file.h): whole or absent, never over
// another file, no temporary left behind.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <iterator>
#include <string>

#include "create_file.h"
#include "test_files.h"

using namespace touchbase;
namespace fs = std::filesystem;

using namespace touchbase::test;

namespace {

std::size_t entries(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("create_new_file creates the file whole, with the mode less the umask") {
    TempDir dir;
    const fs::path file = dir.path / "a.yaml";
    const mode_t old = ::umask(022);
    const CreateResult r = create_new_file(file, "horizon: 7d\n", 0666);
    ::umask(old);
    CHECK(r.outcome == Created::created);
    CHECK(slurp(file) == "horizon: 7d\n");
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
    CHECK(st.st_nlink == 1);        // the temporary's link is gone
    CHECK(entries(dir.path) == 1);  // and so is the temporary
}

TEST_CASE("create_new_file never writes over what is there, a dangling link included") {
    TempDir dir;
    const fs::path file = dir.path / "a.md";
    write(file, "mine");
    CHECK(create_new_file(file, "new", 0666).outcome == Created::exists);
    CHECK(slurp(file) == "mine");
    const fs::path link = dir.path / "link.md";
    fs::create_symlink(dir.path / "nowhere.md", link);
    CHECK(create_new_file(link, "new", 0666).outcome == Created::exists);
    CHECK_FALSE(fs::exists(dir.path / "nowhere.md"));
    CHECK(entries(dir.path) == 2);
}

TEST_CASE("create_new_file in a folder that does not exist fails and leaves nothing") {
    TempDir dir;
    const CreateResult r = create_new_file(dir.path / "no" / "a.md", "x", 0666);
    CHECK(r.outcome == Created::failed);
    CHECK_FALSE(r.error.empty());
    CHECK(entries(dir.path) == 0);
}

TEST_CASE("replace_file replaces the bytes and leaves no temporary") {
    TempDir dir;
    const fs::path file = dir.path / "pre-commit";
    write(file, "old");
    CHECK_FALSE(replace_file(file, "#!/bin/sh\n", 0755).has_value());
    CHECK(slurp(file) == "#!/bin/sh\n");
    CHECK(entries(dir.path) == 1);
    CHECK(replace_file(dir.path / "no" / "x", "x", 0644).has_value());
}
