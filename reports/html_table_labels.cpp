// A single pass over the HTML the report templates produce. The templates write data tables in
// one regular shape (<table class="data"><thead><tr><th>..</th>..</tr></thead><tbody>..), never
// nested, so the cells are found by their tags; text inside cells is already escaped, so a "<"
// in it is always a tag.
#include "reports/html_table_labels.hpp"

#include <vector>

namespace auditsim::reports::html {
namespace {

// The text of `cell` with any tags removed, for an attribute value (quotes are escaped already).
std::string strip_tags(std::string_view cell) {
  std::string out;
  bool in_tag = false;
  for (char c : cell) {
    if (c == '<') in_tag = true;
    else if (c == '>') in_tag = false;
    else if (!in_tag) out += c == '"' ? ' ' : c;
  }
  return out;
}

// The headings of the header row in `head` (the text between <thead> and </thead>).
std::vector<std::string> headings(std::string_view head) {
  std::vector<std::string> out;
  for (size_t at = head.find("<th"); at != std::string_view::npos; at = head.find("<th", at + 3)) {
    if (at + 3 < head.size() && head[at + 3] != '>' && head[at + 3] != ' ') continue;  // <thead>
    const size_t open_end = head.find('>', at);
    const size_t close = head.find("</th>", at);
    if (open_end == std::string_view::npos || close == std::string_view::npos) break;
    out.push_back(strip_tags(head.substr(open_end + 1, close - open_end - 1)));
  }
  return out;
}

// `body` (a table's <tbody> content) with each row's i-th <td> labelled headings[i].
void label_rows(std::string_view body, const std::vector<std::string>& heads, std::string& out) {
  size_t column = 0, at = 0;
  while (at < body.size()) {
    const size_t tag = body.find('<', at);
    if (tag == std::string_view::npos) break;
    out.append(body.substr(at, tag - at));
    at = tag;
    if (body.compare(tag, 3, "<tr") == 0 && (body[tag + 3] == '>' || body[tag + 3] == ' ')) {
      column = 0;
    } else if (body.compare(tag, 3, "<td") == 0 && (body[tag + 3] == '>' || body[tag + 3] == ' ')) {
      if (column < heads.size() && !heads[column].empty()) {
        out += "<td data-label=\"" + heads[column] + "\"";
        at = tag + 3;
        ++column;
        continue;
      }
      ++column;
    }
    out += '<';
    ++at;
  }
  out.append(body.substr(at));
}

}  // namespace

std::string label_table_cells(std::string_view html) {
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  constexpr std::string_view kTable = "<table class=\"data";
  size_t at = 0;
  while (true) {
    const size_t table = html.find(kTable, at);
    const size_t end = table == std::string_view::npos ? table : html.find("</table>", table);
    if (end == std::string_view::npos) break;
    const std::string_view t = html.substr(table, end - table);
    const size_t head = t.find("<thead>"), head_end = t.find("</thead>");
    const size_t body = t.find("<tbody>");
    out.append(html.substr(at, table - at));
    if (head == std::string_view::npos || head_end == std::string_view::npos || body == std::string_view::npos ||
        body < head_end) {
      out.append(t);
    } else {
      out.append(t.substr(0, body));
      label_rows(t.substr(body), headings(t.substr(head, head_end - head)), out);
    }
    at = end;
  }
  out.append(html.substr(at));
  return out;
}

}  // namespace auditsim::reports::html
