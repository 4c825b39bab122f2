// The seam between touchbase and yaml-cpp: loading without exceptions, and
// positions in 1-based lines and byte columns.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

namespace touchbase {

struct YamlPosition {
    int line = 1;    // 1-based, relative to the loaded text
    int column = 1;  // 1-based, bytes
};

struct YamlError {
    int line = 1;
    int column = 1;
    std::string message;
};

YamlPosition yaml_position(const YAML::Mark& mark);

// Parses `text` into `root`. yaml-cpp reports errors by exception; they stop
// here and come back as a value.
std::optional<YamlError> load_yaml(std::string_view text, YAML::Node& root);

// yaml-cpp's words for a tab in the indentation ("illegal block entry",
// "illegal tab when looking for indentation") do not say so: the offset of a
// tab among the leading blanks of a line that holds more than blanks, if any.
std::optional<std::size_t> tab_in_indentation(std::string_view line);

inline constexpr const char* kTabMessage =
    "invalid YAML: a tab in the indentation (YAML indents with spaces only)";

// The scalar's text, or "a list" / "a mapping" for messages about a value.
std::string scalar_or_kind(const YAML::Node& node);

}  // namespace touchbase
