#include "problem.h"

#include <algorithm>

#include <fmt/format.h>

#include "text.h"

namespace touchbase {

const char* to_string(Severity s) { return s == Severity::error ? "error" : "warning"; }

std::string format_problem(const Problem& p) {
    // A problem of the command line itself has no file and no position.
    if (p.file.empty()) return fmt::format("touchbase: {}: {}", to_string(p.severity), p.message);
    return fmt::format("{}:{}:{}: {}: {}", p.file, p.line, p.column, to_string(p.severity),
                       p.message);
}

std::string format_problem_with_source(const Problem& p) {
    std::string out = format_problem(p);
    if (p.line > 0 && !p.source_line.empty()) {
        out += '\n';
        out += p.source_line;
        out += '\n';
        // Keep tabs under tabs so the caret lines up in a terminal.
        int col = std::max(p.column, 1);
        for (int i = 0; i + 1 < col && i < static_cast<int>(p.source_line.size()); ++i)
            out += p.source_line[i] == '\t' ? '\t' : ' ';
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
