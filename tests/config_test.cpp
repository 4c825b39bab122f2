#include <doctest/doctest.h>

#include "test_dates.h"

#include "config.h"

using namespace touchbase;
using touchbase::test::day;

namespace {

const Problem* find_problem(const ConfigRead& r, Severity severity) {
    for (const auto& p : r.problems)
        if (p.severity == severity) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("config: an empty file gives the defaults of SPEC §5 and §8") {
    ConfigRead r = read_config("", ".touchbase.yaml");
    CHECK(r.problems.empty());
    const Config& c = r.config;
    CHECK(c.agenda == "agenda.md");
    CHECK(c.exclude.empty());
    CHECK(c.horizon == Duration{7, Unit::days});
    CHECK(c.schedule.base == Duration{1, Unit::weeks});
    CHECK(c.schedule.cap == Duration{2, Unit::months});
    CHECK(c.schedule.at_least_every == Duration{6, Unit::months});
    CHECK(c.schedule.retry == Duration{2, Unit::days});
    CHECK(c.remind_before == Duration{2, Unit::days});
    CHECK(c.card_lead == Duration{14, Unit::days});
    CHECK(c.log_heading == std::vector<std::string>{"Log", "Call log", "Contact log", "Calls",
                                                    "Meetings", "Meeting log"});
    CHECK(c.offboarding.size() == 5);
    CHECK(c.offboarding[0].text == "Ask for a reference");
    CHECK(c.offboarding[3].after == Duration{7, Unit::days});
    CHECK_FALSE(c.offboarding[4].after.has_value());
    CHECK(c.schedule.calendar.workdays ==
          std::array<bool, 7>{true, true, true, true, true, false, false});
}

TEST_CASE("config: every key of SPEC §8 at once") {
    ConfigRead r = read_config(R"(agenda: out/today.md
exclude: [templates/**, "drafts/*.md"]
horizon: 10d
base: 2w
cap: 3m
at_least_every: 1y
retry: 3d
remind_before: 1d
card_lead: 3w
workdays: [mon, tue, wed, thu]
holidays: [2026-12-24, 12-25, 2-29, 2026-1-2]
log_heading: Contacts
offboarding:
  - {do: Ask for a reference, after: 1w}
  - {do: Say thanks}
)",
                               "cfg.yaml");
    CHECK(r.problems.empty());
    const Config& c = r.config;
    CHECK(c.agenda == "out/today.md");
    CHECK(c.exclude == std::vector<std::string>{"templates/**", "drafts/*.md"});
    CHECK(c.horizon == Duration{10, Unit::days});
    CHECK(c.schedule.base == Duration{2, Unit::weeks});
    CHECK(c.schedule.cap == Duration{3, Unit::months});
    CHECK(c.schedule.at_least_every == Duration{1, Unit::years});
    CHECK(c.schedule.retry == Duration{3, Unit::days});
    CHECK(c.remind_before == Duration{1, Unit::days});
    CHECK(c.card_lead == Duration{3, Unit::weeks});
    CHECK(c.schedule.calendar.workdays ==
          std::array<bool, 7>{true, true, true, true, false, false, false});
    CHECK(c.schedule.calendar.holidays == std::vector<Date>{day("2026-01-02"), day("2026-12-24")});
    CHECK(c.schedule.calendar.yearly == std::vector<std::pair<int, int>>{{2, 29}, {12, 25}});
    CHECK(c.log_heading == std::vector<std::string>{"Contacts"});
    REQUIRE(c.offboarding.size() == 2);
    CHECK(c.offboarding[0].after == Duration{1, Unit::weeks});
    CHECK(c.offboarding[1].text == "Say thanks");
    CHECK_FALSE(c.offboarding[1].after);
    // Yearly holidays make workdays: 2027-12-25 is a Saturday anyway, 2026-12-25 a Friday.
    CHECK_FALSE(c.schedule.calendar.is_workday(day("2026-12-25")));
    CHECK_FALSE(c.schedule.calendar.is_workday(day("2026-12-24")));
    CHECK(c.schedule.calendar.is_workday(day("2026-12-22")));
}

TEST_CASE("config: an unknown key is a warning with file, line and column") {
    ConfigRead r = read_config("horizon: 7d\n  \nreminder: 2d\n", "notes/.touchbase.yaml");
    REQUIRE(r.problems.size() == 1);
    const Problem& p = r.problems[0];
    CHECK(p.severity == Severity::warning);
    CHECK(p.file == "notes/.touchbase.yaml");
    CHECK(p.line == 3);
    CHECK(p.column == 1);
    CHECK(p.message.find("reminder") != std::string::npos);
}

TEST_CASE("config: bad values are errors at the value") {
    struct Case {
        const char* text;
        int line, column;
        const char* fragment;
    };
    const Case cases[] = {
        {"base: 1 week\n", 1, 7, "invalid duration '1 week' for base"},
        {"base: 0d\n", 1, 7, "at least 1d"},
        {"at_least_every: 0m\n", 1, 17, "at least 1d"},
        {"cap: 1w\nbase: 2w\n", 1, 6, "cap (1w) is shorter than base (2w)"},
        {"cap: 4w\nbase: 1m\n", 1, 6, "shorter than base"},  // February: 4w is 28 days, 1m up to 31
        {"horizon: -1d\n", 1, 10, "invalid duration"},
        {"workdays: []\n", 1, 11, "workdays must not be empty"},
        {"workdays: [mon, funday]\n", 1, 17, "invalid weekday 'funday'"},
        {"holidays:\n  - 2026-02-30\n", 2, 5, "invalid holiday '2026-02-30'"},
        {"holidays: [13-01]\n", 1, 12, "invalid holiday"},
        {"agenda: [a, b]\n", 1, 9, "agenda must be a string"},
        {"log_heading: ''\n", 1, 14, "log_heading '' has no word"},
        {"log_heading: [Log, '(2025)']\n", 1, 20, "log_heading '(2025)' has no word"},
        {"log_heading: []\n", 1, 14, "log_heading must name at least one section"},
        {"offboarding:\n  - Ask for a reference\n", 2, 5, "must be a mapping"},
        {"offboarding:\n  - {do: Thanks, after: soon}\n", 2, 25,
         "invalid duration 'soon' for after"},
        {"offboarding:\n  - {after: 2d}\n", 2, 5, "needs a 'do' text"},
        {"- just\n- a list\n", 1, 1, "must be a mapping"},
        {"base: [1w\n", 2, 1, "invalid YAML"},
    };
    for (const auto& c : cases) {
        CAPTURE(std::string(c.text));
        ConfigRead r = read_config(c.text, "c.yaml");
        const Problem* p = find_problem(r, Severity::error);
        REQUIRE(p != nullptr);
        CHECK(p->line == c.line);
        CHECK(p->column == c.column);
        CHECK(p->message.find(c.fragment) != std::string::npos);
    }
}

TEST_CASE("config: cap equal to base in other units is accepted") {
    CHECK(read_config("base: 2w\ncap: 14d\n", "c").problems.empty());
    CHECK(read_config("base: 1m\ncap: 5w\n", "c").problems.empty());
}

TEST_CASE("config: the text init writes parses back to the defaults without problems") {
    ConfigRead r = read_config(default_config_text(), "c");
    CHECK(r.problems.empty());
    Config defaults;
    CHECK(r.config.horizon == defaults.horizon);
    CHECK(r.config.schedule.cap == defaults.schedule.cap);
    CHECK(r.config.offboarding.size() == defaults.offboarding.size());
    CHECK(r.config.exclude.empty());
    CHECK(r.config.schedule.calendar.holidays.empty());
}

TEST_CASE("config: calendar_id (spec §7.2): read as a string; init's text carries the one given") {
    CHECK(read_config("calendar_id: 3f9c2a71d04e\n", "c").config.calendar_id == "3f9c2a71d04e");
    CHECK(read_config("calendar_id: 12345\n", "c").config.calendar_id == "12345");
    CHECK(read_config("", "c").config.calendar_id.empty());
    CHECK(has_error(read_config("calendar_id: ''\n", "c").problems));
    CHECK(has_error(read_config("calendar_id: [a, b]\n", "c").problems));
    ConfigRead with_id = read_config(default_config_text("0123456789ab"), "c");
    CHECK(with_id.problems.empty());
    CHECK(with_id.config.calendar_id == "0123456789ab");
    CHECK(read_config(default_config_text(), "c").config.calendar_id.empty());
}

TEST_CASE("config: exactly 64 levels of nesting are read, 65 are refused (finding 14)") {
    // The top-level mapping is the first level; `x` holds 63 or 64 more.
    auto nested = [](int levels) {
        const std::size_t brackets = static_cast<std::size_t>(levels - 1);
        return "horizon: 7d\nx: " + std::string(brackets, '[') + std::string(brackets, ']') + "\n";
    };
    const ConfigRead at_limit = read_config(nested(64), ".touchbase.yaml");
    REQUIRE(at_limit.problems.size() == 1);
    CHECK(at_limit.problems[0].message == "unknown key 'x'");
    const ConfigRead over = read_config(nested(65), ".touchbase.yaml");
    REQUIRE(over.problems.size() == 1);
    CHECK(over.problems[0].severity == Severity::error);
    CHECK(over.problems[0].message == "the configuration is nested deeper than 64 levels");
    CHECK(over.problems[0].line == 2);
    CHECK(over.problems[0].column == 3 + 64);  // the 64th bracket, level 65
}
