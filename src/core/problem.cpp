#include "problem.h"

#include <algorithm>

#include <fmt/format.h>

#include "text.h"

namespace touchbase {

const char* to_string(Severity s) { return s == Severity::error ? "error" : "warning"; }

namespace {

// The length of the valid UTF-8 sequence at `i`, or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t n = lead < 0x80                   ? 1
                          : lead >= 0xC2 && lead < 0xE0 ? 2
                          : lead >= 0xE0 && lead < 0xF0 ? 3
                          : lead >= 0xF0 && lead < 0xF5 ? 4
                                                        : 0;
    if (n == 0 || i + n > text.size()) return 0;
    return first_invalid_utf8(text.substr(i, n)) ? 0 : n;
}

}  // namespace

std::string shown_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += '\t';  // harmless, and lines up source lines as written
        } else if (c < 0x20 || c == 0x7F) {
            out += fmt::format("\\x{:02x}", c);
        } else if (c < 0x80) {
            out += text[i];
        } else if (std::size_t n = utf8_length(text, i); n == 0) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            if (n == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0)
                out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));  // C1
            else
                out.append(text.substr(i, n));
            i += n;
            continue;
        }
        ++i;
    }
    return out;
}

std::string format_problem(const Problem& p) {
    // A problem of the command line itself has no file and no position.
    if (p.file.empty())
        return fmt::format("touchbase: {}: {}", to_string(p.severity), shown_text(p.message));
    if (p.line <= 0)
        return fmt::format("{}: {}: {}", shown_text(p.file), to_string(p.severity),
                           shown_text(p.message));
    return fmt::format("{}:{}:{}: {}: {}", shown_text(p.file), p.line, p.column,
                       to_string(p.severity), shown_text(p.message));
}

std::string format_problem_with_source(const Problem& p) {
    std::string out = format_problem(p);
    if (p.line > 0 && !p.source_line.empty()) {
        const std::string line = shown_text(p.source_line);
        out += '\n';
        out += line;
        out += '\n';
        // The caret goes under the character at byte `column` of the line as
        // written: one space per character shown before it (an escape counts
        // as the characters it shows), tabs kept under tabs for a terminal.
        const std::size_t col = static_cast<std::size_t>(std::max(p.column, 1)) - 1;
        const std::string before =
            shown_text(p.source_line.substr(0, std::min(col, p.source_line.size())));
        for (std::size_t i = 0; i < before.size(); ++i) {
            const auto c = static_cast<unsigned char>(before[i]);
            if ((c & 0xC0) == 0x80) continue;  // a continuation byte: same character
            out += c == '\t' ? '\t' : ' ';
        }
        out += '^';
    }
    return out;
}

void attach_source_lines(std::vector<Problem>& problems, std::string_view bytes) {
    for (auto& p : problems) {
        if (p.line <= 0 || !p.source_line.empty()) continue;
        const std::optional<std::string_view> line = line_text(bytes, p.line);
        if (!line) continue;
        // Never echo invalid UTF-8 (SPEC §9): the first bad byte is the
        // problem's own column, so the caret still lines up.
        p.source_line = valid_utf8(*line);
    }
}

void sort_problems(std::vector<Problem>& problems) {
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
        if (a.file != b.file) return a.file < b.file;
        if (a.line != b.line) return a.line < b.line;
        return a.column < b.column;
    });
}

}  // namespace touchbase
