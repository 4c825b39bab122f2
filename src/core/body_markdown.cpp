#include "body_markdown.h"

#include <algorithm>

#include <cmark-gfm-core-extensions.h>

namespace touchbase {

namespace {

// The registry of core extensions is global: register it once, from whichever
// thread comes first (a function-local static is initialised exactly once).
// Only `tasklist` is attached: it adds no special inline characters, so no
// parser writes cmark's global inline tables and parsers on several threads
// do not race (tables and autolinks would; DESIGN, Known facts).
cmark_syntax_extension* tasklist_extension() {
    static cmark_syntax_extension* const extension = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return cmark_find_syntax_extension("tasklist");
    }();
    return extension;
}

struct ParserFree {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};

bool is_block(cmark_node* node) {
    return (static_cast<unsigned>(cmark_node_get_type(node)) & CMARK_NODE_TYPE_MASK) ==
           CMARK_NODE_TYPE_BLOCK;
}

}  // namespace

NodePtr parse_markdown(std::string_view body) {
    std::unique_ptr<cmark_parser, ParserFree> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
    if (!parser) return nullptr;
    if (cmark_syntax_extension* ext = tasklist_extension())
        cmark_parser_attach_syntax_extension(parser.get(), ext);
    cmark_parser_feed(parser.get(), body.data(), body.size());
    return NodePtr(cmark_parser_finish(parser.get()));
}

bool is_task_item(cmark_node* node) {
    return cmark_node_get_type(node) == CMARK_NODE_ITEM && tasklist_extension() != nullptr &&
           cmark_node_get_syntax_extension(node) == tasklist_extension();
}

std::string plain_text(cmark_node* node) {
    // Depth first over the node and its descendants, by the tree's own
    // links: no iterator to allocate, no recursion however deep the inlines.
    std::string out;
    for (cmark_node* n = node;;) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (const char* lit = cmark_node_get_literal(n)) out += lit;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: out += ' '; break;
            default: break;
        }
        if (cmark_node* child = cmark_node_first_child(n)) {
            n = child;
            continue;
        }
        while (n != node && cmark_node_next(n) == nullptr) n = cmark_node_parent(n);
        if (n == node) return out;
        n = cmark_node_next(n);
    }
}

int last_content_line(cmark_node* node) {
    for (;;) {
        cmark_node* child = cmark_node_last_child(node);
        if (child == nullptr || !is_block(child)) break;
        node = child;
    }
    const int line = cmark_node_get_end_line(node);
    return cmark_node_get_end_column(node) == 0 ? line - 1 : line;
}

int block_last_line(cmark_node* node) {
    if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK) return last_content_line(node);
    const char* literal = cmark_node_get_literal(node);
    std::string_view text = literal ? literal : "";
    if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
    return cmark_node_get_start_line(node) +
           static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace touchbase
