#include "files.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <set>
#include <thread>

#include <fmt/format.h>

namespace touchbase {

namespace {

std::string errno_text(int e = errno) { return std::strerror(e); }

bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// What a non-regular file is, for messages.
const char* kind_of(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
}

}  // namespace

fs::path find_notes_dir(const fs::path& start, std::vector<std::string>* warnings) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (ec) return start;
    dir = dir.lexically_normal();
    if (dir.native().size() > 1 && dir.native().back() == '/') dir = dir.parent_path();
    std::vector<std::string> local;
    std::vector<std::string>& out = warnings ? *warnings : local;
    const char* home_env = std::getenv("HOME");
    struct stat home {};
    const bool have_home = home_env && *home_env && ::stat(home_env, &home) == 0;
    const uid_t me = ::geteuid();
    fs::path found;
    for (fs::path d = dir;; d = d.parent_path()) {
        const fs::path config = d / ".touchbase.yaml";
        struct stat st {};
        if (::stat(config.c_str(), &st) == 0) {
            struct stat folder {};
            const bool folder_ok = ::stat(d.c_str(), &folder) == 0;
            if (!S_ISREG(st.st_mode)) {
                out.push_back(fmt::format("{}: skipped: {}, not a regular file", shown_text(config.string()),
                                          kind_of(st.st_mode)));
            } else if (st.st_uid != me && st.st_uid != 0) {
                out.push_back(fmt::format(
                    "{}: skipped: it belongs to another user (uid {}); a configuration is used only "
                    "when it is yours or root's",
                    shown_text(config.string()), st.st_uid));
            } else if (folder_ok && (folder.st_mode & S_IWOTH) && !(folder.st_mode & S_ISVTX)) {
                out.push_back(fmt::format(
                    "{}: skipped: its folder may be written by anyone (and has no sticky bit), so "
                    "anyone may have put it there",
                    shown_text(config.string())));
            } else {
                found = d;
                break;
            }
        }
        // The search stops at the top of the git work tree and at home.
        struct stat git {};
        if (::lstat((d / ".git").c_str(), &git) == 0) break;
        struct stat here {};
        if (have_home && ::stat(d.c_str(), &here) == 0 && same_file(here, home)) break;
        if (d == d.parent_path()) break;
    }
    if (!warnings)
        for (const auto& w : local) fmt::print(stderr, "touchbase: warning: {}\n", w);
    return found.empty() ? dir : found;
}

namespace {

// A glob compiled for a linear match: a path of n bytes against a pattern of
// m tokens costs O(n * m), whatever the stars (an NFA over the tokens, not
// backtracking: `*a*a*a*a*a*a*a*a*b` against 60 letters is immediate).
struct GlobToken {
    enum Kind { literal, any, set, star, any_depth, folders };  // folders: `**/`
    Kind kind;
    char c = 0;
    std::string members;  // set: ranges expanded by `matches`
    bool negate = false;

    explicit GlobToken(Kind k, char ch = 0) : kind(k), c(ch) {}

