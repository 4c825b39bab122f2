#include "body_guards.h"

#include <algorithm>
#include <cstdint>

#include "text.h"

namespace touchbase {

namespace {

// cmark-gfm 0.29.0.gfm.6 (Debian 12) looks for the end of an inline
// processing instruction (`<?` .. `?>`), declaration (`<!X` .. `>`) or CDATA
// section (`<![CDATA[` .. `]]>`) afresh from every opener, up to the end of
// the paragraph, without remembering that an earlier scan found none
// (commonmark/cmark#299, #379; fixed upstream later). A paragraph of a few
// hundred kilobytes of unclosed openers takes minutes, so a 10 MiB note could
// make touchbase hang (SPEC §9). The scanning work is estimated here on the
// text: for each opener, the bytes up to its closer or to the next blank line
// (a paragraph never spans one), whichever comes first. Real notes stay far
// below the limit; above it the note is an error (docs/safety.md#fuzzing).
inline constexpr std::uint64_t kMaxInlineHtmlScan = 64u << 20;

// A line that always starts a new block, ending the paragraph before it: a
// blank line, a bullet item or an ATX heading, indented less than 4 spaces.
bool starts_block(std::string_view line) {
    const std::size_t indent = line.find_first_not_of(" \t\r");
    if (indent == std::string_view::npos) return true;
    if (indent >= 4) return false;
    if (line[indent] == '#') return true;
    return line.size() > indent + 2 &&
           (line[indent] == '-' || line[indent] == '*' || line[indent] == '+') &&
           is_blank(line[indent + 1]) &&
           line.find_first_not_of(" \t\r", indent + 1) != std::string_view::npos;
}

}  // namespace

// The offset of the first opener when the estimate passes the limit.
std::optional<std::size_t> slow_inline_html(std::string_view s) {
    const std::size_t n = s.size();
    // The work is at most (openers x length): a note with few openers, as
    // every real one, needs no closer look (and this runs on every note).
    std::uint64_t openers = 0;
    for (std::size_t at = s.find('<'); at != std::string_view::npos; at = s.find('<', at + 1))
        if (at + 1 < n && (s[at + 1] == '?' || s[at + 1] == '!')) ++openers;
    if (openers * n <= kMaxInlineHtmlScan) return std::nullopt;
    std::size_t paragraph_end = n, pi_close = n, gt = n, cdata_close = n;
    std::uint64_t work = 0;
    std::optional<std::size_t> first_opener;
    bool line_blank = true;  // the line after the current position, so far
    for (std::size_t i = n; i-- > 0;) {
        char c = s[i];
        if (c == '\n') {
            if (line_blank) paragraph_end = i + 1;
            line_blank = true;
        } else if (!is_blank(c) && c != '\r') {
            line_blank = false;
        }
        if (c == '>') gt = i;
        if (c == '?' && i + 1 < n && s[i + 1] == '>') pi_close = i;
        if (c == ']' && s.substr(i, 3) == "]]>") cdata_close = i;
        if (c != '<' || i + 1 >= n) continue;
        std::size_t closer = n;
        if (s[i + 1] == '?') {
            closer = pi_close;
        } else if (s.substr(i, 9) == "<![CDATA[") {
            closer = cdata_close;
        } else if (s[i + 1] == '!' && i + 2 < n && is_ascii_letter(s[i + 2])) {
            closer = gt;
        } else {
            continue;
        }
        work += std::min(closer, paragraph_end) - i;
        first_opener = i;
    }
    if (work <= kMaxInlineHtmlScan) return std::nullopt;
    return first_opener;
}

// The same cmark-gfm, on making a link, walks back over every bracket opener
// of the paragraph, and image openers `![` that never close stay there, so a
// paragraph of `![[]()` takes quadratic time (cmark's pathological test
// "pattern ![[]() repeated"). Estimated as, for every `]`, the `![` before it
// in the paragraph, closed or not (telling them apart would need code spans
// and escapes; only a paragraph of many thousand images reaches the limit).
// A paragraph is taken to end at a blank line, a bullet item or an ATX
// heading (indented less than 4 spaces: those always start a new block),
// which may only overestimate it.
std::optional<std::size_t> slow_image_brackets(std::string_view s) {
    // The work is at most (images x closing brackets): skip the walk when
    // that bound is already under the limit, as it is for every real note.
    std::uint64_t all_images = 0, all_closers = 0;
    for (std::size_t at = s.find("!["); at != std::string_view::npos; at = s.find("![", at + 2))
        ++all_images;
    for (std::size_t at = s.find(']'); at != std::string_view::npos; at = s.find(']', at + 1))
        ++all_closers;
    if (all_images * all_closers <= kMaxInlineHtmlScan) return std::nullopt;
    std::uint64_t work = 0, images = 0;
    std::optional<std::size_t> first_image;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t line_end = s.find('\n', i);
        if (line_end == std::string_view::npos) line_end = s.size();
        const std::string_view line = s.substr(i, line_end - i);
        if (starts_block(line)) images = 0;
        for (std::size_t j = 0; j < line.size(); ++j) {
            if (line[j] == '!' && j + 1 < line.size() && line[j + 1] == '[' &&
                (j == 0 || line[j - 1] != '<')) {  // not `<![CDATA[`
                ++images;
                if (!first_image) first_image = i + j;
            } else if (line[j] == ']') {
                work += images;
            }
        }
        i = line_end + 1;
    }
    if (work <= kMaxInlineHtmlScan) return std::nullopt;
    return first_image;
}

std::optional<SlowInput> slow_input(std::string_view body) {
    if (auto at = slow_inline_html(body))
        return SlowInput{*at, "too many unclosed '<?', '<!' or '<![CDATA[' in one paragraph"};
    if (auto at = slow_image_brackets(body))
        return SlowInput{*at, "too many unclosed '![' before links in one paragraph"};
    return std::nullopt;
}

}  // namespace touchbase
