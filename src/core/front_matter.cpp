#include "front_matter.h"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "spelling.h"
#include "text.h"
#include "yaml_support.h"

namespace touchbase {

const char* to_string(OwnedKey k) {
    switch (k) {
        case OwnedKey::last_contact: return "last_contact";
        case OwnedKey::counter: return "counter";
        case OwnedKey::next_contact: return "next_contact";
        case OwnedKey::offboarded: return "offboarded";
    }
    return "?";
}

namespace {

// A key no note uses, added after the YAML text to check where it ends.
constexpr std::string_view kProbeKey = "touchbase-probe-3c1f9a";

// One line of the front matter: [begin, end) without its '\n'; `next` is the
// offset after the '\n' (or the text's size for a last line without one).
// Lines here end at LF only (a CR before it is the line's last byte), as
// yaml-cpp counts them: its marks index these lines, and a lone CR is no
// line break to it.
struct Line {
    std::size_t begin = 0, end = 0, next = 0;
};

Line yaml_line_at(std::string_view text, std::size_t pos) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) return {pos, text.size(), text.size()};
    return {pos, nl, nl + 1};
}

// The line's text without a trailing CR.
std::string_view content(std::string_view text, const Line& l) {
    std::string_view s = text.substr(l.begin, l.end - l.begin);
    if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
    return s;
}

// SPEC §2: exactly `---` (or `...` to close), trailing spaces or tabs and a
// CR allowed.
bool is_delimiter(std::string_view line, bool closing) {
    line = trim_trailing_blanks(line);
    return line == "---" || (closing && line == "...");
}

}  // namespace

Split split_note(std::string_view bytes) {
    Split s;
    std::size_t pos = 0;
    if (starts_with_bom(bytes)) {
        s.bom = true;
        pos = kBom.size();
    }
    const Line first = yaml_line_at(bytes, pos);
    if (!is_delimiter(content(bytes, first), false)) return s;  // not a note
    if (first.end > first.begin && bytes[first.end - 1] == '\r' && first.end < bytes.size())
        s.eol = "\r\n";
    s.yaml_begin = first.next;
    s.yaml_first_line = 2;
    int line_no = 2;
    for (std::size_t p = first.next; p < bytes.size(); ++line_no) {
        const Line l = yaml_line_at(bytes, p);
        if (is_delimiter(content(bytes, l), true)) {
            s.kind = Split::Kind::note;
            s.yaml_end = l.begin;
            s.body_begin = l.next;
            s.body_first_line = line_no + 1;
            return s;
        }
        p = l.next;
    }
    s.kind = Split::Kind::unclosed;
    s.yaml_end = s.body_begin = bytes.size();
    s.body_first_line = line_no;
    return s;
}

// ------------------------------------------------------------ nesting depth

namespace {

// A block collection still open: the column its entries start at and its
// level (the top-level collection is level 1).
struct OpenBlock {
    int column = 0;
    int level = 0;
    bool sequence = false;
};

// A small lexer that knows just enough YAML to count levels without being
// fooled by quotes, comments and block scalars. A level is a collection: a
// block mapping or sequence (opened by a deeper indentation, or on the same
// line by `- `, `? ` or a `key: ` after one of them) or a flow bracket. A
// line that is no collection (a plain scalar continued on a deeper line)
// still counts as one, so the estimate errs upwards.
class DepthLexer {
public:
    DepthLexer(std::string_view yaml, int limit) : yaml_(yaml), limit_(limit) {}

    NestingDepth run() {
        for (std::size_t pos = 0; pos < yaml_.size() && !over();) {
            const Line l = yaml_line_at(yaml_, pos);
            pos = l.next;
            line_ = content(yaml_, l);
            line_offset_ = l.begin;
            if (in_block_scalar()) continue;
            std::size_t i = 0;
            if (quote_ == 0 && flow_ == 0 && !start_line(i)) continue;
            tokens(i);
        }
        return result_;
    }

private:
    bool over() const { return result_.depth > limit_; }

    void reach(int level, std::size_t column) {
        if (level <= result_.depth) return;
        result_.depth = level;
        result_.offset = line_offset_ + column;
    }

    // A collection opened on this line at `column`, inside the current one.
    void open(std::size_t column, bool sequence) {
        ++level_;
        blocks_.push_back({static_cast<int>(column), level_, sequence});
        reach(level_, column);
    }

    // Lines indented deeper than the line that opened a block scalar are its text.
    bool in_block_scalar() {
        if (block_scalar_parent_ < 0) return false;
        const std::size_t indent = std::min(line_.find_first_not_of(' '), line_.size());
        if (trim_trailing_blanks(line_).size() <= indent ||
            static_cast<int>(indent) > block_scalar_parent_)
            return true;
        block_scalar_parent_ = -1;
        return false;
    }

    // The line's indentation decides which block collection it belongs to.
    // False for a blank or comment line. `i` ends past the indentation (and
    // past a first `- `, counted here).
    bool start_line(std::size_t& i) {
        while (i < line_.size() && line_[i] == ' ') ++i;
        const std::string_view rest = trim_trailing_blanks(line_.substr(i));
        if (rest.empty() || rest.front() == '#') return false;
        const int column = static_cast<int>(i);
        const bool dash = indicator_at(i, '-');
        // `? ` and `: ` (a complex key and its value) are entries of the mapping
        // the indentation opens, as `- ` is of its sequence.
        const bool entry_indicator = dash || indicator_at(i, '?') || indicator_at(i, ':');
        while (!blocks_.empty() && blocks_.back().column > column) blocks_.pop_back();
        // A sequence written at the column of its mapping's keys ends at the next key.
        if (!dash && blocks_.size() >= 2 && blocks_.back().column == column &&
            blocks_.back().sequence && blocks_[blocks_.size() - 2].column == column)
            blocks_.pop_back();
        first_column_ = last_indent_ = column;
        key_column_ = std::string_view::npos;
        const OpenBlock* top = blocks_.empty() ? nullptr : &blocks_.back();
        level_ = top ? top->level : 0;
        if (top && top->column == column && (top->sequence == dash || !dash))
            reach(level_, i);  // one more entry of the same collection
        else
            open(i, dash);     // deeper, or a sequence at its key's column
        if (entry_indicator) ++i;
        return true;
    }

