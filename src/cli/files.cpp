#include "files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <set>
#include <thread>

#include <fmt/format.h>

namespace touchbase {

fs::path find_notes_dir(const fs::path& start) {
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    if (ec) return start;
    for (fs::path d = dir;; d = d.parent_path()) {
        if (fs::exists(d / ".touchbase.yaml", ec)) return d;
        if (d == d.parent_path()) break;
    }
    return dir;
}

namespace {

// Matches one glob against the whole of `path`.
bool glob_match_whole(std::string_view p, std::string_view s) {
    if (p.empty()) return s.empty();
    if (p.substr(0, 2) == "**") {
        std::string_view rest = p.substr(2);
        // "**/" also matches no folder at all.
        if (!rest.empty() && rest[0] == '/' && glob_match_whole(rest.substr(1), s)) return true;
        for (std::size_t i = 0; i <= s.size(); ++i)
            if (glob_match_whole(rest, s.substr(i))) return true;
        return false;
    }
    if (p[0] == '*') {
        for (std::size_t i = 0; i <= s.size(); ++i) {
            if (glob_match_whole(p.substr(1), s.substr(i))) return true;
            if (i < s.size() && s[i] == '/') break;
        }
        return false;
    }
    if (s.empty()) return false;
    if (p[0] == '?') return s[0] != '/' && glob_match_whole(p.substr(1), s.substr(1));
    if (p[0] == '[') {
        auto close = p.find(']', 2);
        if (close != std::string_view::npos) {
            std::string_view set = p.substr(1, close - 1);
            bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
            if (negate) set.remove_prefix(1);
            bool found = false;
            for (std::size_t i = 0; i < set.size(); ++i) {
                if (i + 2 < set.size() && set[i + 1] == '-') {
                    if (s[0] >= set[i] && s[0] <= set[i + 2]) found = true;
                    i += 2;
                } else if (set[i] == s[0]) {
                    found = true;
                }
            }
            return s[0] != '/' && found != negate && glob_match_whole(p.substr(close + 1), s.substr(1));
        }
    }
    return p[0] == s[0] && glob_match_whole(p.substr(1), s.substr(1));
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    if (glob_match_whole(pattern, path)) return true;
    for (auto slash = path.find('/'); slash != std::string_view::npos;
         slash = path.find('/', slash + 1))
        if (glob_match_whole(pattern, path.substr(0, slash))) return true;
    return false;
}

namespace {

bool inside(const fs::path& root, const fs::path& p) {
    auto r = root.native();
    auto s = p.native();
    return s == r || (s.size() > r.size() && s.compare(0, r.size(), r) == 0 &&
                      (r.back() == '/' || s[r.size()] == '/'));
}

struct Scanner {
    fs::path root;       // canonical DIR
    const std::vector<std::string>& exclude;
    fs::path agenda;     // canonical (weakly) agenda path
    std::vector<std::string>& warnings;
    std::set<fs::path> visited_dirs;
    std::vector<std::pair<NoteFile, std::string>> found;  // with canonical target
    // Folders reached through a link are walked after the real tree, so that
    // a folder is listed by its own path when it has one, whatever order the
    // file system lists entries in.
    std::vector<std::pair<fs::path, std::string>> linked_dirs;

    void walk_all() {
        walk(root, "");
        while (!linked_dirs.empty()) {
            auto batch = std::move(linked_dirs);
            linked_dirs.clear();
            std::sort(batch.begin(), batch.end(),
                      [](const auto& a, const auto& b) { return a.second < b.second; });
            for (const auto& [path, rel] : batch) walk(path, rel);
        }
    }

    bool excluded(const std::string& rel) const {
        return std::any_of(exclude.begin(), exclude.end(),
                           [&](const std::string& g) { return glob_match(g, rel); });
    }

    void walk(const fs::path& dir, const std::string& rel_dir) {
        std::error_code ec;
        fs::path canonical_dir = fs::canonical(dir, ec);
        if (ec || !visited_dirs.insert(canonical_dir).second) return;  // link loops end here
        fs::directory_iterator it(dir, ec);
        if (ec) {
            warnings.push_back(fmt::format("{}: cannot read folder: {}",
                                           rel_dir.empty() ? "." : rel_dir, ec.message()));
            return;
        }
        for (const auto& entry : it) {
            std::string name = entry.path().filename().string();
            if (name.empty() || name[0] == '.') continue;
            std::string rel = rel_dir.empty() ? name : rel_dir + "/" + name;
            if (excluded(rel)) continue;
            std::error_code lec;
            bool is_link = entry.is_symlink(lec);
            fs::path target = fs::canonical(entry.path(), lec);
            if (lec) continue;  // dangling link or vanished file
            if (is_link && !inside(root, target)) continue;  // never read outside DIR
            if (fs::is_directory(target, lec)) {
                if (is_link)
                    linked_dirs.push_back({entry.path(), rel});
                else
                    walk(entry.path(), rel);
            } else if (name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0 &&
                       fs::is_regular_file(target, lec)) {
                if (target == agenda) continue;
                found.push_back({NoteFile{rel, {}}, target.native()});
            }
        }
    }
};

}  // namespace

std::vector<NoteFile> scan_notes(const fs::path& dir, const std::vector<std::string>& exclude,
                                 const fs::path& agenda_path, std::vector<std::string>& warnings) {
    std::error_code ec;
    Scanner scanner{fs::canonical(dir, ec), exclude, fs::weakly_canonical(agenda_path, ec),
                    warnings, {}, {}, {}};
    if (scanner.root.empty()) return {};
    scanner.walk_all();
    auto& found = scanner.found;
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first.rel < b.first.rel; });
    // A file reached by several paths is listed once: by its own path when
    // that is one of them (a link to a note is a shortcut, the note is the
    // note), else by the first path in order.
    std::map<std::string_view, std::size_t> chosen;  // target -> index in found
    for (std::size_t i = 0; i < found.size(); ++i) {
        const auto& [note, target] = found[i];
        const auto [it, inserted] = chosen.emplace(target, i);
        if (!inserted &&
            note.rel == fs::path(target).lexically_relative(scanner.root).generic_string())
            it->second = i;
    }
    std::vector<NoteFile> notes;
    notes.reserve(chosen.size());
    const std::string prefix = (dir / "").native();
    for (std::size_t i = 0; i < found.size(); ++i) {
        auto& [note, target] = found[i];
        if (chosen[target] != i) continue;
        note.path = prefix + note.rel;
        notes.push_back(std::move(note));
    }
    return notes;
}

