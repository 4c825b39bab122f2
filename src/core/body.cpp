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

#include "log_heading.h"
#include "spelling.h"
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


// A date (SPEC §1, date_token_at: one-digit month or day and a `T` time
// allowed; validity is not checked) at `at`: its token, length 0 if none.
DateToken date_at(std::string_view s, std::size_t at) {
    return at <= s.size() ? date_token_at(s.substr(at)) : DateToken{};
}

// A date written another way (other_date_shape_at) at `at`: its length, or 0.
std::size_t other_date_at(std::string_view s, std::size_t at) {
    return at <= s.size() ? other_date_shape_at(s.substr(at)) : 0;
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
    std::string date_text;           // the date as written
    std::optional<Date> date;        // when date_text is a real date
    bool other_way = false;          // a date written another way (`03.12.2026`)
};

// The length of the date at `at`, shaped like one (valid or not) or written
// another way, and not glued to more digits or letters; 0 if none.
// `other_way` says which.
std::size_t date_word(std::string_view s, std::size_t at, bool& other_way) {
    other_way = false;
    std::size_t len = date_at(s, at).length;
    if (len == 0) {
        len = other_date_at(s, at);
        other_way = len > 0;
    }
    if (len == 0) return 0;
    if (at + len < s.size() && is_ascii_alnum(s[at + len])) return 0;
    return len;
}

std::optional<DueMarker> make_marker(std::string_view s, std::size_t begin, std::size_t date_at,
                                     std::size_t length, bool other_way, std::size_t end) {
    DueMarker m;
    m.begin = begin;
    m.end = end;
    m.date_text = std::string(s.substr(date_at, length));
    m.other_way = other_way;
    if (!other_way) m.date = Date::parse(m.date_text);
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
    bool other = false;
    const std::size_t len = date_word(s, p, other);
    if (len == 0) return std::nullopt;
    return make_marker(s, at, p, len, other, p + len);
}

// todo.txt `due:DATE` (case-insensitive; spaces after the colon allowed),
// starting a word so that `overdue:` is not one.
std::optional<DueMarker> todo_marker_at(std::string_view s, std::size_t at) {
    if (!istarts_with_at(s, at, "due:") || !opens_word(s, at)) return std::nullopt;
    const std::size_t p = skip_blanks(s, at + 4);
    bool other = false;
    const std::size_t len = date_word(s, p, other);
    if (len == 0) return std::nullopt;
    return make_marker(s, at, p, len, other, p + len);
}

