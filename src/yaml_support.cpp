#include "yaml_support.h"

#include <exception>

namespace touchbase {

YamlPosition yaml_position(const YAML::Mark& mark) {
    if (mark.is_null()) return {};
    return {mark.line + 1, mark.column + 1};
}

std::optional<YamlError> load_yaml(std::string_view text, YAML::Node& root) {
    try {
        root = YAML::Load(std::string(text));
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        auto pos = yaml_position(e.mark);
        return YamlError{pos.line, pos.column, "invalid YAML: " + e.msg};
    } catch (const std::exception& e) {
        return YamlError{1, 1, std::string("invalid YAML: ") + e.what()};
    }
}

std::string scalar_or_kind(const YAML::Node& node) {
    if (node.IsScalar()) return node.Scalar();
    if (node.IsSequence()) return "a list";
    if (node.IsMap()) return "a mapping";
    return "null";
}

}  // namespace touchbase
