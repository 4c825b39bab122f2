// Where things are and may go (SPEC §2, §8, §9): DIR found upwards, the
// agenda's place, a new note's place (files.h).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

#include "files_shared.h"
#include "report.h"

namespace touchbase {

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
                out.push_back(fmt::format("{}: skipped: {}, not a regular file",
                                          shown_text(config.string()), kind_of(st.st_mode)));
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
        for (const auto& w : local) report_warning(w);
    return found.empty() ? dir : found;
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
            return fmt::format(
                "its folder {} does not exist, and touchbase makes folders only inside "
                "the notes folder",
                resolved.parent_path().string());
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode))
        return fmt::format("it is {}, not a regular file", kind_of(st.st_mode));
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
        return fmt::format(
            "it would be outside the notes folder {} (links resolved); notes are made "
            "only inside it",
            shown_text(dir.string()));
    const long max = ::pathconf(folder.c_str(), _PC_NAME_MAX);
    const std::size_t limit = max > 0 ? static_cast<std::size_t>(max) : 255;
    if (given.filename().native().size() > limit)
        return fmt::format(
            "the file name is {} bytes, longer than the {} this file system allows; "
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

}  // namespace touchbase
