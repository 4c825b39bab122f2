// JSON string and value literals for the JSON renderer (no JSON library is
// among the project's dependencies; writing is all that is needed).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "date.h"

namespace touchbase {

// A JSON string literal, quotes included (RFC 8259 escapes; control
// characters as \u00XX).
std::string json_string(std::string_view text);

inline std::string json_or_null(const std::optional<std::string>& s) {
    return s ? json_string(*s) : "null";
}
inline std::string json_or_null(const std::optional<Date>& d) {
    return d ? json_string(d->str()) : "null";
}
inline std::string json_or_null(const std::optional<Duration>& d) {
    return d ? json_string(d->str()) : "null";
}

}  // namespace touchbase