// Dataview inline field `[due:: DATE]` or `(due:: DATE)`.
std::optional<DueMarker> dataview_marker_at(std::string_view s, std::size_t at) {
    if (at >= s.size() || (s[at] != '[' && s[at] != '(')) return std::nullopt;
    const char close = s[at] == '[' ? ']' : ')';
    if (!istarts_with_at(s, at + 1, "due::")) return std::nullopt;
    const std::size_t p = skip_spaces(s, at + 6);
    bool other = false;
    const std::size_t len = date_word(s, p, other);
    if (len == 0) return std::nullopt;
    const std::size_t q = skip_spaces(s, p + len);
    if (q >= s.size() || s[q] != close) return std::nullopt;
    return make_marker(s, at, p, len, other, q + 1);
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
    BodyScanner(std::string_view body, int first_line, const std::vector<std::string>& log_heading,
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

    // SPEC §4.1: a log section's heading names one of `log_heading`, and is
    // not itself an entry.
    bool is_log_heading(const std::string& text) const {
        return leading_date(text).kind == DateStart::none && log_heading_.matches(text);
    }

    void on_heading(cmark_node* node, bool top_level) {
        const int level = cmark_node_get_heading_level(node);
        const int line = cmark_node_get_start_line(node);
        std::string text = plain_text(node);
        if (top_level) {
            headings_.push_back({line, level});
            // SPEC §4.1: a Log section runs to the next heading of its level or higher.
            if (in_log_ && level <= log_level_) in_log_ = false;
            if (is_log_heading(text)) {
                in_log_ = true;
                log_level_ = level;
            }
        }
        if (level == 1 && !scan_.first_h1 && !text.empty()) scan_.first_h1 = text;
        cmark_node* first = cmark_node_first_child(node);
        const int column = first ? cmark_node_get_start_column(first)
                                 : cmark_node_get_start_column(node);
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
        case CMARK_NODE_PARAGRAPH:
            read_paragraph(node, entry);
            break;
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
        default:
            break;  // block quotes, code, HTML blocks, thematic breaks
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
                if (c == '-') dash = true;
                else if (c != '|' && c != ':' && c != ' ' && c != '\t') other = true;
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
                if (l == first) content.remove_prefix(std::min<std::size_t>(
                    content.size(), static_cast<std::size_t>(std::max(column, 1) - 1)));
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
            warn(l, c, fmt::format("unknown tag {} (did you mean {}?)", miss.written,
                                   miss.meant));
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
        if (ContactEntry* entry = add_entry(plain_text(para), false, log_level_, line,
                                            last_content_line(item), column,
                                            last_content_line(para)))
            check_next(*entry, line, column);
    }

    // The entry, when `text` starts with a date; warnings for a date-like
    // start that is none, and for what read_marks did not read.
    ContactEntry* add_entry(std::string text, bool is_heading, int level, int line, int last_line,
                            int column, int text_last_line = 0) {
        const LeadingDate lead = leading_date(text);
        if (lead.kind == DateStart::none) return nullptr;
        const char* what = is_heading ? "heading" : "log item";
        if (lead.kind == DateStart::invalid) {
            warn(line, column,
                 fmt::format("invalid date '{}' at the start of a {}; it is not read as a "
                             "contact entry",
                             lead.written, what));
            return nullptr;
        }
        if (lead.kind == DateStart::other_way) {
            warn(line, column,
                 fmt::format("date '{}' at the start of a {} is written another way: write "
                             "dates as YYYY-MM-DD (it is not read as a contact entry)",
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
        report_marks(entry.marks, line, text_last_line ? text_last_line : (is_heading ? last_line : line),
                     column);
        entry.text = std::move(text);
        spots_.push_back({is_heading, level, line, last_line, entry.date});
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
            if (!is_log_heading(plain_text(node))) continue;
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
    LogHeadings log_heading_;
    std::string_view file_;

    bool in_log_ = false;
    int log_level_ = 0;
    std::vector<std::pair<int, int>> headings_;  // top-level headings: (cmark line, level)
    std::vector<EntrySpot> spots_;
    BodyScan scan_;
};

}  // namespace

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

// ---------------------------------------------------------------------------

LeadingDate leading_date(std::string_view text) {
    LeadingDate out;
    const std::size_t at = text.starts_with("[[") ? 2 : 0;
    std::size_t len = date_at(text, at).length;
    const bool other_way = len == 0;
    if (other_way) len = other_date_at(text, at);
    if (len == 0) return out;
    std::size_t end = at + len;
    if (at == 2) {
        if (text.substr(end, 2) != "]]") return out;
        end += 2;
    }
    // Followed by the end, white space, or one of `: , . ; )`.
    if (end < text.size() && space_at(text, end) == 0) {
        static constexpr std::string_view allowed = ":,.;)";
        if (allowed.find(text[end]) == std::string_view::npos) return out;
    }
    const std::string_view written = text.substr(at, len);
    if (other_way) {
        out.kind = DateStart::other_way;
        out.written = std::string(written);
        return out;
    }
    out.date = Date::parse(written);
    out.kind = out.date ? DateStart::valid : DateStart::invalid;
    if (!out.date) out.written = std::string(written);
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
            std::size_t end = i + 1;
            while (end < text.size() && is_ascii_letter(text[end])) ++end;
            const std::string_view word = text.substr(i + 1, end - i - 1);
            if (word.empty()) continue;
            const bool closed = closes_word(text, end);
            const bool suffixed =
                end < text.size() && (text[end] == '-' || text[end] == '_' || text[end] == '/');
            std::string meant;
            const Tag* exact = nullptr;
            for (const Tag& tag : tags)
                if (iequals(word, tag.word)) exact = &tag;
            if (exact && closed) {
                marks.*(exact->flag) = true;
                if (exact->flag == &EntryMarks::card) {
                    // `#card:OCCASION` (SPEC §5.5): letters, digits and `-`
                    // after the colon; `#card` alone, or `#card:` with none, is bare.
                    std::size_t stop = end < text.size() && text[end] == ':' ? end + 1 : end;
                    while (stop < text.size() &&
                           (is_ascii_alnum(text[stop]) || text[stop] == '-'))
                        ++stop;
                    if (stop > end + 1)
                        marks.card_occasions.emplace_back(text.substr(end + 1, stop - end - 1));
                    else
                        marks.card_bare = true;
                }
            } else if (exact && suffixed) {
                meant = fmt::format("#{}", exact->word);
            } else if (!exact && closed && word.size() >= 4) {
                // SPEC §4.1: a word tag of four letters or more, one edit away.
                for (const Tag& tag : tags)
                    if (one_edit_apart(word, tag.word))
                        meant += fmt::format("{}#{}", meant.empty() ? "" : " or ", tag.word);
            }
            if (!meant.empty()) {
                std::size_t shown = end;
                if (suffixed)
                    while (shown < text.size() && space_at(text, shown) == 0 &&
                           (is_ascii_alnum(text[shown]) || text[shown] == '-' || text[shown] == '_' ||
                            text[shown] == '/'))
                        ++shown;
                marks.near_misses.push_back(
                    {i, std::string(text.substr(i, shown - i)), std::move(meant)});
            }
            i = end - 1;
        } else if (ascii_lower(text[i]) == 'n' && istarts_with_at(text, i, "next:") &&
                   opens_word(text, i)) {
            // `next:DATE`; spaces after the colon are allowed. Where an entry
            // holds several, the last one wins (as across entries, SPEC §5.3).
            const std::size_t p = skip_blanks(text, i + 5);
            bool other_way = false;
            if (const std::size_t len = date_word(text, p, other_way)) {
                const std::string_view written = text.substr(p, len);
                const auto d = other_way ? std::nullopt : Date::parse(written);
                if (d) {
                    marks.next = d;
                    marks.next_invalid.clear();
                    marks.next_other_way = false;
                } else {
                    marks.next.reset();
                    marks.next_invalid = std::string(written);
                    marks.next_other_way = other_way;
                    marks.next_offset = i;
                }
            }
        }
    }
    return marks;
}

BodyScan scan_body(std::string_view body, int first_line,
                   const std::vector<std::string>& log_heading, std::string_view file) {
    return BodyScanner(body, first_line, log_heading, file).run();
}

}  // namespace touchbase
