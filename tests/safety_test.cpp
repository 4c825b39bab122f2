// Issue 12, the second round of attacks, at the level of files.h: each
// TEST_CASE names the finding it guards. The end-to-end halves (agenda path,
// DIR upwards, a second user, ACLs, FIFOs on the command line) are in
// tests/e2e/safety.sh.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "files.h"
#include "problem.h"
#include "run.h"
#include "test_files.h"

using namespace touchbase;

using namespace touchbase::test;

namespace {

constexpr std::string_view kNote = "---\nname: Acme\n---\n# Acme\n\n## Log\n- 2026-11-02 call\n";

std::vector<std::string> rels_of(const std::vector<NoteFile>& notes) {
    std::vector<std::string> rels;
    for (const auto& n : notes) rels.push_back(n.rel);
    return rels;
}

}  // namespace

TEST_CASE("finding 4: an exclude glob matches in linear time") {
    // Backtracking took 93 s on this; the NFA takes microseconds. Asserted
    // by the test finishing under ctest's timeout.
    const std::string name(60, 'a');
    CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*b", name));
    CHECK(glob_match("*a*a*a*a*a*a*a*a*", name));
    CHECK_FALSE(glob_match("**a**a**a**a**a**a**a**a**b", name + "/" + name + "/" + name));
    for (int i = 0; i < 2000; ++i) CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*b", name));
    // The same meaning as before.
    CHECK(glob_match("a/**/b", "a/b"));
    CHECK(glob_match("a/**/b", "a/x/y/b"));
    CHECK(glob_match("**", "a/b"));
    CHECK(glob_match("[]]x", "]x"));
    CHECK(glob_match("[a-c]", "b"));
    CHECK_FALSE(glob_match("[!a-c]", "b"));
    CHECK(glob_match("[x", "[x"));
    CHECK(glob_match("a*", "a/b.md"));  // a parent folder matches
    CHECK_FALSE(glob_match("?", "/"));
}

TEST_CASE("finding 4: a FIFO is never opened for reading (no hang)") {
    TempDir tmp;
    const fs::path fifo = tmp.path / "agenda.md";
    REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
    const ReadFile read = read_file(fifo, kMaxNoteSize);  // blocked forever before
    REQUIRE(read.error);
    CHECK(read.error->find("not a regular file (a FIFO)") != std::string::npos);
    // The scan reports it rather than listing it as a note.
    std::vector<Problem> problems;
    CHECK(scan_notes(tmp.path, {}, tmp.path / "none.md", problems).empty());
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].file == "agenda.md");
    CHECK(problems[0].severity == Severity::warning);
    // Writing over it is refused, not done.
    CHECK(write_atomically(fifo, "x", std::nullopt));
    CHECK(fs::is_fifo(fifo));
}

TEST_CASE("findings 4 and 9: a note swapped after the scan is neither read nor written") {
    TempDir tmp;
    const fs::path dir = tmp.path / "notes";
    write(dir / "acme.md", kNote);
    write(dir / "link.md", kNote);
    write(tmp.path / "outside.md", kNote);
    fs::remove(dir / "link.md");
    write(dir / "real.md", kNote);
    fs::create_symlink("real.md", dir / "link.md");
    std::vector<Problem> problems;
    const auto notes = scan_notes(dir, {}, dir / "agenda.md", problems);
    REQUIRE(rels_of(notes) == std::vector<std::string>{"acme.md", "real.md"});

    SUBCASE("swapped for a FIFO") {
        fs::remove(dir / "acme.md");
        REQUIRE(::mkfifo((dir / "acme.md").c_str(), 0644) == 0);
        const ReadFile read = read_note(notes[0], kMaxNoteSize);
        CHECK(read.error);
    }
    SUBCASE("swapped for a link to a file outside DIR") {
        fs::remove(dir / "acme.md");
        fs::create_symlink(tmp.path / "outside.md", dir / "acme.md");
        const PassResult pass =
            process_notes(notes, Config{}, day("2026-11-24"), WriteMode::write, 1);
        CHECK(slurp(tmp.path / "outside.md") == kNote);
        REQUIRE_FALSE(pass.problems.empty());
        CHECK(pass.problems[0].file == "acme.md");
        CHECK(pass.problems[0].severity == Severity::error);
    }
    SUBCASE("the folder swapped for a link to a folder outside") {
        write(tmp.path / "elsewhere" / "real.md", kNote);
        fs::rename(dir, tmp.path / "moved");
        fs::create_symlink(tmp.path / "elsewhere", dir);
        const PassResult pass =
            process_notes(notes, Config{}, day("2026-11-24"), WriteMode::write, 1);
        CHECK(slurp(tmp.path / "elsewhere" / "real.md") == kNote);
        CHECK(has_error(pass.problems));
    }
}

