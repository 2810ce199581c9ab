#include "reports/markdown_tree.hpp"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <cstring>
#include <mutex>

namespace auditsim::reports::text {

void CmarkNodeFree::operator()(cmark_node* n) const { cmark_node_free(n); }

namespace {

// The extensions' registry is global; reports are built on worker threads while the desktop
// draws, so it is filled once.
cmark_syntax_extension* table_extension() {
  static std::once_flag once;
  static cmark_syntax_extension* table = nullptr;
  std::call_once(once, [] {
    cmark_gfm_core_extensions_ensure_registered();
    table = cmark_find_syntax_extension("table");
  });
  return table;
}

bool type_is(cmark_node* n, const char* name) {
  const char* t = n ? cmark_node_get_type_string(n) : nullptr;
  return t && std::strcmp(t, name) == 0;
}

}  // namespace

CmarkDoc parse_markdown_tree(std::string_view text, bool tables) {
  if (!tables) return CmarkDoc(cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT));
  cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
  if (!parser) return nullptr;
  if (cmark_syntax_extension* table = table_extension())
    cmark_parser_attach_syntax_extension(parser, table);
  cmark_parser_feed(parser, text.data(), text.size());
  CmarkDoc doc(cmark_parser_finish(parser));
  cmark_parser_free(parser);
  return doc;
}

bool is_table(cmark_node* n) { return type_is(n, "table"); }
bool is_table_row(cmark_node* n) { return type_is(n, "table_row") || type_is(n, "table_header"); }
bool is_table_header_row(cmark_node* n) { return type_is(n, "table_header"); }
bool is_table_cell(cmark_node* n) { return type_is(n, "table_cell"); }

std::vector<char> table_alignments(cmark_node* table) {
  std::vector<char> out;
  if (!is_table(table)) return out;
  const uint16_t columns = cmark_gfm_extensions_get_table_columns(table);
  const uint8_t* align = cmark_gfm_extensions_get_table_alignments(table);
  for (uint16_t i = 0; i < columns; ++i) out.push_back(align ? static_cast<char>(align[i]) : 0);
  return out;
}

}  // namespace auditsim::reports::text
