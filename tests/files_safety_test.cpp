// SPEC §9 on a real disk: atomic writes that keep the mode, changed-on-disk
// detection, read-only notes, temporaries of a killed run, symbolic links.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "files.h"
#include "run.h"
#include "test_files.h"

using namespace touchbase;

using namespace touchbase::test;

namespace {

void set_mtime(const fs::path& p, time_t seconds) {
    struct timespec times[2] = {{seconds, 0}, {seconds, 0}};
    REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0);
}

// Hidden temporaries (`.tb-XXXXXXXX.tmp`) left in a folder.
int temporaries_in(const fs::path& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().filename().string().starts_with(".tb-")) ++n;
    return n;
}

constexpr std::string_view kNote = "---\nname: Acme\n---\n# Acme\n\n## Log\n- 2026-11-02 call\n";
constexpr std::string_view kNew = "---\nname: Acme\nlast_contact: 2026-11-02\n---\n";

}  // namespace

TEST_CASE("write_atomically: replaces the file and keeps its mode") {
    TempDir tmp;
    const fs::path note = tmp.path / "acme.md";
    write(note, kNote);
    REQUIRE(::chmod(note.c_str(), 0640) == 0);
    const ReadFile before = read_file(note, kMaxNoteSize);
    CHECK_FALSE(write_atomically(note, kNew, before.stamp));
    CHECK(slurp(note) == kNew);
    CHECK((stat_of(note).st_mode & 07777) == 0640);
    CHECK(stat_of(note).st_ino != before.stamp.inode);  // a rename, not an overwrite
    CHECK(temporaries_in(tmp.path) == 0);
}

TEST_CASE("same_content compares the file with text made in pieces, and a write takes the pieces") {
    TempDir tmp;
    const auto file = tmp.path / "agenda.md";
    // Three pieces, as a renderer hands them on.
    const Content text = [](const TextSink& put) {
        put("# Agenda\n");
        put("- one\n");
        put("- two\n");
    };
    CHECK_FALSE(same_content(file, text));  // missing
    REQUIRE_FALSE(write_atomically(file, text, std::nullopt));
    CHECK(slurp(file) == "# Agenda\n- one\n- two\n");
    CHECK(same_content(file, text));
    write(file, "# Agenda\n- one\n- two\nmore\n");  // longer on disk
    CHECK_FALSE(same_content(file, text));
    write(file, "# Agenda\n- one\n");  // shorter on disk
    CHECK_FALSE(same_content(file, text));
    write(file, "# Agenda\n- one\n- twO\n");  // same size, one byte differs
    CHECK_FALSE(same_content(file, text));
    write(file, "");
    CHECK_FALSE(same_content(file, text));
    CHECK(same_content(file, [](const TextSink&) {}));  // empty is empty
    std::filesystem::remove(file);
    std::filesystem::create_directory(file);  // not a regular file
    CHECK_FALSE(same_content(file, text));
}

TEST_CASE("write_atomically: a note changed on disk since it was read is left alone") {
    TempDir tmp;
    const fs::path note = tmp.path / "acme.md";
    const std::string other = std::string(kNote).replace(0, 3, "+++");  // same size

    SUBCASE("its size changed") {
        write(note, kNote);
        const ReadFile read = read_file(note, kMaxNoteSize);
        write(note, std::string(kNote) + "- 2026-11-20 call\n");
        const std::string now = slurp(note);
        auto error = write_atomically(note, kNew, read.stamp);
        REQUIRE(error);
        CHECK(*error == "the note changed on disk since it was read; left alone");
        CHECK(slurp(note) == now);
    }
    SUBCASE("only its mtime changed") {
        write(note, kNote);
        set_mtime(note, 1700000000);
        const ReadFile read = read_file(note, kMaxNoteSize);
        write(note, other);
        set_mtime(note, 1700000001);
        REQUIRE(stat_of(note).st_size == static_cast<off_t>(read.stamp.size));
        REQUIRE(stat_of(note).st_ino == static_cast<ino_t>(read.stamp.inode));
        auto error = write_atomically(note, kNew, read.stamp);
        REQUIRE(error);
        CHECK(error->find("changed on disk") != std::string::npos);
        CHECK(slurp(note) == other);
    }
    SUBCASE("only its inode changed (replaced by another file, same size and mtime)") {
        write(note, kNote);
        set_mtime(note, 1700000000);
        const ReadFile read = read_file(note, kMaxNoteSize);
        const fs::path replacement = tmp.path / "replacement";
        write(replacement, other);
        set_mtime(replacement, 1700000000);
        REQUIRE(::rename(replacement.c_str(), note.c_str()) == 0);
        REQUIRE(stat_of(note).st_ino != static_cast<ino_t>(read.stamp.inode));
        auto error = write_atomically(note, kNew, read.stamp);
        REQUIRE(error);
        CHECK(error->find("changed on disk") != std::string::npos);
        CHECK(slurp(note) == other);
    }
    SUBCASE("it disappeared") {
        write(note, kNote);
        const ReadFile read = read_file(note, kMaxNoteSize);
        fs::remove(note);
        CHECK(write_atomically(note, kNew, read.stamp));
        CHECK_FALSE(fs::exists(note));
    }
    CHECK(temporaries_in(tmp.path) == 0);
}

