// Text that goes into agenda.md: escaped link text and percent-encoded
// link targets (SPEC §6).
#pragma once

#include <string>
#include <string_view>

namespace touchbase {

// Backslash-escapes ASCII punctuation that markdown could read as markup,
// and makes line breaks spaces.
std::string escape_markdown(std::string_view text);

// Percent-encodes every byte of a relative path except unreserved characters
// (RFC 3986) and '/', so the link works in editors and on git hosts.
std::string percent_encode_path(std::string_view path);

}  // namespace touchbase
