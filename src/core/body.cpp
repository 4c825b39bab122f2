// SPEC §4: contact entries and action items, read from the cmark-gfm tree.
// Structure (headings, lists, items, code, quotes) always comes from the
// tree; only the text *inside* one heading, paragraph or task line is looked
// at character by character (body_text.h).
#include "body.h"

#include <algorithm>
#include <optional>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fmt/format.h>

#include "body_guards.h"
#include "body_markdown.h"
#include "body_walk.h"
#include "text.h"

namespace touchbase {

namespace {

class BodyScanner {
public:
    BodyScanner(std::string_view body, int first_line, const std::vector<std::string>& log_heading,
                std::string_view file, BodySpots* spots)
        : lines_(body),
          first_line_(first_line),
          log_heading_(&log_heading),
          file_(file),
          spots_(spots) {}

    BodyScan run(cmark_node* doc) {
        walk(doc);
        return std::move(scan_);
    }

private:
    int file_line(int cmark_line) const { return first_line_ + cmark_line - 1; }

    void warn(int cmark_line, int column, std::string message) {
        Problem p;
        p.file = std::string(file_);
        p.line = file_line(cmark_line);
        p.column = std::max(column, 1);
        p.severity = Severity::warning;
        p.message = std::move(message);
        scan_.problems.push_back(std::move(p));
    }

    void walk(cmark_node* doc) {
        IterPtr it(cmark_iter_new(doc));
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
            if (ev != CMARK_EVENT_ENTER) continue;
            cmark_node* node = cmark_iter_get_node(it.get());
            switch (cmark_node_get_type(node)) {
                case CMARK_NODE_BLOCK_QUOTE:
                    // SPEC §4.1: text in block quotes is never an entry; quoted
                    // tasks are someone else's words, not action items, either.
                    cmark_iter_reset(it.get(), node, CMARK_EVENT_EXIT);
                    break;
                case CMARK_NODE_HEADING:
                    on_heading(node, cmark_node_parent(node) == doc);
                    cmark_iter_reset(it.get(), node, CMARK_EVENT_EXIT);
                    break;
                case CMARK_NODE_PARAGRAPH:
                    cmark_iter_reset(it.get(), node, CMARK_EVENT_EXIT);
                    break;
                case CMARK_NODE_ITEM: on_item(node, doc); break;
                default:
                    // Code blocks and HTML blocks are leaves: nothing in them is read.
                    break;
            }
        }
    }

    void on_heading(cmark_node* node, bool top_level) {
        const int level = cmark_node_get_heading_level(node);
        const int line = cmark_node_get_start_line(node);
        std::string text = plain_text(node);
        if (top_level) {
            if (spots_) spots_->top_headings.push_back({line, level});
            // SPEC §4.1: a Log section runs to the next heading of its level or higher.
            if (in_log_ && level <= log_level_) in_log_ = false;
            if (is_log_section_heading(*log_heading_, text)) {
                in_log_ = true;
                log_level_ = level;
            }
        }
        if (level == 1 && !scan_.first_h1 && !text.empty()) scan_.first_h1 = text;
        cmark_node* first = cmark_node_first_child(node);
        const int column =
            first ? cmark_node_get_start_column(first) : cmark_node_get_start_column(node);
        const int last_line = std::max(line, cmark_node_get_end_line(node));
        ContactEntry* entry = add_entry(std::move(text), true, level, line, last_line, column);
        if (entry == nullptr) return;
        // SPEC §4.1: `#needs`, `#news` and `next:` in the paragraphs and list
        // items under the heading count for it.
        for (cmark_node* n = cmark_node_next(node);
             n != nullptr && cmark_node_get_type(n) != CMARK_NODE_HEADING; n = cmark_node_next(n))
            read_under_heading(n, *entry);
        check_next(*entry, line, column);
    }

