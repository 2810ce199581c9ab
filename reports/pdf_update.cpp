// The incremental update. cairo writes every dictionary this touches as a plain (uncompressed)
// object, "N 0 obj\n<< ... >>\nendobj", and a classic cross-reference table with a trailer, so
// the objects are found by their text. Each changed object is written again whole, with the new
// keys after its "<<"; readers take the newest version of an object (PDF 1.7, 7.5.6).
#include "reports/pdf_update.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include "sim/utf8.hpp"

namespace auditsim::reports::pdf {
namespace {

// The integer after `key` in `dict` ("/Root 12 0 R" -> 12).
std::optional<long> number_after(std::string_view dict, std::string_view key) {
  size_t at = dict.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  at += key.size();
  while (at < dict.size() && (dict[at] == ' ' || dict[at] == '\n' || dict[at] == '\r')) ++at;
  long n = 0;
  size_t digits = 0;
  while (at + digits < dict.size() && dict[at + digits] >= '0' && dict[at + digits] <= '9')
    n = n * 10 + (dict[at + digits++] - '0');
  if (digits == 0) return std::nullopt;
  return n;
}

// Where object `id`'s dictionary "<< ... >>" is, as [begin, end) of the text between "obj" and
// "endobj"; nullopt when it is not there. `hint` is where its "N 0 obj" line starts, when known.
std::optional<std::pair<size_t, size_t>> find_object(const std::string& pdf, long id, size_t hint) {
  const std::string head = "\n" + std::to_string(id) + " 0 obj\n";
  const size_t at = hint != std::string::npos && hint > 0 && pdf.compare(hint - 1, head.size(), head) == 0
                        ? hint - 1
                        : pdf.rfind(head);
  if (at == std::string::npos) return std::nullopt;
  const size_t begin = at + head.size();
  const size_t end = pdf.find("endobj", begin);
  if (end == std::string::npos || pdf.compare(begin, 2, "<<") != 0) return std::nullopt;
  return std::pair{begin, end};
}

}  // namespace

std::string pdf_text_string(std::string_view utf8) {
  const bool plain = std::all_of(utf8.begin(), utf8.end(), [](char c) {
    return c >= 0x20 && c < 0x7F && c != '(' && c != ')' && c != '\\';
  });
  if (plain) return "(" + std::string(utf8) + ")";
  std::string hex = "<FEFF";
  char buf[8];
  auto unit = [&](unsigned u) {
    std::snprintf(buf, sizeof buf, "%04X", u & 0xFFFF);
    hex += buf;
  };
  for (size_t i = 0; i < utf8.size();) {
    const utf8::Char ch = utf8::decode(utf8, i);
    const char32_t cp = ch.len ? ch.cp : 0xFFFD;
    i += ch.len ? ch.len : 1;
    if (cp >= 0x10000) {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return hex + ">";
}

std::string add_language_and_alt_text(std::string pdf, std::string_view lang,
                                      const std::vector<std::string>& figure_alts) {
  const size_t trailer_at = pdf.rfind("trailer");
  const size_t startxref_at = pdf.rfind("startxref");
  if (trailer_at == std::string::npos || startxref_at == std::string::npos || startxref_at < trailer_at)
    return pdf;
  const std::string_view trailer(pdf.data() + trailer_at, startxref_at - trailer_at);
  const auto root = number_after(trailer, "/Root");
  const auto size = number_after(trailer, "/Size");
  const auto info = number_after(trailer, "/Info");
  const auto previous = number_after(std::string_view(pdf).substr(startxref_at), "startxref");
  if (!root || !size || !previous) return pdf;

  // The objects to write again: id -> the keys to add, and where the object starts if known.
  std::map<long, std::pair<std::string, size_t>> additions;
  additions[*root] = {" /Lang " + pdf_text_string(lang) + " /ViewerPreferences << /DisplayDocTitle true >>",
                      std::string::npos};
  std::vector<std::pair<long, size_t>> figures;
  const std::string figure_head = " 0 obj\n<< /Type /StructElem\n   /S /Figure\n";
  for (size_t at = pdf.find(figure_head); at != std::string::npos; at = pdf.find(figure_head, at + 1)) {
    size_t start = pdf.rfind('\n', at);
    if (start == std::string::npos || at - start > 12) continue;
    figures.emplace_back(std::stol(pdf.substr(start + 1, at - start - 1)), start + 1);
  }
  // cairo numbers a structure element when its tag begins, so numbers follow the tagging order.
  std::sort(figures.begin(), figures.end());
  if (figures.size() == figure_alts.size())
    for (size_t i = 0; i < figures.size(); ++i)
      additions[figures[i].first] = {" /Alt " + pdf_text_string(figure_alts[i]), figures[i].second};

  std::string update;
  std::map<long, size_t> offsets;
  if (pdf.empty() || pdf.back() != '\n') pdf += '\n';
  for (const auto& [id, change] : additions) {
    const auto& [keys, hint] = change;
    const auto object = find_object(pdf, id, hint);
    if (!object) continue;
    std::string dict = pdf.substr(object->first, object->second - object->first);
    std::string add = keys;
    if (id == *root) {
      if (dict.find("/Lang") != std::string::npos) continue;
      // cairo marks only some tagged files as such; every file this writes is tagged.
      if (dict.find("/MarkInfo") == std::string::npos) add += " /MarkInfo << /Marked true >>";
    }
    dict.insert(2, add);
    offsets[id] = pdf.size() + update.size();
    update += std::to_string(id) + " 0 obj\n" + dict + "endobj\n";
  }
  if (offsets.empty()) return pdf;
  const size_t xref_at = pdf.size() + update.size();
  update += "xref\n";
  char entry[32];
  for (const auto& [id, offset] : offsets) {
    std::snprintf(entry, sizeof entry, "%ld 1\n%010zu 00000 n \n", id, offset);
    update += entry;
  }
  update += "trailer\n<< /Size " + std::to_string(*size) + " /Root " + std::to_string(*root) + " 0 R";
  if (info) update += " /Info " + std::to_string(*info) + " 0 R";
  update += " /Prev " + std::to_string(*previous) + " >>\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  return pdf + update;
}

}  // namespace auditsim::reports::pdf
