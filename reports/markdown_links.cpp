#include "reports/markdown_links.hpp"

#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <vector>

namespace auditsim::reports::text {
namespace {

struct CmarkFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

}  // namespace

bool is_unsafe_url(std::string_view url) {
  std::string scheme;
  for (char ch : url) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7F) continue;  // browsers skip these before and inside a scheme
    if (c == ':') break;
    if (scheme.size() > 16) return false;
    scheme += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return scheme == "javascript" || scheme == "vbscript" || scheme == "file" || scheme == "data";
}

int drop_unsafe_links(cmark_node* document) {
  std::vector<cmark_node*> bad;
  cmark_iter* it = cmark_iter_new(document);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    const cmark_node_type type = cmark_node_get_type(n);
    if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(n);
    if (url && is_unsafe_url(url)) bad.push_back(n);
  }
  cmark_iter_free(it);
  // Changed after the walk: the iterator must not see nodes move under it.
  for (cmark_node* n : bad) {
    while (cmark_node* child = cmark_node_first_child(n)) cmark_node_insert_before(n, child);
    cmark_node_free(n);
  }
  return static_cast<int>(bad.size());
}

std::string without_unsafe_links(std::string_view markdown) {
  std::unique_ptr<cmark_node, CmarkFree> doc(
      cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
  if (!doc || drop_unsafe_links(doc.get()) == 0) return std::string(markdown);
  char* md = cmark_render_commonmark(doc.get(), CMARK_OPT_DEFAULT, 0);
  std::string out = md ? md : "";
  std::free(md);
  return out;
}

}  // namespace auditsim::reports::text
