#include "create_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace touchbase {

namespace fs = std::filesystem;

namespace {

std::string errno_message() { return std::strerror(errno); }

// A temporary file beside `path` holding `bytes`, flushed, with `mode` less
// the umask. Returns its name, or nullopt with `error` set (nothing left).
std::optional<std::string> write_temporary(const fs::path& path, std::string_view bytes,
                                           unsigned mode, std::string& error) {
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    // Short, whatever the length of the final name (spec §9); the pattern is
    // the one remove_stale_temporaries (files.h) knows.
    std::string tmp = (folder / ".new.touchbase-XXXXXX").string();
    int fd = ::mkostemp(tmp.data(), O_CLOEXEC);
    if (fd < 0) {
        error = errno_message();
        return std::nullopt;
    }
    auto fail = [&] {
        error = errno_message();
        ::close(fd);
        ::unlink(tmp.c_str());
        return std::nullopt;
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail();
        done += static_cast<std::size_t>(n);
    }
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(fd, static_cast<mode_t>(mode) & ~mask) != 0) return fail();
    if (::fsync(fd) != 0) return fail();
    if (::close(fd) != 0) {
        error = errno_message();
        ::unlink(tmp.c_str());
        return std::nullopt;
    }
    return tmp;
}

void sync_folder(const fs::path& path) {
    const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

CreateResult create_new_file(const fs::path& path, std::string_view bytes, unsigned mode) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) return {Created::exists, {}};
    CreateResult result;
    auto tmp = write_temporary(path, bytes, mode, result.error);
    if (!tmp) return result;
    // link() fails with EEXIST rather than replace: another writer that got
    // there first keeps its file. A file system without hard links gets
    // renameat2(RENAME_NOREPLACE), which means the same.
    int linked = ::link(tmp->c_str(), path.c_str());
    if (linked != 0 && errno != EEXIST)
        linked = ::renameat2(AT_FDCWD, tmp->c_str(), AT_FDCWD, path.c_str(), RENAME_NOREPLACE);
    const int saved = errno;
    ::unlink(tmp->c_str());
    if (linked != 0) {
        if (saved == EEXIST) return {Created::exists, {}};
        return {Created::failed, std::strerror(saved)};
    }
    sync_folder(path);
    return {Created::created, {}};
}

std::optional<std::string> replace_file(const fs::path& path, std::string_view bytes,
                                        unsigned mode) {
    std::string error;
    auto tmp = write_temporary(path, bytes, mode, error);
    if (!tmp) return error;
    if (::rename(tmp->c_str(), path.c_str()) != 0) {
        error = errno_message();
        ::unlink(tmp->c_str());
        return error;
    }
    sync_folder(path);
    return std::nullopt;
}

}  // namespace touchbase