TEST_CASE("finding 5: the scan is linear at any depth and reports what it cannot reach") {
    TempDir tmp;
    // 3,000 nested folders (a path of 6,000 bytes: made with mkdirat).
    int fd = ::open(tmp.path.c_str(), O_RDONLY | O_DIRECTORY);
    REQUIRE(fd >= 0);
    for (int depth = 0; depth < 3000; ++depth) {
        REQUIRE(::mkdirat(fd, "d", 0755) == 0);
        if (depth == 499) {
            int note = ::openat(fd, "d/shallow.md", O_WRONLY | O_CREAT, 0644);
            REQUIRE(note >= 0);
            REQUIRE(::write(note, kNote.data(), kNote.size()) ==
                    static_cast<ssize_t>(kNote.size()));
            ::close(note);
        }
        int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY);
        REQUIRE(next >= 0);
        ::close(fd);
        fd = next;
    }
    int note = ::openat(fd, "deep.md", O_WRONLY | O_CREAT, 0644);
    REQUIRE(note >= 0);
    REQUIRE(::write(note, kNote.data(), kNote.size()) == static_cast<ssize_t>(kNote.size()));
    ::close(note);
    ::close(fd);

    std::vector<Problem> problems;
    const auto notes = scan_notes(tmp.path, {}, tmp.path / "agenda.md", problems);
    REQUIRE(notes.size() == 1);  // depth 500: found and read
    CHECK(notes[0].rel.ends_with("/shallow.md"));
    CHECK_FALSE(read_note(notes[0], kMaxNoteSize).error);
    // The deep one cannot be reached; that is said, as an error.
    REQUIRE_FALSE(problems.empty());
    CHECK(problems[0].severity == Severity::error);
    CHECK(problems[0].message.find("too deep") != std::string::npos);
    CHECK(problems[0].file.starts_with("d/d/d/"));
}

TEST_CASE("finding 8: a note with several hard links is listed once and never split") {
    TempDir tmp;
    const fs::path dir = tmp.path / "notes";
    write(dir / "b" / "acme.md", kNote);
    REQUIRE(::link((dir / "b" / "acme.md").c_str(), (dir / "a-acme.md").c_str()) == 0);
    REQUIRE(::link((dir / "b" / "acme.md").c_str(), (tmp.path / "outside.md").c_str()) == 0);
    std::vector<Problem> problems;
    const auto notes = scan_notes(dir, {}, dir / "agenda.md", problems);
    CHECK(problems.empty());
    REQUIRE(rels_of(notes) == std::vector<std::string>{"a-acme.md"});  // first in byte order
    CHECK(notes[0].links == 3);
    const PassResult pass = process_notes(notes, Config{}, day("2026-11-24"), WriteMode::write, 1);
    CHECK(pass.changed.empty());
    REQUIRE(pass.problems.size() == 1);
    CHECK(pass.problems[0].severity == Severity::warning);
    CHECK(pass.problems[0].message.find("3 hard links") != std::string::npos);
    REQUIRE(pass.clients.size() == 1);
    CHECK(stat_of(dir / "a-acme.md").st_nlink == 3);  // still one file
    CHECK(slurp(tmp.path / "outside.md") == kNote);
}

TEST_CASE(
    "finding 6: an edit the stamp cannot see is found by the content, right before the rename") {
    TempDir tmp;
    const fs::path note = tmp.path / "acme.md";
    write(note, kNote);
    const ReadFile read = read_file(note, kMaxNoteSize);
    // An in-place save of the same size within the same clock tick.
    std::string edited(kNote);
    edited[edited.size() - 2] = 'L';
    {
        std::fstream f(note, std::ios::in | std::ios::out | std::ios::binary);
        f << edited;
    }
    struct timespec times[2] = {{0, UTIME_OMIT}, {0, 0}};
    times[1].tv_sec = static_cast<time_t>(read.stamp.mtime_ns / 1000000000);
    times[1].tv_nsec = static_cast<long>(read.stamp.mtime_ns % 1000000000);
    REQUIRE(::utimensat(AT_FDCWD, note.c_str(), times, 0) == 0);
    auto error = write_atomically(note, "new", read.stamp, &read.bytes);
    REQUIRE(error);
    CHECK(error->find("changed on disk") != std::string::npos);
    CHECK(slurp(note) == edited);
}

TEST_CASE("finding 7: a rewrite keeps owner, group, setuid and setgid, and extended attributes") {
    TempDir tmp;
    const fs::path note = tmp.path / "acme.md";
    write(note, kNote);
    if (::geteuid() == 0) {
        REQUIRE(::chown(note.c_str(), 4242, 4343) == 0);
        REQUIRE(::chmod(note.c_str(), 06754) == 0);
    } else {
        REQUIRE(::chmod(note.c_str(), 0640) == 0);
    }
    const bool xattrs = ::setxattr(note.c_str(), "user.touchbase-test", "kept", 4, 0) == 0;
    const struct stat before = stat_of(note);
    const ReadFile read = read_file(note, kMaxNoteSize);
    REQUIRE_FALSE(write_atomically(note, "new", read.stamp, &read.bytes));
    const struct stat after = stat_of(note);
    CHECK(slurp(note) == "new");
    CHECK(after.st_ino != before.st_ino);
    CHECK(after.st_uid == before.st_uid);
    CHECK(after.st_gid == before.st_gid);
    CHECK((after.st_mode & 07777) == (before.st_mode & 07777));
    if (xattrs) {
        char value[16] = {};
        CHECK(::getxattr(note.c_str(), "user.touchbase-test", value, sizeof value) == 4);
        CHECK(std::string(value) == "kept");
    } else {
        MESSAGE("this file system has no user extended attributes: not tested here");
    }
}

