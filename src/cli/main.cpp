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

#include <fmt/format.h>
#include <CLI/CLI.hpp>

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
        group(app->add_option("--dir", o.dir,
                              "The notes folder (default: found as git finds its repository)")
                  ->check(without_description(CLI::ExistingDirectory))
                  ->type_name("DIR"));
    if (which & kToday)
        group(app->add_option("--today", o.today, "Take DATE (YYYY-MM-DD) as today")
                  ->type_name("DATE"));
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
        group(app->add_option("--agenda", o.agenda,
                              "The agenda file is PATH instead of DIR/agenda.md")
                  ->type_name("PATH"));
    if (which & kJobs)
        group(app->add_option("--jobs", o.jobs,
                              "Process notes on N threads (default: the number of cores)")
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

// The command line as CLI11 binds it: the options of every command, and
// the commands themselves. Built in place (CLI11 keeps pointers into it).
struct CommandLine {
    CLI::App app{"touchbase: keep in touch with your clients from a folder of markdown notes",
                 "touchbase"};
    CommonOptions common;
    // `touchbase [DIR]` is `touchbase run [DIR]`: the application takes the
    // words of the default command itself.
    std::vector<std::string> words;
    AgendaOptions agenda_options;
    LogOptions log_options;
    NewOptions new_options;
    InitOptions init_options;
    std::string help_topic;
    CLI::App* run = nullptr;
    CLI::App* check = nullptr;
    CLI::App* agenda = nullptr;
    CLI::App* log = nullptr;
    CLI::App* new_note = nullptr;
    CLI::App* init = nullptr;
    CLI::App* help = nullptr;
    std::vector<CLI::App*> commands;

    CommandLine();
    CommandLine(const CommandLine&) = delete;
    CommandLine& operator=(const CommandLine&) = delete;

private:
    void add_run_check_agenda();
    void add_log();
    void add_new_init_help();
};

CommandLine::CommandLine() {
    app.set_version_flag("--version", std::string("touchbase ") + TOUCHBASE_VERSION);
    app.require_subcommand(0, 1);
    app.get_formatter()->label("SUBCOMMAND", "COMMAND");
    app.add_option("DIR", words,
                   "The notes folder, or notes (*.md), for run (the default command)");
    add_common(&app, common, kAll);
    add_run_check_agenda();
    add_log();
    add_new_init_help();
    commands = {run, check, agenda, log, new_note, init, help};
    for (auto* command : commands) command->fallthrough()->group("Commands");
    app.footer(
        "Options may stand before or after the command. Run `touchbase COMMAND --help` for a "
        "command's options.\nExample:\n  touchbase log acme \"call about the budget\" --needs && touchbase");
}

void CommandLine::add_run_check_agenda() {
    run = app.add_subcommand("run", "Update the notes and write the agenda (the default command)");
    run->add_option("DIR", common.targets,
                    "The notes folder, or notes (*.md) to update one by one");
    add_common(run, common,
               kToday | kConfig | kOwner | kHorizon | kAgenda | kJobs | kQuiet | kColor);
    run->footer("Examples:\n  touchbase\n  touchbase run ~/clients --today 2026-11-24");

    // check writes no agenda: --owner and --horizon act on nothing there. It
    // keeps --agenda (that file is not a note) and --color (the git hook
    // passes it to check and agenda).
    check = app.add_subcommand("check", "Write nothing; exit 1 if a note would change");
    check->add_option("DIR", common.targets,
                      "The notes folder, or notes (*.md) to check one by one");
    add_common(check, common, kToday | kConfig | kAgenda | kJobs | kQuiet | kColor);
    check->footer(
        "Example (in CI):\n  touchbase check --quiet || echo \"run touchbase and commit the notes\"");

    agenda = app.add_subcommand("agenda", "Print the agenda to stdout; write nothing");
    agenda->add_option("DIR", common.dir, "The notes folder")->check(CLI::ExistingDirectory);
    agenda->add_option("--format", agenda_options.format, "md, json or ics")
        ->check(CLI::IsMember({"md", "json", "ics"}));
    agenda
        ->add_option("--output", agenda_options.output,
                     "Write the agenda to FILE (atomically, and only when it was made)")
        ->type_name("FILE");
    add_common(agenda, common,
               kToday | kConfig | kOwner | kHorizon | kAgenda | kJobs | kQuiet | kColor);
    agenda->footer(
        "Examples:\n  touchbase agenda --owner Jane\n  touchbase agenda --format json | jq .clients");
}

void CommandLine::add_log() {
    log = app.add_subcommand("log", "Append a contact entry to a note, then update that note");
    log->add_option(
           "NOTE", log_options.note,
           "The note: a client name (or a unique prefix of it, or of the file name), or a path; "
           "any case, accents optional")
        ->required();
    log->add_option("MESSAGE", log_options.message, "What happened (optional)");
    log->add_option("--date", log_options.date, "The contact's date, YYYY-MM-DD (default: today)");
    log->add_flag("--needs", log_options.needs,
                  "The client needed help (#needs: the counter goes back to base)");
    log->add_flag("--news", log_options.news,
                  "You brought them something new (#news: the counter goes back to base)");
    log->add_flag("--missed", log_options.missed,
                  "You tried and did not reach them (#missed: try again after retry)");
    log->add_option(
           "--card", log_options.card,
           "You sent a card (#card), for OCCASION if given (#card:OCCASION, e.g. --card christmas)")
        ->expected(0, 1)
        ->type_name("[OCCASION]");
    log->add_option("--next", log_options.next,
                    "Pin the next contact to this date, YYYY-MM-DD (next:DATE)");
    add_common(log, common, kDir | kToday | kConfig | kQuiet);
    log->footer(
        "Examples:\n"
        "  touchbase log acme \"call about the budget\" --needs\n"
        "  touchbase log \"Globex Corp\" \"sent the proposal\" --news --next 2026-12-07\n"
        "  touchbase log clients/initech.md --missed --date 2026-11-23");
}

void CommandLine::add_new_init_help() {
    new_note = app.add_subcommand("new", "Create a client note from a template; never overwrites");
    new_note->add_option("NAME", new_options.name, "The client's name")->required();
    new_note
        ->add_option("--engagement", new_options.engagement,
                     "active, casual, ongoing (default), former or paused")
        ->check(CLI::IsMember({"active", "casual", "ongoing", "former", "paused"}));
    new_note->add_option("--owner", new_options.owner, "Who keeps in touch with this client");
    new_note
        ->add_option(
            "--file", new_options.file,
            "Write the note to PATH (ending in .md) instead of a file named after the client")
        ->type_name("PATH");
    add_common(new_note, common, kDir | kConfig | kQuiet);
    new_note->footer(
        "Examples:\n"
        "  touchbase new \"Acme Corp\" --engagement active --owner Jane   # writes acme-corp.md\n"
        "  touchbase new \"東京デザイン事務所\"                             # writes 東京デザイン事務所.md\n"
        "  touchbase new \"Acme Corp\" --file clients/acme.md");

    init =
        app.add_subcommand("init",
                           "Write a commented .touchbase.yaml and install a git pre-commit hook");
    init->add_option("DIR", init_options.dir, "The notes folder (default: the current folder)")
        ->check(CLI::ExistingDirectory);
    init->add_flag("--force", init_options.force,
                   "Replace an existing pre-commit hook (the old one is kept as pre-commit.bak)");
    add_common(init, common, kQuiet);
    init->footer("Example:\n  cd ~/clients && git init && touchbase init");

    help = app.add_subcommand("help", "Print this help, or a command's (touchbase help log)");
    help->add_option("COMMAND", help_topic, "The command");
}

// What CLI11 refuses, in the shape of every other error, naming the help to read.
Failure parse_failure(const CommandLine& line, const CLI::ParseError& e) {
    std::string command = "touchbase";
    for (auto* c : line.commands)
        if (c->parsed()) command += " " + c->get_name();
    return failure(exit_usage, "{} (`{} --help` lists what it takes)", e.what(), command);
}

// `touchbase help [COMMAND]`.
int print_help(CommandLine& line) {
    if (line.help_topic.empty()) {
        fmt::print("{}", line.app.get_formatter()->make_help(&line.app, "touchbase",
                                                             CLI::AppFormatMode::Normal));
        return exit_ok;
    }
    for (auto* command : line.commands)
        if (command->get_name() == line.help_topic) {
            fmt::print("{}",
                       command->get_formatter()->make_help(command, "touchbase " + line.help_topic,
                                                           CLI::AppFormatMode::Normal));
            return exit_ok;
        }
    return report(
        failure(exit_usage, "unknown command '{}' (commands: {})", line.help_topic, kCommandList));
}

// The command to run (`run` when none is named), after the checks CLI11
// does not make: a mistyped command, words a command did not take, a common
// option before a command it does not act on.
Expected<CLI::App*> chosen_command(CommandLine& line) {
    CLI::App* chosen = nullptr;
    for (auto* command : line.commands)
        if (command->parsed()) chosen = command;
    if (chosen == nullptr) {
        if (!line.words.empty() && is_unknown_command(line.words.front()))
            return failure(exit_usage, "unknown command '{}' (commands: {})", line.words.front(),
                           kCommandList);
        line.common.targets = line.words;  // DIR, or notes named one by one
        return line.run;
    }
    if (!line.words.empty())  // what the command did not take fell through to the application
        return failure(exit_usage,
                       "unexpected argument '{}' for {} (touchbase {} --help lists what it takes)",
                       line.words.front(), chosen->get_name(), chosen->get_name());
    for (const CLI::Option* option : line.app.get_options()) {
        if (option->count() == 0 || !option->nonpositional() || option->get_group() != kCommonGroup)
            continue;
        const std::string name = option->get_name();
        if (chosen->get_option_no_throw(name) == nullptr)
            return failure(exit_usage,
                           "{} is not an option of {} (touchbase {} --help lists its options)",
                           name, chosen->get_name(), chosen->get_name());
    }
    return chosen;
}

int run_command(CommandLine& line, const CLI::App* chosen) {
    if (chosen == line.run) return run_run(line.common);
    if (chosen == line.check) return run_check(line.common);
    if (chosen == line.agenda) return run_agenda(line.common, line.agenda_options);
    if (chosen == line.log) return run_log(line.common, line.log_options);
    if (chosen == line.new_note) {
        // `touchbase --owner Jane new Acme`: the new client's owner.
        if (!line.new_options.owner) line.new_options.owner = line.common.owner;
        return run_new(line.common, line.new_options);
    }
    if (chosen == line.init) return run_init(line.common, line.init_options);
    return exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
    CommandLine line;
    try {
        line.app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return line.app.exit(e);  // --help, --version
        return report(parse_failure(line, e));
    }
    if (line.help->parsed()) return print_help(line);
    const Expected<CLI::App*> chosen = chosen_command(line);
    if (!chosen) return report(chosen.failure());
    return run_command(line, *chosen);
}
