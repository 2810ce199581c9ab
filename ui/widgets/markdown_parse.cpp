// cmark-gfm's tree flattened into blocks of styled spans (a table into rows of cells). Kept free
// of ImGui so the structure can be tested and cached.
#include <cmark-gfm.h>

#include <memory>

#include "reports/markdown_tree.hpp"
#include "ui/widgets/markdown.hpp"

namespace auditsim::ui {

std::string MdBlock::plain() const {
  std::string s;
  for (const auto& sp : spans) s += sp.line_break ? std::string(" ") : sp.text;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (r) s += '\n';
    for (size_t c = 0; c < rows[r].size(); ++c) s += (c ? " | " : "") + rows[r][c].plain();
  }
  return s;
}

namespace {

struct ListCtx {
  bool ordered = false;
  int next_number = 1;
};

struct Builder {
  std::vector<MdBlock> out;
  std::vector<ListCtx> lists;
  int quote_depth = 0;
  int bold = 0, italic = 0;
  std::string pending_bullet;  // bullet for the next paragraph opened inside an item
  MdBlock* cur = nullptr;

  void open(MdBlock::Kind kind, int level = 0) {
    MdBlock b;
    b.kind = kind;
    b.heading_level = level;
    b.indent = static_cast<int>(lists.size()) + quote_depth;
    b.quote = quote_depth > 0;
    b.bullet = std::move(pending_bullet);
    pending_bullet.clear();
    out.push_back(std::move(b));
    cur = &out.back();
  }
  void add(std::string text, bool code = false) {
    if (!cur) open(MdBlock::Kind::Paragraph);
    MdSpan s;
    s.text = std::move(text);
    s.bold = bold > 0;
    s.italic = italic > 0;
    s.code = code;
    // Merge with the previous span of the same style so wrapping sees whole runs.
    if (!cur->spans.empty()) {
      MdSpan& last = cur->spans.back();
      if (!last.line_break && last.bold == s.bold && last.italic == s.italic &&
          last.code == s.code) {
        last.text += s.text;
        return;
      }
    }
    cur->spans.push_back(std::move(s));
  }
};

}  // namespace

std::vector<MdBlock> parse_markdown(const std::string& text) {
  namespace md = reports::text;
  const md::CmarkDoc doc = md::parse_markdown_tree(text, /*tables=*/true);
  Builder b;
  if (!doc) return {};
  MdBlock* table = nullptr;  // the table being read, whose cells take the text meanwhile
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    const bool enter = ev == CMARK_EVENT_ENTER;
    const char* lit = cmark_node_get_literal(n);
    if (md::is_table(n)) {
      if (enter) {
        b.open(MdBlock::Kind::Table);
        table = b.cur;
        table->align = md::table_alignments(n);
      } else {
        table = nullptr;
      }
      b.cur = nullptr;
      continue;
    }
    if (md::is_table_row(n)) {
      if (enter && table) table->rows.emplace_back();
      // The header row's cells are bold.
      if (md::is_table_header_row(n)) b.bold += enter ? 1 : -1;
      continue;
    }
    if (md::is_table_cell(n)) {
      if (enter && table && !table->rows.empty()) {
        table->rows.back().emplace_back();
        b.cur = &table->rows.back().back();
      } else {
        b.cur = nullptr;
      }
      continue;
    }
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_PARAGRAPH:
        if (enter) b.open(MdBlock::Kind::Paragraph);
        else b.cur = nullptr;
        break;
      case CMARK_NODE_HEADING:
        if (enter) b.open(MdBlock::Kind::Heading, cmark_node_get_heading_level(n));
        else b.cur = nullptr;
        break;
      case CMARK_NODE_CODE_BLOCK:
        b.open(MdBlock::Kind::Code);
        b.add(lit ? lit : "", true);
        if (!b.cur->spans.empty() && b.cur->spans.back().text.ends_with('\n'))
          b.cur->spans.back().text.pop_back();
        b.cur = nullptr;
        break;
      case CMARK_NODE_THEMATIC_BREAK:
        b.open(MdBlock::Kind::Rule);
        b.cur = nullptr;
        break;
      case CMARK_NODE_LIST:
        if (enter) {
          ListCtx ctx;
          ctx.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
          ctx.next_number = cmark_node_get_list_start(n);
          b.lists.push_back(ctx);
        } else if (!b.lists.empty()) {
          b.lists.pop_back();
        }
        break;
      case CMARK_NODE_ITEM:
        if (enter && !b.lists.empty()) {
          ListCtx& l = b.lists.back();
          b.pending_bullet = l.ordered ? std::to_string(l.next_number++) + "." : "\xE2\x80\xA2";
        }
        break;
      case CMARK_NODE_BLOCK_QUOTE:
        b.quote_depth += enter ? 1 : -1;
        break;
      case CMARK_NODE_TEXT:
        b.add(lit ? lit : "");
        break;
      case CMARK_NODE_CODE:
        b.add(lit ? lit : "", true);
        break;
      case CMARK_NODE_SOFTBREAK:
        b.add(" ");
        break;
      case CMARK_NODE_LINEBREAK:
        if (b.cur) {
          MdSpan s;
          s.line_break = true;
          b.cur->spans.push_back(s);
        }
        break;
      case CMARK_NODE_STRONG:
        b.bold += enter ? 1 : -1;
        break;
      case CMARK_NODE_EMPH:
        b.italic += enter ? 1 : -1;
        break;
      case CMARK_NODE_HTML_INLINE:
      case CMARK_NODE_HTML_BLOCK:
        // Raw HTML is shown as written rather than interpreted.
        if (lit) b.add(lit, true);
        break;
      default:
        break;  // links and images: their text children are shown as text
    }
  }
  cmark_iter_free(it);
  return std::move(b.out);
}

}  // namespace auditsim::ui