TEST_CASE("write_atomically: a read-only note, or one whose folder cannot be written") {
    TempDir tmp;
    const fs::path note = tmp.path / "acme.md";
    write(note, kNote);
    REQUIRE(::chmod(note.c_str(), 0444) == 0);
    const ReadFile read = read_file(note, kMaxNoteSize);
    auto error = write_atomically(note, kNew, read.stamp);
    REQUIRE(error);
    CHECK(*error == "the file is read-only; left alone");
    CHECK(slurp(note) == kNote);
    CHECK((stat_of(note).st_mode & 07777) == 0444);

    // Where the temporary file cannot be created: a path whose parent is a
    // regular file (root can write anywhere else).
    CHECK(write_atomically(tmp.path / "acme.md" / "x.md", kNew, std::nullopt));
    if (::geteuid() != 0) {
        const fs::path locked = tmp.path / "locked";
        write(locked / "b.md", kNote);
        const ReadFile b = read_file(locked / "b.md", kMaxNoteSize);
        REQUIRE(::chmod(locked.c_str(), 0555) == 0);
        CHECK(write_atomically(locked / "b.md", kNew, b.stamp));
        CHECK(slurp(locked / "b.md") == kNote);
    } else {
        MESSAGE("running as root: a read-only folder does not stop root, not tested");
    }
    CHECK(temporaries_in(tmp.path) == 0);
}

TEST_CASE("process_notes: a note that cannot be written is a problem; the others are written") {
    TempDir tmp;
    write(tmp.path / "a.md", kNote);
    write(tmp.path / "b.md", kNote);
    REQUIRE(::chmod((tmp.path / "a.md").c_str(), 0444) == 0);
    std::vector<std::string> warnings;
    const auto notes = scan_notes(tmp.path, {}, tmp.path / "agenda.md", warnings);
    REQUIRE(notes.size() == 2);
    const PassResult pass = process_notes(notes, Config{}, day("2026-11-24"), WriteMode::write, 2);
    REQUIRE(pass.problems.size() == 1);
    CHECK(pass.problems[0].file == "a.md");
    CHECK(pass.problems[0].line == 1);
    CHECK(pass.problems[0].severity == Severity::error);
    CHECK(pass.problems[0].message.find("read-only") != std::string::npos);
    CHECK(slurp(tmp.path / "a.md") == kNote);
    CHECK(slurp(tmp.path / "b.md") != kNote);
    REQUIRE(pass.clients.size() == 1);
    CHECK(pass.clients[0].file == "b.md");
}

TEST_CASE(
    "process_notes: Records::drop (check) finds what Records::keep finds, and keeps no record") {
    TempDir tmp;
    write(tmp.path / "a.md", kNote);
    write(tmp.path / "b.md", "---\nname: B\nlast_contact: 2026-13-01\n---\n");
    write(tmp.path / "c.md", "---\nname: C\nnmae: typo\n---\n");
    write(tmp.path / "readme.md", "no front matter\n");
    std::vector<std::string> warnings;
    const auto notes = scan_notes(tmp.path, {}, tmp.path / "agenda.md", warnings);
    REQUIRE(notes.size() == 4);
    const PassResult kept =
        process_notes(notes, Config{}, day("2026-11-24"), WriteMode::dry_run, 1, Records::keep);
    CHECK(kept.clients.size() == 2);  // a.md and c.md; b.md has an error
    CHECK(kept.problems.size() == 2);
    for (unsigned jobs : {1u, 2u}) {
        const PassResult dropped = process_notes(notes, Config{}, day("2026-11-24"),
                                                 WriteMode::dry_run, jobs, Records::drop);
        CHECK(dropped.clients.empty());
        CHECK(dropped.notes_read == kept.notes_read);
        CHECK(dropped.changed == kept.changed);
        REQUIRE(dropped.problems.size() == kept.problems.size());
        for (std::size_t i = 0; i < kept.problems.size(); ++i) {
            CHECK(dropped.problems[i].file == kept.problems[i].file);
            CHECK(dropped.problems[i].message == kept.problems[i].message);
        }
    }
    CHECK(slurp(tmp.path / "a.md") == kNote);  // a dry run writes nothing
}

