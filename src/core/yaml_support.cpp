#include "yaml_support.h"

#include <algorithm>
#include <exception>
#include <istream>
#include <streambuf>
#include <utility>

namespace touchbase {

YamlPosition yaml_position(const YAML::Mark& mark) {
    if (mark.is_null()) return {};
    return {mark.line + 1, mark.column + 1};
}

LfLine lf_line_at(std::string_view text, std::size_t pos) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return {pos, text.size(), text.size()};
    return {pos, nl, nl + 1};
}

std::string_view lf_content(std::string_view text, const LfLine& line) {
    std::string_view s = text.substr(line.begin, line.end - line.begin);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
}

YamlLines::YamlLines(std::string_view yaml) : yaml_(yaml) {
    for (std::size_t p = 0; p < yaml.size(); p = lf_line_at(yaml, p).next) starts_.push_back(p);
}

std::string_view YamlLines::content(int index) const {
    if (index < 0 || index >= count()) return {};
    return lf_content(yaml_, lf_line_at(yaml_, start(index)));
}

int YamlLines::index_of(std::size_t offset) const {
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    return static_cast<int>(it - starts_.begin()) - 1;
}

namespace {

// A read-only stream buffer over two pieces of text, one after the other.
class PiecesBuf : public std::streambuf {
public:
    PiecesBuf(std::string_view first, std::string_view second) : second_(second) { show(first); }

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        if (second_.empty()) return traits_type::eof();
        show(std::exchange(second_, std::string_view{}));
        return traits_type::to_int_type(*gptr());
    }

private:
    void show(std::string_view piece) {
        // The get area is only read from: the const_cast writes nothing.
        char* begin = const_cast<char*>(piece.data());
        setg(begin, begin, begin + piece.size());
    }
    std::string_view second_;
};

}  // namespace

YAML::Node load_in_place(std::string_view text, std::string_view then) {
    PiecesBuf buffer(text, then);
    std::istream in(&buffer);
    return YAML::Load(in);
}

std::optional<YamlError> load_yaml(std::string_view text, YAML::Node& root) {
    try {
        root = load_in_place(text);
        return std::nullopt;
    } catch (const YAML::Exception& e) {
        auto pos = yaml_position(e.mark);
        if (!e.mark.is_null()) {
            if (auto tab = tab_in_indentation(YamlLines(text).content(e.mark.line)))
                return YamlError{pos.line, static_cast<int>(*tab) + 1, kTabMessage};
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