    bool indicator_at(std::size_t i, char c) const {
        return line_[i] == c && (i + 1 >= line_.size() || is_blank(line_[i + 1]));
    }

    void tokens(std::size_t i) {
        while (i < line_.size() && !over()) {
            const char c = line_[i];
            if (quote_ != 0) {
                i = in_quote(i);
            } else if (is_blank(c)) {
                ++i;
            } else if (c == '#' && (i == 0 || is_blank(line_[i - 1]))) {
                return;  // comment
            } else if (c == '\'' || c == '"') {
                quote_ = c;
                key_column_ = i++;
            } else if (c == '[' || c == '{') {
                ++flow_;
                reach(level_ + flow_, i++);
            } else if (flow_ > 0 && (c == ']' || c == '}')) {
                --flow_;
                ++i;
            } else if (flow_ > 0 && c == ',') {
                ++i;
            } else if (flow_ == 0 && (c == '|' || c == '>')) {
                block_scalar_parent_ = last_indent_;
                return;
            } else if (flow_ == 0 && (indicator_at(i, '-') || indicator_at(i, '?'))) {
                open(i, c == '-');  // `- - x`, `- ? x`: one more level on this line
                ++i;
            } else if (flow_ == 0 && indicator_at(i, ':')) {
                // A key after `- ` or `? ` on its line opens a mapping there.
                if (key_column_ != std::string_view::npos &&
                    key_column_ != static_cast<std::size_t>(first_column_))
                    open(key_column_, false);
                key_column_ = std::string_view::npos;
                ++i;
            } else if (c == '&' || c == '!' || c == '*') {
                i = past_property(i);
            } else {
                key_column_ = i;
                i = past_plain(i);
            }
        }
    }

    // Inside a quoted scalar (which may span lines): past the next character.
    std::size_t in_quote(std::size_t i) {
        const char c = line_[i];
        if (quote_ == '"' && c == '\\') return i + 2;
        if (c != quote_) return i + 1;
        if (quote_ == '\'' && i + 1 < line_.size() && line_[i + 1] == '\'') return i + 2;
        quote_ = 0;
        return i + 1;
    }

    bool ends_flow_token(char c) const { return flow_ > 0 && (c == ',' || c == ']' || c == '}'); }

    // An anchor, tag or alias: one token up to white space (or flow punctuation).
    std::size_t past_property(std::size_t i) const {
        while (i < line_.size() && !is_blank(line_[i]) && !ends_flow_token(line_[i])) ++i;
        return i;
    }

    // A plain scalar: up to ": ", " #", or (in flow) , ] } [ {. Its first
    // character is always taken, so the scan moves on.
    std::size_t past_plain(std::size_t i) const {
        for (++i; i < line_.size(); ++i) {
            const char d = line_[i];
            const char next = i + 1 < line_.size() ? line_[i + 1] : ' ';
            if (d == ':' && (is_blank(next) || (flow_ > 0 && std::string_view(",[]{}").find(next) !=
                                                                  std::string_view::npos)))
                break;
            if (d == '#' && is_blank(line_[i - 1])) break;
            if (ends_flow_token(d) || (flow_ > 0 && (d == '[' || d == '{'))) break;
        }
        return i;
    }

    std::string_view yaml_;
    int limit_;
    NestingDepth result_;
    std::string_view line_;
    std::size_t line_offset_ = 0;
    std::vector<OpenBlock> blocks_;  // the open block collections, outermost first
    int level_ = 0;                  // the level of the innermost collection on this line
    int flow_ = 0;                   // open flow brackets
    char quote_ = 0;                 // inside a quoted scalar spanning lines
    int block_scalar_parent_ = -1;   // inside a block scalar: lines indented more than this
    int last_indent_ = 0;
    int first_column_ = 0;                          // of the line's first token
    std::size_t key_column_ = std::string_view::npos;  // where the last scalar began
};

}  // namespace

NestingDepth nesting_depth(std::string_view yaml, int limit) {
    return DepthLexer(yaml, limit).run();
}

// ------------------------------------------------------------ reading

