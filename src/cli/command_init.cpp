// `touchbase init [DIR]` (SPEC §7): a commented .touchbase.yaml and the git
// pre-commit hook (hook.h).
//
// Decisions where the spec is silent: docs/decisions.md#init-dir,
// #init-hook-place, #init-force, #init-calendar-id, #init-safe-write.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <random>

#include <fmt/format.h>

#include "config.h"
#include "create_file.h"
#include "files.h"
#include "hook.h"
#include "note_commands.h"
#include "report.h"
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
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
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

// Spec §7.2, §8: a random calendar_id (12 hex digits, 48 bits), so that no
// two notes folders share calendar UIDs, whatever their names.
std::string random_calendar_id() {
    std::random_device device;
    std::uint64_t bits = (static_cast<std::uint64_t>(device()) << 32) ^ device();
    return fmt::format("{:012x}", bits & 0xffffffffffffull);
}

// True when `inner` is `outer` or inside it (both made absolute, links resolved).
bool is_inside(const fs::path& inner, const fs::path& outer) {
    std::error_code ec;
    const fs::path rel =
        fs::weakly_canonical(inner, ec).lexically_relative(fs::weakly_canonical(outer, ec));
    return !rel.empty() && *rel.begin() != "..";
}

// Where git keeps this repository's hooks, as `git rev-parse` says.
struct HookPlace {
    fs::path hooks_dir;
    fs::path repository;    // the common git folder, links resolved
    std::string notes_dir;  // DIR below the top of the work tree ("." at the top)
    bool outside = false;   // the hooks folder is outside the repository (core.hooksPath)
};

// nullopt when DIR is not in a git repository (or git is missing).
std::optional<HookPlace> hook_place(const fs::path& dir) {
    auto hooks = git_output(dir, {"rev-parse", "--git-path", "hooks"});
    auto prefix = git_output(dir, {"rev-parse", "--show-prefix"});
    auto top = git_output(dir, {"rev-parse", "--show-toplevel"});
    auto common_dir = git_output(dir, {"rev-parse", "--git-common-dir"});
    if (!hooks || !prefix || !top || !common_dir || hooks->empty()) return std::nullopt;
    // `--git-path` and `--git-common-dir` answer relative to the folder git ran in (DIR).
    auto from_dir = [&](const std::string& p) {
        return (fs::path(p).is_absolute() ? fs::path(p) : dir / p).lexically_normal();
    };
    HookPlace place;
    place.hooks_dir = from_dir(*hooks);
    std::error_code ec;
    place.repository = fs::weakly_canonical(from_dir(*common_dir), ec);
    // `--show-prefix` is DIR below the top of the working tree, with a final '/'.
    const std::size_t last = prefix->find_last_not_of('/');
    place.notes_dir = last == std::string::npos ? std::string(".") : prefix->substr(0, last + 1);
    // Spec §7.3: a hooks folder outside the repository (a global
    // core.hooksPath) runs its hooks in every repository that uses it.
    place.outside =
        !is_inside(place.hooks_dir, *top) && !is_inside(place.hooks_dir, place.repository);
    return place;
}

enum class HookDone { installed, kept, updated };

