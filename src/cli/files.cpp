// Writing (files.h, SPEC §9): atomic writes that keep what the file was,
// the temporaries a killed run leaves, and the lock on DIR.
#include "files.h"
#include "files_shared.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
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
        if (n < 0)
            return fmt::format("cannot read its extended attribute {}: {}", name, errno_text());
        std::string value(static_cast<std::size_t>(n), '\0');
        n = ::lgetxattr(from.c_str(), name.c_str(), value.data(), value.size());
        if (n < 0)
            return fmt::format("cannot read its extended attribute {}: {}", name, errno_text());
        value.resize(static_cast<std::size_t>(n));
        if (::fsetxattr(to, name.c_str(), value.data(), value.size(), 0) != 0)
            return fmt::format("cannot keep its extended attribute {}: {}", name, errno_text());
    }
    return std::nullopt;
}

// The whole content of `name` in folder `dir_fd`, or nullopt.
std::optional<std::string> reread(int dir_fd, const std::string& name, std::size_t limit) {
    int fd =
        ::openat(dir_fd, name.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC);
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
    return write_atomically(
        path, [&](const TextSink& put) { put(bytes); }, expected, original);
}

std::optional<std::string> write_atomically(const fs::path& path, const Content& content,
                                            const std::optional<FileStamp>& expected) {
    return write_atomically(path, content, expected, nullptr);
}

