// Colour on the terminal (SPEC §7 `--color auto|always|never`).
#pragma once

#include <string>
#include <string_view>

namespace touchbase {

// `auto` colours a terminal unless NO_COLOR is set to a non-empty value
// (https://no-color.org); `always` and `never` say it all. `no_color` is
// the environment's NO_COLOR (nullptr when unset).
[[nodiscard]] bool color_enabled(std::string_view mode, bool is_terminal, const char* no_color);

// The same for stderr, from the process's own environment.
[[nodiscard]] bool stderr_color_enabled(std::string_view mode);

enum class Colour { red, yellow, green };

// `text` wrapped in the ANSI colour, or as it is when `enabled` is false.
[[nodiscard]] std::string paint(std::string_view text, Colour colour, bool enabled);

}  // namespace touchbase