    bool matches(char ch) const {
        switch (kind) {
        case literal: return ch == c;
        case any: return ch != '/';
        case set: {
            if (ch == '/') return false;
            bool found = false;
            for (std::size_t i = 0; i < members.size(); ++i) {
                if (i + 2 < members.size() && members[i + 1] == '-') {
                    if (ch >= members[i] && ch <= members[i + 2]) found = true;
                    i += 2;
                } else if (members[i] == ch) {
                    found = true;
                }
            }
            return found != negate;
        }
        default: return false;
        }
    }
};

std::vector<GlobToken> compile_glob(std::string_view p) {
    std::vector<GlobToken> tokens;
    for (std::size_t i = 0; i < p.size();) {
        if (p.compare(i, 2, "**") == 0) {
            if (i + 2 < p.size() && p[i + 2] == '/') {
                tokens.emplace_back(GlobToken::folders);
                i += 3;
            } else {
                tokens.emplace_back(GlobToken::any_depth);
                i += 2;
            }
        } else if (p[i] == '*') {
            tokens.emplace_back(GlobToken::star);
            ++i;
        } else if (p[i] == '?') {
            tokens.emplace_back(GlobToken::any);
            ++i;
        } else if (p[i] == '[' && p.find(']', i + 2) != std::string_view::npos) {
            std::size_t close = p.find(']', i + 2);
            GlobToken t(GlobToken::set);
            std::string_view members = p.substr(i + 1, close - i - 1);
            t.negate = !members.empty() && (members[0] == '!' || members[0] == '^');
            if (t.negate) members.remove_prefix(1);
            t.members = std::string(members);
            tokens.push_back(std::move(t));
            i = close + 1;
        } else {
            tokens.emplace_back(GlobToken::literal, p[i]);
            ++i;
        }
    }
    return tokens;
}

// Adds state `i` and every state reached from it without reading a byte.
void glob_close(const std::vector<GlobToken>& t, std::vector<char>& states, std::size_t i) {
    while (i <= t.size() && !states[i]) {
        states[i] = 1;
        if (i == t.size()) return;
        auto k = t[i].kind;
        if (k != GlobToken::star && k != GlobToken::any_depth && k != GlobToken::folders) return;
        ++i;
    }
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    const auto tokens = compile_glob(pattern);
    const std::size_t m = tokens.size();
    std::vector<char> states(m + 1, 0), next(m + 1, 0);
    glob_close(tokens, states, 0);
    for (char ch : path) {
        // A path also matches when one of its parent folders does.
        if (ch == '/' && states[m]) return true;
        std::fill(next.begin(), next.end(), 0);
        bool any = false;
        for (std::size_t i = 0; i < m; ++i) {
            if (!states[i]) continue;
            const GlobToken& t = tokens[i];
            switch (t.kind) {
            case GlobToken::star:
                if (ch != '/') glob_close(tokens, next, i);
                break;
            case GlobToken::any_depth:
                glob_close(tokens, next, i);
                break;
            case GlobToken::folders:
                glob_close(tokens, next, i);
                if (ch == '/') glob_close(tokens, next, i + 1);
                break;
            default:
                if (t.matches(ch)) glob_close(tokens, next, i + 1);
            }
        }
        states.swap(next);
        for (char s : states) any = any || s;
        if (!any) return false;
    }
    return states[m];
}

namespace {

bool inside(const std::string& r, const std::string& s) {
    return s == r || (s.size() > r.size() && s.compare(0, r.size(), r) == 0 &&
                      (r.back() == '/' || s[r.size()] == '/'));
}

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
        problems.push_back(Problem{rel.empty() ? "." : rel, 0, 0, severity, std::move(message), {}});
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

