// Loading the front matter behind a probe line, and, when it does not read
// as expected, finding out why from the text for the clearest message.
#include <algorithm>

#include <fmt/format.h>

#include "front_matter_reader.h"
#include "text.h"

namespace touchbase {

namespace {

// The line added after the YAML text to check where it ends, and its key
// (taken from the line, so the two cannot disagree). yaml-cpp's scanner costs
// about a thousand instructions per character, so the line is as short as
// YAML allows. A note may use the key itself: yaml-cpp keeps every pair of a
// mapping, and only the last, at the added line, is taken for the probe.
constexpr std::string_view kProbeLine = "\n_: 0\n";  // after a line break, if needed
constexpr std::string_view kProbeKey = kProbeLine.substr(1, kProbeLine.find(':') - 1);

constexpr std::size_t npos = std::string_view::npos;

// The key of a top-level `key: value` line: the offset of the value (after
// the colon and blanks), or npos. Quoted keys are taken as they are.
std::size_t value_start(std::string_view line) {
    if (line.empty() || is_blank(line[0]) || line[0] == '#' || line[0] == '-') return npos;
    std::size_t i = 0;
    if (line[0] == '"' || line[0] == '\'') {
        const std::size_t close = line.find(line[0], 1);
        if (close == npos) return npos;
        i = close + 1;
    }
    for (; i < line.size(); ++i) {
        if (line[i] == ':' && (i + 1 == line.size() || is_blank(line[i + 1]))) {
            return skip_blanks(line, i + 1);
        }
        if (line[i] == '#' && i > 0 && is_blank(line[i - 1])) break;
    }
    return npos;
}

}  // namespace

// yaml-cpp forgives an unfinished last entry at the end of its input (an
// unclosed quote swallows the rest; a last line without ':' becomes a key),
// so a line touchbase adds there could vanish into a string or break the
// YAML. The text is therefore parsed with a probe line at column 1 appended,
// just where added keys go (SPEC §9): it must read back as the last top-level
// key, or the front matter is in error (nullopt). The top level's entries
// otherwise, without the probe; `probe_mark` is where the probe's key is.
std::optional<std::vector<FrontMatterReader::Entry>> FrontMatterReader::load_probed(
    YAML::Mark& probe_mark) {
    const bool ends_line = yaml_.empty() || yaml_.back() == '\n';
    YAML::Node root;
    try {
        root = load_in_place(yaml_, ends_line ? kProbeLine.substr(1) : kProbeLine);
    } catch (const YAML::Exception&) {
        return std::nullopt;
    }
    if (!root.IsMap() || root.Style() == YAML::EmitterStyle::Flow || root.Mark().column != 0)
        return std::nullopt;
    std::vector<Entry> entries;
    // One pass over the top level: never deeper (aliases, DESIGN).
    entries.reserve(root.size());
    for (const auto& pair : root) {
        const YAML::Node& k = pair.first;
        entries.push_back({k.IsScalar() ? k.Scalar() : std::string(), k, pair.second});
    }
    const Entry* last = entries.empty() ? nullptr : &entries.back();
    if (!last || last->key != kProbeKey || last->key_node.Mark().line != lines_.count() ||
        last->key_node.Mark().column != 0 || !last->value.IsScalar() || last->value.Scalar() != "0")
        return std::nullopt;
    probe_mark = last->key_node.Mark();
    entries.pop_back();
    return entries;
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
// (SPEC §9): a value starting with a character YAML reserves (`@`, a
// backtick, `%`), a `[` or `{` never closed (at its opening), a top-level
// line without a colon (`owner Jane`). True when one was reported.
bool FrontMatterReader::diagnose_text() {
    for (int l = 0; l < lines_.count(); ++l) {
        const std::string_view line = yaml_line(l);
        // Past the indentation and any `- ` item markers: a value, or a key
        // and its value.
        const std::size_t indent = skip_blanks(line, 0);
        std::size_t item = indent;
        while (item + 1 < line.size() && line[item] == '-' && is_blank(line[item + 1]))
            item = skip_blanks(line, item + 2);
        std::size_t v = npos;
        if (item < line.size() && (line[item] == '[' || line[item] == '{') && item > indent) {
            v = item;
        } else if (item < line.size()) {
            const std::size_t in_rest = value_start(line.substr(item));
            if (in_rest != npos) v = item + in_rest;
        }
        if (v == npos || v >= line.size()) continue;
        if (diagnose_reserved_start(l, item, v) || diagnose_unclosed_flow(l, indent, v))
            return true;
    }
    return diagnose_missing_colon();
}

// A value at `value` of line `l` (its key at `item`) that starts with a
// character YAML reserves.
bool FrontMatterReader::diagnose_reserved_start(int l, std::size_t item, std::size_t value) {
    const std::string_view line = yaml_line(l);
    const char c = line[value];
    if (c != '@' && c != '`' && c != '%') return false;
    const std::string_view key = trim_blanks(line.substr(item, line.find(':', item) - item));
    problem(Severity::error, l, static_cast<int>(value),
            fmt::format("a value starting with '{}' must be quoted (e.g. {}: \"{}\")", c,
                        shown(key), shown(trim_trailing_blanks(line.substr(value)))));
    return true;
}

// A flow collection at `value` of line `l`: its brackets must close before
// the next line indented no more than `indent` (the next key).
bool FrontMatterReader::diagnose_unclosed_flow(int l, std::size_t indent, std::size_t value) {
    const char c = yaml_line(l)[value];
    if (c != '[' && c != '{') return false;
    std::vector<std::pair<int, int>> open;  // (line, column) of each unclosed opener
    char quote = 0;
    for (int m = l; m < lines_.count(); ++m) {
        const std::string_view text = yaml_line(m);
        if (m > l && quote == 0) {
            const std::size_t at = skip_blanks(text, 0);
            if (at < text.size() && at <= indent && text[at] != '#') break;
        }
        for (std::size_t i = m == l ? value : 0; i < text.size(); ++i) {
            const char ch = text[i];
            if (quote != 0) {
                if (quote == '"' && ch == '\\')
                    ++i;
                else if (ch == quote)
                    quote = 0;
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
        if (open.empty()) return false;
    }
    const auto [ol, oc] = open.front();
    const char opener = yaml_line(ol)[static_cast<std::size_t>(oc)];
    problem(Severity::error, ol, oc,
            fmt::format("this '{}' is never closed (expected '{}' before the next key)", opener,
                        opener == '[' ? ']' : '}'));
    return true;
}

// A top-level line that is neither a key, a comment, nor an item: a key
// without its colon. Lines inside a block scalar or a multi-line value are
// indented, so they never start at column 1. Only among keys: text with no
// key at all is not a mapping (check_top_level says so).
bool FrontMatterReader::diagnose_missing_colon() {
    bool any_key = false;
    for (int l = 0; l < lines_.count(); ++l) any_key = any_key || value_start(yaml_line(l)) != npos;
    for (int l = 0; any_key && l < lines_.count(); ++l) {
        const std::string_view line = trim_trailing_blanks(yaml_line(l));
        if (line.empty() || is_blank(line[0]) || line[0] == '#' || line[0] == '-') continue;
        if (line == "---" || line == "...") continue;
        if (value_start(line) != npos) continue;
        if (line.find(": ") != npos || line.back() == ':') continue;
        const std::string_view key = line.substr(0, line.find_first_of(" \t"));
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
        root = load_in_place(yaml_);
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
    error_at(at,
             "invalid YAML: this entry is not finished (an unclosed quote, or a line "
             "without ':'?)");
}

}  // namespace touchbase
