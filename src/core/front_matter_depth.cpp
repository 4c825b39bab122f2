// SPEC §9: how deeply a YAML text nests, measured on the text before any
// parser sees it (nesting_depth in front_matter.h).
#include <algorithm>
#include <vector>

#include "front_matter.h"
#include "text.h"
#include "yaml_support.h"

namespace touchbase {

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
            const LfLine l = lf_line_at(yaml_, pos);
            pos = l.next;
            line_ = lf_content(yaml_, l);
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
            open(i, dash);  // deeper, or a sequence at its key's column
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
    int first_column_ = 0;                             // of the line's first token
    std::size_t key_column_ = std::string_view::npos;  // where the last scalar began
};

}  // namespace

std::size_t nesting_bound(std::string_view yaml) {
    // Sums of comparisons, which the compiler vectorises: a byte counts at
    // most once (it equals at most one character of each set).
    const auto opens = [](char c) -> unsigned { return (c == '\n') + (c == '[') + (c == '{'); };
    const auto indicator = [](char c) -> unsigned { return (c == '-') + (c == '?') + (c == ':'); };
    const auto white = [](char c) -> unsigned {
        return (c == ' ') + (c == '\t') + (c == '\n') + (c == '\r');
    };
    const char* p = yaml.data();
    const std::size_t n = yaml.size();
    unsigned openers = 1;  // the first line
    for (std::size_t i = 0; i + 1 < n; ++i)
        openers += opens(p[i]) + indicator(p[i]) * white(p[i + 1]);
    if (n > 0) openers += opens(p[n - 1]) + indicator(p[n - 1]);
    return openers;
}

NestingDepth nesting_depth(std::string_view yaml, int limit) {
    return DepthLexer(yaml, limit).run();
}

}  // namespace touchbase
