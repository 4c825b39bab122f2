// Coming off client work (SPEC §5.4).
#include "offboarding.h"

#include <memory>

#include <cmark-gfm.h>
#include <fmt/format.h>

#include "body_markdown.h"
#include "text.h"

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

namespace {

// Headings and lists only: no extension needed.
NodePtr parse(std::string_view text) {
    return NodePtr(cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT));
}

}  // namespace

bool checklist_in_progress(std::optional<Date> project_end, std::optional<Date> offboarded,
                           std::string_view body, int first_line,
                           const std::vector<int>& open_task_lines) {
    if (!project_end || !offboarded || *project_end == *offboarded) return false;
    if (std::abs(days_between(*offboarded, *project_end)) > 30) return false;
    if (open_task_lines.empty()) return false;
    // Sections are made by top-level headings (as the contact log's are).
    struct Heading {
        int line, level;
        bool checklist;
    };
    std::vector<Heading> headings;
    NodePtr doc = parse(body);
    for (cmark_node* n = cmark_node_first_child(doc.get()); n; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) != CMARK_NODE_HEADING) continue;
        headings.push_back({cmark_node_get_start_line(n) + first_line - 1,
                            cmark_node_get_heading_level(n),
                            istarts_with(plain_text(n), "Coming off client work")});
    }
    for (int task : open_task_lines) {
        // The innermost section holding the task is that of the last heading
        // before it; its enclosing sections are those of the earlier headings
        // of a lower level not closed in between.
        int level_bound = 7;
        for (auto h = headings.rbegin(); h != headings.rend(); ++h) {
            if (h->line >= task || h->level >= level_bound) continue;
            if (h->checklist) return true;
            level_bound = h->level;
        }
    }
    return false;
}

std::optional<std::string> checklist_swallowed(std::string_view body, std::string_view append) {
    std::string text(body);
    text += append;
    NodePtr doc = parse(text);
    // Read as written, the checklist is the last top-level block (its list,
    // or its heading when the list is empty), after the heading.
    cmark_node* last = cmark_node_last_child(doc.get());
    cmark_node* heading =
        last && cmark_node_get_type(last) == CMARK_NODE_LIST ? cmark_node_previous(last) : last;
    if (heading && cmark_node_get_type(heading) == CMARK_NODE_HEADING &&
        plain_text(heading).starts_with("Coming off client work"))
        return std::nullopt;
    if (last && cmark_node_get_type(last) == CMARK_NODE_HTML_BLOCK)
        return std::string(
            "the note ends inside an HTML block that is never closed (a comment, "
            "<pre>, <script>, <style>, ...), so the checklist would not be read as "
            "tasks: close the block, and the next run adds it");
    return std::string(
        "the note ends inside a fenced code block that is never closed, so the "
        "checklist would not be read as tasks: close the block (its opening fence "
        "again, on a line of its own), and the next run adds it");
}

std::optional<std::string> active_past_project_end(std::optional<Date> project_end,
                                                   Engagement engagement, Date today) {
    if (engagement != Engagement::active || !project_end || *project_end > today)
        return std::nullopt;
    return fmt::format(
        "project_end {} has passed and the engagement is still active (a check-in every workday): "
        "set the engagement to ongoing or former to start coming off client work",
        *project_end);
}

}  // namespace touchbase
