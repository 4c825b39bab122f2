// Property test for SPEC §9 "nothing is lost": random front matters (key
// order, comments, quoting, spacing, CRLF, BOM, trailing spaces, owned keys
// missing, empty or null), random wanted values. Checks that
//   (a) every byte outside the owned value spans and the insertion point is
//       unchanged, and the value spans are exactly the generated tokens;
//   (b) reading the result gives the wanted values and the same user keys;
//   (c) planning again on the result yields no edits.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "front_matter_edit.h"
#include "test_random.h"

using namespace touchbase;

namespace {

class Generator : public test::Random {
public:
    using Random::Random;

    Date date() {
        return Date::from_ymd(uniform(2000, 2040), uniform(1, 12), uniform(1, 28)).value();
    }
    Duration duration() {
        const Unit units[] = {Unit::days, Unit::weeks, Unit::months, Unit::years};
        return Duration{uniform(0, 40), units[uniform(0, 3)]};
    }
    // Another spelling of the same duration, where there is one.
    Duration same_as(Duration d) {
        if (d.unit == Unit::weeks && chance(50)) return Duration{d.count * 7, Unit::days};
        if (d.unit == Unit::days && d.count % 7 == 0 && chance(50))
            return Duration{d.count / 7, Unit::weeks};
        if (d.unit == Unit::years && chance(50)) return Duration{d.count * 12, Unit::months};
        if (d.unit == Unit::months && d.count % 12 == 0 && chance(50))
            return Duration{d.count / 12, Unit::years};
        return d;
    }
    std::string spaces(int lo, int hi) {
        std::string s;
        for (int i = uniform(lo, hi); i > 0; --i) s += chance(85) ? ' ' : '\t';
        return s;
    }
};

// What the generator wrote for one owned key.
struct Written {
    bool present = false;
    std::size_t offset = 0;            // of the value token (just after the colon when empty)
    std::string token;                 // as written, quotes included
    std::optional<std::string> value;  // the date or duration text, nullopt for null/empty
};

struct Note {
    std::string text;
    Written owned[4];
    std::optional<std::string> name;
    std::vector<std::string> tags;
};

Note generate(Generator& g) {
    Note n;
    const std::string eol = g.chance(30) ? "\r\n" : "\n";
    if (g.chance(20)) n.text += "\xEF\xBB\xBF";
    n.text += "---" + (g.chance(20) ? g.spaces(1, 2) : "") + eol;

    // The entries of the mapping, each one or more lines; owned keys marked
    // by their index so their offsets can be recorded when they are written.
    struct Entry {
        std::string text;  // for user entries
        int owned = -1;
    };
    std::vector<Entry> entries;
    const std::vector<std::string> comments = {"", " # note", "   # set by touchbase", "\t#x"};
    if (g.chance(70)) {
        const std::vector<std::string> names = {"Acme Corp", "'O''Brien & Co'", "\"Zoë \\\"Z\\\"\"",
                                                "plain: no", "http://x.y/#frag"};
        const std::string& nm = g.pick(names);
        if (nm == "plain: no") {
            entries.push_back({"name: 'plain: no'" + g.pick(comments) + eol});
            n.name = "plain: no";
        } else {
            entries.push_back({"name: " + nm + g.pick(comments) + eol});
            n.name = nm == "Acme Corp"          ? "Acme Corp"
                     : nm == "'O''Brien & Co'"  ? "O'Brien & Co"
                     : nm == "http://x.y/#frag" ? "http://x.y/#frag"
                                                : "Zoë \"Z\"";
        }
    }
    if (g.chance(60)) entries.push_back({"engagement: ongoing" + eol});
    if (g.chance(50)) {
        if (g.chance(50)) {
            entries.push_back({"tags: [a, 'b c']" + eol});
        } else {
            entries.push_back({"tags:" + eol + "  - a" + eol + "  - b c" + eol});
        }
        n.tags = {"a", "b c"};
    }
    if (g.chance(40)) entries.push_back({"# a comment line" + eol});
    if (g.chance(30)) entries.push_back({eol});
    if (g.chance(40))
        entries.push_back({"notes: |" + eol + "  last_contact: 1999-01-01" + eol + "  ---x" + eol});
    if (g.chance(40))
        entries.push_back({"next_actions:" + eol + "- {do: Call, due: 2026-01-05}" + eol +
                           "- Send the summary" + eol});
    if (g.chance(30)) entries.push_back({"custom:" + eol + "  counter: nested" + eol});
    if (g.chance(30)) entries.push_back({"quote: \"multi" + eol + "  line\"" + eol});
    for (int k = 0; k < 4; ++k)
        if (!g.chance(25)) entries.push_back({"", k});
    std::shuffle(entries.begin(), entries.end(), std::mt19937(g.uniform(0, 1 << 30)));

    for (const Entry& e : entries) {
        if (e.owned < 0) {
            n.text += e.text;
            continue;
        }
        const OwnedKey key = kOwnedKeys[e.owned];
        Written& w = n.owned[e.owned];
        w.present = true;
        std::string line;
        const std::string k = to_string(key);
        const int key_style = g.uniform(0, 9);
        line += key_style == 0 ? "'" + k + "'" : key_style == 1 ? "\"" + k + "\"" : k;
        if (g.chance(10)) line += " ";
        line += ":";
        const int kind = g.uniform(0, 9);  // 0-1 empty, 2 null, 3 ~, else a value
        std::string comment = g.chance(30) ? g.spaces(1, 3) + "# c'\"#" : "";
        if (kind <= 1) {
            w.offset = n.text.size() + line.size();
            w.token = "";
            line += comment.empty() ? (g.chance(30) ? g.spaces(1, 2) : "") : comment;
        } else {
            line += g.spaces(1, 3);
            w.offset = n.text.size() + line.size();
            if (kind == 2) {
                w.token = "null";
            } else if (kind == 3) {
                w.token = "~";
            } else {
                const std::string v =
                    key == OwnedKey::counter ? g.duration().str() : g.date().str();
                w.value = v;
                const int q = g.uniform(0, 2);
                w.token = q == 0 ? v : q == 1 ? "'" + v + "'" : "\"" + v + "\"";
            }
            line += w.token + (g.chance(15) ? g.spaces(1, 2) : "") + comment;
        }
        n.text += line + eol;
    }

    const std::string closing = g.chance(50) ? "---" : "...";
    n.text += closing + (g.chance(20) ? g.spaces(1, 2) : "") + eol;
    // A body that looks like front matter must never be touched. (After a
    // `...`, an owned key before a later `---` line is an error instead:
    // front_matter_test, finding 14.)
    n.text += "# Acme" + eol + eol + "last_contact: 2000-01-01" + eol +
              (closing == "---" ? "---" : "***") + eol + "counter: 1d";
    if (g.chance(50)) n.text += eol;
    return n;
}

std::optional<std::string> slot_value(const FrontMatter& fm, OwnedKey k) {
    switch (k) {
        case OwnedKey::last_contact:
            return fm.last_contact ? std::optional(fm.last_contact->str()) : std::nullopt;
        case OwnedKey::counter: return fm.counter ? std::optional(fm.counter->str()) : std::nullopt;
        case OwnedKey::next_contact:
            return fm.next_contact ? std::optional(fm.next_contact->str()) : std::nullopt;
        case OwnedKey::offboarded:
            return fm.offboarded ? std::optional(fm.offboarded->str()) : std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("property: owned edits change only the owned values, and only once") {
    Generator g(20261116);
    // How often each path was taken, so a degenerate generator shows.
    int insertions = 0, replacements = 0, empty_fills = 0, kept_same = 0, crlf = 0, bom = 0;
    for (int iteration = 0; iteration < 400; ++iteration) {
        const Note note = generate(g);
        CAPTURE(iteration);
        CAPTURE(note.text);

        const Split split = split_note(note.text);
        REQUIRE(split.kind == Split::Kind::note);
        const FrontMatterRead first = read_front_matter(note.text, split, "n.md");
        REQUIRE_MESSAGE(first.problems.empty(),
                        (first.problems.empty() ? "" : first.problems[0].message));
        const FrontMatter& fm = first.front_matter;
        CHECK(fm.name == note.name);

        // The slots are exactly the generated tokens.
        for (int k = 0; k < 4; ++k) {
            const OwnedSlot& s = fm.slots[k];
            const Written& w = note.owned[k];
            REQUIRE(s.present == w.present);
            if (!w.present) continue;
            CHECK(s.value_offset == w.offset);
            CHECK(s.value_length == w.token.size());
            CHECK(note.text.substr(s.value_offset, s.value_length) == w.token);
            CHECK(s.is_null == !w.value.has_value());
            CHECK(slot_value(fm, kOwnedKeys[k]) == w.value);
        }

        // Random wanted values, some meaning the same as what is there.
        OwnedValues wanted;
        std::optional<std::string> expect[4];
        for (int k = 0; k < 4; ++k) {
            expect[k] = note.owned[k].value;
            if (!g.chance(70)) continue;
            const OwnedKey key = kOwnedKeys[k];
            if (key == OwnedKey::counter) {
                Duration d = g.duration();
                if (fm.counter && g.chance(30)) d = g.same_as(*fm.counter);
                wanted.counter = d;
                if (!fm.counter || !means_same(*fm.counter, d)) expect[k] = d.str();
            } else {
                std::optional<Date> current =
                    slot_value(fm, key) ? Date::parse(*slot_value(fm, key)) : std::nullopt;
                Date d = current && g.chance(30) ? *current : g.date();
                (key == OwnedKey::last_contact   ? wanted.last_contact
                 : key == OwnedKey::next_contact ? wanted.next_contact
                                                 : wanted.offboarded) = d;
                expect[k] = d.str();
            }
        }

        const std::vector<Edit> edits = plan_owned_edits(note.text, split, fm, wanted);
        const std::string result = apply_edits(note.text, edits);
        crlf += split.eol == "\r\n";
        bom += split.bom;
        for (const Edit& e : edits) {
            if (e.offset == split.yaml_end && e.length == 0)
                ++insertions;
            else if (e.length == 0)
                ++empty_fills;
            else
                ++replacements;
        }
        for (int k = 0; k < 4; ++k)
            kept_same += note.owned[k].value && expect[k] == note.owned[k].value &&
                         (k == 1 ? wanted.counter.has_value()
                                 : (k == 0   ? wanted.last_contact
                                    : k == 2 ? wanted.next_contact
                                             : wanted.offboarded)
                                       .has_value());

        // (a) Every edit is at an owned value span or at the closing line,
        // and every other byte is where it was.
        std::vector<Edit> sorted = edits;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const Edit& a, const Edit& b) { return a.offset < b.offset; });
        for (const Edit& e : sorted) {
            bool at_slot = false;
            for (const OwnedSlot& s : fm.slots)
                at_slot = at_slot ||
                          (s.present && e.offset == s.value_offset && e.length == s.value_length);
            const bool insertion = e.offset == split.yaml_end && e.length == 0;
            CHECK((at_slot || insertion));
        }
        std::size_t in = 0, out = 0;
        for (const Edit& e : sorted) {
            REQUIRE(e.offset >= in);
            const std::size_t n = e.offset - in;
            CHECK(result.compare(out, n, note.text, in, n) == 0);
            out += n + e.replacement.size();
            in = e.offset + e.length;
        }
        CHECK(result.substr(out) == note.text.substr(in));

        // (b) The result reads back with the wanted values and the same user keys.
        const Split split2 = split_note(result);
        REQUIRE(split2.kind == Split::Kind::note);
        CHECK(split2.bom == split.bom);
        CHECK(split2.eol == split.eol);
        CHECK(split2.body(result) == split.body(note.text));
        const FrontMatterRead second = read_front_matter(result, split2, "n.md");
        REQUIRE_MESSAGE(second.problems.empty(),
                        (second.problems.empty() ? "" : second.problems[0].message));
        for (int k = 0; k < 4; ++k)
            CHECK(slot_value(second.front_matter, kOwnedKeys[k]) == expect[k]);
        CHECK(second.front_matter.name == fm.name);
        CHECK(second.front_matter.engagement == fm.engagement);
        CHECK(second.front_matter.next_actions.size() == fm.next_actions.size());

        // (c) Planning again changes nothing.
        CHECK(plan_owned_edits(result, split2, second.front_matter, wanted).empty());
    }
    MESSAGE("insertions " << insertions << ", replacements " << replacements << ", empty fills "
                          << empty_fills << ", kept " << kept_same << ", crlf " << crlf << ", bom "
                          << bom);
    CHECK(insertions > 100);
    CHECK(replacements > 200);
    CHECK(empty_fills > 50);
    CHECK(kept_same > 30);
    CHECK(crlf > 50);
    CHECK(bom > 30);
}

TEST_CASE("property: mutated front matter never throws, and a clean read rewrites cleanly") {
    Generator g(424242);
    const std::string alphabet = "[]{}'\"|>&*!#:-?, \t\n\r~\\x0a";
    int clean = 0;
    for (int iteration = 0; iteration < 3000; ++iteration) {
        std::string text = generate(g).text;
        const Split s0 = split_note(text);
        for (int m = g.uniform(1, 4); m > 0; --m) {
            const int pos =
                g.uniform(static_cast<int>(s0.yaml_begin), static_cast<int>(s0.yaml_end));
            const char c = alphabet[static_cast<std::size_t>(
                g.uniform(0, static_cast<int>(alphabet.size()) - 1))];
            if (g.chance(50) && pos < static_cast<int>(s0.yaml_end))
                text[static_cast<std::size_t>(pos)] = c;
            else
                text.insert(static_cast<std::size_t>(pos), 1, c);
        }
        CAPTURE(text);
        const Split split = split_note(text);
        FrontMatterRead r;
        REQUIRE_NOTHROW(r = read_front_matter(text, split, "n.md"));
        if (split.kind != Split::Kind::note || has_error(r.problems)) continue;
        ++clean;
        OwnedValues wanted;
        wanted.last_contact = g.date();
        wanted.counter = g.duration();
        wanted.next_contact = g.date();
        wanted.offboarded = g.date();
        const std::string result =
            apply_edits(text, plan_owned_edits(text, split, r.front_matter, wanted));
        const Split split2 = split_note(result);
        const FrontMatterRead r2 = read_front_matter(result, split2, "n.md");
        REQUIRE_MESSAGE(!has_error(r2.problems), r2.problems[0].message);
        CHECK(r2.front_matter.last_contact == wanted.last_contact);
        REQUIRE(r2.front_matter.counter);
        CHECK(means_same(*r2.front_matter.counter, *wanted.counter));
        CHECK(r2.front_matter.next_contact == wanted.next_contact);
        CHECK(r2.front_matter.offboarded == wanted.offboarded);
        CHECK(plan_owned_edits(result, split2, r2.front_matter, wanted).empty());
        // The user's values read the same.
        const FrontMatter& a = r.front_matter;
        const FrontMatter& b = r2.front_matter;
        CHECK(a.name == b.name);
        CHECK(a.owner == b.owner);
        CHECK(a.engagement == b.engagement);
        REQUIRE(a.next_actions.size() == b.next_actions.size());
        for (std::size_t i = 0; i < a.next_actions.size(); ++i) {
            CHECK(a.next_actions[i].text == b.next_actions[i].text);
            CHECK(a.next_actions[i].line == b.next_actions[i].line);
        }
        CHECK(r.problems.size() == r2.problems.size());  // the same warnings
    }
    MESSAGE("clean mutated reads: " << clean);
    CHECK(clean > 300);
}
