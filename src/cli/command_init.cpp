// `touchbase init [DIR]` (SPEC §7): a commented .touchbase.yaml and the git
// pre-commit hook (hook.h).
//
// Where the spec is silent: docs/decisions.md#init-dir, #init-hook-place and #init-force.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "config.h"
#include "files.h"
#include "hook.h"
#include "note_commands.h"
#include "run.h"

extern char** environ;

namespace touchbase {

namespace {

// Runs `git -C dir ARGS...`; its stdout without the final newline, or
// nullopt when git is missing or fails. Its stderr is silenced.
std::optional<std::string> git_output(const fs::path& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv_strings{"git", "-C", dir.string()};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings) argv.push_back(a.data());
    argv.push_back(nullptr);

    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0) return std::nullopt;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    int spawned = posix_spawnp(&pid, "git", &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out[1]);
    if (spawned != 0) {
        ::close(out[0]);
        return std::nullopt;
    }
    std::string text;
    char buffer[4096];
    for (;;) {
        ssize_t n = ::read(out[0], buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

// The running binary's absolute path, for the hook.
std::string own_path() {
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    return ec ? std::string() : exe.string();
}

enum class Created { created, exists, failed };

Created create_file(const fs::path& path, std::string_view text, unsigned mode, std::string& error) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        if (errno == EEXIST) return Created::exists;
        error = std::strerror(errno);
        return Created::failed;
    }
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            error = std::strerror(errno);
            ::close(fd);
            return Created::failed;
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        error = std::strerror(errno);
        return Created::failed;
    }
    return Created::created;
}

fs::path free_backup_name(const fs::path& hook) {
    std::error_code ec;
    fs::path backup = hook.string() + ".bak";
    for (int i = 1; fs::symlink_status(backup, ec).type() != fs::file_type::not_found; ++i)
        backup = fmt::format("{}.bak.{}", hook.string(), i);
    return backup;
}

int install_hook(const fs::path& dir, const InitOptions& options, bool quiet) {
    auto hooks = git_output(dir, {"rev-parse", "--git-path", "hooks"});
    auto prefix = git_output(dir, {"rev-parse", "--show-prefix"});
    if (!hooks || !prefix || hooks->empty()) {
        fmt::print("{} is not in a git repository: no pre-commit hook was installed\n", dir.string());
        return exit_ok;
    }
    // `--git-path` answers relative to the folder git ran in (DIR).
    fs::path hooks_dir = fs::path(*hooks).is_absolute() ? fs::path(*hooks) : dir / *hooks;
    hooks_dir = hooks_dir.lexically_normal();
    // `--show-prefix` is DIR below the top of the working tree, with a final '/'.
    const std::size_t last = prefix->find_last_not_of('/');
    const std::string notes_dir = last == std::string::npos ? std::string(".") : prefix->substr(0, last + 1);

    std::string binary = own_path();
    if (binary.empty()) binary = "touchbase";
    const std::string text = pre_commit_hook(binary, notes_dir);

    std::error_code ec;
    fs::create_directories(hooks_dir, ec);
    if (ec) {
        fmt::print(stderr, "touchbase: error: {}: {}\n", hooks_dir.string(), ec.message());
        return exit_usage;
    }
    const fs::path hook = hooks_dir / "pre-commit";
    if (fs::symlink_status(hook, ec).type() != fs::file_type::not_found) {
        ReadFile existing = read_file(hook, kMaxNoteSize);
        if (!existing.error && existing.bytes == text) {
            if (!quiet) fmt::print("the touchbase pre-commit hook is already installed: {}\n", hook.string());
            return exit_ok;
        }
        if (!options.force) {
            fmt::print(stderr,
                       "touchbase: error: a pre-commit hook already exists: {}\nIt was not "
                       "replaced; run `touchbase init --force` to replace it (the old one is kept "
                       "as pre-commit.bak), or call touchbase from it yourself.\n",
                       hook.string());
            return exit_usage;
        }
        const fs::path backup = free_backup_name(hook);
        fs::rename(hook, backup, ec);
        if (ec) {
            fmt::print(stderr, "touchbase: error: {}: {}\n", backup.string(), ec.message());
            return exit_usage;
        }
        if (!quiet) fmt::print("kept the old pre-commit hook as {}\n", backup.string());
    }
    std::string error;
    if (create_file(hook, text, 0755, error) != Created::created) {
        fmt::print(stderr, "touchbase: error: {}: {}\n", hook.string(),
                   error.empty() ? "created by someone else meanwhile" : error);
        return exit_usage;
    }
    // The umask may have taken the execute bits away.
    fs::permissions(hook, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add, ec);
    if (!quiet) fmt::print("installed the pre-commit hook: {}\n", hook.string());
    return exit_ok;
}

}  // namespace

int run_init(const CommonOptions& common, const InitOptions& options) {
    std::error_code ec;
    const fs::path dir = fs::weakly_canonical(options.dir.empty() ? fs::path(".") : fs::path(options.dir), ec);
    if (!fs::is_directory(dir, ec)) {
        fmt::print(stderr, "touchbase: error: {} is not a folder\n", options.dir);
        return exit_usage;
    }
    const fs::path config = dir / ".touchbase.yaml";
    std::string error;
    switch (create_file(config, default_config_text(), 0666, error)) {
    case Created::created:
        if (!common.quiet) fmt::print("wrote {}\n", config.string());
        break;
    case Created::exists:
        if (!common.quiet) fmt::print("kept the existing {}\n", config.string());
        break;
    case Created::failed:
        fmt::print(stderr, "touchbase: error: {}: {}\n", config.string(), error);
        return exit_usage;
    }
    return install_hook(dir, options, common.quiet);
}

}  // namespace touchbase
