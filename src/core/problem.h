// Problems are data (DESIGN): every parse or validation failure becomes a
// Problem that travels with the note's result. No exception crosses a module
// boundary.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace touchbase {

enum class Severity { warning, error };

struct Problem {
    std::string file;  // path relative to DIR, '/' separators; empty: the command line
    int line = 0;      // 1-based, line 1 is the opening '---' (SPEC §4.2)
    int column = 0;    // 1-based, in bytes
    Severity severity = Severity::error;
    std::string message;
    std::string source_line;  // the text of `line`, for the caret display

    friend bool operator==(const Problem&, const Problem&) = default;
};

inline bool has_error(const std::vector<Problem>& problems) {
    for (const auto& p : problems)
        if (p.severity == Severity::error) return true;
    return false;
}

const char* to_string(Severity s);

// Text as it may be shown on a terminal or in the agenda (SPEC §6, §9):
// control characters (C0 but tab, DEL and C1) become escapes (`\n`, `\r`,
// `\x1b`, `\u0085`) and an invalid UTF-8 byte becomes `\xNN`, so that a file
// name or a text can neither drive the terminal nor break a line. Everything
// else is kept.
std::string shown_text(std::string_view text);

// "path:line:column: severity: message" (path and message as shown_text;
// "path: severity: message" for a problem of a file or folder as a whole,
// line 0; "touchbase: severity: message" for a problem of the command line,
// no file)
std::string format_problem(const Problem& p);

// format_problem, then the source line and a caret under the column (SPEC §7).
std::string format_problem_with_source(const Problem& p);

// Fills source_line of every problem from the file's bytes (line 1 is the
// first line of the file, a leading BOM not counted).
void attach_source_lines(std::vector<Problem>& problems, std::string_view bytes);

// Sorts by file, then line, then column (SPEC §7.1), stable.
void sort_problems(std::vector<Problem>& problems);

}  // namespace touchbase
