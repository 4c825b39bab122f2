// Inside read_front_matter: the reader of one note's YAML text. Its parts:
// front_matter_reader.cpp (the flow: limits, duplicates, which key is read
// how), front_matter_probe.cpp (loading behind the probe line, and the
// diagnosis when that fails), front_matter_keys.cpp (the user's keys, through
// one typed reader) and front_matter_owned.cpp (the owned values in place).
// Not for use outside those files.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "front_matter.h"
#include "yaml_support.h"

namespace touchbase {

// A value as shown in a message: one line, at most about 60 bytes.
std::string shown(std::string_view text);
// "a sequence", "a flow mapping", ...: what a node is, for messages.
const char* kind_of(const YAML::Node& n);

// How a scalar value of a key of spec §3 is read: its parser, and the
// messages for a value of the wrong kind ("{key} must be {must_be}, not a
// sequence") and for text that does not parse. The messages are fmt
// formats over {key}, {value} and {expected}.
template <class T>
struct ScalarType {
    std::optional<T> (*parse)(std::string_view text);
    const char* expected;
    const char* must_be;
    const char* invalid;
};
extern const ScalarType<std::string> kStringType;
extern const ScalarType<Engagement> kEngagementType;
extern const ScalarType<Date> kDateType;
extern const ScalarType<Duration> kDurationType;

class FrontMatterReader {
public:
    FrontMatterReader(std::string_view bytes, const Split& split, std::string_view file)
        : split_(split), file_(file), yaml_(split.yaml(bytes)), lines_(yaml_) {}

    FrontMatterRead read();

private:
    struct Entry {
        std::string key;  // empty for a key that is not a scalar
        YAML::Node key_node;
        YAML::Node value;
    };

    // Problems at a YAML-text position (0-based line and column; line -1 is
    // the opening line).
    void problem(Severity sev, int yaml_line, int yaml_column, std::string message) {
        Problem p;
        p.file = std::string(file_);
        p.line = split_.yaml_first_line + yaml_line;
        p.column = yaml_column + 1;
        p.severity = sev;
        p.message = std::move(message);
        // An aliased node read through several aliases (billion laughs) has
        // one position: say it once.
        if (std::find(out_.problems.begin(), out_.problems.end(), p) != out_.problems.end()) return;
        out_.problems.push_back(std::move(p));
    }
    void problem_at(Severity sev, const YAML::Mark& m, std::string message) {
        if (m.is_null())
            problem(sev, -1, 0, std::move(message));  // the opening line
        else
            problem(sev, m.line, m.column, std::move(message));
    }
    void error_at(const YAML::Mark& m, std::string message) {
        problem_at(Severity::error, m, std::move(message));
    }
    void error_at(const YAML::Node& n, std::string message) {
        error_at(n.Mark(), std::move(message));
    }
    void warning_at(const YAML::Node& n, std::string message) {
        problem_at(Severity::warning, n.Mark(), std::move(message));
    }

    std::string_view yaml_line(int line) const { return lines_.content(line); }

    // front_matter_reader.cpp: the flow
    bool check_limits();
    void check_duplicates(const std::vector<Entry>& entries);
    void read_entries(const std::vector<Entry>& entries, const YAML::Mark& probe_mark);

    // front_matter_probe.cpp
    std::optional<std::vector<Entry>> load_probed(YAML::Mark& probe_mark);
    bool check_top_level(const YAML::Node& root);
    void diagnose();
    bool diagnose_text();
    bool diagnose_reserved_start(int line, std::size_t item, std::size_t value);
    bool diagnose_unclosed_flow(int line, std::size_t indent, std::size_t value);
    bool diagnose_missing_colon();

    // front_matter_keys.cpp: the user's keys
    template <class T>
    void read_value(const YAML::Node& v, const char* key, const ScalarType<T>& type,
                    std::optional<T>& into);
    void read_user_keys(const std::vector<Entry>& entries);
    bool read_as_sequence(const YAML::Node& v, const char* key);
    void read_next_actions(const YAML::Node& v);
    void read_action(const YAML::Node& item, int line);
    void read_cards(const YAML::Node& v);
    void warn_near_miss_keys(const std::vector<Entry>& entries);

    // front_matter_owned.cpp: the owned keys (spec §9)
    void read_owned(OwnedKey k, const Entry& e, const YAML::Mark& next_key);
    void read_owned_meaning(OwnedKey k, const std::string& text, int yaml_line_index, int column);
    bool next_line_starts_with_tab(int yaml_line_index) const;

    const Split& split_;
    std::string_view file_;
    std::string_view yaml_;
    YamlLines lines_;
    FrontMatterRead out_;
};

}  // namespace touchbase