    void walk(const Folder& folder, std::vector<Folder>& pending, std::vector<Folder>& linked) {
        int fd = ::open(folder.real.c_str(), O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
            const int e = errno;
            problem(folder.rel, Severity::error,
                    e == ENAMETOOLONG
                        ? std::string("folder nested too deep to be read (its path is longer than "
                                      "the system allows); the notes in it are not processed")
                        : fmt::format("cannot read folder: {}; the notes in it are not processed",
                                      errno_text(e)));
            return;
        }
        struct stat self {};
        if (::fstat(fd, &self) != 0 || !visited_dirs.insert({self.st_dev, self.st_ino}).second) {
            ::close(fd);  // a folder seen before (a link loop, or linked twice)
            return;
        }
        DIR* d = ::fdopendir(fd);
        if (!d) {
            problem(folder.rel, Severity::error,
                    fmt::format("cannot read folder: {}; the notes in it are not processed", errno_text()));
            ::close(fd);
            return;
        }
        std::vector<Folder> subfolders;
        while (true) {
            errno = 0;
            struct dirent* e = ::readdir(d);
            if (!e) {
                if (errno != 0)
                    problem(folder.rel, Severity::error,
                            fmt::format("cannot read folder: {}; some notes in it may not be processed",
                                        errno_text()));
                break;
            }
            std::string name = e->d_name;
            if (name.empty() || name[0] == '.') continue;  // hidden, and . and ..
            std::string rel = folder.rel.empty() ? name : folder.rel + "/" + name;
            unsigned char type = e->d_type;
            if (type != DT_DIR && type != DT_LNK && !ends_with_md(name)) continue;
            if (excluded(rel)) continue;
            std::string real = folder.real == "/" ? "/" + name : folder.real + "/" + name;
            struct stat st {};
            if (type == DT_UNKNOWN || type != DT_DIR) {
                if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // vanished
                type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : DT_REG;
            }
            if (type == DT_DIR) {
                subfolders.push_back({real, rel, folder.via_link});
                continue;
            }
            bool own_path = !folder.via_link;
            if (type == DT_LNK) {
                std::error_code ec;
                fs::path target = fs::canonical(real, ec);
                if (ec) continue;  // dangling
                if (!inside(root, target.native())) continue;  // never read outside DIR
                if (::stat(target.c_str(), &st) != 0) continue;
                if (S_ISDIR(st.st_mode)) {
                    linked.push_back({target.native(), rel, true});
                    continue;
                }
                if (!ends_with_md(name)) continue;
                real = target.native();
                own_path = false;
            }
            if (!S_ISREG(st.st_mode)) {
                problem(rel, Severity::warning,
                        fmt::format("skipped: {}, not a regular file", kind_of(st.st_mode)));
                continue;
            }
            if (have_agenda && same_file(st, agenda)) continue;
            NoteFile note;
            note.rel = std::move(rel);
            note.real = std::move(real);
            note.device = st.st_dev;
            note.inode = st.st_ino;
            note.links = static_cast<unsigned>(st.st_nlink);
            found.push_back({std::move(note), own_path});
        }
        ::closedir(d);
        // Depth first, in the listed order.
        std::sort(subfolders.begin(), subfolders.end(),
                  [](const Folder& a, const Folder& b) { return a.rel > b.rel; });
        for (auto& s : subfolders) pending.push_back(std::move(s));
    }
};

}  // namespace

std::vector<NoteFile> scan_notes(const fs::path& dir, const std::vector<std::string>& exclude,
                                 const fs::path& agenda_path, std::vector<Problem>& problems) {
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) {
        problems.push_back(Problem{".", 0, 0, Severity::error,
                                   fmt::format("cannot read folder: {}", ec.message()), {}});
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

std::optional<std::string> agenda_path_problem(const fs::path& dir, const fs::path& agenda,
                                               bool given_on_command_line, const fs::path& config) {
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) return fmt::format("cannot resolve the notes folder: {}", ec.message());
    const fs::path given = fs::absolute(agenda, ec).lexically_normal();
    // /dev/stdout and /proc/self/fd/N lead through the process's own
    // descriptors to whatever they are (a log file the agenda would replace).
    if (given.native().starts_with("/dev/") || given.native().starts_with("/proc/"))
        return std::string("it is a device or process file, not a regular file");
    const fs::path resolved = fs::weakly_canonical(given, ec);
    if (ec) return fmt::format("cannot resolve it: {}", ec.message());
    if (!given_on_command_line && !inside(root.native(), resolved.native()))
        return fmt::format(
            "it leads outside the notes folder (to {}); the agenda is written only inside it "
            "(--agenda on the command line may point elsewhere)",
            resolved.string());
    struct stat st {};
    if (::stat(resolved.c_str(), &st) != 0) {
        // Missing: its folders are made only inside DIR.
        fs::path existing = resolved.parent_path();
        struct stat folder {};
        while (::stat(existing.c_str(), &folder) != 0 && existing != existing.parent_path())
            existing = existing.parent_path();
        if (!S_ISDIR(folder.st_mode)) return fmt::format("{} is not a folder", existing.string());
        if (existing != resolved.parent_path() && !inside(root.native(), existing.native()))
            return fmt::format("its folder {} does not exist, and touchbase makes folders only inside "
                               "the notes folder",
                               resolved.parent_path().string());
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) return fmt::format("it is {}, not a regular file", kind_of(st.st_mode));
    struct stat cfg {};
    if (resolved.filename() == ".touchbase.yaml" ||
        (!config.empty() && ::stat(config.c_str(), &cfg) == 0 && same_file(cfg, st)))
        return std::string("it is the configuration");
    int fd = ::open(resolved.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd >= 0) {
        char head[512];
        ssize_t n = ::read(fd, head, sizeof head);
        ::close(fd);
        if (n > 0 && starts_with_front_matter(std::string_view(head, static_cast<std::size_t>(n))))
            return std::string(
                "it begins with front matter (a note, or a file that looks like one); the agenda "
                "never replaces it");
    }
    return std::nullopt;
}

