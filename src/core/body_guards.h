// Guards for cmark-gfm's slow inline parsing (spec §9): estimates, on the
// text, of the work cmark-gfm 0.29 would do on pathological paragraphs,
// checked before the body is parsed. scan_body turns a hit into the note's
// one error; log_layout finds no layout in such a body.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace touchbase {

struct SlowInput {
    std::size_t offset = 0;  // in the body: the first culprit
    std::string_view what;   // what the body holds too many of, for the message
};

// The first estimate that passes its limit: unclosed `<?`, `<!X` and
// `<![CDATA[` openers, then unclosed `![` image openers; nullopt for every
// real note.
std::optional<SlowInput> slow_input(std::string_view body);

// Each estimate on its own: the offset of the first culprit when it passes
// the limit, else nullopt.
std::optional<std::size_t> slow_inline_html(std::string_view s);
std::optional<std::size_t> slow_image_brackets(std::string_view s);

}  // namespace touchbase
