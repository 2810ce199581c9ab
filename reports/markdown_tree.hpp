// Every Markdown parse in the program goes through here: CommonMark by cmark-gfm, with GitHub's
// table extension where the text is shown to be read (the desktop, terminal play), so evidence
// written as pipe tables is drawn as a table. Reports that print Markdown as running text parse
// it without the extension and read as they always have.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct cmark_node;

namespace auditsim::reports::text {

struct CmarkNodeFree {
  void operator()(cmark_node* n) const;
};
using CmarkDoc = std::unique_ptr<cmark_node, CmarkNodeFree>;

// Parses `text` with cmark's default options; with `tables`, pipe tables become table nodes
// (see the helpers below). Null only when cmark runs out of memory.
CmarkDoc parse_markdown_tree(std::string_view text, bool tables);

// The table extension's nodes, recognised by name (cmark-gfm keeps their type numbers private).
bool is_table(cmark_node* n);
bool is_table_row(cmark_node* n);  // header rows included
bool is_table_header_row(cmark_node* n);
bool is_table_cell(cmark_node* n);
// Each column's alignment, one of 'l', 'c', 'r' or 0 (none given), for a table node.
std::vector<char> table_alignments(cmark_node* table);

}  // namespace auditsim::reports::text