std::optional<std::string> new_note_path_problem(const fs::path& dir, const fs::path& path) {
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) return fmt::format("cannot resolve the notes folder: {}", ec.message());
    const fs::path given = fs::absolute(path, ec);
    const fs::path folder = fs::canonical(given.parent_path(), ec);
    if (ec) return fmt::format("its folder cannot be used: {}", ec.message());
    if (!inside(root.native(), folder.native()))
        return fmt::format("it would be outside the notes folder {} (links resolved); notes are made "
                           "only inside it",
                           shown_text(dir.string()));
    const long max = ::pathconf(folder.c_str(), _PC_NAME_MAX);
    const std::size_t limit = max > 0 ? static_cast<std::size_t>(max) : 255;
    if (given.filename().native().size() > limit)
        return fmt::format("the file name is {} bytes, longer than the {} this file system allows; "
                           "choose a shorter name",
                           given.filename().native().size(), limit);
    return std::nullopt;
}

std::optional<std::string> make_agenda_folder(const fs::path& agenda) {
    std::error_code ec;
    const fs::path folder = fs::weakly_canonical(fs::absolute(agenda, ec), ec).parent_path();
    if (!ec) fs::create_directories(folder, ec);
    if (ec) return fmt::format("cannot make its folder: {}", ec.message());
    return std::nullopt;
}

namespace {

FileStamp stamp_of(const struct stat& st) {
    return FileStamp{static_cast<std::uint64_t>(st.st_size),
                     static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                     static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev),
                     static_cast<unsigned>(st.st_mode & 07777)};
}

// Opens `path` for reading without following any symbolic link on the way
// (the path must hold none: a canonical DIR and real folders). Falls back to
// refusing a link as the last component where openat2 is missing.
int open_no_links(const std::string& path, int flags) {
    struct open_how how {};
    how.flags = static_cast<std::uint64_t>(flags);
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long fd = ::syscall(SYS_openat2, AT_FDCWD, path.c_str(), &how, sizeof how);
    if (fd < 0 && (errno == ENOSYS || errno == EPERM)) fd = ::open(path.c_str(), flags | O_NOFOLLOW);
    return static_cast<int>(fd);
}

ReadFile read_open(int fd, std::uint64_t max_size, const std::optional<std::pair<std::uint64_t, std::uint64_t>>& expect) {
    ReadFile result;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        result.error = fmt::format("cannot read: {}", errno_text());
        ::close(fd);
        return result;
    }
    if (!S_ISREG(st.st_mode)) {
        result.error = fmt::format("not a regular file ({}); touchbase reads only regular files",
                                   kind_of(st.st_mode));
        ::close(fd);
        return result;
    }
    if (expect && (expect->first != st.st_dev || expect->second != st.st_ino)) {
        result.error = "the file was replaced since the folder was scanned; left alone";
        ::close(fd);
        return result;
    }
    // A regular file: reads do not block; back to blocking for the rest.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    result.stamp = stamp_of(st);
    if (result.stamp.size > max_size) {
        result.error = fmt::format("the file is larger than {} MiB; touchbase leaves it alone",
                                   max_size / (1024 * 1024));
        ::close(fd);
        return result;
    }
    result.bytes.resize(result.stamp.size);
    std::size_t done = 0;
    while (done < result.bytes.size()) {
        ssize_t n = ::read(fd, result.bytes.data() + done, result.bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            result.error = fmt::format("cannot read: {}", errno_text());
            break;
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    result.bytes.resize(done);
    if (done != result.stamp.size && !result.error)
        result.error = "the file changed while it was read; left alone";
    ::close(fd);
    return result;
}

}  // namespace

ReadFile read_file(const fs::path& path, std::uint64_t max_size) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (SPEC §9).
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        ReadFile result;
        result.error = fmt::format("cannot read: {}", errno_text());
        return result;
    }
    return read_open(fd, max_size, std::nullopt);
}

