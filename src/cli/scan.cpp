// scan_notes (files.h): every note under DIR, once, at any depth (SPEC §2, §9).
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "files_shared.h"

namespace touchbase {

namespace {

bool ends_with_md(const std::string& name) {
    return name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0;
}

struct Found {
    NoteFile note;
    bool own_path = false;  // reached without a symbolic link
};

// SPEC §2, §9: the scan. Iterative (no recursion, one folder open at a
// time), one stat per folder and per `*.md` file, folders told apart by
// device and inode (link loops end), nothing resolved per entry but links.
struct Scanner {
    std::string root;  // canonical DIR
    const std::vector<std::string>& exclude;
    bool have_agenda = false;
    struct stat agenda {};
    std::vector<Problem>& problems;
    std::set<std::pair<dev_t, ino_t>> visited_dirs;
    std::vector<Found> found;

    struct Folder {
        std::string real;  // a path without links: root + real folders
        std::string rel;   // as reported
        bool via_link;
    };

    bool excluded(const std::string& rel) const {
        return std::any_of(exclude.begin(), exclude.end(),
                           [&](const std::string& g) { return glob_match(g, rel); });
    }

    void problem(const std::string& rel, Severity severity, std::string message) {
        problems.push_back(
            Problem{rel.empty() ? "." : rel, 0, 0, severity, std::move(message), {}});
    }

    void walk_all() {
        // Folders reached through a link are walked after the real tree, so
        // that a file is listed by its own path when it has one.
        std::vector<Folder> pending{{root, "", false}};
        std::vector<Folder> linked;
        while (!pending.empty() || !linked.empty()) {
            if (pending.empty()) {
                std::sort(linked.begin(), linked.end(),
                          [](const Folder& a, const Folder& b) { return a.rel < b.rel; });
                std::reverse(linked.begin(), linked.end());  // popped from the back
                pending = std::move(linked);
                linked.clear();
            }
            Folder folder = std::move(pending.back());
            pending.pop_back();
            walk(folder, pending, linked);
        }
    }

    // The folder opened for reading, once (a folder seen before, through a
    // link loop or linked twice, is not read again); nullptr when it cannot
    // be read (said as a problem) or was seen.
    DIR* open_folder(const Folder& folder) {
        int fd = ::open(folder.real.c_str(), O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            const int e = errno;
            problem(folder.rel, Severity::error,
                    e == ENAMETOOLONG
                        ? std::string("folder nested too deep to be read (its path is longer than "
                                      "the system allows); the notes in it are not processed")
                        : fmt::format("cannot read folder: {}; the notes in it are not processed",
                                      errno_text(e)));
            return nullptr;
        }
        struct stat self {};
        if (::fstat(fd, &self) != 0 || !visited_dirs.insert({self.st_dev, self.st_ino}).second) {
            ::close(fd);
            return nullptr;
        }
        DIR* d = ::fdopendir(fd);
        if (!d) {
            problem(folder.rel, Severity::error,
                    fmt::format("cannot read folder: {}; the notes in it are not processed",
                                errno_text()));
            ::close(fd);
        }
        return d;
    }

    void walk(const Folder& folder, std::vector<Folder>& pending, std::vector<Folder>& linked) {
        DIR* d = open_folder(folder);
        if (!d) return;
        std::vector<Folder> subfolders;
        while (true) {
            errno = 0;
            struct dirent* e = ::readdir(d);
            if (!e) {
                if (errno != 0)
                    problem(
                        folder.rel, Severity::error,
                        fmt::format("cannot read folder: {}; some notes in it may not be processed",
                                    errno_text()));
                break;
            }
            visit(folder, ::dirfd(d), *e, subfolders, linked);
        }
        ::closedir(d);
        // Depth first, in the listed order.
        std::sort(subfolders.begin(), subfolders.end(),
                  [](const Folder& a, const Folder& b) { return a.rel > b.rel; });
        for (auto& f : subfolders) pending.push_back(std::move(f));
    }

