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
        if (!e.mark.is_null()) {
            std::size_t start = 0;
            for (int l = 0; l < e.mark.line && start != std::string_view::npos; ++l) {
                start = text.find('\n', start);
                if (start != std::string_view::npos) ++start;
            }
            if (start != std::string_view::npos) {
                std::string_view line = text.substr(start, text.find('\n', start) - start);
                if (auto tab = tab_in_indentation(line))
                    return YamlError{pos.line, static_cast<int>(*tab) + 1, kTabMessage};
            }
        }
        return YamlError{pos.line, pos.column, "invalid YAML: " + e.msg};
    } catch (const std::exception& e) {
        return YamlError{1, 1, std::string("invalid YAML: ") + e.what()};
    }
}

std::optional<std::size_t> tab_in_indentation(std::string_view line) {
    const std::size_t indent = line.find_first_not_of(" \t\r");
    if (indent == std::string_view::npos) return std::nullopt;
    const std::size_t tab = line.substr(0, indent).find('\t');
    if (tab == std::string_view::npos) return std::nullopt;
    return tab;
}

std::string scalar_or_kind(const YAML::Node& node) {
    if (node.IsScalar()) return node.Scalar();
    if (node.IsSequence()) return "a list";
    if (node.IsMap()) return "a mapping";
    return "null";
}

}  // namespace touchbase