ReadFile read_note(const NoteFile& note, std::uint64_t max_size) {
    if (note.real.empty()) return read_file(note.path, max_size);
    int fd = open_no_links(note.real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        ReadFile result;
        result.error = errno == ELOOP || errno == EXDEV
                           ? std::string("the file was replaced since the folder was scanned; left alone")
                           : fmt::format("cannot read: {}", errno_text());
        return result;
    }
    return read_open(fd, max_size, std::make_pair(note.device, note.inode));
}

bool starts_with_front_matter(std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    if (bytes.substr(0, 3) != "---") return false;
    bytes.remove_prefix(3);
    std::size_t i = 0;
    while (i < bytes.size() && bytes[i] == ' ') ++i;
    if (i < bytes.size() && bytes[i] == '\r') ++i;
    return i == bytes.size() || bytes[i] == '\n';
}

bool is_temporary_name(std::string_view name) {
    if (name.size() != 16 || name.substr(0, 4) != ".tb-" || name.substr(12) != ".tmp") return false;
    return std::all_of(name.begin() + 4, name.begin() + 12, [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    });
}

namespace {

std::string temporary_name() {
    static constexpr char kLetters[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    thread_local std::mt19937_64 random{std::random_device{}() ^
                                        static_cast<std::uint64_t>(::getpid()) << 32};
    std::string name = ".tb-";
    for (int i = 0; i < 8; ++i) name += kLetters[random() % (sizeof kLetters - 1)];
    return name + ".tmp";
}

// Copies every extended attribute (ACLs are the system.posix_acl_* ones)
// of `from` to the open file `to`. Returns an error message.
std::optional<std::string> copy_xattrs(const std::string& from, int to) {
    ssize_t size = ::llistxattr(from.c_str(), nullptr, 0);
    if (size < 0) {
        if (errno == ENOTSUP) return std::nullopt;
        return fmt::format("cannot read its extended attributes: {}", errno_text());
    }
    if (size == 0) return std::nullopt;
    std::string names(static_cast<std::size_t>(size), '\0');
    size = ::llistxattr(from.c_str(), names.data(), names.size());
    if (size < 0) return fmt::format("cannot read its extended attributes: {}", errno_text());
    names.resize(static_cast<std::size_t>(size));
    for (std::size_t pos = 0; pos < names.size();) {
        std::string name = names.c_str() + pos;
        pos += name.size() + 1;
        if (name.empty()) continue;
        ssize_t n = ::lgetxattr(from.c_str(), name.c_str(), nullptr, 0);
        if (n < 0) return fmt::format("cannot read its extended attribute {}: {}", name, errno_text());
        std::string value(static_cast<std::size_t>(n), '\0');
        n = ::lgetxattr(from.c_str(), name.c_str(), value.data(), value.size());
        if (n < 0) return fmt::format("cannot read its extended attribute {}: {}", name, errno_text());
        value.resize(static_cast<std::size_t>(n));
        if (::fsetxattr(to, name.c_str(), value.data(), value.size(), 0) != 0)
            return fmt::format("cannot keep its extended attribute {}: {}", name, errno_text());
    }
    return std::nullopt;
}

// The whole content of `name` in folder `dir_fd`, or nullopt.
std::optional<std::string> reread(int dir_fd, const std::string& name, std::size_t limit) {
    int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    ReadFile again = read_open(fd, limit, std::nullopt);
    if (again.error) return std::nullopt;
    return std::move(again.bytes);
}

}  // namespace

std::optional<std::string> write_atomically(const fs::path& path, const Content& content,
                                            const std::optional<FileStamp>& expected,
                                            const std::string* original);

std::optional<std::string> write_atomically(const fs::path& path, std::string_view bytes,
                                            const std::optional<FileStamp>& expected,
                                            const std::string* original) {
    return write_atomically(path, [&](const TextSink& put) { put(bytes); }, expected, original);
}

std::optional<std::string> write_atomically(const fs::path& path, const Content& content,
                                            const std::optional<FileStamp>& expected) {
    return write_atomically(path, content, expected, nullptr);
}

bool same_content(const fs::path& path, const Content& content) {
    int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return false;
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    bool same = true;
    std::string disk;
    content([&](std::string_view piece) {
        if (!same) return;
        disk.resize(piece.size());
        std::size_t done = 0;
        while (done < piece.size()) {
            ssize_t n = ::read(fd, disk.data() + done, piece.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            done += static_cast<std::size_t>(n);
        }
        same = done == piece.size() && std::string_view(disk) == piece;
    });
    char extra;
    return same && ::read(fd, &extra, 1) == 0;  // and nothing more on disk
}

std::optional<std::string> write_atomically(const fs::path& path, const Content& content,
                                            const std::optional<FileStamp>& expected,
                                            const std::string* original) {
    std::error_code ec;
    fs::path real = expected ? fs::canonical(path, ec) : fs::weakly_canonical(path, ec);
    if (ec) {
        if (expected && ec == std::errc::no_such_file_or_directory)
            return std::string("the note disappeared since it was read; nothing written");
        return fmt::format("cannot write: {}", ec.message());
    }
    const fs::path folder = real.parent_path();
    const std::string name = real.filename().string();
    int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd < 0) return fmt::format("cannot write: {}", errno_text());
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } dir_closer{dir_fd};

