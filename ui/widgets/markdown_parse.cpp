// cmark's AST flattened into blocks of styled spans. Kept free of ImGui so the structure can be
// tested and cached.
#include <cmark.h>

#include <memory>

#include "ui/widgets/markdown.hpp"

namespace auditsim::ui {

std::string MdBlock::plain() const {
  std::string s;
  for (const auto& sp : spans) s += sp.line_break ? std::string(" ") : sp.text;
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
  std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(
      cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT), cmark_node_free);
  Builder b;
  if (!doc) return {};
  cmark_iter* it = cmark_iter_new(doc.get());
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    const bool enter = ev == CMARK_EVENT_ENTER;
    const char* lit = cmark_node_get_literal(n);
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
