// Markdown (CommonMark with GitHub's pipe tables, parsed by cmark-gfm) drawn with ImGui: headings,
// paragraphs, bold, italic, inline code, bullet and numbered lists, block quotes, code blocks and
// tables, wrapped to the width available. Parsed documents are cached by their text, so drawing costs no parsing per frame.
#pragma once

#include <string>
#include <vector>

namespace auditsim::ui {

// An inline run of text in one style.
struct MdSpan {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool code = false;
  bool line_break = false;  // a hard break: the span's text is empty
};

// A block: one paragraph, heading, list item paragraph, quote paragraph, code block, rule or
// table.
struct MdBlock {
  enum class Kind { Paragraph, Heading, Code, Rule, Table } kind = Kind::Paragraph;
  int heading_level = 0;
  int indent = 0;        // list nesting depth (plus one for a block quote)
  std::string bullet;    // "•" or "3." for the first paragraph of a list item
  bool quote = false;
  std::vector<MdSpan> spans;
  // A table's cells, row by row (the first row is the header), each a paragraph of spans, and
  // each column's alignment: 'l', 'c', 'r' or 0 (none given).
  std::vector<std::vector<MdBlock>> rows;
  std::vector<char> align;
  std::string plain() const;  // the block's text without styling (a table's cells " | ", rows "\n")
};

// Parses CommonMark into blocks (no ImGui needed; used by tests and by the cache).
std::vector<MdBlock> parse_markdown(const std::string& text);

// Draws the Markdown at the cursor, wrapped to the available width.
void markdown(const std::string& text);

}  // namespace auditsim::ui
