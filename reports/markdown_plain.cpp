// One walk over cmark's tree for every plain-text rendering. The bare style keeps what reports
// have always printed; the terminal style writes the formatting as the conventions of plain-text
// mail do, since a terminal cannot show italics and escape sequences are not let through.
#include "reports/markdown_plain.hpp"

#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "reports/markdown_links.hpp"
#include "reports/markdown_tree.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports::text {
namespace {

std::string literal(cmark_node* n) {
  const char* lit = cmark_node_get_literal(n);
  return lit ? lit : "";
}

void trim_end(std::string& s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
}

// Characters, not bytes, so columns of accented text line up.
size_t width(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  size_t from = 0;
  for (;;) {
    const size_t nl = s.find('\n', from);
    out.push_back(s.substr(from, nl == std::string::npos ? nl : nl - from));
    if (nl == std::string::npos) return out;
    from = nl + 1;
  }
}

// Every line of `body` after `first` (the first line) or `rest` (the others); blank lines stay
// blank.
std::string prefix_lines(const std::string& body, const std::string& first,
                         const std::string& rest) {
  std::string out;
  bool first_line = true;
  for (const std::string& line : split_lines(body)) {
    if (!first_line) out += '\n';
    if (!line.empty() || first_line) out += (first_line ? first : rest) + line;
    first_line = false;
  }
  return out;
}

// [SECTION] The bare style: what reports have always printed.

std::string bare(cmark_node* doc) {
  std::string out;
  auto block_break = [&out] {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') out += '\n';
  };
  cmark_iter* it = cmark_iter_new(doc);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
      case CMARK_NODE_HTML_INLINE: out += literal(n); break;
      case CMARK_NODE_CODE_BLOCK:
      case CMARK_NODE_HTML_BLOCK:
        block_break();
        out += literal(n);
        break;
      case CMARK_NODE_SOFTBREAK: out += ' '; break;
      case CMARK_NODE_LINEBREAK: out += '\n'; break;
      case CMARK_NODE_ITEM:
        if (ev == CMARK_EVENT_ENTER) {
          block_break();
          out += "\u2022 ";
        }
        break;
      case CMARK_NODE_PARAGRAPH:
      case CMARK_NODE_HEADING:
        if (ev == CMARK_EVENT_EXIT) block_break();
        break;
      default: break;
    }
  }
  cmark_iter_free(it);
  trim_end(out);
  return out;
}

// [SECTION] The terminal style

std::string inlines(cmark_node* parent, const char* softbreak);

std::string inline_node(cmark_node* n, const char* softbreak) {
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE: return literal(n);
    case CMARK_NODE_SOFTBREAK: return softbreak;
    case CMARK_NODE_LINEBREAK: return "\n";
    case CMARK_NODE_CODE: return "`" + literal(n) + "`";
    case CMARK_NODE_EMPH: return "_" + inlines(n, softbreak) + "_";
    case CMARK_NODE_STRONG: return "*" + inlines(n, softbreak) + "*";
    case CMARK_NODE_LINK: {
      const std::string label = inlines(n, softbreak);
      const char* url = cmark_node_get_url(n);
      const std::string address = url ? url : "";
      if (address.empty() || address == label || "mailto:" + label == address) return label;
      return label + " <" + address + ">";
    }
    case CMARK_NODE_IMAGE: {
      const std::string alt = inlines(n, softbreak);
      return "[image" + (alt.empty() ? std::string() : ": " + alt) + "]";
    }
    default: return inlines(n, softbreak);
  }
}

