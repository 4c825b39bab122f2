#include "markdown_text.h"

#include <fmt/format.h>

#include "text.h"

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
        bool entity =
            c == '&' && i + 1 < text.size() && (is_ascii_letter(text[i + 1]) || text[i + 1] == '#');
        if (entity || kSpecial.find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string percent_encode_path(std::string_view path) {
    std::string out;
    out.reserve(path.size());
    for (char c : path) {
        if (is_ascii_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
            out += c;
        else
            out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    }
    return out;
}

}  // namespace touchbase