TEST_CASE("finding 12: a note whose name is as long as the system allows can be updated") {
    TempDir tmp;
    const fs::path note = tmp.path / (std::string(252, 'n') + ".md");  // 255 bytes
    write(note, kNote);
    const ReadFile read = read_file(note, kMaxNoteSize);
    CHECK_FALSE(write_atomically(note, "new", read.stamp, &read.bytes));
    CHECK(slurp(note) == "new");
    CHECK(is_temporary_name(".tb-Ab12Cd34.tmp"));
    CHECK_FALSE(is_temporary_name(".tb-Ab12Cd3.tmp"));
    CHECK_FALSE(is_temporary_name(".tb-Ab12Cd3-.tmp"));
}

TEST_CASE("finding 1: agenda_path_problem refuses notes, front matter and the configuration") {
    TempDir tmp;
    const fs::path dir = tmp.path / "notes";
    write(dir / "precious.md", kNote);
    write(dir / "sub" / "n.md", kNote);
    write(dir / "plain.md", "---\nnot yaml, but it looks like a note\n");
    write(dir / ".touchbase.yaml", "horizon: 7d\n");
    write(dir / "agenda.md", "# Agenda\n");
    fs::create_symlink("precious.md", dir / "link.md");
    const fs::path config = dir / ".touchbase.yaml";
    CHECK_FALSE(agenda_path_problem(dir, dir / "agenda.md", false, config));
    CHECK_FALSE(agenda_path_problem(dir, dir / "new" / "agenda.md", false, config));
    for (const char* name : {"precious.md", "sub/n.md", "plain.md", "link.md"}) {
        auto problem = agenda_path_problem(dir, dir / name, true, config);
        REQUIRE_MESSAGE(problem, name);
        CHECK(problem->find("front matter") != std::string::npos);
    }
    auto problem = agenda_path_problem(dir, config, false, config);
    REQUIRE(problem);
    CHECK(*problem == "it is the configuration");
}

TEST_CASE("finding 2: agenda_path_problem keeps the agenda inside DIR and on regular files") {
    TempDir tmp;
    const fs::path dir = tmp.path / "notes";
    write(dir / "agenda.md", "");
    write(tmp.path / "bashrc", "alias x=y\n");
    fs::create_symlink(tmp.path / "bashrc", dir / "out.md");
    for (const fs::path& p : {dir / ".." / "bashrc", tmp.path / "bashrc", dir / "out.md"}) {
        auto problem = agenda_path_problem(dir, p, false, {});
        REQUIRE_MESSAGE(problem, p.string());
        CHECK(problem->find("outside the notes folder") != std::string::npos);
        CHECK_FALSE(agenda_path_problem(dir, p, true, {}));  // the user said so
    }
    // Folders are made only inside DIR, even for --agenda.
    auto problem = agenda_path_problem(dir, tmp.path / "new" / "agenda.md", true, {});
    REQUIRE(problem);
    CHECK(problem->find("makes folders only inside") != std::string::npos);
    for (const char* device : {"/dev/null", "/dev/stdout", "/proc/self/fd/1"}) {
        REQUIRE_MESSAGE(agenda_path_problem(dir, device, true, {}), device);
    }
    REQUIRE(::mkfifo((dir / "fifo.md").c_str(), 0644) == 0);
    problem = agenda_path_problem(dir, dir / "fifo.md", false, {});
    REQUIRE(problem);
    CHECK(problem->find("a FIFO, not a regular file") != std::string::npos);
}

TEST_CASE("finding 13: control characters are escaped in everything shown") {
    CHECK(shown_text("a\x1b[31mred\x07\r\n\x7f") == "a\\x1b[31mred\\x07\\r\\n\\x7f");
    CHECK(shown_text(std::string("nul\0x", 5)) == "nul\\x00x");
    CHECK(shown_text("caf\xC3\xA9 \xC2\x85 \xFF") == "caf\xC3\xA9 \\u0085 \\xff");
    CHECK(shown_text("tab\tkept") == "tab\tkept");
    Problem p{"we\x1b]0;owned\x07.md",      2, 9, Severity::error, "bad\rvalue",
              "name: \xC3\xA9t\xC3\xA9\x1b"};
    const std::string shown = format_problem_with_source(p);
    CHECK(shown.find('\x1b') == std::string::npos);
    CHECK(shown.find('\r') == std::string::npos);
    CHECK(shown.find('\x07') == std::string::npos);
    // The caret under the character at byte 9 (the 't' after the two-byte
    // 'é'): 7 characters before it, not 8 bytes.
    CHECK(shown.ends_with("\n       ^"));
}
