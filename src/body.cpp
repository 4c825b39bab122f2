// SPEC §4: contact entries and action items, read from the cmark-gfm tree.
// Structure (headings, lists, items, code, quotes) always comes from the
// tree; only the text *inside* one heading, paragraph or task line is looked
// at character by character.
#include "body.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <memory>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <fmt/format.h>

#include "text.h"

namespace touchbase {

namespace {

// ---------------------------------------------------------------------------
// Characters

// SPEC §4.1 tag and `next:` start: the start of the text, white space or '('.
bool opens_word(std::string_view s, std::size_t at) {
    return at == 0 || s[at - 1] == '(' || space_before(s, at);
}

// SPEC §4.1 tag end: the end of the text, white space, or ASCII punctuation
// other than '-', '_' and '/'.
bool closes_word(std::string_view s, std::size_t at) {
    if (at >= s.size() || space_at(s, at) > 0) return true;
    const char c = s[at];
    const bool punct = (c >= '!' && c <= '/') || (c >= ':' && c <= '@') ||
                       (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    return punct && c != '-' && c != '_' && c != '/';
}

// `DDDD-DD-DD` at `at` (any digits: validity is Date::parse's job).
bool date_shaped(std::string_view s, std::size_t at) {
    if (at + 10 > s.size()) return false;
    for (std::size_t i = 0; i < 10; ++i) {
        const char c = s[at + i];
        if ((i == 4 || i == 7) ? c != '-' : !is_digit(c)) return false;
    }
    return true;
}

std::size_t skip_blanks(std::string_view s, std::size_t at) {
    while (at < s.size() && (s[at] == ' ' || s[at] == '\t')) ++at;
    return at;
}

// ---------------------------------------------------------------------------
// Lines of the body, counted the way cmark counts them (LF, CRLF or a lone
// CR ends a line), so cmark's line numbers index them directly.

// ---------------------------------------------------------------------------
// cmark-gfm

// The registry of core extensions is global: register it once, from whichever
// thread comes first (a function-local static is initialised exactly once).
// Only `tasklist` is attached: it adds no special inline characters, so no
// parser writes cmark's global inline tables and parsers on several threads
// do not race (tables and autolinks would; DESIGN, Known facts).
cmark_syntax_extension* tasklist_extension() {
    static cmark_syntax_extension* const extension = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return cmark_find_syntax_extension("tasklist");
    }();
    return extension;
}

struct ParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterFree {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;

NodePtr parse_markdown(std::string_view body) {
    std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
    if (!parser) return nullptr;
    if (cmark_syntax_extension* ext = tasklist_extension())
        cmark_parser_attach_syntax_extension(parser.get(), ext);
    cmark_parser_feed(parser.get(), body.data(), body.size());
    return NodePtr(cmark_parser_finish(parser.get()));
}

bool is_task_item(cmark_node* node) {
    return cmark_node_get_type(node) == CMARK_NODE_ITEM && tasklist_extension() != nullptr &&
           cmark_node_get_syntax_extension(node) == tasklist_extension();
}

bool is_block(cmark_node* node) {
    return (static_cast<unsigned>(cmark_node_get_type(node)) & CMARK_NODE_TYPE_MASK) ==
           CMARK_NODE_TYPE_BLOCK;
}

// SPEC §4.1: the text with the markup removed. Text and code spans keep
// their characters, line breaks become a space, raw HTML is dropped, links
// and images keep their text.
std::string plain_text(cmark_node* node) {
    std::string out;
    IterPtr it(cmark_iter_new(node));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* n = cmark_iter_get_node(it.get());
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            if (const char* lit = cmark_node_get_literal(n)) out += lit;
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            out += ' ';
            break;
        default:
            break;
        }
    }
    return out;
}

// The last source line a block really occupies. cmark lets a block that is
// followed by a blank line end at column 0 of the next line; the last child
// block tells the truth.
int last_content_line(cmark_node* node) {
    for (;;) {
        cmark_node* child = cmark_node_last_child(node);
        if (child == nullptr || !is_block(child)) break;
        node = child;
    }
    const int line = cmark_node_get_end_line(node);
    return cmark_node_get_end_column(node) == 0 ? line - 1 : line;
}

// ---------------------------------------------------------------------------
// Due markers (SPEC §4.2)

struct DueMarker {
    std::size_t begin = 0, end = 0;  // the marker's bytes in the line
    std::string date_text;           // the ten date characters as written
    std::optional<Date> date;        // when date_text is a real date
};

// The date at `at` if it is shaped like one and not glued to more digits or letters.
bool date_token(std::string_view s, std::size_t at) {
    if (!date_shaped(s, at)) return false;
    const std::size_t end = at + 10;
    if (end >= s.size()) return true;
    const char c = s[end];
    return !(is_digit(c) || is_ascii_letter(c));
}

std::optional<DueMarker> make_marker(std::string_view s, std::size_t begin, std::size_t date_at,
                                     std::size_t end) {
    DueMarker m;
    m.begin = begin;
    m.end = end;
    m.date_text = std::string(s.substr(date_at, 10));
    m.date = Date::parse(m.date_text);
    return m;
}

// `📅` (U+1F4C5), an optional U+FE0F, any white space, then the date.
std::optional<DueMarker> calendar_marker_at(std::string_view s, std::size_t at) {
    static constexpr std::string_view calendar = "\xF0\x9F\x93\x85";
    static constexpr std::string_view variation = "\xEF\xB8\x8F";
    if (s.substr(at, calendar.size()) != calendar) return std::nullopt;
    std::size_t p = at + calendar.size();
    if (s.substr(p, variation.size()) == variation) p += variation.size();
    p = skip_spaces(s, p);
    if (!date_token(s, p)) return std::nullopt;
    return make_marker(s, at, p, p + 10);
}

// todo.txt `due:DATE` (case-insensitive; spaces after the colon allowed),
// starting a word so that `overdue:` is not one.
std::optional<DueMarker> todo_marker_at(std::string_view s, std::size_t at) {
    if (!istarts_with_at(s, at, "due:") || !opens_word(s, at)) return std::nullopt;
    const std::size_t p = skip_blanks(s, at + 4);
    if (!date_token(s, p)) return std::nullopt;
    return make_marker(s, at, p, p + 10);
}

// Dataview inline field `[due:: DATE]` or `(due:: DATE)`.
std::optional<DueMarker> dataview_marker_at(std::string_view s, std::size_t at) {
    if (at >= s.size() || (s[at] != '[' && s[at] != '(')) return std::nullopt;
    const char close = s[at] == '[' ? ']' : ')';
    if (!istarts_with_at(s, at + 1, "due::")) return std::nullopt;
    const std::size_t p = skip_spaces(s, at + 6);
    if (!date_shaped(s, p)) return std::nullopt;
    const std::size_t q = skip_spaces(s, p + 10);
    if (q >= s.size() || s[q] != close) return std::nullopt;
    return make_marker(s, at, p, q + 1);
}

// The first due marker of the line (the leftmost one wins).
std::optional<DueMarker> find_due_marker(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (auto m = calendar_marker_at(s, i)) return m;
        if (auto m = dataview_marker_at(s, i)) return m;
        if (auto m = todo_marker_at(s, i)) return m;
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Guards for cmark-gfm's slow inline parsing

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
        } else if (c != ' ' && c != '\t' && c != '\r') {
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
        } else if (s[i + 1] == '!' && i + 2 < n &&
                   ((s[i + 2] >= 'A' && s[i + 2] <= 'Z') || (s[i + 2] >= 'a' && s[i + 2] <= 'z'))) {
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
        std::string_view line = s.substr(i, line_end - i);
        std::size_t indent = line.find_first_not_of(" \t\r");
        bool starts_block =
            indent == std::string_view::npos ||
            (indent < 4 && line.size() > indent + 2 &&
             (line[indent] == '-' || line[indent] == '*' || line[indent] == '+') &&
             (line[indent + 1] == ' ' || line[indent + 1] == '\t') &&
             line.find_first_not_of(" \t\r", indent + 1) != std::string_view::npos) ||
            (indent < 4 && line[indent] == '#');
        if (starts_block) images = 0;
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

// ---------------------------------------------------------------------------
// The walk

struct EntrySpot {
    bool is_heading = false;
    int level = 0;
    int first_line = 0;  // cmark lines
    int last_line = 0;
    Date date;
};

class BodyScanner {
public:
    BodyScanner(std::string_view body, int first_line, std::string_view log_heading,
                std::string_view file)
        : body_(body), lines_(body), first_line_(first_line), log_heading_(log_heading),
          file_(file) {}

    BodyScan run() {
        std::optional<std::size_t> at = slow_inline_html(body_);
        const char* what = "too many unclosed '<?', '<!' or '<![CDATA[' in one paragraph";
        if (!at) {
            at = slow_image_brackets(body_);
            what = "too many unclosed '![' before links in one paragraph";
        }
        if (at) {
            // Counted as cmark counts lines (LF, CRLF or a lone CR).
            int line = 1;
            std::size_t line_start = 0;
            for (std::size_t i = 0; i < *at; ++i) {
                if (body_[i] == '\n' || (body_[i] == '\r' && (i + 1 >= body_.size() || body_[i + 1] != '\n'))) {
                    ++line;
                    line_start = i + 1;
                }
            }
            warn(line, static_cast<int>(*at - line_start) + 1,
                 fmt::format("{}: the Markdown parser would take too long (close them, or put "
                             "them in `code`)", what));
            scan_.problems.back().severity = Severity::error;
            return std::move(scan_);
        }
        NodePtr doc = parse_markdown(body_);
        if (doc) walk(doc.get());
        scan_.layout = layout();
        if (doc) scan_.layout.log_section_end = log_section_end(doc.get());
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
            case CMARK_NODE_ITEM:
                on_item(node, doc);
                break;
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
            headings_.push_back({line, level});
            // SPEC §4.1: a Log section runs to the next heading of its level or higher.
            if (in_log_ && level <= log_level_) in_log_ = false;
            if (!log_heading_.empty() && iequals(text, log_heading_)) {
                in_log_ = true;
                log_level_ = level;
            }
        }
        if (level == 1 && !scan_.first_h1 && !text.empty()) scan_.first_h1 = text;
        cmark_node* first = cmark_node_first_child(node);
        const int column = first ? cmark_node_get_start_column(first)
                                 : cmark_node_get_start_column(node);
        add_entry(std::move(text), true, level, line, line, column);
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
        add_entry(plain_text(para), false, log_level_, cmark_node_get_start_line(item),
                  last_content_line(item), cmark_node_get_start_column(para));
    }

    void add_entry(std::string text, bool is_heading, int level, int line, int last_line,
                   int column) {
        const LeadingDate lead = leading_date(text);
        if (lead.kind == DateStart::none) return;
        if (lead.kind == DateStart::invalid) {
            const std::size_t at = text.starts_with("[[") ? 2 : 0;
            warn(line, column,
                 fmt::format("invalid date '{}' at the start of a {}; it is not read as a "
                             "contact entry",
                             text.substr(at, 10), is_heading ? "heading" : "log item"));
            return;
        }
        ContactEntry entry{.date = *lead.date,
                           .line = file_line(line),
                           .text = {},
                           .marks = read_marks(text),
                           .is_heading = is_heading,
                           .column = column,
                           .level = level};
        if (!entry.marks.next_invalid.empty())
            warn(line, column,
                 fmt::format("invalid date '{}' after next:; ignored", entry.marks.next_invalid));
        if (entry.marks.next && *entry.marks.next <= entry.date) {
            warn(line, column,
                 fmt::format("next:{} is not after its entry's date {}; ignored",
                             entry.marks.next->str(), entry.date.str()));
            entry.marks.next.reset();
        }
        entry.text = std::move(text);
        spots_.push_back({is_heading, level, line, last_line, entry.date});
        scan_.entries.push_back(std::move(entry));
    }

    // SPEC §4.2: the item's first source line, from where the paragraph
    // starts (after the box), so inline markup stays as written.
    void on_open_task(cmark_node* item) {
        cmark_node* para = cmark_node_first_child(item);
        if (para == nullptr || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
            return;  // an empty box (`- [ ]` and nothing else) asks for nothing
        const std::string_view source = lines_.content(cmark_node_get_start_line(para));
        const auto from = static_cast<std::size_t>(std::max(cmark_node_get_start_column(para), 1) - 1);
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
                     fmt::format("invalid due date '{}' in a task; the task has no date of "
                                 "its own",
                                 marker->date_text));
            }
        }
        task.text = collapse_spaces(line);
        if (task.text.empty()) return;
        scan_.open_tasks.push_back(std::move(task));
    }

    // Where `touchbase log` writes (see LogLayout).
    LogLayout layout() const {
        LogLayout out;
        if (spots_.empty()) return out;
        const bool headings = spots_.back().is_heading;
        std::vector<EntrySpot> sel;
        for (const auto& s : spots_)
            if (s.is_heading == headings) sel.push_back(s);
        out.style = headings ? LogLayout::Style::headings : LogLayout::Style::list;
        bool descending = true;
        for (std::size_t i = 1; i < sel.size(); ++i)
            if (sel[i].date > sel[i - 1].date) descending = false;
        out.newest_first = descending && sel.front().date != sel.back().date;
        out.heading_level = out.newest_first ? sel.front().level : sel.back().level;
        out.insert_top = static_cast<long>(lines_.start(sel.front().first_line));
        const EntrySpot& last = sel.back();
        if (headings) {
            out.insert_bottom = static_cast<long>(body_.size());
            for (const auto& [line, level] : headings_) {
                if (line > last.first_line && level <= last.level) {
                    out.insert_bottom = static_cast<long>(lines_.start(line));
                    break;
                }
            }
        } else {
            out.insert_bottom = static_cast<long>(lines_.after(last.last_line));
        }
        return out;
    }

    // last_content_line, except for HTML blocks, whose end cmark-gfm 0.29
    // reports before their start: counted from their literal text instead.
    static int block_last_line(cmark_node* node) {
        if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK) return last_content_line(node);
        const char* literal = cmark_node_get_literal(node);
        std::string_view text = literal ? literal : "";
        if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
        return cmark_node_get_start_line(node) +
               static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    }

    // See LogLayout::log_section_end. Top-level blocks only: a Log section is
    // made by a top-level heading (as in on_heading).
    long log_section_end(cmark_node* doc) const {
        for (cmark_node* node = cmark_node_first_child(doc); node; node = cmark_node_next(node)) {
            if (cmark_node_get_type(node) != CMARK_NODE_HEADING) continue;
            if (log_heading_.empty() || !iequals(plain_text(node), log_heading_)) continue;
            const int level = cmark_node_get_heading_level(node);
            int last = cmark_node_get_end_line(node);
            for (cmark_node* n = cmark_node_next(node); n; n = cmark_node_next(n)) {
                if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
                    cmark_node_get_heading_level(n) <= level)
                    break;
                last = std::max(last, block_last_line(n));
            }
            return static_cast<long>(lines_.after(last));
        }
        return -1;
    }

    std::string_view body_;
    LineIndex lines_;
    int first_line_;
    std::string_view log_heading_;
    std::string_view file_;

    bool in_log_ = false;
    int log_level_ = 0;
    std::vector<std::pair<int, int>> headings_;  // top-level headings: (cmark line, level)
    std::vector<EntrySpot> spots_;
    BodyScan scan_;
};

}  // namespace

