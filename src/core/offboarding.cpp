// Coming off client work (SPEC §5.4).
#include "offboarding.h"

#include <fmt/format.h>

namespace touchbase {

bool offboarding_due(std::optional<Date> project_end, std::optional<Date> offboarded,
                     Engagement engagement, Date today) {
    return project_end && *project_end <= today && engagement != Engagement::active &&
           engagement != Engagement::paused && offboarded != project_end;
}

namespace {

// "unless the note already ends with one": its last line, once ended, is
// empty or white space only. An unended last line of spaces counts too.
bool ends_with_blank_line(std::string_view note) {
    std::string_view rest = note;
    if (!rest.empty() && rest.back() == '\n') {
        rest.remove_suffix(1);
        if (!rest.empty() && rest.back() == '\r') rest.remove_suffix(1);
    } else if (rest.find('\n') == std::string_view::npos) {
        return false;  // a one-line note: no line ends it yet
    }
    auto start = rest.rfind('\n');
    std::string_view last = start == std::string_view::npos ? rest : rest.substr(start + 1);
    return last.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

OffboardingAppend offboarding_append(std::string_view note, std::string_view eol, Date project_end,
                                     const std::vector<OffboardingStep>& steps) {
    OffboardingAppend result;
    std::string& out = result.text;
    if (!note.empty() && note.back() != '\n') out += eol;
    if (!note.empty() && !ends_with_blank_line(note)) out += eol;
    out += fmt::format("## Coming off client work ({}){}", project_end, eol);
    for (const auto& step : steps) {
        out += "- [ ] ";
        out += step.text;
        if (step.after) {
            auto due = add(project_end, *step.after);
            if (!due) {
                result.error = fmt::format("the due date of '{}' would pass 9999-12-31", step.text);
                result.text.clear();
                return result;
            }
            out += fmt::format(" 📅 {}", *due);
        }
        out += eol;
    }
    return result;
}

}  // namespace touchbase
