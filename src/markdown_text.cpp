#include "markdown_text.h"

#include <cctype>

#include <fmt/format.h>

namespace touchbase {

std::string escape_markdown(std::string_view text) {
    // Only what can start markup inside a line of text; line-start markers
    // (#, -, +, digits) cannot occur where this text is placed.
    static constexpr std::string_view kSpecial = "\\`*_[]<>|~";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n' || c == '\r') {
            out += ' ';
            continue;
        }
        bool entity = c == '&' && i + 1 < text.size() &&
                      (std::isalpha(static_cast<unsigned char>(text[i + 1])) || text[i + 1] == '#');
        if (entity || kSpecial.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string percent_encode_path(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            out += static_cast<char>(c);
        else
            out += fmt::format("%{:02X}", c);
    }
    return out;
}

}  // namespace touchbase