// ---------------------------------------------------------------------------

LeadingDate leading_date(std::string_view text) {
    LeadingDate out;
    std::size_t at = 0, end = 10;
    if (text.starts_with("[[")) {
        if (!date_shaped(text, 2) || text.substr(12, 2) != "]]") return out;
        at = 2;
        end = 14;
    } else if (!date_shaped(text, 0)) {
        return out;
    }
    // Followed by the end, white space, or one of `: , . ; )`.
    if (end < text.size() && space_at(text, end) == 0) {
        static constexpr std::string_view allowed = ":,.;)";
        if (allowed.find(text[end]) == std::string_view::npos) return out;
    }
    out.date = Date::parse(text.substr(at, 10));
    out.kind = out.date ? DateStart::valid : DateStart::invalid;
    return out;
}

EntryMarks read_marks(std::string_view text) {
    EntryMarks marks;
    struct Tag {
        std::string_view word;
        bool EntryMarks::*flag;
    };
    static constexpr Tag tags[] = {{"needs", &EntryMarks::needs},
                                   {"news", &EntryMarks::news},
                                   {"missed", &EntryMarks::missed},
                                   {"card", &EntryMarks::card}};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '#' && opens_word(text, i)) {
            for (const Tag& tag : tags) {
                const std::size_t end = i + 1 + tag.word.size();
                if (!istarts_with_at(text, i + 1, tag.word) || !closes_word(text, end)) continue;
                marks.*(tag.flag) = true;
                if (tag.flag != &EntryMarks::card) continue;
                // `#card:OCCASION` (SPEC §5.5): letters, digits and `-` after
                // the colon; `#card` alone, or `#card:` with none, is bare.
                std::size_t stop = end < text.size() && text[end] == ':' ? end + 1 : end;
                while (stop < text.size() &&
                       (is_ascii_alnum(text[stop]) || text[stop] == '-'))
                    ++stop;
                if (stop > end + 1)
                    marks.card_occasions.emplace_back(text.substr(end + 1, stop - end - 1));
                else
                    marks.card_bare = true;
            }
        } else if (ascii_lower(text[i]) == 'n' && istarts_with_at(text, i, "next:") &&
                   opens_word(text, i)) {
            // `next:DATE`; spaces after the colon are allowed. Where an entry
            // holds several, the last one wins (as across entries, SPEC §5.3).
            const std::size_t p = skip_blanks(text, i + 5);
            if (date_token(text, p)) {
                const std::string_view written = text.substr(p, 10);
                if (auto d = Date::parse(written)) {
                    marks.next = d;
                    marks.next_invalid.clear();
                } else {
                    marks.next.reset();
                    marks.next_invalid = std::string(written);
                }
            }
        }
    }
    return marks;
}

BodyScan scan_body(std::string_view body, int first_line, std::string_view log_heading,
                   std::string_view file) {
    return BodyScanner(body, first_line, log_heading, file).run();
}

}  // namespace touchbase
