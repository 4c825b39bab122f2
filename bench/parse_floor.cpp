// parse_floor: the unavoidable work of touchbase's design, on one thread.
//
// For every *.md file under DIR (recursive, hidden entries skipped, sorted by
// path bytes): read the file, split off the YAML front matter at the `---`
// delimiters (SPEC §2), parse it with YAML::Load, parse the body with
// cmark-gfm (CMARK_OPT_SOURCEPOS, `tasklist` extension only, as touchbase
// does) and walk the tree once. Totals are printed so that nothing is
// optimised away. No scheduling, no edits, no agenda, no writes: a run of
// touchbase cannot be much faster than this per core, so bench/run reports
// touchbase's time as a ratio to it.
//
//     parse_floor DIR
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <yaml-cpp/yaml.h>

namespace {

namespace fs = std::filesystem;

struct Totals {
    long files = 0;        // *.md files read
    long notes = 0;        // files with front matter
    long bytes = 0;        // bytes read
    long yaml_keys = 0;    // top-level keys of the front matters
    long yaml_errors = 0;  // front matters that did not parse
    long nodes = 0;        // cmark nodes visited
    long tasks = 0;        // task items among them
};

std::vector<fs::path> markdown_files(const fs::path& dir) {
    std::vector<fs::path> paths;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
    if (ec) {
        std::fprintf(stderr, "parse_floor: %s: %s\n", dir.c_str(), ec.message().c_str());
        std::exit(2);
    }
    for (; it != end; it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file() && name.size() > 3 && name.ends_with(".md"))
            paths.push_back(it->path());
    }
    std::sort(paths.begin(), paths.end(),
              [](const fs::path& a, const fs::path& b) { return a.native() < b.native(); });
    return paths;
}

bool read_file(const fs::path& path, std::string& out) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        ::close(fd);
        return false;
    }
    out.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        got += static_cast<std::size_t>(n);
    }
    out.resize(got);
    ::close(fd);
    return true;
}

// A line that is exactly `marker` apart from trailing spaces and a CR.
bool is_delimiter(std::string_view line, std::string_view marker) {
    if (!line.starts_with(marker)) return false;
    for (char c : line.substr(marker.size()))
        if (c != ' ' && c != '\r') return false;
    return true;
}

// SPEC §2 split: [yaml_begin, yaml_end) is the YAML text, body_begin the
// first byte of the body. False when the file is not a note.
bool split(std::string_view text, std::size_t& yaml_begin, std::size_t& yaml_end,
           std::size_t& body_begin) {
    std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos || !is_delimiter(text.substr(pos, eol - pos), "---"))
        return false;
    yaml_begin = eol + 1;
    pos = yaml_begin;
    while (pos < text.size()) {
        eol = text.find('\n', pos);
        const std::size_t end = eol == std::string_view::npos ? text.size() : eol;
        const std::string_view line = text.substr(pos, end - pos);
        if (is_delimiter(line, "---") || is_delimiter(line, "...")) {
            yaml_end = pos;
            body_begin = eol == std::string_view::npos ? text.size() : eol + 1;
            return true;
        }
        pos = end + 1;
    }
    return false;  // unclosed: touchbase reports an error; nothing to parse here
}

void parse_body(std::string_view body, cmark_syntax_extension* tasklist, Totals& totals) {
    cmark_parser* parser = cmark_parser_new(CMARK_OPT_SOURCEPOS);
    cmark_parser_attach_syntax_extension(parser, tasklist);
    cmark_parser_feed(parser, body.data(), body.size());
    cmark_node* doc = cmark_parser_finish(parser);
    cmark_iter* iter = cmark_iter_new(doc);
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* node = cmark_iter_get_node(iter);
        ++totals.nodes;
        const char* type = cmark_node_get_type_string(node);
        if (type != nullptr && std::strcmp(type, "tasklist") == 0) ++totals.tasks;
    }
    cmark_iter_free(iter);
    cmark_node_free(doc);
    cmark_parser_free(parser);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: parse_floor DIR\n");
        return 2;
    }
    cmark_gfm_core_extensions_ensure_registered();
    cmark_syntax_extension* tasklist = cmark_find_syntax_extension("tasklist");
    if (tasklist == nullptr) {
        std::fprintf(stderr, "parse_floor: cmark-gfm has no tasklist extension\n");
        return 2;
    }

    Totals totals;
    std::string text;
    for (const fs::path& path : markdown_files(argv[1])) {
        if (!read_file(path, text)) {
            std::fprintf(stderr, "parse_floor: cannot read %s: %s\n", path.c_str(),
                         std::strerror(errno));
            continue;
        }
        ++totals.files;
        totals.bytes += static_cast<long>(text.size());
        std::size_t yaml_begin = 0, yaml_end = 0, body_begin = 0;
        if (!split(text, yaml_begin, yaml_end, body_begin)) continue;
        ++totals.notes;
        try {
            const YAML::Node root = YAML::Load(text.substr(yaml_begin, yaml_end - yaml_begin));
            if (root.IsMap()) totals.yaml_keys += static_cast<long>(root.size());
        } catch (const YAML::Exception&) {
            ++totals.yaml_errors;
        }
        parse_body(std::string_view(text).substr(body_begin), tasklist, totals);
    }
    std::printf(
        "files %ld notes %ld bytes %ld yaml_keys %ld yaml_errors %ld cmark_nodes %ld tasks %ld\n",
        totals.files, totals.notes, totals.bytes, totals.yaml_keys, totals.yaml_errors,
        totals.nodes, totals.tasks);
    return 0;
}