    // The blocks under a dated heading: paragraphs and list items, leaving
    // out task items, list items that start with a date (entries of their
    // own, or meant to be), tables, code, HTML blocks and block quotes.
    void read_under_heading(cmark_node* node, ContactEntry& entry) {
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_PARAGRAPH: read_paragraph(node, entry); break;
            case CMARK_NODE_LIST:
                for (cmark_node* item = cmark_node_first_child(node); item;
                     item = cmark_node_next(item)) {
                    if (is_task_item(item)) continue;
                    cmark_node* para = cmark_node_first_child(item);
                    if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH &&
                        leading_date(plain_text(para)).kind != DateStart::none)
                        continue;
                    for (cmark_node* child = cmark_node_first_child(item); child;
                         child = cmark_node_next(child))
                        read_under_heading(child, entry);
                }
                break;
            default: break;  // block quotes, code, HTML blocks, thematic breaks
        }
    }

    // GFM tables are not parsed (the table extension is not attached, see
    // tasklist_extension): a paragraph line that is a delimiter row (`|---|`,
    // `--- | ---`) makes the line before it a table's header. The cmark line
    // where a table starts in `para`, or 0.
    int table_start(cmark_node* para) const {
        const int first = cmark_node_get_start_line(para);
        const int last = last_content_line(para);
        for (int l = first + 1; l <= last; ++l) {
            const std::string_view row = lines_.content(l);
            if (row.find('|') == std::string_view::npos) continue;
            bool dash = false, other = false;
            for (char c : row) {
                if (c == '-')
                    dash = true;
                else if (c != '|' && c != ':' && c != ' ' && c != '\t')
                    other = true;
            }
            if (dash && !other) return l - 1;
        }
        return 0;
    }

    void read_paragraph(cmark_node* para, ContactEntry& entry) {
        const int first = cmark_node_get_start_line(para);
        const int column = cmark_node_get_start_column(para);
        std::string text;
        int last = last_content_line(para);
        if (const int table = table_start(para)) {
            if (table == first) return;
            // The lines before the table, as written (markup kept).
            last = table - 1;
            for (int l = first; l <= last; ++l) {
                std::string_view content = lines_.content(l);
                if (l == first)
                    content.remove_prefix(
                        std::min<std::size_t>(content.size(),
                                              static_cast<std::size_t>(std::max(column, 1) - 1)));
                text += content;
                text += ' ';
            }
        } else {
            text = plain_text(para);
        }
        EntryMarks marks = read_marks(text);
        entry.marks.needs = entry.marks.needs || marks.needs;
        entry.marks.news = entry.marks.news || marks.news;
        // #missed and #card count only in the entry's own text (SPEC §4.1).
        std::erase_if(marks.near_misses, [](const EntryMarks::NearMiss& m) {
            return m.meant.find("#needs") == std::string::npos &&
                   m.meant.find("#news") == std::string::npos;
        });
        report_marks(marks, first, last, column);
        if (marks.next) {
            entry.marks.next = marks.next;
        } else if (!marks.next_invalid.empty()) {
            entry.marks.next.reset();
        }
    }

    // The file position of `needle` in the source lines first..last (cmark
    // lines), searched from `column` on the first line and after `cursor`
    // (the previous find, advanced); the start of the block if not found
    // (markup or escapes between the characters).
    std::pair<int, int> locate(int first, int last, int column, std::string_view needle,
                               std::pair<int, int>& cursor) const {
        for (int l = std::max(first, cursor.first); l <= last; ++l) {
            const std::string_view content = lines_.content(l);
            std::size_t from = l == first ? static_cast<std::size_t>(std::max(column, 1) - 1) : 0;
            if (l == cursor.first) from = std::max(from, static_cast<std::size_t>(cursor.second));
            const std::size_t at = content.find(needle, from);
            if (at != std::string_view::npos) {
                cursor = {l, static_cast<int>(at + 1)};
                return {l, static_cast<int>(at) + 1};
            }
        }
        return {first, column};
    }

    // Warnings for what read_marks found and did not read: near-miss tags,
    // a `next:` date that is none.
    void report_marks(const EntryMarks& marks, int first, int last, int column) {
        std::pair<int, int> cursor{first, 0};
        for (const auto& miss : marks.near_misses) {
            const auto [l, c] = locate(first, last, column, miss.written, cursor);
            warn(l, c, fmt::format("unknown tag {} (did you mean {}?)", miss.written, miss.meant));
        }
        if (!marks.next_invalid.empty()) {
            std::pair<int, int> next_cursor{first, 0};
            const auto [l, c] = locate(first, last, column, marks.next_invalid, next_cursor);
            warn(l, c,
                 marks.next_other_way
                     ? fmt::format("date '{}' after next: is written another way: write dates "
                                   "as YYYY-MM-DD; ignored",
                                   marks.next_invalid)
                     : fmt::format("invalid date '{}' after next:; ignored", marks.next_invalid));
        }
    }

    // SPEC §4.1: a `next:` on or before its own entry's date is ignored.
    void check_next(ContactEntry& entry, int line, int column) {
        if (entry.marks.next && *entry.marks.next <= entry.date) {
            warn(line, column,
                 fmt::format("next:{} is not after its entry's date {}; ignored",
                             entry.marks.next->str(), entry.date.str()));
            entry.marks.next.reset();
        }
    }

    void on_item(cmark_node* item, cmark_node* doc) {
        if (is_task_item(item)) {
            // Checked items are done; their nested items are still walked.
            if (!cmark_gfm_extensions_get_tasklist_item_checked(item)) on_open_task(item);
            return;
        }
        // SPEC §4.1: a top-level item of a list standing directly in the Log section.
        cmark_node* list = cmark_node_parent(item);
        if (!in_log_ || list == nullptr || cmark_node_parent(list) != doc) return;
        cmark_node* para = cmark_node_first_child(item);
        if (para == nullptr || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) return;
        const int line = cmark_node_get_start_line(item);
        const int column = cmark_node_get_start_column(para);
        if (ContactEntry* entry =
                add_entry(plain_text(para), false, log_level_, line, last_content_line(item),
                          column, last_content_line(para)))
            check_next(*entry, line, column);
    }

    // The entry, when `text` starts with a date; warnings for a date-like
    // start that is none, and for what read_marks did not read.
    ContactEntry* add_entry(std::string text, bool is_heading, int level, int line, int last_line,
                            int column, int text_last_line = 0) {
        const LeadingDate lead = leading_date(text);
        if (lead.kind == DateStart::none) return nullptr;
        if (lead.kind != DateStart::valid) {
            const char* what = is_heading ? "heading" : "log item";
            warn(line, column,
                 lead.kind == DateStart::invalid
                     ? fmt::format("invalid date '{}' at the start of a {}; it is not read as a "
                                   "contact entry",
                                   lead.written, what)
                     : fmt::format("date '{}' at the start of a {} is written another way: "
                                   "write dates as YYYY-MM-DD (it is not read as a contact entry)",
                                   lead.written, what));
            return nullptr;
        }
        ContactEntry entry{.date = *lead.date,
                           .line = file_line(line),
                           .text = {},
                           .marks = read_marks(text),
                           .is_heading = is_heading,
                           .column = column,
                           .level = level};
        report_marks(entry.marks, line,
                     text_last_line ? text_last_line : (is_heading ? last_line : line), column);
        entry.text = std::move(text);
        if (spots_) spots_->entries.push_back({is_heading, level, line, last_line, entry.date});
        scan_.entries.push_back(std::move(entry));
        return &scan_.entries.back();
    }

    // SPEC §4.2: the item's first source line, from where the paragraph
    // starts (after the box), so inline markup stays as written.
    void on_open_task(cmark_node* item) {
        cmark_node* para = cmark_node_first_child(item);
        if (para == nullptr || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
            return;  // an empty box (`- [ ]` and nothing else) asks for nothing
        const std::string_view source = lines_.content(cmark_node_get_start_line(para));
        const auto from =
            static_cast<std::size_t>(std::max(cmark_node_get_start_column(para), 1) - 1);
        std::string line(from < source.size() ? source.substr(from) : std::string_view{});

        TaskItem task;
        task.line = file_line(cmark_node_get_start_line(item));
        task.column = cmark_node_get_start_column(item);
        if (const auto marker = find_due_marker(line)) {
            if (marker->date) {
                task.due = marker->date;
                line.erase(marker->begin, marker->end - marker->begin);
            } else {
                warn(cmark_node_get_start_line(para),
                     cmark_node_get_start_column(para) + static_cast<int>(marker->begin),
                     marker->other_way
                         ? fmt::format("due date '{}' in a task is written another way: write "
                                       "dates as YYYY-MM-DD; the task has no date of its own",
                                       marker->date_text)
                         : fmt::format("invalid due date '{}' in a task; the task has no date "
                                       "of its own",
                                       marker->date_text));
            }
        }
        task.text = collapse_spaces(line);
        if (task.text.empty()) return;
        scan_.open_tasks.push_back(std::move(task));
    }

    LineIndex lines_;
    int first_line_;
    const std::vector<std::string>* log_heading_;
    std::string_view file_;
    BodySpots* spots_;

    bool in_log_ = false;
    int log_level_ = 0;
    BodyScan scan_;
};

}  // namespace

bool is_log_section_heading(const std::vector<std::string>& log_heading, std::string_view text) {
    return leading_date(text).kind == DateStart::none && names_log_section(log_heading, text);
}

BodyScan walk_body(cmark_node* doc, std::string_view body, int first_line,
                   const std::vector<std::string>& log_heading, std::string_view file,
                   BodySpots* spots) {
    return BodyScanner(body, first_line, log_heading, file, spots).run(doc);
}

BodyScan scan_body(std::string_view body, int first_line,
                   const std::vector<std::string>& log_heading, std::string_view file) {
    if (const auto slow = slow_input(body)) {
        // One error, and nothing else: cmark-gfm never sees this body.
        const LineIndex lines(body);
        BodyScan scan;
        scan.problems.push_back(Problem{
            std::string(file),
            first_line + lines.line_of(slow->offset) - 1,
            lines.column_of(slow->offset),
            Severity::error,
            fmt::format("{}: the Markdown parser would take too long (close them, or put them "
                        "in `code`)",
                        slow->what),
            {}});
        return scan;
    }
    NodePtr doc = parse_markdown(body);
    if (!doc) return {};
    return walk_body(doc.get(), body, first_line, log_heading, file);
}

}  // namespace touchbase