    // One entry of `folder` (open as `fd`): a folder to walk, a link to
    // follow (only inside DIR), a note found, or a `*.md` that is not a
    // regular file (a warning).
    void visit(const Folder& folder, int fd, const struct dirent& entry,
               std::vector<Folder>& subfolders, std::vector<Folder>& linked) {
        std::string name = entry.d_name;
        if (name.empty() || name[0] == '.') return;  // hidden, and . and ..
        std::string rel = folder.rel.empty() ? name : folder.rel + "/" + name;
        unsigned char type = entry.d_type;
        if (type != DT_DIR && type != DT_LNK && !ends_with_md(name)) return;
        if (excluded(rel)) return;
        std::string real = folder.real == "/" ? "/" + name : folder.real + "/" + name;
        struct stat st {};
        if (type == DT_UNKNOWN || type != DT_DIR) {
            if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return;  // vanished
            type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
        }
        if (type == DT_DIR) {
            subfolders.push_back({real, rel, folder.via_link});
            return;
        }
        bool own_path = !folder.via_link;
        if (type == DT_LNK) {
            std::error_code ec;
            fs::path target = fs::canonical(real, ec);
            if (ec) return;                              // dangling
            if (!inside(root, target.native())) return;  // never read outside DIR
            if (::stat(target.c_str(), &st) != 0) return;
            if (S_ISDIR(st.st_mode)) {
                linked.push_back({target.native(), rel, true});
                return;
            }
            if (!ends_with_md(name)) return;
            real = target.native();
            own_path = false;
        }
        if (!S_ISREG(st.st_mode)) {
            problem(rel, Severity::warning,
                    fmt::format("skipped: {}, not a regular file", kind_of(st.st_mode)));
            return;
        }
        if (have_agenda && same_file(st, agenda)) return;
        found.push_back({NoteFile{std::move(rel),
                                  {},
                                  std::move(real),
                                  static_cast<std::uint64_t>(st.st_dev),
                                  static_cast<std::uint64_t>(st.st_ino),
                                  static_cast<unsigned>(st.st_nlink)},
                         own_path});
    }
};

}  // namespace

std::vector<NoteFile> scan_notes(const fs::path& dir, const std::vector<std::string>& exclude,
                                 const fs::path& agenda_path, std::vector<Problem>& problems) {
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) {
        problems.push_back(Problem{
            ".", 0, 0, Severity::error, fmt::format("cannot read folder: {}", ec.message()), {}});
        return {};
    }
    Scanner scanner{root.native(), exclude, false, {}, problems, {}, {}};
    scanner.have_agenda = !agenda_path.empty() && ::stat(agenda_path.c_str(), &scanner.agenda) == 0;
    scanner.walk_all();
    auto& found = scanner.found;
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.note.rel < b.note.rel; });
    // A file reached by several paths is listed once: by its own path when
    // that is one of them (a link to a note is a shortcut, the note is the
    // note), else by the first path in order.
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::size_t> chosen;  // file -> index
    for (std::size_t i = 0; i < found.size(); ++i) {
        const auto key = std::make_pair(found[i].note.device, found[i].note.inode);
        const auto [it, inserted] = chosen.emplace(key, i);
        if (!inserted && found[i].own_path && !found[it->second].own_path) it->second = i;
    }
    std::vector<NoteFile> notes;
    notes.reserve(chosen.size());
    const std::string prefix = (dir / "").native();
    for (std::size_t i = 0; i < found.size(); ++i) {
        auto& note = found[i].note;
        if (chosen[{note.device, note.inode}] != i) continue;
        note.path = prefix + note.rel;
        notes.push_back(std::move(note));
    }
    return notes;
}

std::vector<NoteFile> scan_notes(const fs::path& dir, const std::vector<std::string>& exclude,
                                 const fs::path& agenda_path, std::vector<std::string>& warnings) {
    std::vector<Problem> problems;
    auto notes = scan_notes(dir, exclude, agenda_path, problems);
    for (const auto& p : problems) warnings.push_back(fmt::format("{}: {}", p.file, p.message));
    return notes;
}

}  // namespace touchbase
