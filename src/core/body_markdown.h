// The seam to cmark-gfm for the body (spec §4): parsing with the tasklist
// extension only, owning pointers, and what the body reads off a node (its
// plain text, the last line it really occupies).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <cmark-gfm.h>

namespace touchbase {

struct CmarkNodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CmarkIterFree {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};
using NodePtr = std::unique_ptr<cmark_node, CmarkNodeFree>;
using IterPtr = std::unique_ptr<cmark_iter, CmarkIterFree>;

// The document tree of `body`, with source positions (cmark lines: LF, CRLF
// or a lone CR ends a line, as LineIndex counts them); null if cmark fails.
NodePtr parse_markdown(std::string_view body);

// A list item with a checkbox (`- [ ]`, `- [x]`).
bool is_task_item(cmark_node* node);

// The plain text of a markdown node (spec §4.1): text and code spans keep
// their characters, line breaks become a space, raw HTML is dropped, links
// and images keep their text.
std::string plain_text(cmark_node* node);

// The last source line a block really occupies. cmark lets a block that is
// followed by a blank line end at column 0 of the next line; the last child
// block tells the truth.
int last_content_line(cmark_node* node);

// last_content_line, except for HTML blocks, whose end cmark-gfm 0.29
// reports before their start: counted from their literal text instead.
int block_last_line(cmark_node* node);

}  // namespace touchbase
