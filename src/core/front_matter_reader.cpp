// The flow of reading one note's front matter: the limits checked on the
// text, the YAML loaded behind the probe line, duplicates, then each key
// read by its part of the reader (front_matter_reader.h).
#include "front_matter_reader.h"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>

#include "text.h"

namespace touchbase {

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

// SPEC §9: the limits are checked on the text, before yaml-cpp sees it.
bool FrontMatterReader::check_limits() {
    if (yaml_.size() > kMaxFrontMatterBytes) {
        problem(Severity::error, -1, 0,
                fmt::format("the front matter is larger than 64 KiB ({} bytes)", yaml_.size()));
        return false;
    }
    if (nesting_bound(yaml_) <= static_cast<std::size_t>(kMaxFrontMatterDepth))
        return true;  // most front matters
    const NestingDepth depth = nesting_depth(yaml_, kMaxFrontMatterDepth);
    if (depth.depth > kMaxFrontMatterDepth) {
        const int line = lines_.index_of(depth.offset);
        problem(Severity::error, line, static_cast<int>(depth.offset - lines_.start(line)),
                fmt::format("the front matter is nested deeper than {} levels",
                            kMaxFrontMatterDepth));
        return false;
    }
    return true;
}

namespace {

bool is_owned_key(std::string_view key) {
    return std::any_of(std::begin(kOwnedKeys), std::end(kOwnedKeys),
                       [&](OwnedKey k) { return key == to_string(k); });
}

}  // namespace

// SPEC §9: an owned key twice is an error (which one would be updated?); a
// user key twice is a warning, the last one used.
void FrontMatterReader::check_duplicates(const std::vector<Entry>& entries) {
    // The entries' indexes by key, then by place: each run of one key starts
    // at its first entry. No key is copied.
    std::vector<std::size_t> by_key(entries.size());
    std::iota(by_key.begin(), by_key.end(), std::size_t{0});
    std::sort(by_key.begin(), by_key.end(), [&](std::size_t a, std::size_t b) {
        const int order = entries[a].key.compare(entries[b].key);
        return order != 0 ? order < 0 : a < b;
    });
    std::vector<std::pair<std::size_t, std::size_t>> repeats;  // (entry, its key's first entry)
    for (std::size_t k = 1, run = 0; k < by_key.size(); ++k) {
        const std::string& key = entries[by_key[k]].key;
        if (key != entries[by_key[run]].key)
            run = k;
        else if (!key.empty())
            repeats.emplace_back(by_key[k], by_key[run]);
    }
    std::sort(repeats.begin(), repeats.end());  // reported in the order they stand
    for (const auto& [i, first] : repeats) {
        const Entry& e = entries[i];
        const YAML::Mark m = e.key_node.Mark();
        const int first_line = split_.yaml_first_line + entries[first].key_node.Mark().line;
        const bool owned = is_owned_key(e.key);
        problem(owned ? Severity::error : Severity::warning, m.line, m.column,
                owned ? fmt::format("{} appears twice (first on line {}); touchbase cannot tell "
                                    "which one to update",
                                    e.key, first_line)
                      : fmt::format("duplicate key '{}' (first on line {}); the last one is used",
                                    shown(e.key), first_line));
    }
}

void FrontMatterReader::read_entries(const std::vector<Entry>& entries,
                                     const YAML::Mark& probe_mark) {
    check_duplicates(entries);
    read_user_keys(entries);
    warn_near_miss_keys(entries);
    for (OwnedKey k : kOwnedKeys) {
        const std::string_view name = to_string(k);
        std::size_t seen = 0, i = 0;
        for (std::size_t j = 0; j < entries.size(); ++j) {
            if (entries[j].key != name) continue;
            ++seen;
            i = j;
        }
        if (seen != 1) continue;  // absent, or twice (an error above)
        read_owned(k, entries[i],
                   i + 1 < entries.size() ? entries[i + 1].key_node.Mark() : probe_mark);
    }
}

FrontMatterRead FrontMatterReader::read() {
    if (!check_limits()) return std::move(out_);
    try {
        YAML::Mark probe_mark = YAML::Mark::null_mark();
        if (const auto entries = load_probed(probe_mark))
            read_entries(*entries, probe_mark);
        else
            diagnose();
    } catch (const std::exception& ex) {
        // Reading scalars does not throw; this is only a safety net so that no
        // exception leaves the module.
        problem(Severity::error, -1, 0, fmt::format("cannot read the front matter: {}", ex.what()));
    }
    return std::move(out_);
}

}  // namespace touchbase