namespace {

// A value as shown in a message: one line, at most about 60 bytes.
std::string shown(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    if (out.size() > 60) {
        std::size_t cut = 57;
        while (cut > 0 && is_utf8_continuation(out[cut])) --cut;
        out.resize(cut);
        out += "...";
    }
    return out;
}

// The form a duration takes, for messages (as the command line says it).
constexpr const char* kExpectedDuration = "expected a number and d, w, m or y, e.g. 2w";

// The keys of spec §3, for near misses.
constexpr std::string_view kKnownKeys[] = {
    "name",          "engagement",   "owner",   "next_actions", "cards",     "project_end",
    "remind_before", "last_contact", "counter", "next_contact", "offboarded"};

// A key as compared for near misses: lower case, `-` taken as `_`.
std::string key_form(std::string_view key) {
    std::string out = ascii_lowercase(key);
    for (char& c : out)
        if (c == '-') c = '_';
    return out;
}

const char* kind_of(const YAML::Node& n) {
    switch (n.Type()) {
        case YAML::NodeType::Sequence:
            return n.Style() == YAML::EmitterStyle::Flow ? "a flow sequence" : "a sequence";
        case YAML::NodeType::Map:
            return n.Style() == YAML::EmitterStyle::Flow ? "a flow mapping" : "a mapping";
        case YAML::NodeType::Scalar: return "a scalar";
        default: return "nothing";
    }
}

class FrontMatterReader {
public:
    FrontMatterReader(std::string_view bytes, const Split& split, std::string_view file)
        : split_(split), file_(file), yaml_(split.yaml(bytes)) {
        for (std::size_t p = 0; p < yaml_.size();) {
            line_starts_.push_back(p);
            p = yaml_line_at(yaml_, p).next;
        }
    }

    FrontMatterRead read();

private:
    struct Entry {
        std::string key;  // empty for a key that is not a scalar
        YAML::Node key_node;
        YAML::Node value;
    };

    // Problems at a YAML-text position (0-based line and column).
    void problem(Severity sev, int yaml_line, int yaml_column, std::string message) {
        Problem p;
        p.file = std::string(file_);
        p.line = split_.yaml_first_line + yaml_line;
        p.column = yaml_column + 1;
        p.severity = sev;
        p.message = std::move(message);
        // An aliased node read through several aliases (billion laughs) has
        // one position: say it once.
        if (std::find(out_.problems.begin(), out_.problems.end(), p) != out_.problems.end()) return;
        out_.problems.push_back(std::move(p));
    }
    void error_at(const YAML::Mark& m, std::string message) {
        if (m.is_null())
            problem(Severity::error, -1, 0, std::move(message));  // the opening line
        else
            problem(Severity::error, m.line, m.column, std::move(message));
    }
    void error_at(const YAML::Node& n, std::string message) { error_at(n.Mark(), std::move(message)); }
    void warning_at(const YAML::Node& n, std::string message) {
        const YAML::Mark m = n.Mark();
        if (m.is_null())
            problem(Severity::warning, -1, 0, std::move(message));
        else
            problem(Severity::warning, m.line, m.column, std::move(message));
    }

    std::string_view yaml_line(int line) const {
        if (line < 0 || static_cast<std::size_t>(line) >= line_starts_.size()) return {};
        return content(yaml_, yaml_line_at(yaml_, line_starts_[line]));
    }

    // The text of a scalar that counts as present: nullopt for null, `~`,
    // nothing, and the empty string.
    static std::optional<std::string> present_scalar(const YAML::Node& v) {
        if (!v.IsScalar() || v.Scalar().empty()) return std::nullopt;
        return v.Scalar();
    }

    void read_string(const YAML::Node& v, const char* key, std::optional<std::string>& into);
    void read_engagement(const YAML::Node& v);
    void read_date(const YAML::Node& v, const char* key, std::optional<Date>& into);
    void read_duration(const YAML::Node& v, const char* key, std::optional<Duration>& into);
    void read_next_actions(const YAML::Node& v);
    void read_cards(const YAML::Node& v);
    void warn_near_miss_keys(const std::vector<Entry>& entries);
    bool diagnose_text();
    void read_owned(OwnedKey k, const Entry& e, const YAML::Mark& next_key);
    bool check_top_level(const YAML::Node& root);
    void diagnose();