TEST_CASE("remove_stale_temporaries: only the temporaries of touchbase (finding 11)") {
    TempDir tmp;
    write(tmp.path / ".tb-Ab12Cd34.tmp", "partial");
    write(tmp.path / "sub" / ".tb-x9Y8z7W6.tmp", "partial");
    write(tmp.path / ".tb-short.tmp", "not ours");
    write(tmp.path / ".taxes.touchbase-backup", "the user's own backup");
    write(tmp.path / ".acme.md.touchbase-Ab12Cd", "an old pattern: not ours any more");
    write(tmp.path / "tb-Ab12Cd34.tmp", "not hidden: not ours");
    write(tmp.path / ".git" / ".tb-Ab12Cd34.tmp", "inside a hidden folder");
    write(tmp.path / "archive" / ".tb-Ab12Cd34.tmp", "inside an excluded folder");
    // A run on a subfolder holds its own lock: its temporaries are live.
    write(tmp.path / "team" / ".tb-LiveLive.tmp", "a concurrent run's temporary");
    write(tmp.path / "acme.md", kNote);
    {
        DirLock other(tmp.path / "team", 0);
        REQUIRE(other.held());
        remove_stale_temporaries(tmp.path, {"archive"});
        CHECK(fs::exists(tmp.path / "team" / ".tb-LiveLive.tmp"));
    }
    CHECK_FALSE(fs::exists(tmp.path / ".tb-Ab12Cd34.tmp"));
    CHECK_FALSE(fs::exists(tmp.path / "sub" / ".tb-x9Y8z7W6.tmp"));
    CHECK(fs::exists(tmp.path / ".tb-short.tmp"));
    CHECK(fs::exists(tmp.path / ".taxes.touchbase-backup"));
    CHECK(fs::exists(tmp.path / ".acme.md.touchbase-Ab12Cd"));
    CHECK(fs::exists(tmp.path / "tb-Ab12Cd34.tmp"));
    CHECK(fs::exists(tmp.path / ".git" / ".tb-Ab12Cd34.tmp"));
    CHECK(fs::exists(tmp.path / "archive" / ".tb-Ab12Cd34.tmp"));
    CHECK(slurp(tmp.path / "acme.md") == kNote);
    // Once that run is over, they are stale.
    remove_stale_temporaries(tmp.path, {"archive"});
    CHECK_FALSE(fs::exists(tmp.path / "team" / ".tb-LiveLive.tmp"));
}

TEST_CASE("symbolic links: once, at the target, never outside DIR, loops end") {
    TempDir tmp;
    const fs::path dir = tmp.path / "notes";
    const fs::path outside = tmp.path / "outside";
    write(dir / "clients" / "acme.md", kNote);
    fs::create_symlink("clients/acme.md", dir / "a-shortcut.md");  // link + the file itself
    write(dir / ".store" / "beta.md", kNote);                      // reachable only by link
    fs::create_symlink("../.store/beta.md", dir / "clients" / "beta.md");
    write(outside / "gamma.md", kNote);
    set_mtime(outside / "gamma.md", 1700000000);
    fs::create_symlink(outside / "gamma.md", dir / "gamma.md");  // a file outside DIR
    fs::create_symlink(outside, dir / "outside-folder");         // a folder outside DIR
    fs::create_symlink("..", dir / "clients" / "loop");          // a loop to an ancestor
    fs::create_symlink(dir / "clients", dir / "clients-again");  // the same folder twice

    std::vector<std::string> warnings;
    const auto notes = scan_notes(dir, {}, dir / "agenda.md", warnings);
    std::vector<std::string> rels;
    for (const auto& n : notes) rels.push_back(n.rel);
    INFO(fmt::format("{}", fmt::join(rels, ", ")));
    CHECK(rels == std::vector<std::string>{"clients/acme.md", "clients/beta.md"});
    CHECK(warnings.empty());

    const PassResult pass = process_notes(notes, Config{}, day("2026-11-24"), WriteMode::write, 2);
    CHECK(pass.problems.empty());
    CHECK(pass.changed.size() == 2);
    // Written at the targets; the links are still links to them.
    CHECK(slurp(dir / "clients" / "acme.md").find("last_contact: 2026-11-02") != std::string::npos);
    CHECK(slurp(dir / ".store" / "beta.md").find("last_contact: 2026-11-02") != std::string::npos);
    CHECK(fs::is_symlink(dir / "a-shortcut.md"));
    CHECK(fs::read_symlink(dir / "a-shortcut.md") == "clients/acme.md");
    CHECK(fs::is_symlink(dir / "clients" / "beta.md"));
    CHECK(fs::read_symlink(dir / "clients" / "beta.md") == "../.store/beta.md");
    CHECK(temporaries_in(dir / "clients") == 0);
    CHECK(temporaries_in(dir / ".store") == 0);
    // Never read or written outside DIR.
    // (atime first: reading it here would change it.)
    CHECK(stat_of(outside / "gamma.md").st_atime == 1700000000);
    CHECK(stat_of(outside / "gamma.md").st_mtime == 1700000000);
    CHECK(slurp(outside / "gamma.md") == kNote);
}