// An existing hook: ours (kept as it is, or rewritten: whatever binary path
// it names, spec §7.3), or another one, moved to pre-commit.bak with --force.
// `installed` when the hook is now free to create.
Expected<HookDone> make_room(const fs::path& hook, const std::string& text, bool force,
                             bool quiet) {
    std::error_code ec;
    if (fs::symlink_status(hook, ec).type() == fs::file_type::not_found) return HookDone::installed;
    ReadFile existing = read_file(hook, kMaxNoteSize);
    if (!existing.error && existing.bytes == text) return HookDone::kept;
    if (!existing.error && fs::is_regular_file(fs::symlink_status(hook, ec)) &&
        is_touchbase_hook(existing.bytes)) {
        if (auto error = replace_file(hook, text, 0777))
            return failure(exit_usage, "{}: {}", hook.string(), *error);
        return HookDone::updated;
    }
    if (!force)
        return failure(
            exit_usage,
            "a pre-commit hook already exists: {}\nIt was not replaced; run `touchbase init --force` "
            "to replace it (the old one is kept as pre-commit.bak and runs before touchbase's), or "
            "call touchbase from it yourself.",
            hook.string());
    const fs::path backup = hook.string() + ".bak";
    if (fs::symlink_status(backup, ec).type() != fs::file_type::not_found)
        return failure(
            exit_usage,
            "{} already exists: the pre-commit hook was not replaced (its backup would take that "
            "name). Move one of them away, then run `touchbase init --force` again.",
            backup.string());
    fs::rename(hook, backup, ec);
    if (ec) return failure(exit_usage, "{}: {}", backup.string(), ec.message());
    if (!quiet)
        fmt::print("kept the old pre-commit hook as {}; it runs before touchbase's\n",
                   backup.string());
    return HookDone::installed;
}

int install_hook(const fs::path& dir, const InitOptions& options, bool quiet) {
    const std::optional<HookPlace> place = hook_place(dir);
    if (!place) {
        fmt::print("{} is not in a git repository: no pre-commit hook was installed\n",
                   dir.string());
        return exit_ok;
    }
    if (place->outside && !options.force)
        return report(failure(
            exit_usage,
            "git keeps this repository's hooks in {}, outside the repository (core.hooksPath): a hook there "
            "runs in every repository that uses it. No hook was installed. Set a hooks folder inside the "
            "repository (git config core.hooksPath .githooks), or run `touchbase init --force` to install it "
            "there anyway: it then acts only in this repository.",
            place->hooks_dir.string()));
    std::string binary = own_path();
    if (binary.empty()) binary = "touchbase";
    const std::string text =
        pre_commit_hook(binary, place->notes_dir,
                        place->outside ? place->repository.string() : std::string());
    std::error_code ec;
    fs::create_directories(place->hooks_dir, ec);
    if (ec) return report(failure(exit_usage, "{}: {}", place->hooks_dir.string(), ec.message()));
    const fs::path hook = place->hooks_dir / "pre-commit";
    const Expected<HookDone> done = make_room(hook, text, options.force, quiet);
    if (!done) return report(done.failure());
    if (*done == HookDone::kept) {
        if (!quiet)
            fmt::print("the touchbase pre-commit hook is already installed: {}\n", hook.string());
        return exit_ok;
    }
    if (*done == HookDone::updated) {
        if (!quiet) fmt::print("updated the touchbase pre-commit hook: {}\n", hook.string());
        return exit_ok;
    }
    CreateResult created = create_new_file(hook, text, 0777);
    if (created.outcome != Created::created)
        return report(failure(exit_usage, "{}: {}", hook.string(),
                              created.outcome == Created::exists
                                  ? "created by someone else meanwhile"
                                  : created.error));
    if (!quiet) {
        fmt::print("installed the pre-commit hook: {}\n", hook.string());
        if (place->outside)
            fmt::print("it acts only in the repository at {}\n", place->repository.string());
    }
    return exit_ok;
}

}  // namespace

int run_init(const CommonOptions& common, const InitOptions& options) {
    std::error_code ec;
    const fs::path dir =
        fs::weakly_canonical(options.dir.empty() ? fs::path(".") : fs::path(options.dir), ec);
    if (!fs::is_directory(dir, ec))
        return report(failure(exit_usage, "{} is not a folder", options.dir));
    const fs::path config = dir / ".touchbase.yaml";
    const CreateResult created =
        create_new_file(config, default_config_text(random_calendar_id()), 0666);
    switch (created.outcome) {
        case Created::created:
            if (!common.quiet) fmt::print("wrote {}\n", config.string());
            break;
        case Created::exists:
            if (!common.quiet) fmt::print("kept the existing {}\n", config.string());
            break;
        case Created::failed:
            return report(failure(exit_usage, "{}: {}", config.string(), created.error));
    }
    return install_hook(dir, options, common.quiet);
}

}  // namespace touchbase
