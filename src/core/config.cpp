#include "config.h"

#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "front_matter.h"
#include "guards.h"
#include "log_heading.h"
#include "text.h"
#include "yaml_support.h"

namespace touchbase {

std::vector<OffboardingStep> Config::default_offboarding() {
    return {
        {"Ask for a reference", Duration{3, Unit::days}},
        {"Ask for a testimonial for the website", Duration{3, Unit::days}},
        {"Send a thank-you note with a summary of the work", Duration{2, Unit::days}},
        {"Pencil in a follow-up booking about a month out", Duration{7, Unit::days}},
        {"Ask whether they know of other projects or people we could help", std::nullopt},
    };
}

namespace {

constexpr std::array<const char*, 7> kWeekdays{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

class ConfigReader {
public:
    ConfigReader(std::string_view file, std::vector<Problem>& problems)
        : file_(file), problems_(problems) {}

    void problem(const YAML::Node& node, Severity severity, std::string message) {
        auto pos = yaml_position(node.Mark());
        Problem p{std::string(file_), pos.line, pos.column, severity, std::move(message), {}};
        // An aliased node read through several aliases (billion laughs) has
        // one position: say it once.
        if (std::find(problems_.begin(), problems_.end(), p) == problems_.end())
            problems_.push_back(std::move(p));
    }

    std::optional<std::string> string(const YAML::Node& node, std::string_view key) {
        if (node.IsScalar()) return node.Scalar();
        problem(node, Severity::error, fmt::format("{} must be a string", key));
        return std::nullopt;
    }

    std::optional<Duration> duration(const YAML::Node& node, std::string_view key) {
        if (node.IsScalar())
            if (auto d = Duration::parse(node.Scalar())) return d;
        problem(node, Severity::error,
                fmt::format("invalid duration '{}' for {} (expected a number and d, w, m or y)",
                            scalar_or_kind(node), key));
        return std::nullopt;
    }

    // A sequence, or a single scalar taken as a one-item list.
    std::vector<YAML::Node> items(const YAML::Node& node, std::string_view key) {
        std::vector<YAML::Node> out;
        if (node.IsSequence()) {
            for (const auto& item : node) out.push_back(item);
        } else if (node.IsScalar()) {
            out.push_back(node);
        } else {
            problem(node, Severity::error, fmt::format("{} must be a list", key));
        }
        return out;
    }

private:
    std::string_view file_;
    std::vector<Problem>& problems_;
};

// ------------------------------------------------------------ the keys

// How one key is read: `value` (never null) checked, its problems reported
// through `reader`, its part of `config` set.
using ReadKey = void (*)(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                         Config& config);

template <std::string Config::*field>
void read_nonempty_string(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                          Config& config) {
    if (auto s = reader.string(value, key)) {
        if (s->empty())
            reader.problem(value, Severity::error, fmt::format("{} must not be empty", key));
        else
            config.*field = *s;
    }
}

template <Duration Config::*field>
void read_duration(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                   Config& config) {
    if (auto d = reader.duration(value, key)) config.*field = *d;
}

// A duration of the schedule; `at_least_one_day` for the counter's bounds.
template <Duration ScheduleSettings::*field, bool at_least_one_day>
void read_schedule_duration(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                            Config& config) {
    auto d = reader.duration(value, key);
    if (!d) return;
    if (at_least_one_day && d->count == 0)
        reader.problem(value, Severity::error, fmt::format("{} must be at least 1d", key));
    else
        config.schedule.*field = *d;
}

void read_exclude(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                  Config& config) {
    for (const auto& item : reader.items(value, key))
        if (auto s = reader.string(item, "an exclude pattern")) config.exclude.push_back(*s);
}

void read_workdays(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                   Config& config) {
    std::array<bool, 7> days{};
    bool ok = true;
    for (const auto& item : reader.items(value, key)) {
        const std::string name = ascii_lowercase(item.IsScalar() ? item.Scalar() : std::string());
        auto it = std::find(kWeekdays.begin(), kWeekdays.end(), name);
        if (it == kWeekdays.end()) {
            reader.problem(item, Severity::error,
                           fmt::format("invalid weekday '{}' in workdays (expected mon, tue, "
                                       "wed, thu, fri, sat or sun)",
                                       scalar_or_kind(item)));
            ok = false;
            continue;
        }
        days[static_cast<std::size_t>(it - kWeekdays.begin())] = true;
    }
    if (ok && std::none_of(days.begin(), days.end(), [](bool b) { return b; }))
        reader.problem(value, Severity::error, "workdays must not be empty");
    else if (ok)
        config.schedule.calendar.workdays = days;
}

template <class T>
void sort_unique(std::vector<T>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

void read_holidays(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                   Config& config) {
    Calendar& calendar = config.schedule.calendar;
    for (const auto& item : reader.items(value, key)) {
        std::string s = item.IsScalar() ? item.Scalar() : std::string();
        if (auto d = Date::parse(s)) {
            calendar.holidays.push_back(*d);
        } else if (auto md = parse_month_day(s)) {
            calendar.yearly.push_back(*md);
        } else {
            reader.problem(item, Severity::error,
                           fmt::format("invalid holiday '{}' (expected YYYY-MM-DD or MM-DD)",
                                       scalar_or_kind(item)));
        }
    }
    sort_unique(calendar.holidays);
    sort_unique(calendar.yearly);
}

// SPEC §4.1: a string or a list of section names.
void read_log_heading(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                      Config& config) {
    std::vector<std::string> names;
    for (const auto& item : reader.items(value, key)) {
        if (auto s = reader.string(item, key)) {
            if (log_heading_words(*s).empty())
                reader.problem(item, Severity::error,
                               fmt::format("log_heading '{}' has no word (expected a "
                                           "section name such as Log or Call log)",
                                           *s));
            else
                names.push_back(*s);
        }
    }
    if (value.IsSequence() && value.size() == 0)
        reader.problem(value, Severity::error,
                       "log_heading must name at least one section (e.g. Log)");
    if (!names.empty()) config.log_heading = std::move(names);
}

// One item of `offboarding`: {do: TEXT, after: DURATION}; nullopt when it is
// not one (reported).
std::optional<OffboardingStep> offboarding_step(ConfigReader& reader, const YAML::Node& item) {
    if (!item.IsMap()) {
        reader.problem(item, Severity::error,
                       "an offboarding item must be a mapping like {do: TEXT, after: 3d}");
        return std::nullopt;
    }
    OffboardingStep step;
    bool ok = true;
    for (const auto& field : item) {
        std::string name = field.first.IsScalar() ? field.first.Scalar() : "";
        if (name == "do") {
            if (auto s = reader.string(field.second, "do"))
                step.text = *s;
            else
                ok = false;
        } else if (name == "after") {
            if (field.second.IsNull()) continue;
            if (auto d = reader.duration(field.second, "after"))
                step.after = d;
            else
                ok = false;
        } else {
            reader.problem(field.first, Severity::warning,
                           fmt::format("unknown key '{}' in an offboarding item "
                                       "(expected do and after)",
                                       name));
        }
    }
    if (ok && step.text.empty()) {
        reader.problem(item, Severity::error, "an offboarding item needs a 'do' text");
        ok = false;
    }
    if (!ok) return std::nullopt;
    return step;
}

void read_offboarding(ConfigReader& reader, const YAML::Node& value, std::string_view key,
                      Config& config) {
    std::vector<OffboardingStep> steps;
    for (const auto& item : reader.items(value, key))
        if (auto step = offboarding_step(reader, item)) steps.push_back(std::move(*step));
    config.offboarding = std::move(steps);
}

// SPEC §8: the keys of .touchbase.yaml, one row each: its name, and the
// reader that checks its value and sets its part of the configuration.
struct ConfigKey {
    std::string_view name;
    ReadKey read;
};
constexpr ConfigKey kConfigKeys[] = {
    {"agenda", read_nonempty_string<&Config::agenda>},
    {"calendar_id", read_nonempty_string<&Config::calendar_id>},
    {"exclude", read_exclude},
    {"horizon", read_duration<&Config::horizon>},
    {"remind_before", read_duration<&Config::remind_before>},
    {"card_lead", read_duration<&Config::card_lead>},
    {"retry", read_schedule_duration<&ScheduleSettings::retry, false>},
    {"base", read_schedule_duration<&ScheduleSettings::base, true>},
    {"cap", read_schedule_duration<&ScheduleSettings::cap, true>},
    {"at_least_every", read_schedule_duration<&ScheduleSettings::at_least_every, true>},
    {"workdays", read_workdays},
    {"holidays", read_holidays},
    {"log_heading", read_log_heading},
    {"offboarding", read_offboarding},
};

// ------------------------------------------------------------ the whole file

// The text guards of SPEC §9 hold for the configuration too: yaml-cpp
// never sees invalid UTF-8, a NUL byte or deep nesting (it would recurse).
std::optional<Problem> check_config_text(std::string_view text, std::string_view file) {
    if (auto bad = check_text(text, file, "the configuration")) return bad;
    const NestingDepth depth = nesting_depth(text, kMaxFrontMatterDepth);
    if (depth.depth <= kMaxFrontMatterDepth) return std::nullopt;
    const TextPosition pos = position_of(text, depth.offset);
    return Problem{std::string(file),
                   pos.line,
                   pos.column,
                   Severity::error,
                   fmt::format("the configuration is nested deeper than {} levels",
                               kMaxFrontMatterDepth),
                   {}};
}

// cap is not shorter than base (SPEC §8). Durations in different units
// compare differently from different start dates (4w vs 1m), so the check
// is made from the first and last day of every month of a leap year and a
// common year.
bool cap_shorter_than_base(const ScheduleSettings& s) {
    for (int year : {2023, 2024})
        for (int month = 1; month <= 12; ++month)
            for (int day : {1, days_in_month(year, month)})
                if (compare_at(s.cap, s.base, *Date::from_ymd(year, month, day)) < 0) return true;
    return false;
}

}  // namespace

ConfigRead read_config(std::string_view text, std::string_view file) {
    ConfigRead result;
    Config& config = result.config;
    auto& problems = result.problems;
    ConfigReader reader(file, problems);

    if (auto bad = check_config_text(text, file)) {
        problems.push_back(std::move(*bad));
        return result;
    }
    YAML::Node root;
    if (auto error = load_yaml(text, root)) {
        problems.push_back(
            {std::string(file), error->line, error->column, Severity::error, error->message, {}});
        return result;
    }
    if (root.IsNull()) return result;
    if (!root.IsMap()) {
        reader.problem(root, Severity::error,
                       "the configuration must be a mapping of keys to values");
        return result;
    }

    for (const auto& entry : root) {
        const YAML::Node& key_node = entry.first;
        const YAML::Node& value = entry.second;
        const std::string key = key_node.IsScalar() ? key_node.Scalar() : std::string();
        if (value.IsNull()) continue;  // SPEC §3: null counts as absent; same here
        const auto row = std::find_if(std::begin(kConfigKeys), std::end(kConfigKeys),
                                      [&](const ConfigKey& k) { return k.name == key; });
        if (row == std::end(kConfigKeys))
            reader.problem(key_node, Severity::warning, fmt::format("unknown key '{}'", key));
        else
            row->read(reader, value, key, config);
    }

    if (cap_shorter_than_base(config.schedule) && !has_error(problems)) {
        YAML::Node cap = root["cap"];
        reader.problem(cap ? cap : root, Severity::error,
                       fmt::format("cap ({}) is shorter than base ({})", config.schedule.cap,
                                   config.schedule.base));
    }
    return result;
}

std::string default_config_text(std::string_view calendar_id) {
    const std::string id_line = calendar_id.empty() ? std::string("# calendar_id: 3f9c2a71d04e")
                                                    : "calendar_id: " + std::string(calendar_id);
    return R"(# touchbase configuration. Every key is optional; the values below are the
# defaults. See the README for what each one does.

# Where the agenda is written, relative to this folder.
agenda: agenda.md
# Part of every calendar event's UID (agenda --format ics), so that two notes
# folders never share one; default: this folder's name.
)" + id_line +
           R"(
# Paths (globs relative to this folder) that are not client notes,
# for example [templates/**, archive/**].
exclude: []
# Coming up shows what is due within this window.
horizon: 7d
# The contact counter: first follow-up after `base`, doubled after each
# smooth contact, never more than `cap`.
base: 1w
cap: 2m
# Nobody goes longer than this without a contact.
at_least_every: 6m
# After a missed call (#missed), try again this much later.
retry: 2d
# Prepare a call this long before it; a day off moves to the next workday
# before the call, else back (a Tuesday call on Monday, a Monday one on Friday).
remind_before: 2d
# Cards show up this long before their occasion.
card_lead: 14d
workdays: [mon, tue, wed, thu, fri]
# Dates (YYYY-MM-DD) or yearly dates (MM-DD) that are not workdays,
# for example [12-25, 01-01, 2026-11-26].
holidays: []
# The headings of sections whose list items are contact entries, compared
# as words (`## 📞 Call log:` is one); a new Log section takes the first.
log_heading: [Log, Call log, Contact log, Calls, Meetings, Meeting log]
# The checklist added to a note when `project_end` has passed.
offboarding:
  - {do: Ask for a reference, after: 3d}
  - {do: Ask for a testimonial for the website, after: 3d}
  - {do: Send a thank-you note with a summary of the work, after: 2d}
  - {do: Pencil in a follow-up booking about a month out, after: 7d}
  - {do: Ask whether they know of other projects or people we could help}
)";
}

}  // namespace touchbase