    const Split& split_;
    std::string_view file_;
    std::string_view yaml_;
    std::vector<std::size_t> line_starts_;
    FrontMatterRead out_;
};

void FrontMatterReader::read_string(const YAML::Node& v, const char* key,
                                    std::optional<std::string>& into) {
    if (v.IsNull()) return;
    if (!v.IsScalar()) {
        error_at(v, fmt::format("{} must be a string, not {}", key, kind_of(v)));
        return;
    }
    // Any scalar is taken as its text: `name: 1984` is the name "1984".
    into = present_scalar(v);
}

void FrontMatterReader::read_engagement(const YAML::Node& v) {
    if (v.IsNull()) return;
    const char* expected = "active, casual, ongoing, former or paused";
    if (!v.IsScalar()) {
        error_at(v, fmt::format("engagement must be one of {}, not {}", expected, kind_of(v)));
        return;
    }
    if (v.Scalar().empty()) return;
    if (auto e = parse_engagement(v.Scalar()))
        out_.front_matter.engagement = *e;
    else
        error_at(v, fmt::format("unknown engagement '{}' (expected {})", shown(v.Scalar()),
                                expected));
}

void FrontMatterReader::read_date(const YAML::Node& v, const char* key, std::optional<Date>& into) {
    if (v.IsNull()) return;
    if (!v.IsScalar()) {
        error_at(v, fmt::format("{} must be a date (YYYY-MM-DD), not {}", key, kind_of(v)));
        return;
    }
    if (v.Scalar().empty()) return;
    if (auto d = Date::parse(v.Scalar()))
        into = *d;
    else
        error_at(v, fmt::format("invalid date '{}' for {} (expected YYYY-MM-DD)",
                                shown(v.Scalar()), key));
}

void FrontMatterReader::read_duration(const YAML::Node& v, const char* key,
                                      std::optional<Duration>& into) {
    if (v.IsNull()) return;
    if (!v.IsScalar()) {
        error_at(v, fmt::format("{} must be a duration ({}), not {}", key, kExpectedDuration,
                                kind_of(v)));
        return;
    }
    if (v.Scalar().empty()) return;
    if (auto d = Duration::parse(v.Scalar()))
        into = *d;
    else
        error_at(v, fmt::format("invalid duration '{}' for {} ({})", shown(v.Scalar()), key,
                                kExpectedDuration));
}

void FrontMatterReader::read_next_actions(const YAML::Node& v) {
    if (v.IsNull()) return;
    if (!v.IsSequence()) {
        error_at(v, fmt::format("next_actions must be a sequence, not {}", kind_of(v)));
        return;
    }
    // One level deep only; the items' own values are read, never walked.
    // SPEC §3: a bad value inside one item is a warning for that item only.
    for (const YAML::Node& item : v) {
        const int line = split_.yaml_first_line + (item.Mark().is_null() ? 0 : item.Mark().line);
        if (item.IsNull()) continue;
        if (item.IsScalar()) {
            // SPEC §4.2: white space (line breaks, tabs, NBSP) made one space.
            std::string text = collapse_spaces(item.Scalar());
            if (!text.empty())
                out_.front_matter.next_actions.push_back({std::move(text), std::nullopt, line});
            continue;
        }
        if (!item.IsMap()) {
            warning_at(item, fmt::format("a next_actions item must be a string or a map "
                                         "{{do: TEXT, due: DATE, done: DATE or true}}, not {}; "
                                         "it is ignored",
                                         kind_of(item)));
            continue;
        }
        NextAction action;
        action.line = line;
        bool has_do = false, ok = true, done = false;
        for (auto it = item.begin(); it != item.end(); ++it) {
            const YAML::Node k = it->first;
            const YAML::Node val = it->second;
            const std::string key = k.IsScalar() ? k.Scalar() : std::string();
            if (key == "do") {
                std::string text = val.IsScalar() ? collapse_spaces(val.Scalar()) : std::string();
                if (text.empty()) {
                    warning_at(val.IsNull() ? k : val,
                               "the 'do' of a next_actions item must be a non-empty string; "
                               "the item is ignored");
                    ok = false;
                } else {
                    action.text = std::move(text);
                    has_do = true;
                }
            } else if (key == "due") {
                if (val.IsNull() || (val.IsScalar() && val.Scalar().empty())) continue;
                const auto d = val.IsScalar() ? Date::parse(val.Scalar()) : std::nullopt;
                if (d)
                    action.due = d;
                else
                    warning_at(val, fmt::format("invalid date '{}' for due in a next_actions item "
                                                "(expected YYYY-MM-DD); the item has no date of "
                                                "its own",
                                                val.IsScalar() ? shown(val.Scalar())
                                                               : std::string(kind_of(val))));
            } else if (key == "done") {
                // SPEC §3: true (any case) or a date closes the item; false,
                // null or nothing keeps it open; anything else is a warning.
                if (val.IsNull() || (val.IsScalar() && val.Scalar().empty())) continue;
                const std::string text = val.IsScalar() ? val.Scalar() : std::string();
                if (val.IsScalar() && (iequals(text, "true") || Date::parse(text))) {
                    done = true;
                } else if (!(val.IsScalar() && iequals(text, "false"))) {
                    warning_at(val, fmt::format("invalid done '{}' in a next_actions item "
                                                "(expected true or a date YYYY-MM-DD); the item "
                                                "stays open",
                                                val.IsScalar() ? shown(text)
                                                               : std::string(kind_of(val))));
                }
            } else {
                problem(Severity::warning, k.Mark().line, k.Mark().column,
                        fmt::format("unknown key '{}' in a next_actions item (expected do, due, "
                                    "done)",
                                    shown(key)));
            }
        }
        if (!has_do && ok) {
            warning_at(item, "a next_actions item must have a 'do' (like {do: TEXT, due: DATE}); "
                             "the item is ignored");
            ok = false;
        }
        if (ok && !done) out_.front_matter.next_actions.push_back(std::move(action));
    }
}

void FrontMatterReader::read_cards(const YAML::Node& v) {
    if (v.IsNull()) return;
    if (!v.IsSequence()) {
        error_at(v, fmt::format("cards must be a sequence, not {}", kind_of(v)));
        return;
    }
    for (const YAML::Node& item : v) {
        if (item.IsNull()) continue;
        if (!item.IsScalar()) {
            // SPEC §3: a bad cards item is a warning for that item only.
            warning_at(item, fmt::format("a cards item must be a string (a named occasion or "
                                         "MM-DD), not {}; it is ignored",
                                         kind_of(item)));
            continue;
        }
        if (item.Scalar().empty()) continue;
        const YAML::Mark m = item.Mark();
        out_.front_matter.cards.push_back(
            {item.Scalar(), split_.yaml_first_line + m.line, m.column + 1});
    }
}

// SPEC §9: an owned value is a plain, single- or double-quoted scalar on its
// key's own line, the key at column 1, optionally followed by spaces and a
// comment. yaml-cpp says where the key is and what the value means; the line
// itself says where the value ends (yaml-cpp marks only starts).
void FrontMatterReader::read_owned(OwnedKey k, const Entry& e, const YAML::Mark& next_key) {
    const char* name = to_string(k);
    const YAML::Mark km = e.key_node.Mark();
    const std::string_view line = yaml_line(km.line);
    auto fail = [&](int column, std::string what) {
        problem(Severity::error, km.line, column,
                fmt::format("{} must have a plain or quoted value on its own line "
                            "(touchbase rewrites it in place): {}",
                            name, what));
    };

    // The key: plain, or in quotes, at column 1.
    const std::string_view key = name;
    std::size_t i = 0;
    if (km.column == 0 && line.substr(0, key.size()) == key) {
        i = key.size();
    } else if (km.column == 0 && !line.empty() && (line[0] == '\'' || line[0] == '"') &&
               line.substr(1, key.size()) == key && line.size() > key.size() + 1 &&
               line[key.size() + 1] == line[0]) {
        i = key.size() + 2;
    } else {
        problem(Severity::error, km.is_null() ? 0 : km.line, km.is_null() ? 0 : km.column,
                fmt::format("{} must be written as a top-level `{}: VALUE` line starting at "
                            "column 1 (touchbase rewrites it in place)",
                            name, name));
        return;
    }
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i >= line.size() || line[i] != ':') {
        fail(static_cast<int>(i), "the key is not followed by ':' on its line");
        return;
    }
    const std::size_t after_colon = ++i;
    while (i < line.size() && is_blank(line[i])) ++i;
    const std::size_t start = i;

