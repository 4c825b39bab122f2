// A fault for tests only (LD_PRELOAD): flock() fails at once with the errno
// in TOUCHBASE_FAULT_FLOCK_ERRNO (a number; default ENOLCK, "No locks
// available", as on a file system without locks), for any descriptor. Lets
// tests/faults/lock_failure.sh produce, for real, a lock that fails for a
// reason other than another run holding it.
#include <sys/file.h>

#include <cerrno>
#include <cstdlib>

extern "C" int flock(int, int) {
    const char* wanted = std::getenv("TOUCHBASE_FAULT_FLOCK_ERRNO");
    errno = wanted != nullptr && *wanted != '\0' ? std::atoi(wanted) : ENOLCK;
    return -1;
}
