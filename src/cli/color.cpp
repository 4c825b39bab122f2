#include "color.h"

#include <unistd.h>

#include <cstdlib>

#include <fmt/format.h>

namespace touchbase {

bool color_enabled(std::string_view mode, bool is_terminal, const char* no_color) {
    if (mode == "always") return true;
    if (mode == "never") return false;
    return is_terminal && (no_color == nullptr || *no_color == '\0');
}

bool stderr_color_enabled(std::string_view mode) {
    return color_enabled(mode, isatty(STDERR_FILENO) == 1, std::getenv("NO_COLOR"));
}

std::string paint(std::string_view text, Colour colour, bool enabled) {
    if (!enabled) return std::string(text);
    const char* code = colour == Colour::red ? "31" : colour == Colour::yellow ? "33" : "32";
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

}  // namespace touchbase