    const YAML::Node& v = e.value;
    const YAML::Mark vm = v.Mark();
    const bool value_here = !vm.is_null() && vm.line == km.line &&
                            vm.column == static_cast<int>(start);

    OwnedSlot slot;
    slot.present = true;
    const std::size_t line_offset = split_.yaml_begin + line_starts_[km.line];
    std::size_t end = start;

    if (start >= line.size() || line[start] == '#') {
        // Empty on its own line. yaml-cpp's mark for an empty value points at
        // the next token, which must then be the next top-level key (there
        // always is one: the probe). Anything else is a value on a later
        // line (`key:` then `  2026-01-01`, `  ~`, or even `null` at column 1,
        // which yaml-cpp takes as the value).
        const bool at_next_key = !vm.is_null() && vm.line == next_key.line &&
                                 vm.column == next_key.column;
        if (!v.IsNull() || !at_next_key) {
            fail(static_cast<int>(after_colon), "the value is on a later line");
            return;
        }
        if (start >= line.size()) {
            for (int l = km.line + 1; l < static_cast<int>(line_starts_.size()); ++l) {
                const std::string_view next = yaml_line(l);
                if (next.find_first_not_of(' ') == std::string_view::npos) continue;
                slot.plain_unsafe = next.front() == '\t';
                break;
            }
        }
        slot.value_offset = line_offset + after_colon;
        slot.value_length = 0;
        slot.is_null = true;
        slot.line = split_.yaml_first_line + km.line;
        slot.column = 1;
        out_.front_matter.slots[static_cast<int>(k)] = std::move(slot);
        return;
    }

    const int col = static_cast<int>(start);
    switch (line[start]) {
        case '[':
        case '{': fail(col, "a flow collection"); return;
        case '|':
        case '>': fail(col, "a block scalar"); return;
        case '!': fail(col, "a tag"); return;
        case '&': fail(col, "an anchor"); return;
        case '*': fail(col, "an alias"); return;
        default: break;
    }

    if (line[start] == '\'' || line[start] == '"') {
        const char q = line[start];
        std::size_t j = start + 1;
        bool closed = false;
        while (j < line.size()) {
            if (q == '"' && line[j] == '\\') {
                j += 2;
            } else if (line[j] == q) {
                if (q == '\'' && j + 1 < line.size() && line[j + 1] == '\'') {
                    j += 2;
                } else {
                    closed = true;
                    ++j;
                    break;
                }
            } else {
                ++j;
            }
        }
        if (!closed) {
            fail(col, "the quoted value runs over several lines");
            return;
        }
        end = j;
        std::size_t r = end;
        while (r < line.size() && is_blank(line[r])) ++r;
        if (r < line.size() && line[r] != '#') {
            fail(static_cast<int>(r), "unexpected text after the value");
            return;
        }
        if (!value_here || !v.IsScalar()) {
            fail(col, "the value is not a single quoted scalar");
            return;
        }
        slot.quote = q;
        slot.text = v.Scalar();
        slot.is_null = slot.text.empty();
    } else {
        // Plain: up to a ` #` comment or the end of the line.
        std::size_t j = start;
        while (j < line.size() && !(line[j] == '#' && is_blank(line[j - 1]))) ++j;
        end = start + trim_trailing_blanks(line.substr(start, j - start)).size();
        const std::string_view token = line.substr(start, end - start);
        // A plain scalar continued on the next lines reads longer than its token.
        if (!value_here || !(v.IsNull() || (v.IsScalar() && v.Scalar() == token))) {
            fail(col, v.IsScalar() ? "the value runs over several lines"
                                   : "the value is not a single scalar");
            return;
        }
        slot.quote = 0;
        slot.is_null = v.IsNull();
        if (!slot.is_null) slot.text = std::string(token);
    }
    slot.value_offset = line_offset + start;
    slot.value_length = end - start;
    slot.line = split_.yaml_first_line + km.line;
    slot.column = col + 1;

    // The value's meaning.
    FrontMatter& fm = out_.front_matter;
    if (!slot.is_null) {
        auto bad = [&](const char* type, const char* expected) {
            problem(Severity::error, km.line, col,
                    fmt::format("invalid {} '{}' for {} ({})", type, shown(slot.text), name,
                                expected));
        };
        if (k == OwnedKey::counter) {
            if (auto d = Duration::parse(slot.text))
                fm.counter = *d;
            else
                bad("duration", kExpectedDuration);
        } else {
            auto d = Date::parse(slot.text);
            if (!d) {
                bad("date", "expected YYYY-MM-DD");
            } else if (k == OwnedKey::last_contact) {
                fm.last_contact = *d;
            } else if (k == OwnedKey::next_contact) {
                fm.next_contact = *d;
            } else {
                fm.offboarded = *d;
            }
        }
    }
    fm.slots[static_cast<int>(k)] = std::move(slot);
}