namespace {

// The file write_atomically replaces: its name in its open folder, and what
// it was before (`exists` false: nothing there yet).
struct Target {
    int dir_fd = -1;
    std::string name;
    struct stat before {};
    bool exists = false;
};

// Why the file may not be replaced at all, before a byte is written.
std::optional<std::string> refusal(const Target& t, const std::optional<FileStamp>& expected) {
    if (!t.exists && expected)
        return std::string("the note disappeared since it was read; nothing written");
    if (t.exists && !S_ISREG(t.before.st_mode))
        return fmt::format(
            "not a regular file ({}); touchbase writes only regular files; left alone",
            kind_of(t.before.st_mode));
    if (expected && (t.before.st_dev != expected->device || t.before.st_ino != expected->inode))
        return std::string("the note changed on disk since it was read; left alone");
    if (struct statvfs vfs{}; ::fstatvfs(t.dir_fd, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
        return std::string("the file system is mounted read-only; nothing can be written there");
    // A note nobody may write (chmod a-w) is left alone, even by root, for
    // whom access() always says yes: the user asked for it to stay as it is.
    if (t.exists &&
        ((t.before.st_mode & 0222) == 0 || ::faccessat(t.dir_fd, t.name.c_str(), W_OK, 0) != 0))
        return std::string("the file is read-only; left alone");
    if (t.exists && ::geteuid() != 0 && t.before.st_uid != ::geteuid())
        return fmt::format(
            "the file belongs to another user (uid {}); rewriting it would make it yours; left alone",
            t.before.st_uid);
    return std::nullopt;
}

// A new temporary file beside the target, open for writing.
struct Temporary {
    int fd = -1;  // -1: `error` says why
    std::string name;
    std::string error;
};

Temporary open_temporary(const Target& t) {
    Temporary tmp;
    for (int attempt = 0; attempt < 100 && tmp.fd < 0; ++attempt) {
        tmp.name = temporary_name();
        tmp.fd = ::openat(t.dir_fd, tmp.name.c_str(),
                          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (tmp.fd < 0 && errno != EEXIST) break;
    }
    if (tmp.fd < 0)
        tmp.error =
            errno == EROFS
                ? std::string("the file system is mounted read-only; nothing can be written there")
                : fmt::format("cannot write: {}", errno_text());
    return tmp;
}

// Writes the content to the open temporary `fd`, gives it what the file was
// (owner and group first, as chown clears setuid and setgid, then the ACL
// and other attributes, then the mode with its special bits) and flushes it.
std::optional<std::string> fill_temporary(int fd, const Content& content, const Target& t,
                                          const std::string& real) {
    int write_error = 0;
    content([&](std::string_view piece) {
        std::size_t done = 0;
        while (write_error == 0 && done < piece.size()) {
            ssize_t n = ::write(fd, piece.data() + done, piece.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0)
                write_error = errno;
            else
                done += static_cast<std::size_t>(n);
        }
    });
    if (write_error != 0) return fmt::format("cannot write: {}", errno_text(write_error));
    if (t.exists) {
        struct stat mine {};
        ::fstat(fd, &mine);
        if (::geteuid() == 0 ? ::fchown(fd, t.before.st_uid, t.before.st_gid) != 0
                             : (mine.st_gid != t.before.st_gid &&
                                ::fchown(fd, static_cast<uid_t>(-1), t.before.st_gid) != 0))
            return fmt::format("cannot keep its owner and group: {}; left alone", errno_text());
        if (auto error = copy_xattrs(real, fd)) return *error + "; left alone";
        if (::fchmod(fd, t.before.st_mode & 07777) != 0)
            return fmt::format("cannot keep its mode: {}; left alone", errno_text());
    } else if (::fchmod(fd, 0644) != 0) {
        return fmt::format("cannot write: {}", errno_text());
    }
    if (::fsync(fd) != 0) return fmt::format("cannot write: {}", errno_text());
    return std::nullopt;
}

// As late as possible, right before the rename: the file is still the one
// read, byte for byte (or, with no `expected`, still what was there).
std::optional<std::string> changed_meanwhile(const Target& t,
                                             const std::optional<FileStamp>& expected,
                                             const std::string* original) {
    struct stat now {};
    const bool still = ::fstatat(t.dir_fd, t.name.c_str(), &now, AT_SYMLINK_NOFOLLOW) == 0;
    if (expected) {
        if (!still) return std::string("the note disappeared since it was read; nothing written");
        if (stamp_of(now) != *expected)
            return std::string("the note changed on disk since it was read; left alone");
        // Same size and mtime may still hide an edit (an in-place save within
        // the file system's clock tick): compare the content itself.
        if (original) {
            auto content = reread(t.dir_fd, t.name, original->size() + 1);
            if (!content || *content != *original)
                return std::string("the note changed on disk since it was read; left alone");
        }
    } else if (still && (!S_ISREG(now.st_mode) || (t.exists && !same_file(now, t.before)))) {
        return std::string("the file was replaced while the new one was written; left alone");
    } else if (still && !t.exists) {
        return std::string("a file appeared there while the new one was written; left alone");
    }
    return std::nullopt;
}

}  // namespace

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
    Target t;
    t.name = real.filename().string();
    t.dir_fd = ::open(real.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (t.dir_fd < 0) return fmt::format("cannot write: {}", errno_text());
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } dir_closer{t.dir_fd};
    t.exists = ::fstatat(t.dir_fd, t.name.c_str(), &t.before, AT_SYMLINK_NOFOLLOW) == 0;
    if (auto why = refusal(t, expected)) return why;

    const Temporary tmp = open_temporary(t);
    if (tmp.fd < 0) return tmp.error;
    auto drop = [&](std::string message) {
        ::unlinkat(t.dir_fd, tmp.name.c_str(), 0);
        return std::optional<std::string>(std::move(message));
    };
    if (auto failed = fill_temporary(tmp.fd, content, t, real.native())) {
        ::close(tmp.fd);
        return drop(*failed);
    }
    if (::close(tmp.fd) != 0) return drop(fmt::format("cannot write: {}", errno_text()));
    if (auto why = changed_meanwhile(t, expected, original)) return drop(*why);
    if (::renameat(t.dir_fd, tmp.name.c_str(), t.dir_fd, t.name.c_str()) != 0)
        return drop(fmt::format("cannot write: {}", errno_text()));
    ::fsync(t.dir_fd);  // make the rename itself durable
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
                if (name[0] == '.' ||
                    std::any_of(exclude.begin(), exclude.end(),
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
