// Reading a whole file, or a note as the scan saw it (files.h, SPEC §9):
// regular files only, opened without blocking, checked before a byte is read.
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <fmt/format.h>

#include "files_shared.h"

namespace touchbase {

namespace {

// refusing a link as the last component where openat2 is missing.
int open_no_links(const std::string& path, int flags) {
    struct open_how how {};
    how.flags = static_cast<std::uint64_t>(flags);
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    long fd = ::syscall(SYS_openat2, AT_FDCWD, path.c_str(), &how, sizeof how);
    if (fd < 0 && (errno == ENOSYS || errno == EPERM))
        fd = ::open(path.c_str(), flags | O_NOFOLLOW);
    return static_cast<int>(fd);
}

}  // namespace

ReadFile read_open(int fd, std::uint64_t max_size,
                   const std::optional<std::pair<std::uint64_t, std::uint64_t>>& expect) {
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
    // F_SETFL sets only the status flags (O_APPEND, O_NONBLOCK and a few
    // more), and every caller opened with O_NONBLOCK alone among them.
    ::fcntl(fd, F_SETFL, 0);
    result.stamp = stamp_of(st);
    if (result.stamp.size > max_size) {
        result.error = fmt::format("the file is larger than {} MiB; touchbase leaves it alone",
                                   max_size / (1024 * 1024));
        ::close(fd);
        return result;
    }
    result.bytes.resize(result.stamp.size);
    const ssize_t got = read_fully(fd, result.bytes.data(), result.bytes.size());
    if (got < 0) result.error = fmt::format("cannot read: {}", errno_text());
    const std::size_t done = got < 0 ? 0 : static_cast<std::size_t>(got);
    result.bytes.resize(done);
    if (done != result.stamp.size && !result.error)
        result.error = "the file changed while it was read; left alone";
    ::close(fd);
    return result;
}

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

bool same_content(const fs::path& path, const Content& content) {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (SPEC §9).
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return false;
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    ::fcntl(fd, F_SETFL, 0);  // back to blocking, as in read_open
    bool same = true;
    std::string disk;
    content([&](std::string_view piece) {
        if (!same) return;
        disk.resize(piece.size());
        same = read_fully(fd, disk.data(), disk.size()) == static_cast<ssize_t>(piece.size()) &&
               std::string_view(disk) == piece;
    });
    char extra;
    return same && ::read(fd, &extra, 1) == 0;  // and nothing more on disk
}

ReadFile read_note(const NoteFile& note, std::uint64_t max_size) {
    if (note.real.empty()) return read_file(note.path, max_size);
    int fd = open_no_links(note.real, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        ReadFile result;
        result.error =
            errno == ELOOP || errno == EXDEV
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

}  // namespace touchbase