// SPEC §3: a key that is not ours but one edit away from one of ours
// (case-insensitive, `-` and `_` equal) is most likely a typing mistake.
// Other keys are the user's, and silent.
void FrontMatterReader::warn_near_miss_keys(const std::vector<Entry>& entries) {
    for (const Entry& e : entries) {
        if (e.key.empty()) continue;
        if (std::find(std::begin(kKnownKeys), std::end(kKnownKeys), e.key) != std::end(kKnownKeys))
            continue;
        const std::string form = key_form(e.key);
        for (std::string_view known : kKnownKeys) {
            if (!one_edit_apart(form, known)) continue;
            const YAML::Mark m = e.key_node.Mark();
            problem(Severity::warning, m.line, m.column,
                    fmt::format("unknown key '{}' (did you mean '{}'?)", shown(e.key), known));
            break;
        }
    }
}

// The top level must be a block mapping at column 1, or empty (SPEC §2).
bool FrontMatterReader::check_top_level(const YAML::Node& root) {
    if (root.IsNull()) {
        // Nothing but comments and blank lines is empty front matter; an
        // explicit `~` or `null` is a scalar, not a mapping.
        if (root.Mark().is_null()) return true;
        error_at(root, "the front matter must be a block mapping of keys, not a scalar");
        return false;
    }
    if (!root.IsMap() || root.Style() == YAML::EmitterStyle::Flow) {
        error_at(root, fmt::format("the front matter must be a block mapping of keys, not {}",
                                   kind_of(root)));
        return false;
    }
    if (root.Mark().column != 0) {
        // Keys touchbase adds go at column 1; they must line up with the rest.
        error_at(root, "the front matter's keys must start at column 1");
        return false;
    }
    return true;
}

// YAML that does not parse: the mistakes people make, found on the text so
// that the message points where the mistake is, not where yaml-cpp gave up
// (SPEC §9): a `[` or `{` never closed (at its opening), a top-level line
// without a colon (`owner Jane`), a value starting with a character YAML
// reserves (`@`, a backtick, `%`). True when one was reported.
bool FrontMatterReader::diagnose_text() {
    const int lines = static_cast<int>(line_starts_.size());
    // The key of a top-level `key: value` line: the offset of the value (after
    // the colon and blanks), or npos. Quoted keys are taken as they are.
    auto value_start = [](std::string_view line) -> std::size_t {
        if (line.empty() || is_blank(line[0]) || line[0] == '#' || line[0] == '-') return std::string_view::npos;
        std::size_t i = 0;
        if (line[0] == '"' || line[0] == '\'') {
            const std::size_t close = line.find(line[0], 1);
            if (close == std::string_view::npos) return std::string_view::npos;
            i = close + 1;
        }
        for (; i < line.size(); ++i) {
            if (line[i] == ':' && (i + 1 == line.size() || is_blank(line[i + 1]))) {
                std::size_t v = i + 1;
                while (v < line.size() && is_blank(line[v])) ++v;
                return v;
            }
            if (line[i] == '#' && i > 0 && is_blank(line[i - 1])) break;
        }
        return std::string_view::npos;
    };
    for (int l = 0; l < lines; ++l) {
        const std::string_view line = yaml_line(l);
        // Past the indentation and any `- ` item markers: a value, or a key
        // and its value.
        std::size_t indent = 0;
        while (indent < line.size() && is_blank(line[indent])) ++indent;
        std::size_t item = indent;
        while (item + 1 < line.size() && line[item] == '-' && is_blank(line[item + 1])) {
            item += 2;
            while (item < line.size() && is_blank(line[item])) ++item;
        }
        std::size_t v = std::string_view::npos;
        if (item < line.size() && (line[item] == '[' || line[item] == '{') && item > indent) {
            v = item;
        } else if (item < line.size()) {
            const std::size_t in_rest = value_start(line.substr(item));
            if (in_rest != std::string_view::npos) v = item + in_rest;
        }
        if (v == std::string_view::npos || v >= line.size()) continue;
        const char c = line[v];
        if (c == '@' || c == '`' || c == '%') {
            const std::string_view key = trim_blanks(line.substr(item, line.find(':', item) - item));
            problem(Severity::error, l, static_cast<int>(v),
                    fmt::format("a value starting with '{}' must be quoted (e.g. {}: \"{}\")", c,
                                shown(key), shown(trim_trailing_blanks(line.substr(v)))));
            return true;
        }
        if (c != '[' && c != '{') continue;
        // A flow collection: its brackets must close before the next
        // top-level line (one that starts at column 1).
        std::vector<std::pair<int, int>> open;  // (line, column) of each unclosed opener
        char quote = 0;
        for (int m = l; m < lines; ++m) {
            const std::string_view text = yaml_line(m);
            if (m > l && quote == 0) {
                std::size_t at = 0;
                while (at < text.size() && is_blank(text[at])) ++at;
                if (at < text.size() && at <= indent && text[at] != '#') break;
            }
            for (std::size_t i = m == l ? v : 0; i < text.size(); ++i) {
                const char ch = text[i];
                if (quote != 0) {
                    if (quote == '"' && ch == '\\') ++i;
                    else if (ch == quote) quote = 0;
                } else if (ch == '"' || ch == '\'') {
                    quote = ch;
                } else if (ch == '#' && i > 0 && is_blank(text[i - 1])) {
                    break;
                } else if (ch == '[' || ch == '{') {
                    open.push_back({m, static_cast<int>(i)});
                } else if ((ch == ']' || ch == '}') && !open.empty()) {
                    open.pop_back();
                }
            }
            if (open.empty()) break;
        }
        if (!open.empty()) {
            const auto [ol, oc] = open.front();
            const char opener = yaml_line(ol)[static_cast<std::size_t>(oc)];
            problem(Severity::error, ol, oc,
                    fmt::format("this '{}' is never closed (expected '{}' before the next key)",
                                opener, opener == '[' ? ']' : '}'));
            return true;
        }
    }
    // A top-level line that is neither a key, a comment, nor an item: a key
    // without its colon. Lines inside a block scalar or a multi-line value
    // are indented, so they never start at column 1. Only among keys: text
    // with no key at all is not a mapping (check_top_level says so).
    bool any_key = false;
    for (int l = 0; l < lines; ++l) any_key = any_key || value_start(yaml_line(l)) != std::string_view::npos;
    for (int l = 0; any_key && l < lines; ++l) {
        const std::string_view line = trim_trailing_blanks(yaml_line(l));
        if (line.empty() || is_blank(line[0]) || line[0] == '#' || line[0] == '-') continue;
        if (line == "---" || line == "...") continue;
        if (value_start(line) != std::string_view::npos) continue;
        if (line.find(": ") != std::string_view::npos || line.back() == ':') continue;
        const std::size_t space = line.find_first_of(" \t");
        const std::string_view key = line.substr(0, space);
        problem(Severity::error, l, 0,
                fmt::format("'{}' is not a key and a value: a colon is missing (expected {}: "
                            "VALUE)",
                            shown(line), shown(key)));
        return true;
    }
    return false;
}

