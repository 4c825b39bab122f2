// Property test at the note level (SPEC §9, DESIGN "edits are byte ranges"):
// random whole notes (key order, comments, quoting styles, CRLF, BOM,
// trailing spaces, contact entries as headings and as a Log list, tasks) go
// through process_note. Checks that
//   (a) every byte outside the owned values (and the insertion point before
//       the closing delimiter) is unchanged, and each changed value stays on
//       its line;
//   (b) the owned values read back (read_front_matter on the new bytes) give
//       the state in the ClientRecord;
//   (c) processing the new bytes again gives no new bytes and the same record.
#include <doctest/doctest.h>

#include "test_dates.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "front_matter.h"
#include "note.h"
#include "test_random.h"

using namespace touchbase;
using touchbase::test::day;

namespace {

class NoteGenerator : private test::Random {
public:
    using Random::Random;

    std::string note() {
        eol_ = chance(25) ? "\r\n" : "\n";
        std::vector<std::string> keys;
        keys.push_back(
            fmt::format("name: {}{}", pick({"Acme", "'Beta Corp'", "\"Gamma\""}), comment()));
        if (chance(60))
            keys.push_back(fmt::format("engagement: {}{}",
                                       pick({"ongoing", "active", "casual", "former", "paused"}),
                                       comment()));
        if (chance(40)) keys.push_back(fmt::format("owner: Jane{}", comment()));
        if (chance(40)) keys.push_back(fmt::format("tags: [a, b]{}", comment()));
        if (chance(40))
            keys.push_back(
                fmt::format("next_actions:{}  - Send the proposal{}  - {{do: Book it, due: "
                            "{}}}",
                            eol_, eol_, date()));
        if (chance(30)) keys.push_back("x-user: keep me   # mine");
        if (chance(80)) keys.push_back(owned("last_contact", date()));
        if (chance(70))
            keys.push_back(owned("counter", pick({"1w", "2w", "14d", "1m", "8w", "3d"})));
        if (chance(60)) keys.push_back(owned("next_contact", date()));
        shuffle(keys.begin(), keys.end());

        std::string out = chance(20) ? "\xEF\xBB\xBF" : "";
        out += fmt::format("---{}{}", chance(20) ? "  " : "", eol_);
        for (const auto& k : keys) out += fmt::format("{}{}{}", k, trailing(), eol_);
        if (chance(20)) out += fmt::format("# a comment line{}", eol_);
        out += fmt::format("{}{}", chance(15) ? "..." : "---", eol_);

        out += fmt::format("# Client{}{}", eol_, eol_);
        const int n = uniform(0, 6);
        const bool as_list = chance(50);
        if (as_list) out += fmt::format("## Log{}{}", eol_, eol_);
        for (int i = 0; i < n; ++i) {
            std::string text =
                fmt::format("{} {}{}", date(), pick({"call", "**mail**", "visit"}), tags());
            out += as_list ? fmt::format("- {}{}", text, eol_)
                           : fmt::format("## {}{}{}Notes.{}{}", text, eol_, eol_, eol_, eol_);
        }
        if (as_list) out += fmt::format("{}## Tasks{}{}", eol_, eol_, eol_);
        for (int i = uniform(0, 3); i > 0; --i)
            out += fmt::format("- [{}] Task {}{}{}", chance(20) ? "x" : " ", i,
                               chance(50) ? fmt::format(" 📅 {}", date()) : "", eol_);
        if (chance(30)) out += "Trailing text without a line ending";
        return out;
    }

private:
    std::string date() { return fmt::format("2026-{:02}-{:02}", uniform(8, 11), uniform(1, 28)); }
    std::string comment() { return chance(25) ? "   # note" : ""; }
    std::string trailing() { return chance(15) ? "  " : ""; }
    std::string tags() {
        std::string t;
        if (chance(15)) t += " #needs";
        if (chance(15)) t += " #news";
        if (chance(15)) t += " #missed";
        if (chance(15)) t += fmt::format(" next:2026-12-{:02}", uniform(1, 28));
        return t;
    }
    std::string owned(const char* key, std::string value) {
        switch (uniform(0, 5)) {
            case 0: value = fmt::format("'{}'", value); break;
            case 1: value = fmt::format("\"{}\"", value); break;
            case 2: value.clear(); break;
            case 3: value.assign(1, '~'); break;
            default: break;
        }
        std::string spacing = value.empty() ? "" : std::string(uniform(1, 3), ' ');
        return fmt::format("{}:{}{}{}", key, spacing, value, comment());
    }
    std::string eol_;
};

// (a): `after` is `before` with only the owned value spans replaced (each
// replacement on one line) and key lines inserted before the closing delimiter.
void check_only_owned_values_changed(const std::string& before, const std::string& after) {
    const Split split = split_note(before);
    REQUIRE(split.kind == Split::Kind::note);
    const FrontMatterRead read = read_front_matter(before, split, "n.md");
    struct Region {
        std::size_t offset, length;
        bool lines;  // the insertion point: whole key lines
    };
    std::vector<Region> regions;
    for (OwnedKey k : kOwnedKeys) {
        const OwnedSlot& slot = read.front_matter.slot(k);
        if (slot.present) regions.push_back({slot.value_offset, slot.value_length, false});
    }
    regions.push_back({split.yaml_end, 0, true});
    std::sort(regions.begin(), regions.end(),
              [](const Region& a, const Region& b) { return a.offset < b.offset; });

    std::size_t old_pos = 0, new_pos = 0;
    for (std::size_t i = 0; i <= regions.size(); ++i) {
        const std::size_t end = i < regions.size() ? regions[i].offset : before.size();
        const std::string fixed = before.substr(old_pos, end - old_pos);
        if (i == 0) {
            REQUIRE(after.compare(0, fixed.size(), fixed) == 0);
        } else {
            // The bytes between: the new value (or the inserted lines).
            const std::size_t at =
                i == regions.size() ? after.size() - fixed.size() : after.find(fixed, new_pos);
            REQUIRE(at != std::string::npos);
            REQUIRE(at >= new_pos);
            REQUIRE(after.compare(at, fixed.size(), fixed) == 0);
            const std::string inserted = after.substr(new_pos, at - new_pos);
            if (regions[i - 1].lines) {
                // Whole `key: value` lines in the note's line ending.
                for (std::size_t p = 0; p < inserted.size();) {
                    const std::size_t nl = inserted.find(split.eol, p);
                    REQUIRE(nl != std::string::npos);
                    const std::string line = inserted.substr(p, nl - p);
                    const bool owned_key = line.starts_with("last_contact: ") ||
                                           line.starts_with("counter: ") ||
                                           line.starts_with("next_contact: ");
                    CHECK_MESSAGE(owned_key, line);
                    p = nl + split.eol.size();
                }
            } else {
                CHECK(inserted.find('\n') == std::string::npos);
            }
            new_pos = at;
        }
        new_pos += fixed.size();
        if (i < regions.size()) old_pos = regions[i].offset + regions[i].length;
    }
    CHECK(new_pos == after.size());
}

}  // namespace

