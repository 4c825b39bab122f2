// The user's keys of spec §3: scalars through one typed reader, the
// next_actions and cards sequences item by item, and near misses of our keys.
#include <fmt/format.h>

#include "front_matter_reader.h"
#include "spelling.h"
#include "text.h"

namespace touchbase {

const ScalarType<std::string> kStringType{[](std::string_view text) {
                                              return std::optional<std::string>(text);
                                          },
                                          "", "a string", ""};
const ScalarType<Engagement> kEngagementType{parse_engagement,
                                             "active, casual, ongoing, former or paused",
                                             "one of {expected}",
                                             "unknown engagement '{value}' (expected {expected})"};
const ScalarType<Date> kDateType{Date::parse, "YYYY-MM-DD", "a date ({expected})",
                                 "invalid date '{value}' for {key} (expected {expected})"};
// The form a duration takes, for messages (as the command line says it).
const ScalarType<Duration> kDurationType{Duration::parse,
                                         "expected a number and d, w, m or y, e.g. 2w",
                                         "a duration ({expected})",
                                         "invalid duration '{value}' for {key} ({expected})"};

namespace {

// The keys of spec §3, for near misses.
constexpr std::string_view kKnownKeys[] = {"name",          "engagement",   "owner",
                                           "next_actions",  "cards",        "project_end",
                                           "remind_before", "last_contact", "counter",
                                           "next_contact",  "offboarded"};

// A key as compared for near misses: lower case, `-` taken as `_`.
std::string key_form(std::string_view key) {
    std::string out = ascii_lowercase(key);
    for (char& c : out)
        if (c == '-') c = '_';
    return out;
}

// null, `~`, nothing or the empty string: absent (spec §3).
bool is_absent(const YAML::Node& v) { return v.IsNull() || (v.IsScalar() && v.Scalar().empty()); }

// A value as shown in a warning: its text, or what it is.
std::string shown_value(const YAML::Node& v) {
    return v.IsScalar() ? shown(v.Scalar()) : std::string(kind_of(v));
}

}  // namespace

template <class T>
void FrontMatterReader::read_value(const YAML::Node& v, const char* key, const ScalarType<T>& type,
                                   std::optional<T>& into) {
    if (v.IsNull()) return;
    if (!v.IsScalar()) {
        error_at(v, fmt::format("{} must be {}, not {}", key,
                                fmt::format(fmt::runtime(type.must_be),
                                            fmt::arg("expected", type.expected)),
                                kind_of(v)));
        return;
    }
    if (v.Scalar().empty()) return;
    if (auto value = type.parse(v.Scalar()))
        into = std::move(*value);
    else
        error_at(v, fmt::format(fmt::runtime(type.invalid), fmt::arg("value", shown(v.Scalar())),
                                fmt::arg("key", key), fmt::arg("expected", type.expected)));
}

void FrontMatterReader::read_user_keys(const std::vector<Entry>& entries) {
    // A key given twice: the last one is used (check_duplicates warned).
    auto value_of = [&](std::string_view key) -> const YAML::Node* {
        for (auto it = entries.rbegin(); it != entries.rend(); ++it)
            if (it->key == key) return &it->value;
        return nullptr;
    };
    FrontMatter& fm = out_.front_matter;
    // Any scalar is taken as its text: `name: 1984` is the name "1984".
    if (auto v = value_of("name")) read_value(*v, "name", kStringType, fm.name);
    if (auto v = value_of("owner")) read_value(*v, "owner", kStringType, fm.owner);
    if (auto v = value_of("engagement"))
        read_value(*v, "engagement", kEngagementType, fm.engagement);
    if (auto v = value_of("next_actions")) read_next_actions(*v);
    if (auto v = value_of("cards")) read_cards(*v);
    if (auto v = value_of("project_end")) read_value(*v, "project_end", kDateType, fm.project_end);
    if (auto v = value_of("remind_before"))
        read_value(*v, "remind_before", kDurationType, fm.remind_before);
}

// Whether `v`, the value of `key`, is a sequence to read item by item;
// anything but null and a sequence is an error.
bool FrontMatterReader::read_as_sequence(const YAML::Node& v, const char* key) {
    if (v.IsSequence()) return true;
    if (!v.IsNull()) error_at(v, fmt::format("{} must be a sequence, not {}", key, kind_of(v)));
    return false;
}

void FrontMatterReader::read_next_actions(const YAML::Node& v) {
    if (!read_as_sequence(v, "next_actions")) return;
    // One level deep only; the items' own values are read, never walked.
    // SPEC §3: a bad value inside one item is a warning for that item only.
    for (const YAML::Node& item : v) {
        const int line = split_.yaml_first_line + (item.Mark().is_null() ? 0 : item.Mark().line);
        if (item.IsNull()) continue;
        if (item.IsScalar()) {
            // SPEC §4.2: white space (line breaks, tabs, NBSP) made one space.
            std::string text = collapse_spaces(item.Scalar());
            if (!text.empty())
                out_.front_matter.next_actions.push_back({std::move(text), std::nullopt, line});
        } else if (item.IsMap()) {
            read_action(item, line);
        } else {
            warning_at(item, fmt::format("a next_actions item must be a string or a map "
                                         "{{do: TEXT, due: DATE, done: DATE or true}}, not {}; "
                                         "it is ignored",
                                         kind_of(item)));
        }
    }
}

// One next_actions item written as a map {do: TEXT, due: DATE, done: ...}.
void FrontMatterReader::read_action(const YAML::Node& item, int line) {
    NextAction action;
    action.line = line;
    bool has_do = false, ok = true, done = false;
    for (auto it = item.begin(); it != item.end(); ++it) {
        const YAML::Node k = it->first;
        const YAML::Node val = it->second;
        const std::string key = k.IsScalar() ? k.Scalar() : std::string();
        if (key == "do") {
            std::string text = val.IsScalar() ? collapse_spaces(val.Scalar()) : std::string();
            if (text.empty()) {
                warning_at(val.IsNull() ? k : val,
                           "the 'do' of a next_actions item must be a non-empty string; the item "
                           "is ignored");
                ok = false;
            } else {
                action.text = std::move(text);
                has_do = true;
            }
        } else if (key == "due") {
            if (is_absent(val)) continue;
            const auto due = val.IsScalar() ? Date::parse(val.Scalar()) : std::nullopt;
            if (due)
                action.due = due;
            else
                warning_at(val, fmt::format("invalid date '{}' for due in a next_actions item "
                                            "(expected YYYY-MM-DD); the item has no date of its "
                                            "own",
                                            shown_value(val)));
        } else if (key == "done") {
            // SPEC §3: true (any case) or a date closes the item; false, null
            // or nothing keeps it open; anything else is a warning.
            if (is_absent(val)) continue;
            const std::string text = val.IsScalar() ? val.Scalar() : std::string();
            if (val.IsScalar() && (iequals(text, "true") || Date::parse(text)))
                done = true;
            else if (!(val.IsScalar() && iequals(text, "false")))
                warning_at(val, fmt::format("invalid done '{}' in a next_actions item (expected "
                                            "true or a date YYYY-MM-DD); the item stays open",
                                            shown_value(val)));
        } else {
            problem(Severity::warning, k.Mark().line, k.Mark().column,
                    fmt::format("unknown key '{}' in a next_actions item (expected do, due, done)",
                                shown(key)));
        }
    }
    if (!has_do && ok) {
        warning_at(item,
                   "a next_actions item must have a 'do' (like {do: TEXT, due: DATE}); the "
                   "item is ignored");
        ok = false;
    }
    if (ok && !done) out_.front_matter.next_actions.push_back(std::move(action));
}

void FrontMatterReader::read_cards(const YAML::Node& v) {
    if (!read_as_sequence(v, "cards")) return;
    for (const YAML::Node& item : v) {
        if (item.IsNull()) continue;
        if (!item.IsScalar()) {
            // SPEC §3: a bad cards item is a warning for that item only.
            warning_at(item, fmt::format("a cards item must be a string (a named occasion or "
                                         "MM-DD), not {}; it is ignored",
                                         kind_of(item)));
            continue;
        }
        if (item.Scalar().empty()) continue;
        const YAML::Mark m = item.Mark();
        out_.front_matter.cards.push_back(
            {item.Scalar(), split_.yaml_first_line + m.line, m.column + 1});
    }
}

// SPEC §3: a key that is not ours but one edit away from one of ours
// (case-insensitive, `-` and `_` equal) is most likely a typing mistake.
// Other keys are the user's, and silent.
void FrontMatterReader::warn_near_miss_keys(const std::vector<Entry>& entries) {
    for (const Entry& e : entries) {
        if (e.key.empty()) continue;
        if (std::find(std::begin(kKnownKeys), std::end(kKnownKeys), e.key) != std::end(kKnownKeys))
            continue;
        const std::string form = key_form(e.key);
        for (std::string_view known : kKnownKeys) {
            if (!one_edit_apart(form, known)) continue;
            const YAML::Mark m = e.key_node.Mark();
            problem(Severity::warning, m.line, m.column,
                    fmt::format("unknown key '{}' (did you mean '{}'?)", shown(e.key), known));
            break;
        }
    }
}

}  // namespace touchbase