// The probed text did not read as expected: find out why from the text as
// it is, for the clearest message.
void FrontMatterReader::diagnose() {
    if (diagnose_text()) return;
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml_));
    } catch (const YAML::Exception& ex) {
        if (!ex.mark.is_null()) {
            if (auto tab = tab_in_indentation(yaml_line(ex.mark.line))) {
                problem(Severity::error, ex.mark.line, static_cast<int>(*tab), kTabMessage);
                return;
            }
        }
        error_at(ex.mark, fmt::format("invalid YAML: {}", ex.msg));
        return;
    }
    if (!check_top_level(root)) return;
    // yaml-cpp accepted it only because nothing follows: point at the last
    // top-level entry, where the unfinished part is.
    YAML::Mark at = YAML::Mark::null_mark();
    if (root.IsMap())
        for (auto it = root.begin(); it != root.end(); ++it) at = it->first.Mark();
    error_at(at, "invalid YAML: this entry is not finished (an unclosed quote, or a line "
                 "without ':'?)");
}

FrontMatterRead FrontMatterReader::read() {
    if (yaml_.size() > kMaxFrontMatterBytes) {
        problem(Severity::error, -1, 0,
                fmt::format("the front matter is larger than 64 KiB ({} bytes)", yaml_.size()));
        return std::move(out_);
    }
    const NestingDepth depth = nesting_depth(yaml_, kMaxFrontMatterDepth);
    if (depth.depth > kMaxFrontMatterDepth) {
        const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), depth.offset);
        const int line = static_cast<int>(it - line_starts_.begin()) - 1;
        problem(Severity::error, line, static_cast<int>(depth.offset - line_starts_[line]),
                fmt::format("the front matter is nested deeper than {} levels",
                            kMaxFrontMatterDepth));
        return std::move(out_);
    }

    // yaml-cpp forgives an unfinished last entry at the end of its input (an
    // unclosed quote swallows the rest; a last line without ':' becomes a
    // key), so a line touchbase adds there could vanish into a string or
    // break the YAML. The text is therefore parsed with a probe line at
    // column 1 appended, just where added keys go (SPEC §9): it must read back
    // as the last top-level key, or the front matter is in error.
    std::string probed(yaml_);
    if (!probed.empty() && probed.back() != '\n') probed += '\n';
    const int probe_line = static_cast<int>(line_starts_.size());
    probed += kProbeKey;
    probed += ": 0\n";

    try {
        std::optional<YAML::Node> root;
        try {
            root = YAML::Load(probed);
        } catch (const YAML::Exception&) {
        }
        std::vector<Entry> entries;
        bool probe_ok = root && root->IsMap() && root->Style() != YAML::EmitterStyle::Flow &&
                        root->Mark().column == 0;
        if (probe_ok) {
            // One pass over the top level: never deeper (aliases, DESIGN).
            for (auto it = root->begin(); it != root->end(); ++it) {
                const YAML::Node k = it->first;
                entries.push_back({k.IsScalar() ? k.Scalar() : std::string(), k, it->second});
            }
            const Entry* last = entries.empty() ? nullptr : &entries.back();
            probe_ok = last && last->key == kProbeKey && last->key_node.Mark().line == probe_line &&
                       last->key_node.Mark().column == 0 && last->value.IsScalar() &&
                       last->value.Scalar() == "0";
        }
        if (!probe_ok) {
            diagnose();
            return std::move(out_);
        }
        const YAML::Mark probe_mark = entries.back().key_node.Mark();
        entries.pop_back();  // the probe

        std::map<std::string, std::size_t> first_seen;  // key -> index of its first entry
        std::map<std::string, std::size_t> last_seen;
        std::vector<std::size_t> owned_seen[4];
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const Entry& e = entries[i];
            if (e.key.empty()) continue;
            for (OwnedKey k : kOwnedKeys)
                if (e.key == to_string(k)) owned_seen[static_cast<int>(k)].push_back(i);
            const auto [it, inserted] = first_seen.emplace(e.key, i);
            last_seen[e.key] = i;
            if (inserted) continue;
            const YAML::Mark m = e.key_node.Mark();
            const YAML::Mark first = entries[it->second].key_node.Mark();
            const bool owned = std::any_of(std::begin(kOwnedKeys), std::end(kOwnedKeys),
                                           [&](OwnedKey k) { return e.key == to_string(k); });
            problem(owned ? Severity::error : Severity::warning, m.line, m.column,
                    owned ? fmt::format("{} appears twice (first on line {}); touchbase "
                                        "cannot tell which one to update",
                                        e.key, split_.yaml_first_line + first.line)
                          : fmt::format("duplicate key '{}' (first on line {}); the last one "
                                        "is used",
                                        shown(e.key), split_.yaml_first_line + first.line));
        }

        FrontMatter& fm = out_.front_matter;
        auto value_of = [&](const char* key) -> const YAML::Node* {
            const auto it = last_seen.find(key);
            return it == last_seen.end() ? nullptr : &entries[it->second].value;
        };
        if (auto v = value_of("name")) read_string(*v, "name", fm.name);
        if (auto v = value_of("owner")) read_string(*v, "owner", fm.owner);
        if (auto v = value_of("engagement")) read_engagement(*v);
        if (auto v = value_of("next_actions")) read_next_actions(*v);
        if (auto v = value_of("cards")) read_cards(*v);
        if (auto v = value_of("project_end")) read_date(*v, "project_end", fm.project_end);
        if (auto v = value_of("remind_before"))
            read_duration(*v, "remind_before", fm.remind_before);
        warn_near_miss_keys(entries);

        for (OwnedKey k : kOwnedKeys) {
            const auto& seen = owned_seen[static_cast<int>(k)];
            if (seen.size() != 1) continue;
            const std::size_t i = seen.front();
            read_owned(k, entries[i],
                       i + 1 < entries.size() ? entries[i + 1].key_node.Mark() : probe_mark);
        }
    } catch (const std::exception& ex) {
        // Reading scalars does not throw; this is only a safety net so that no
        // exception leaves the module.
        problem(Severity::error, -1, 0, fmt::format("cannot read the front matter: {}", ex.what()));
    }
    return std::move(out_);
}

}  // namespace

