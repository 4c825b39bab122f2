// The seam between touchbase and yaml-cpp: loading without exceptions, and
// positions in 1-based lines and byte columns.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// ------------------------------------------------------------ lines as yaml-cpp counts them

// yaml-cpp's marks count lines that end at LF only: a CR before the LF is the
// line's last byte, and a lone CR is no line break to it. Front matter is
// split and indexed by the same rule, so that a mark and a line agree;
// everywhere else touchbase counts lines with text.h's LineIndex.
struct LfLine {
    std::size_t begin = 0, end = 0;  // [begin, end): the line without its LF
    std::size_t next = 0;            // after the LF (the text's size for a last line without one)
};
LfLine lf_line_at(std::string_view text, std::size_t pos);
// The line's text without a CR before its LF.
std::string_view lf_content(std::string_view text, const LfLine& line);

// The lines of a YAML text, numbered from 0 as yaml-cpp's marks are.
class YamlLines {
public:
    explicit YamlLines(std::string_view yaml);
    int count() const { return static_cast<int>(starts_.size()); }
    // Offset of the start of line `index` (0 <= index < count()).
    std::size_t start(int index) const { return starts_[static_cast<std::size_t>(index)]; }
    // The line's text without its LF and a CR before it; empty past the end.
    std::string_view content(int index) const;
    // The line holding `offset`.
    int index_of(std::size_t offset) const;

private:
    std::string_view yaml_;
    std::vector<std::size_t> starts_;
};

// YAML::Load of `text` followed by `then`, read where they are: Load(string)
// would copy its input into a stringstream first. Throws as YAML::Load does.
YAML::Node load_in_place(std::string_view text, std::string_view then = {});

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