namespace {

FileStamp stamp_of(const struct stat& st) {
    return FileStamp{static_cast<std::uint64_t>(st.st_size),
                     static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                     static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev),
                     static_cast<unsigned>(st.st_mode & 07777)};
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

ReadFile read_file(const fs::path& path, std::uint64_t max_size) {
    ReadFile result;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        result.error = fmt::format("cannot read: {}", errno_text());
        return result;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        result.error = fmt::format("cannot read: {}", errno_text());
        ::close(fd);
        return result;
    }
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

std::optional<std::string> write_atomically(const fs::path& path, std::string_view bytes,
                                            const std::optional<FileStamp>& expected) {
    std::error_code ec;
    fs::path real = expected ? fs::canonical(path, ec) : fs::weakly_canonical(path, ec);
    if (ec) return fmt::format("cannot write: {}", ec.message());
    fs::path folder = real.parent_path();
    // A note nobody may write (chmod a-w) is left alone, even by root, for
    // whom access() always says yes: the user asked for it to stay as it is.
    if (struct stat before {}; ::stat(real.c_str(), &before) == 0 &&
                               ((before.st_mode & 0222) == 0 || ::access(real.c_str(), W_OK) != 0))
        return std::string("the file is read-only; left alone");
    std::string tmp = (folder / fmt::format(".{}.touchbase-XXXXXX", real.filename().string())).string();
    int fd = ::mkstemp(tmp.data());
    if (fd < 0) return fmt::format("cannot write: {}", errno_text());
    auto fail = [&](std::string message) {
        ::close(fd);
        ::unlink(tmp.c_str());
        return std::optional<std::string>(std::move(message));
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(fmt::format("cannot write: {}", errno_text()));
        done += static_cast<std::size_t>(n);
    }
    unsigned mode = 0644;
    struct stat st {};
    if (::stat(real.c_str(), &st) == 0) {
        if (expected && stamp_of(st) != *expected)
            return fail("the note changed on disk since it was read; left alone");
        mode = st.st_mode & 07777;
    } else if (expected) {
        return fail("the note disappeared since it was read; nothing written");
    }
    if (::fchmod(fd, mode) != 0) return fail(fmt::format("cannot write: {}", errno_text()));
    if (::fsync(fd) != 0) return fail(fmt::format("cannot write: {}", errno_text()));
    if (::close(fd) != 0) {
        ::unlink(tmp.c_str());
        return fmt::format("cannot write: {}", errno_text());
    }
    if (::rename(tmp.c_str(), real.c_str()) != 0) {
        std::string message = fmt::format("cannot write: {}", errno_text());
        ::unlink(tmp.c_str());
        return message;
    }
    // Make the rename itself durable.
    int dir_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
    return std::nullopt;
}

void remove_stale_temporaries(const fs::path& dir) {
    std::error_code ec;
    auto is_temporary = [](const std::string& name) {
        auto pos = name.rfind(".touchbase-");
        return name.size() > 1 && name[0] == '.' && pos != std::string::npos && pos > 1 &&
               name.size() == pos + 11 + 6;
    };
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (is_temporary(name) && it->is_regular_file(ec)) {
            fs::remove(it->path(), ec);
        } else if (!name.empty() && name[0] == '.' && it->is_directory(ec)) {
            it.disable_recursion_pending();  // .git and other hidden folders are not ours
        }
    }
}

DirLock::DirLock(const fs::path& dir, double wait_seconds) {
    fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) return;
    auto deadline = std::chrono::steady_clock::now() +
                    std::chrono::milliseconds(static_cast<long>(wait_seconds * 1000));
    while (true) {
        if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) {
            held_ = true;
            return;
        }
        if (errno != EWOULDBLOCK && errno != EINTR) return;
        if (std::chrono::steady_clock::now() >= deadline) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

DirLock::~DirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace touchbase