namespace {

// The owned key a line of the body starts with at column 1 (plain or
// quoted, then blanks and ':'), if any.
std::optional<OwnedKey> owned_key_line(std::string_view line) {
    for (OwnedKey k : kOwnedKeys) {
        const std::string_view key = to_string(k);
        std::size_t i = 0;
        if (line.substr(0, key.size()) == key)
            i = key.size();
        else if (!line.empty() && (line[0] == '\'' || line[0] == '"') &&
                 line.substr(1, key.size()) == key && line.size() > key.size() + 1 &&
                 line[key.size() + 1] == line[0])
            i = key.size() + 2;
        else
            continue;
        while (i < line.size() && is_blank(line[i])) ++i;
        if (i < line.size() && line[i] == ':' && (i + 1 == line.size() || is_blank(line[i + 1])))
            return k;
    }
    return std::nullopt;
}

// A block closed with `...` (spec §2) reads differently to a tool that closes
// front matter only at `---`: for it, the lines up to a later `---` line are
// front matter too. An owned key there would be a second copy beside the one
// touchbase keeps above the `...`, so it is an error (spec §9), as a
// duplicate is.
void check_keys_after_dots(std::string_view bytes, const Split& split, std::string_view file,
                           FrontMatterRead& read) {
    const std::string_view closing = content(bytes, yaml_line_at(bytes, split.yaml_end));
    if (trim_trailing_blanks(closing) != "...") return;
    struct Found {
        OwnedKey key;
        int line;
    };
    std::vector<Found> found;
    int line_no = split.body_first_line;
    for (std::size_t p = split.body_begin; p < bytes.size(); ++line_no) {
        const Line l = yaml_line_at(bytes, p);
        p = l.next;
        const std::string_view text = content(bytes, l);
        if (is_delimiter(text, false)) {
            const int dots_line = split.body_first_line - 1;
            for (const Found& f : found) {
                const OwnedSlot& first = read.front_matter.slot(f.key);
                const char* name = to_string(f.key);
                read.problems.push_back(
                    {std::string(file), f.line, 1, Severity::error,
                     first.present
                         ? fmt::format("{} appears twice (first on line {}); touchbase cannot "
                                       "tell which one to update",
                                       name, first.line)
                         : fmt::format("{} comes after the '...' that closes the front matter on "
                                       "line {} and before the '---' on line {}; touchbase cannot "
                                       "tell whether it belongs to the front matter (expected it "
                                       "above line {})",
                                       name, dots_line, line_no, dots_line),
                     {}});
            }
            return;
        }
        if (auto k = owned_key_line(text)) found.push_back({*k, line_no});
    }
}

}  // namespace

FrontMatterRead read_front_matter(std::string_view bytes, const Split& split,
                                  std::string_view file) {
    if (split.kind == Split::Kind::not_a_note) return {};
    if (split.kind == Split::Kind::unclosed) {
        FrontMatterRead r;
        Problem p;
        p.file = std::string(file);
        p.line = 1;
        p.column = 1;
        p.message = "the front matter opened here is never closed (no later '---' or '...' line)";
        r.problems.push_back(std::move(p));
        return r;
    }
    FrontMatterRead read = FrontMatterReader(bytes, split, file).read();
    check_keys_after_dots(bytes, split, file, read);
    return read;
}

}  // namespace touchbase
