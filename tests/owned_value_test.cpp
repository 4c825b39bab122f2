// lex_owned_value: the owned key's line, lexed on its own (spec §9); and the
// owned-key lines looked for after a closing `...`.
#include <doctest/doctest.h>

#include <string_view>

#include "owned_value.h"

using namespace touchbase;
using Kind = OwnedValueToken::Kind;

TEST_CASE("lex_owned_value: plain and quoted values, their spans") {
    auto t = lex_owned_value("counter: 2w  # every other week", "counter");
    CHECK(t.kind == Kind::value);
    CHECK(t.quote == 0);
    CHECK(t.after_colon == 8);
    CHECK(t.start == 9);
    CHECK(t.end == 11);

    t = lex_owned_value("'last_contact' : \"2026-01-02\" ", "last_contact");
    CHECK(t.kind == Kind::value);
    CHECK(t.quote == '"');
    CHECK(t.start == 17);
    CHECK(t.end == 29);

    t = lex_owned_value("next_contact: 'it''s'", "next_contact");
    CHECK(t.kind == Kind::value);
    CHECK(t.end == 21);

    t = lex_owned_value("offboarded: \"a\\\"b\" # c", "offboarded");
    CHECK(t.kind == Kind::value);
    CHECK(t.end == 18);
}

TEST_CASE("lex_owned_value: an empty value, with or without a comment") {
    auto t = lex_owned_value("next_contact:", "next_contact");
    CHECK(t.kind == Kind::empty);
    CHECK(t.after_colon == 13);
    CHECK(t.start == 13);
    t = lex_owned_value("next_contact:   # set by touchbase", "next_contact");
    CHECK(t.kind == Kind::empty);
    CHECK(t.start == 16);
    CHECK(t.end == 16);
}

TEST_CASE("lex_owned_value: what the rule does not allow, and where") {
    CHECK(lex_owned_value("  counter: 2w", "counter").kind == Kind::bad_key);
    CHECK(lex_owned_value("'counter\": 2w", "counter").kind == Kind::bad_key);
    const struct {
        std::string_view line;
        std::string_view what;
        std::size_t column;
    } cases[] = {
        {"counter 2w", "the key is not followed by ':' on its line", 8},
        {"counters: 2w", "the key is not followed by ':' on its line", 7},
        {"counter: [2w]", "a flow collection", 9},
        {"counter: {a: b}", "a flow collection", 9},
        {"counter: |", "a block scalar", 9},
        {"counter: >-", "a block scalar", 9},
        {"counter: !!str 2w", "a tag", 9},
        {"counter: &a 2w", "an anchor", 9},
        {"counter: *a", "an alias", 9},
        {"counter: '2w", "the quoted value runs over several lines", 9},
        {"counter: '2w' x", "unexpected text after the value", 14},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        const auto t = lex_owned_value(c.line, "counter");
        CHECK(t.kind == Kind::bad_value);
        CHECK(std::string_view(t.what) == c.what);
        CHECK(t.error_column == c.column);
    }
}

TEST_CASE("starts_with_owned_key: the key at column 1, plain or quoted, then ':'") {
    CHECK(starts_with_owned_key("last_contact: 2026-01-01", "last_contact"));
    CHECK(starts_with_owned_key("last_contact:", "last_contact"));
    CHECK(starts_with_owned_key("\"counter\" :\t2w", "counter"));
    CHECK_FALSE(starts_with_owned_key(" counter: 2w", "counter"));
    CHECK_FALSE(starts_with_owned_key("counters: 2w", "counter"));
    CHECK_FALSE(starts_with_owned_key("counter:2w", "counter"));
    CHECK_FALSE(starts_with_owned_key("counter", "counter"));
}
