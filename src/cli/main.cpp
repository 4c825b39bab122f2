// The command line (spec §7): CLI11 binds the options, the commands do the
// work, and the exit status comes back from them.
//
// Options may stand before or after the command. The common options are
// options of the application itself (before the command) and of each command
// they act on (after it), both bound to the same variable; each command falls
// through to the application for what it does not know (so `--version` works
// after a command too). A common option given before a command it does not
// act on is an error, as it would be after it.
#include <algorithm>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "note_commands.h"
#include "report.h"

using namespace touchbase;

namespace {

constexpr std::string_view kCommandList = "run, check, agenda, log, new, init";
constexpr const char* kCommonGroup = "Common options (before or after the command)";

// The common options (spec §7), as bits: which of them act on a command.
enum Common : unsigned {
    kDir = 1u << 0,
    kToday = 1u << 1,
    kConfig = 1u << 2,
    kOwner = 1u << 3,
    kHorizon = 1u << 4,
    kAgenda = 1u << 5,
    kJobs = 1u << 6,
    kQuiet = 1u << 7,
    kColor = 1u << 8,
    kAll = (1u << 9) - 1,
};

// A validator whose description does not clutter the help (`--dir DIR`, not `DIR:DIR`).
CLI::Validator without_description(CLI::Validator validator) {
    validator.description("");
    return validator;
}

void add_common(CLI::App* app, CommonOptions& o, unsigned which) {
    auto group = [](CLI::Option* option) { option->group(kCommonGroup); };
    if (which & kDir)
        group(app->add_option("--dir", o.dir, "The notes folder (default: found as git finds its repository)")
                  ->check(without_description(CLI::ExistingDirectory))
                  ->type_name("DIR"));
    if (which & kToday)
        group(app->add_option("--today", o.today, "Take DATE (YYYY-MM-DD) as today")->type_name("DATE"));
    if (which & kConfig)
        group(app->add_option("--config", o.config,
                              "Read the configuration from PATH instead of DIR/.touchbase.yaml")
                  ->type_name("PATH"));
    if (which & kOwner)
        group(app->add_option("--owner", o.owner, "Show only the clients of this owner (any case)")
                  ->type_name("NAME"));
    if (which & kHorizon)
        group(app->add_option("--horizon", o.horizon, "How far ahead Coming up looks (e.g. 7d, 2w)")
                  ->type_name("DURATION"));
    if (which & kAgenda)
        group(app->add_option("--agenda", o.agenda, "The agenda file is PATH instead of DIR/agenda.md")
                  ->type_name("PATH"));
    if (which & kJobs)
        group(app->add_option("--jobs", o.jobs, "Process notes on N threads (default: the number of cores)")
                  ->check(CLI::Range(1u, 1024u))
                  ->type_name("N"));
    if (which & kQuiet) group(app->add_flag("-q,--quiet", o.quiet, "Print only errors"));
    if (which & kColor)
        group(app->add_option("--color", o.color, "Colour the output: auto, always or never")
                  ->check(CLI::IsMember({"auto", "always", "never"}))
                  ->type_name("WHEN"));
}


// A word in the command's place that names no command and no existing file
// or folder: a mistyped command (`touchbase lg`), not a folder to look for.
bool is_unknown_command(const std::string& word) {
    std::error_code ec;
    return word.find('/') == std::string::npos && !word.ends_with(".md") &&
           !std::filesystem::exists(word, ec);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"touchbase: keep in touch with your clients from a folder of markdown notes", "touchbase"};
    app.set_version_flag("--version", std::string("touchbase ") + TOUCHBASE_VERSION);
    app.require_subcommand(0, 1);
    app.get_formatter()->label("SUBCOMMAND", "COMMAND");

    CommonOptions common;
    AgendaOptions agenda_options;

    // `touchbase [DIR]` is `touchbase run [DIR]`: the application takes the
    // words of the default command itself.
    std::vector<std::string> words;
    app.add_option("DIR", words, "The notes folder, or notes (*.md), for run (the default command)");
    add_common(&app, common, kAll);

    auto* run = app.add_subcommand("run", "Update the notes and write the agenda (the default command)");
    run->add_option("DIR", common.targets, "The notes folder, or notes (*.md) to update one by one");
    add_common(run, common, kToday | kConfig | kOwner | kHorizon | kAgenda | kJobs | kQuiet | kColor);

    // check writes no agenda: --owner and --horizon act on nothing there. It
    // keeps --agenda (that file is not a note) and --color (the git hook
    // passes it to check and agenda).
    auto* check = app.add_subcommand("check", "Write nothing; exit 1 if a note would change");
    check->add_option("DIR", common.targets, "The notes folder, or notes (*.md) to check one by one");
    add_common(check, common, kToday | kConfig | kAgenda | kJobs | kQuiet | kColor);

