// The command line (SPEC §7): CLI11 binds the options, the commands do the
// work, and the exit status comes back from them.
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.h"

using namespace touchbase;

namespace {

void add_common(CLI::App* app, CommonOptions& o) {
    app->add_option("--today", o.today, "Take DATE (YYYY-MM-DD) as today");
    app->add_option("--config", o.config, "Read the configuration from PATH instead of DIR/.touchbase.yaml");
    app->add_option("--owner", o.owner, "Show only the clients of this owner");
    app->add_option("--horizon", o.horizon, "How far ahead Coming up looks (e.g. 7d, 2w)");
    app->add_option("--agenda", o.agenda, "Write the agenda to PATH instead of DIR/agenda.md");
    app->add_option("--jobs", o.jobs, "Process notes on N threads (default: the number of cores)")
        ->check(CLI::Range(1u, 1024u));
    app->add_flag("-q,--quiet", o.quiet, "Print only errors");
    app->add_option("--color", o.color, "Colour the output: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));
}

// `touchbase [run] [DIR]`: run is the default command.
std::vector<std::string> with_default_command(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    static const std::vector<std::string_view> commands{"run", "check", "agenda", "log", "new", "init"};
    bool has_command = false;
    for (const auto& a : args) {
        if (a == "--help" || a == "-h" || a == "--version") return args;
        if (std::find(commands.begin(), commands.end(), a) != commands.end()) {
            has_command = true;
            break;
        }
        if (!a.empty() && a[0] != '-') break;  // a positional: DIR of `run`
    }
    if (!has_command) args.insert(args.begin(), "run");
    return args;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"touchbase: keep in touch with your clients from a folder of markdown notes"};
    app.set_version_flag("--version", std::string("touchbase ") + TOUCHBASE_VERSION);
    app.require_subcommand(1, 1);

    CommonOptions common;
    AgendaOptions agenda_options;

    auto* run = app.add_subcommand("run", "Update the notes and write the agenda (the default command)");
    run->add_option("DIR", common.dir, "The notes folder")->check(CLI::ExistingDirectory);
    add_common(run, common);

    auto* check = app.add_subcommand("check", "Write nothing; exit 1 if a note would change");
    check->add_option("DIR", common.dir, "The notes folder")->check(CLI::ExistingDirectory);
    add_common(check, common);

    auto* agenda = app.add_subcommand("agenda", "Print the agenda to stdout; write nothing");
    agenda->add_option("DIR", common.dir, "The notes folder")->check(CLI::ExistingDirectory);
    agenda->add_option("--format", agenda_options.format, "md, json or ics")
        ->check(CLI::IsMember({"md", "json", "ics"}));
    add_common(agenda, common);

    std::vector<std::string> args = with_default_command(argc, argv);
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments reversed
    try {
        app.parse(args);
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);
        return status == 0 ? 0 : exit_usage;
    }

    if (run->parsed()) return run_run(common);
    if (check->parsed()) return run_check(common);
    if (agenda->parsed()) return run_agenda(common, agenda_options);
    return exit_usage;
}