TEST_CASE(
    "property: process_note changes only owned values, reads back its state, and is idempotent") {
    const Config config;
    const Date today = day("2026-11-24");
    int changed = 0, unchanged = 0, crlf = 0, bom = 0;
    for (std::uint32_t seed = 1; seed <= 400; ++seed) {
        NoteGenerator gen(seed);
        const std::string before = gen.note();
        CAPTURE(seed);
        CAPTURE(before);
        const NoteResult first = process_note("n.md", before, config, today);
        REQUIRE(first.is_note);
        REQUIRE_MESSAGE(first.record.has_value(),
                        (first.problems.empty() ? std::string("?") : first.problems[0].message));
        const ClientRecord& record = *first.record;
        if (before.find("\r\n") != std::string::npos) ++crlf;
        if (before.starts_with("\xEF\xBB\xBF")) ++bom;

        const std::string after = first.new_bytes.value_or(before);
        first.new_bytes ? ++changed : ++unchanged;
        if (first.new_bytes) {
            CHECK(*first.new_bytes != before);
            check_only_owned_values_changed(before, after);
        }

        // (b) The owned values read back to the record's state.
        const Split split = split_note(after);
        const FrontMatterRead read = read_front_matter(after, split, "n.md");
        CHECK_FALSE(has_error(read.problems));
        const FrontMatter& fm = read.front_matter;
        CHECK(fm.last_contact == record.last_contact);
        if (record.counter) {
            REQUIRE(fm.counter.has_value());
            CHECK(means_same(*fm.counter, *record.counter));
        } else {
            CHECK_FALSE(fm.counter.has_value());
        }
        if (record.last_contact && record.engagement != Engagement::paused)
            CHECK(fm.next_contact == record.next_contact);

        // (c) Processing the new bytes again changes nothing.
        const NoteResult second = process_note("n.md", after, config, today);
        CHECK_FALSE(second.new_bytes.has_value());
        REQUIRE(second.record.has_value());
        CHECK(second.record->last_contact == record.last_contact);
        CHECK(second.record->next_contact == record.next_contact);
        CHECK(second.record->status == record.status);
        CHECK(second.record->actions.size() == record.actions.size());
    }
    // The generator must exercise both outcomes and the odd encodings.
    CHECK(changed > 50);
    CHECK(unchanged > 5);
    CHECK(crlf > 40);
    CHECK(bom > 40);
    MESSAGE(
        fmt::format("changed {}, unchanged {}, crlf {}, bom {}", changed, unchanged, crlf, bom));
}
