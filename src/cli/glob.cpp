// glob_match (files.h): the `exclude` globs, matched in time linear in the
// path (SPEC §9).
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "files.h"

namespace touchbase {

namespace {

// A glob compiled for a linear match: a path of n bytes against a pattern of
// m tokens costs O(n * m), whatever the stars (an NFA over the tokens, not
// backtracking: `*a*a*a*a*a*a*a*a*b` against 60 letters is immediate).
struct GlobToken {
    enum Kind { literal, any, set, star, any_depth, folders };  // folders: `**/`
    Kind kind;
    char c = 0;
    std::string members;  // set: ranges expanded by `matches`
    bool negate = false;

    explicit GlobToken(Kind k, char ch = 0) : kind(k), c(ch) {}

    bool matches(char ch) const {
        switch (kind) {
            case literal: return ch == c;
            case any: return ch != '/';
            case set: {
                if (ch == '/') return false;
                bool found = false;
                for (std::size_t i = 0; i < members.size(); ++i) {
                    if (i + 2 < members.size() && members[i + 1] == '-') {
                        if (ch >= members[i] && ch <= members[i + 2]) found = true;
                        i += 2;
                    } else if (members[i] == ch) {
                        found = true;
                    }
                }
                return found != negate;
            }
            default: return false;
        }
    }
};

std::vector<GlobToken> compile_glob(std::string_view p) {
    std::vector<GlobToken> tokens;
    for (std::size_t i = 0; i < p.size();) {
        if (p.compare(i, 2, "**") == 0) {
            if (i + 2 < p.size() && p[i + 2] == '/') {
                tokens.emplace_back(GlobToken::folders);
                i += 3;
            } else {
                tokens.emplace_back(GlobToken::any_depth);
                i += 2;
            }
        } else if (p[i] == '*') {
            tokens.emplace_back(GlobToken::star);
            ++i;
        } else if (p[i] == '?') {
            tokens.emplace_back(GlobToken::any);
            ++i;
        } else if (p[i] == '[' && p.find(']', i + 2) != std::string_view::npos) {
            std::size_t close = p.find(']', i + 2);
            GlobToken t(GlobToken::set);
            std::string_view members = p.substr(i + 1, close - i - 1);
            t.negate = !members.empty() && (members[0] == '!' || members[0] == '^');
            if (t.negate) members.remove_prefix(1);
            t.members = std::string(members);
            tokens.push_back(std::move(t));
            i = close + 1;
        } else {
            tokens.emplace_back(GlobToken::literal, p[i]);
            ++i;
        }
    }
    return tokens;
}

// Adds state `i` and every state reached from it without reading a byte.
void glob_close(const std::vector<GlobToken>& t, std::vector<char>& states, std::size_t i) {
    while (i <= t.size() && !states[i]) {
        states[i] = 1;
        if (i == t.size()) return;
        auto k = t[i].kind;
        if (k != GlobToken::star && k != GlobToken::any_depth && k != GlobToken::folders) return;
        ++i;
    }
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
    const auto tokens = compile_glob(pattern);
    const std::size_t m = tokens.size();
    std::vector<char> states(m + 1, 0), next(m + 1, 0);
    glob_close(tokens, states, 0);
    for (char ch : path) {
        // A path also matches when one of its parent folders does.
        if (ch == '/' && states[m]) return true;
        std::fill(next.begin(), next.end(), 0);
        bool any = false;
        for (std::size_t i = 0; i < m; ++i) {
            if (!states[i]) continue;
            const GlobToken& t = tokens[i];
            switch (t.kind) {
                case GlobToken::star:
                    if (ch != '/') glob_close(tokens, next, i);
                    break;
                case GlobToken::any_depth: glob_close(tokens, next, i); break;
                case GlobToken::folders:
                    glob_close(tokens, next, i);
                    if (ch == '/') glob_close(tokens, next, i + 1);
                    break;
                default:
                    if (t.matches(ch)) glob_close(tokens, next, i + 1);
            }
        }
        states.swap(next);
        for (char s : states) any = any || s;
        if (!any) return false;
    }
    return states[m];
}

}  // namespace touchbase
