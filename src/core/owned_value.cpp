#include "owned_value.h"

#include "text.h"

namespace touchbase {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// The offset just past `key` at column 1 of `line`, plain or in quotes (the
// same quote on both sides), or npos.
std::size_t key_end(std::string_view line, std::string_view key) {
    if (line.substr(0, key.size()) == key) return key.size();
    if (!line.empty() && (line[0] == '\'' || line[0] == '"') && line.substr(1, key.size()) == key &&
        line.size() > key.size() + 1 && line[key.size() + 1] == line[0])
        return key.size() + 2;
    return npos;
}

// The end of the quoted scalar that starts at `start`, or npos when it does
// not close on this line.
std::size_t quoted_end(std::string_view line, std::size_t start) {
    const char q = line[start];
    for (std::size_t j = start + 1; j < line.size();) {
        if (q == '"' && line[j] == '\\') {
            j += 2;
        } else if (line[j] == q) {
            if (q == '\'' && j + 1 < line.size() && line[j + 1] == '\'')
                j += 2;
            else
                return j + 1;
        } else {
            ++j;
        }
    }
    return npos;
}

// What a value starting with `c` would be, when the rule forbids it.
const char* forbidden_start(char c) {
    switch (c) {
        case '[':
        case '{': return "a flow collection";
        case '|':
        case '>': return "a block scalar";
        case '!': return "a tag";
        case '&': return "an anchor";
        case '*': return "an alias";
        default: return nullptr;
    }
}

}  // namespace

bool starts_with_owned_key(std::string_view line, std::string_view key) {
    const std::size_t end = key_end(line, key);
    if (end == npos) return false;
    const std::size_t colon = skip_blanks(line, end);
    return colon < line.size() && line[colon] == ':' &&
           (colon + 1 == line.size() || is_blank(line[colon + 1]));
}

OwnedValueToken lex_owned_value(std::string_view line, std::string_view key) {
    OwnedValueToken t;
    const auto bad = [&](std::size_t column, const char* what) {
        t.kind = OwnedValueToken::Kind::bad_value;
        t.error_column = column;
        t.what = what;
        return t;
    };
    std::size_t i = key_end(line, key);
    if (i == npos) return t;  // bad_key
    i = skip_blanks(line, i);
    if (i >= line.size() || line[i] != ':')
        return bad(i, "the key is not followed by ':' on its line");
    t.after_colon = i + 1;
    t.start = t.end = i = skip_blanks(line, i + 1);
    if (i >= line.size() || line[i] == '#') {
        t.kind = OwnedValueToken::Kind::empty;
        return t;
    }
    if (const char* what = forbidden_start(line[i])) return bad(i, what);
    if (line[i] == '\'' || line[i] == '"') {
        const std::size_t end = quoted_end(line, i);
        if (end == npos) return bad(i, "the quoted value runs over several lines");
        const std::size_t r = skip_blanks(line, end);
        if (r < line.size() && line[r] != '#') return bad(r, "unexpected text after the value");
        t.quote = line[i];
        t.end = end;
    } else {
        // Plain: up to a ` #` comment or the end of the line.
        std::size_t j = i;
        while (j < line.size() && !(line[j] == '#' && is_blank(line[j - 1]))) ++j;
        t.end = i + trim_trailing_blanks(line.substr(i, j - i)).size();
    }
    t.kind = OwnedValueToken::Kind::value;
    return t;
}

}  // namespace touchbase