std::string inlines(cmark_node* parent, const char* softbreak) {
  std::string out;
  for (cmark_node* c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
    out += inline_node(c, softbreak);
  return out;
}

// A table as aligned columns: the header row, a rule, then the rows; each column as wide as its
// widest cell and aligned as the table says (left when it says nothing).
std::string aligned_columns(const std::vector<std::vector<std::string>>& rows,
                            const std::vector<char>& align) {
  std::vector<size_t> widths;
  for (const auto& row : rows)
    for (size_t i = 0; i < row.size(); ++i) {
      if (widths.size() <= i) widths.push_back(0);
      widths[i] = std::max(widths[i], width(row[i]));
    }
  std::string out;
  auto line = [&](const std::vector<std::string>& row) {
    std::string l;
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) l += "  ";
      const size_t room = widths[i] - width(row[i]);
      const char a = i < align.size() ? align[i] : 0;
      const size_t before = a == 'r' ? room : a == 'c' ? room / 2 : 0;
      l += std::string(before, ' ') + row[i] + std::string(room - before, ' ');
    }
    trim_end(l);
    out += l + "\n";
  };
  for (size_t r = 0; r < rows.size(); ++r) {
    line(rows[r]);
    if (r == 0) {
      std::vector<std::string> rule;
      for (size_t w : widths) rule.push_back(std::string(std::max<size_t>(w, 1), '-'));
      line(rule);
    }
  }
  trim_end(out);
  return out;
}

std::string table(cmark_node* n) {
  std::vector<std::vector<std::string>> rows;
  for (cmark_node* row = cmark_node_first_child(n); row; row = cmark_node_next(row)) {
    if (!is_table_row(row)) continue;
    rows.emplace_back();
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
      if (is_table_cell(cell)) rows.back().push_back(inlines(cell, " "));
  }
  return aligned_columns(rows, table_alignments(n));
}

std::string blocks(cmark_node* parent, const char* separator);

std::string list(cmark_node* n) {
  const bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
  int number = cmark_node_get_list_start(n);
  std::string out;
  for (cmark_node* item = cmark_node_first_child(n); item; item = cmark_node_next(item)) {
    const std::string marker = ordered ? std::to_string(number++) + ". " : "\u2022 ";
    if (!out.empty()) out += cmark_node_get_list_tight(n) ? "\n" : "\n\n";
    out += prefix_lines(blocks(item, cmark_node_get_list_tight(n) ? "\n" : "\n\n"), marker,
                        std::string(width(marker), ' '));
  }
  return out;
}

std::string block(cmark_node* n) {
  if (is_table(n)) return table(n);
  switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH: return inlines(n, " ");
    case CMARK_NODE_HEADING: {
      const std::string title = inlines(n, " ");
      const char rule = cmark_node_get_heading_level(n) == 1 ? '=' : '-';
      return title + "\n" + std::string(std::max<size_t>(width(title), 1), rule);
    }
    case CMARK_NODE_CODE_BLOCK: {
      std::string code = literal(n);
      trim_end(code);
      return prefix_lines(code, "    ", "    ");
    }
    case CMARK_NODE_HTML_BLOCK: {
      std::string html = literal(n);
      trim_end(html);
      return html;
    }
    case CMARK_NODE_THEMATIC_BREAK: return std::string(20, '-');
    case CMARK_NODE_BLOCK_QUOTE: return prefix_lines(blocks(n, "\n\n"), "> ", "> ");
    case CMARK_NODE_LIST: return list(n);
    default: return blocks(n, "\n\n");
  }
}

std::string blocks(cmark_node* parent, const char* separator) {
  std::string out;
  for (cmark_node* c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
    std::string b = block(c);
    if (b.empty()) continue;
    if (!out.empty()) out += separator;
    out += b;
  }
  return out;
}

}  // namespace

std::string markdown_plain(std::string_view md, PlainStyle style) {
  const std::string src = clean(md);
  // Tables only in the terminal: the bare style is running text for reports to lay out.
  const CmarkDoc doc = parse_markdown_tree(src, style == PlainStyle::Terminal);
  if (!doc) return one_line(md);
  if (style == PlainStyle::Bare) return bare(doc.get());
  drop_unsafe_links(doc.get());
  std::string out = blocks(doc.get(), "\n\n");
  trim_end(out);
  return out;
}

}  // namespace auditsim::reports::text
