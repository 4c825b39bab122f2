#include "guards.h"

#include <fmt/format.h>

#include "text.h"

namespace touchbase {

std::optional<Problem> check_text(std::string_view bytes, std::string_view file,
                                  std::string_view subject) {
    const std::size_t nul = bytes.find('\0');
    const std::optional<std::size_t> bad = first_invalid_utf8(bytes.substr(0, nul));
    std::size_t at = 0;
    std::string message;
    if (bad) {
        at = *bad;
        message = fmt::format("{} is not valid UTF-8 (byte 0x{:02X})", subject,
                              static_cast<unsigned char>(bytes[at]));
    } else if (nul != std::string_view::npos) {
        at = nul;
        message = fmt::format("{} holds a NUL byte", subject);
    } else {
        return std::nullopt;
    }
    const TextPosition pos = position_of(bytes, at);
    return Problem{std::string(file), pos.line,           pos.column,
                   Severity::error,   std::move(message), {}};
}

}  // namespace touchbase