    struct stat before {};
    const bool exists = ::fstatat(dir_fd, name.c_str(), &before, AT_SYMLINK_NOFOLLOW) == 0;
    if (!exists && expected) return std::string("the note disappeared since it was read; nothing written");
    if (exists && !S_ISREG(before.st_mode))
        return fmt::format("not a regular file ({}); touchbase writes only regular files; left alone",
                           kind_of(before.st_mode));
    if (expected && (before.st_dev != expected->device || before.st_ino != expected->inode))
        return std::string("the note changed on disk since it was read; left alone");
    if (struct statvfs vfs {}; ::fstatvfs(dir_fd, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
        return std::string("the file system is mounted read-only; nothing can be written there");
    // A note nobody may write (chmod a-w) is left alone, even by root, for
    // whom access() always says yes: the user asked for it to stay as it is.
    if (exists && ((before.st_mode & 0222) == 0 || ::faccessat(dir_fd, name.c_str(), W_OK, 0) != 0))
        return std::string("the file is read-only; left alone");
    const bool root = ::geteuid() == 0;
    if (exists && !root && before.st_uid != ::geteuid())
        return fmt::format(
            "the file belongs to another user (uid {}); rewriting it would make it yours; left alone",
            before.st_uid);

    std::string tmp;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        tmp = temporary_name();
        fd = ::openat(dir_fd, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) break;
    }
    if (fd < 0)
        return errno == EROFS
                   ? std::string("the file system is mounted read-only; nothing can be written there")
                   : fmt::format("cannot write: {}", errno_text());
    auto fail = [&](std::string message) {
        ::close(fd);
        ::unlinkat(dir_fd, tmp.c_str(), 0);
        return std::optional<std::string>(std::move(message));
    };
    int write_error = 0;
    content([&](std::string_view piece) {
        std::size_t done = 0;
        while (write_error == 0 && done < piece.size()) {
            ssize_t n = ::write(fd, piece.data() + done, piece.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) write_error = errno;
            else done += static_cast<std::size_t>(n);
        }
    });
    if (write_error != 0) return fail(fmt::format("cannot write: {}", errno_text(write_error)));
    if (exists) {
        // Owner and group first (chown clears setuid and setgid), then the
        // ACL and other attributes, then the mode with its special bits.
        struct stat mine {};
        ::fstat(fd, &mine);
        if (root ? ::fchown(fd, before.st_uid, before.st_gid) != 0
                 : (mine.st_gid != before.st_gid && ::fchown(fd, static_cast<uid_t>(-1), before.st_gid) != 0))
            return fail(fmt::format("cannot keep its owner and group: {}; left alone", errno_text()));
        if (auto error = copy_xattrs(real.native(), fd)) return fail(*error + "; left alone");
        if (::fchmod(fd, before.st_mode & 07777) != 0)
            return fail(fmt::format("cannot keep its mode: {}; left alone", errno_text()));
    } else if (::fchmod(fd, 0644) != 0) {
        return fail(fmt::format("cannot write: {}", errno_text()));
    }
    if (::fsync(fd) != 0) return fail(fmt::format("cannot write: {}", errno_text()));
    if (::close(fd) != 0) {
        ::unlinkat(dir_fd, tmp.c_str(), 0);
        return fmt::format("cannot write: {}", errno_text());
    }
    fd = -1;
    auto drop = [&](std::string message) {
        ::unlinkat(dir_fd, tmp.c_str(), 0);
        return std::optional<std::string>(std::move(message));
    };
    // As late as possible: the file is still the one read, byte for byte.
    struct stat now {};
    const bool still = ::fstatat(dir_fd, name.c_str(), &now, AT_SYMLINK_NOFOLLOW) == 0;
    if (expected) {
        if (!still) return drop("the note disappeared since it was read; nothing written");
        if (stamp_of(now) != *expected) return drop("the note changed on disk since it was read; left alone");
        // Same size and mtime may still hide an edit (an in-place save within
        // the file system's clock tick): compare the content itself.
        if (original) {
            auto content = reread(dir_fd, name, original->size() + 1);
            if (!content || *content != *original)
                return drop("the note changed on disk since it was read; left alone");
        }
    } else if (still && (!S_ISREG(now.st_mode) || (exists && !same_file(now, before)))) {
        return drop("the file was replaced while the new one was written; left alone");
    } else if (still && !exists) {
        return drop("a file appeared there while the new one was written; left alone");
    }
    if (::renameat(dir_fd, tmp.c_str(), dir_fd, name.c_str()) != 0) {
        std::string message = fmt::format("cannot write: {}", errno_text());
        ::unlinkat(dir_fd, tmp.c_str(), 0);
        return message;
    }
    ::fsync(dir_fd);  // make the rename itself durable
    return std::nullopt;
}

void remove_stale_temporaries(const fs::path& dir, const std::vector<std::string>& exclude) {
    std::error_code ec;
    const fs::path root = fs::canonical(dir, ec);
    if (ec) return;
    // A run on a subfolder, or on a parent of DIR, may be writing its
    // temporaries right now: it holds a lock on its own DIR.
    auto locked_by_another = [&](const fs::path& folder) {
        for (fs::path f = folder;; f = f.parent_path()) {
            if (f != root) {
                int fd = ::open(f.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (fd >= 0) {
                    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
                    ::close(fd);
                    if (held) return true;
                }
            }
            if (f == f.parent_path()) return false;
        }
    };
    std::vector<std::pair<fs::path, std::string>> pending{{root, ""}};
    std::set<std::pair<dev_t, ino_t>> seen;
    while (!pending.empty()) {
        auto [folder, rel_dir] = std::move(pending.back());
        pending.pop_back();
        int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) continue;
        struct stat self {};
        if (::fstat(fd, &self) != 0 || !seen.insert({self.st_dev, self.st_ino}).second) {
            ::close(fd);
            continue;
        }
        DIR* d = ::fdopendir(fd);
        if (!d) {
            ::close(fd);
            continue;
        }
        std::vector<std::string> stale;
        while (struct dirent* e = ::readdir(d)) {
            std::string name = e->d_name;
            if (name == "." || name == "..") continue;
            struct stat st {};
            if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
            std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
            if (S_ISDIR(st.st_mode)) {
                // .git and other hidden folders are not ours; nor excluded ones.
                if (name[0] == '.' || std::any_of(exclude.begin(), exclude.end(),
                                                  [&](const auto& g) { return glob_match(g, rel); }))
                    continue;
                pending.push_back({folder / name, rel});
            } else if (S_ISREG(st.st_mode) && is_temporary_name(name)) {
                stale.push_back(name);
            }
        }
        if (!stale.empty() && !locked_by_another(folder))
            for (const auto& name : stale) ::unlinkat(fd, name.c_str(), 0);
        ::closedir(d);
    }
}

DirLock::DirLock(const fs::path& dir, double wait_seconds) {
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) {
        error_ = errno;
        return;
    }
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(static_cast<long>(wait_seconds * 1000));
    while (true) {
        if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) {
            held_ = true;
            return;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) {
            error_ = errno;
            return;
        }
        if (std::chrono::steady_clock::now() >= deadline) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

DirLock::~DirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace touchbase
