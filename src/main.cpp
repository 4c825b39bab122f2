// The command line (SPEC §7): CLI11 binds the options, the commands do the
// work, and the exit status comes back from them.
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "note_commands.h"

using namespace touchbase;

namespace {

void add_common(CLI::App* app, CommonOptions& o, bool with_owner = true) {
    app->add_option("--today", o.today, "Take DATE (YYYY-MM-DD) as today");
    app->add_option("--config", o.config, "Read the configuration from PATH instead of DIR/.touchbase.yaml");
    // `new` has its own --owner: the new client's owner.
    if (with_owner) app->add_option("--owner", o.owner, "Show only the clients of this owner");
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
    CLI::App app{"touchbase: keep in touch with your clients from a folder of markdown notes", "touchbase"};
    app.set_version_flag("--version", std::string("touchbase ") + TOUCHBASE_VERSION);
    app.require_subcommand(1, 1);

    CommonOptions common;
    AgendaOptions agenda_options;

    auto* run = app.add_subcommand("run", "Update the notes and write the agenda (the default command)");
    run->add_option("DIR", common.targets, "The notes folder, or notes (*.md) to update one by one");
    add_common(run, common);

    auto* check = app.add_subcommand("check", "Write nothing; exit 1 if a note would change");
    check->add_option("DIR", common.targets, "The notes folder, or notes (*.md) to check one by one");
    add_common(check, common);

    auto* agenda = app.add_subcommand("agenda", "Print the agenda to stdout; write nothing");
    agenda->add_option("DIR", common.dir, "The notes folder")->check(CLI::ExistingDirectory);
    agenda->add_option("--format", agenda_options.format, "md, json or ics")
        ->check(CLI::IsMember({"md", "json", "ics"}));
    agenda->add_option("--output", agenda_options.output,
                       "Write the agenda to FILE (atomically, and only when it was made)");
    add_common(agenda, common);

    LogOptions log_options;
    auto* log = app.add_subcommand("log", "Append a contact entry to a note, then update that note");
    log->add_option("NOTE", log_options.note,
                    "The note: a client name (or a unique prefix of it, or of the file name), or a path")
        ->required();
    log->add_option("MESSAGE", log_options.message, "What happened (optional)");
    log->add_option("--date", log_options.date, "The contact's date, YYYY-MM-DD (default: today)");
    log->add_flag("--needs", log_options.needs, "The client needed help (#needs: the counter goes back to base)");
    log->add_flag("--news", log_options.news, "You brought them something new (#news: the counter goes back to base)");
    log->add_flag("--missed", log_options.missed, "You tried and did not reach them (#missed: try again after retry)");
    log->add_option("--card", log_options.card,
                    "You sent a card (#card), for OCCASION if given (#card:OCCASION, e.g. --card christmas)")
        ->expected(0, 1)
        ->type_name("[OCCASION]");
    log->add_option("--next", log_options.next, "Pin the next contact to this date, YYYY-MM-DD (next:DATE)");
    log->add_option("--dir", common.dir, "The notes folder (default: found as git finds its repository)")
        ->check(CLI::ExistingDirectory);
    add_common(log, common);
    log->footer(
        "Examples:\n"
        "  touchbase log acme \"call about the budget\" --needs\n"
        "  touchbase log \"Globex Corp\" \"sent the proposal\" --news --next 2026-12-07\n"
        "  touchbase log clients/initech.md --missed --date 2026-11-23");

    NewOptions new_options;
    auto* new_note = app.add_subcommand("new", "Create a client note from a template; never overwrites");
    new_note->add_option("NAME", new_options.name, "The client's name")->required();
    new_note->add_option("--engagement", new_options.engagement, "active, casual, ongoing (default), former or paused")
        ->check(CLI::IsMember({"active", "casual", "ongoing", "former", "paused"}));
    new_note->add_option("--owner", new_options.owner, "Who keeps in touch with this client");
    new_note->add_option("--dir", common.dir, "The folder for the note (default: found as git finds its repository)")
        ->check(CLI::ExistingDirectory);
    add_common(new_note, common, /*with_owner=*/false);
    new_note->footer("Example:\n  touchbase new \"Acme Corp\" --engagement active --owner Jane   # writes acme-corp.md");

    InitOptions init_options;
    auto* init = app.add_subcommand("init", "Write a commented .touchbase.yaml and install a git pre-commit hook");
    init->add_option("DIR", init_options.dir, "The notes folder (default: the current folder)")
        ->check(CLI::ExistingDirectory);
    init->add_flag("--force", init_options.force,
                   "Replace an existing pre-commit hook (the old one is kept as pre-commit.bak)");
    init->add_flag("-q,--quiet", common.quiet, "Print only errors");
    init->footer("Example:\n  cd ~/clients && git init && touchbase init");

    run->footer("Examples:\n  touchbase\n  touchbase run ~/clients --today 2026-11-24");
    check->footer("Example (in CI):\n  touchbase check --quiet || echo \"run touchbase and commit the notes\"");
    agenda->footer("Examples:\n  touchbase agenda --owner Jane\n  touchbase agenda --format json | jq .clients");
    app.footer("Run `touchbase COMMAND --help` for a command's options.\nExample:\n  touchbase log acme \"call about the budget\" --needs && touchbase");

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
    if (log->parsed()) return run_log(common, log_options);
    if (new_note->parsed()) return run_new(common, new_options);
    if (init->parsed()) return run_init(common, init_options);
    return exit_usage;
}
