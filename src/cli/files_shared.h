// What the files of the disk module (files.h) share among themselves; not
// part of its interface.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "files.h"

namespace touchbase {

inline std::string errno_text(int e = errno) { return std::strerror(e); }

inline bool same_file(const struct stat& a, const struct stat& b) {
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// What a non-regular file is, for messages.
inline const char* kind_of(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
    if (S_ISDIR(mode)) return "a folder";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
}

// `s` is the path `r` or a path inside it (both without links).
inline bool inside(const std::string& r, const std::string& s) {
    return s == r || (s.size() > r.size() && s.compare(0, r.size(), r) == 0 &&
                      (r.back() == '/' || s[r.size()] == '/'));
}

inline FileStamp stamp_of(const struct stat& st) {
    return FileStamp{static_cast<std::uint64_t>(st.st_size),
                     static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                     static_cast<std::uint64_t>(st.st_ino), static_cast<std::uint64_t>(st.st_dev),
                     static_cast<unsigned>(st.st_mode & 07777)};
}

// Reads up to `size` bytes of `fd` into `buf`, again after EINTR and short
// reads, until `size` or the end of the file: the bytes read, or -1 (errno
// set) on an error.
inline ssize_t read_fully(int fd, char* buf, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::read(fd, buf + done, size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return -1;
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    return static_cast<ssize_t>(done);
}

// Reads the open file `fd` whole (and closes it): a regular file only, at
// most `max_size` bytes, and, with `expect`, only the file of that device
// and inode.
ReadFile read_open(int fd, std::uint64_t max_size,
                   const std::optional<std::pair<std::uint64_t, std::uint64_t>>& expect);

}  // namespace touchbase