    auto* agenda = app.add_subcommand("agenda", "Print the agenda to stdout; write nothing");
    agenda->add_option("DIR", common.dir, "The notes folder")->check(CLI::ExistingDirectory);
    agenda->add_option("--format", agenda_options.format, "md, json or ics")
        ->check(CLI::IsMember({"md", "json", "ics"}));
    agenda->add_option("--output", agenda_options.output,
                       "Write the agenda to FILE (atomically, and only when it was made)")
        ->type_name("FILE");
    add_common(agenda, common, kToday | kConfig | kOwner | kHorizon | kAgenda | kJobs | kQuiet | kColor);

    LogOptions log_options;
    auto* log = app.add_subcommand("log", "Append a contact entry to a note, then update that note");
    log->add_option("NOTE", log_options.note,
                    "The note: a client name (or a unique prefix of it, or of the file name), or a path; "
                    "any case, accents optional")
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
    add_common(log, common, kDir | kToday | kConfig | kQuiet);
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
    new_note->add_option("--file", new_options.file,
                         "Write the note to PATH (ending in .md) instead of a file named after the client")
        ->type_name("PATH");
    add_common(new_note, common, kDir | kConfig | kQuiet);
    new_note->footer(
        "Examples:\n"
        "  touchbase new \"Acme Corp\" --engagement active --owner Jane   # writes acme-corp.md\n"
        "  touchbase new \"東京デザイン事務所\"                             # writes 東京デザイン事務所.md\n"
        "  touchbase new \"Acme Corp\" --file clients/acme.md");

    InitOptions init_options;
    auto* init = app.add_subcommand("init", "Write a commented .touchbase.yaml and install a git pre-commit hook");
    init->add_option("DIR", init_options.dir, "The notes folder (default: the current folder)")
        ->check(CLI::ExistingDirectory);
    init->add_flag("--force", init_options.force,
                   "Replace an existing pre-commit hook (the old one is kept as pre-commit.bak)");
    add_common(init, common, kQuiet);
    init->footer("Example:\n  cd ~/clients && git init && touchbase init");

    std::string help_topic;
    auto* help = app.add_subcommand("help", "Print this help, or a command's (touchbase help log)");
    help->add_option("COMMAND", help_topic, "The command");

    const std::vector<CLI::App*> commands{run, check, agenda, log, new_note, init, help};
    for (auto* command : commands) command->fallthrough()->group("Commands");

    run->footer("Examples:\n  touchbase\n  touchbase run ~/clients --today 2026-11-24");
    check->footer("Example (in CI):\n  touchbase check --quiet || echo \"run touchbase and commit the notes\"");
    agenda->footer("Examples:\n  touchbase agenda --owner Jane\n  touchbase agenda --format json | jq .clients");
    app.footer(
        "Options may stand before or after the command. Run `touchbase COMMAND --help` for a "
        "command's options.\nExample:\n  touchbase log acme \"call about the budget\" --needs && touchbase");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
        // In the shape of every other error, naming the help to read.
        std::string command = "touchbase";
        for (auto* c : commands)
            if (c->parsed()) command += " " + c->get_name();
        return report(failure(exit_usage, "{} (`{} --help` lists what it takes)", e.what(), command));
    }

    if (help->parsed()) {
        if (help_topic.empty()) {
            fmt::print("{}", app.get_formatter()->make_help(&app, "touchbase", CLI::AppFormatMode::Normal));
            return exit_ok;
        }
        for (auto* command : commands)
            if (command->get_name() == help_topic) {
                fmt::print("{}", command->get_formatter()->make_help(command, "touchbase " + help_topic,
                                                                     CLI::AppFormatMode::Normal));
                return exit_ok;
            }
        return report(failure(exit_usage, "unknown command '{}' (commands: {})", help_topic, kCommandList));
    }

    CLI::App* chosen = nullptr;
    for (auto* command : commands)
        if (command->parsed()) chosen = command;
    if (chosen == nullptr) {
        chosen = run;
        if (!words.empty() && is_unknown_command(words.front())) {
            return report(failure(exit_usage, "unknown command '{}' (commands: {})", words.front(), kCommandList));
        }
        common.targets = words;  // DIR, or notes named one by one
    } else if (!words.empty()) {
        // What the command did not take fell through to the application.
        return report(failure(exit_usage, "unexpected argument '{}' for {} (touchbase {} --help lists what it takes)",
                              words.front(), chosen->get_name(), chosen->get_name()));
    }
    // A common option before the command must act on that command.
    for (const CLI::Option* option : app.get_options()) {
        if (option->count() == 0 || !option->nonpositional() || option->get_group() != kCommonGroup) continue;
        const std::string name = option->get_name();
        if (chosen->get_option_no_throw(name) == nullptr) {
            return report(failure(exit_usage, "{} is not an option of {} (touchbase {} --help lists its options)",
                                  name, chosen->get_name(), chosen->get_name()));
        }
    }

    if (chosen == run) return run_run(common);
    if (chosen == check) return run_check(common);
    if (chosen == agenda) return run_agenda(common, agenda_options);
    if (chosen == log) return run_log(common, log_options);
    if (chosen == new_note) {
        // `touchbase --owner Jane new Acme`: the new client's owner.
        if (!new_options.owner) new_options.owner = common.owner;
        return run_new(common, new_options);
    }
    if (chosen == init) return run_init(common, init_options);
    return exit_usage;
}
