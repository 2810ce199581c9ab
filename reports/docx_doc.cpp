// The body of a Word report. Every paragraph names a style, never direct formatting, so a
// council's template restyles the whole report; the style names are those of
// assets/docx-template/styles.xml (added to any template that lacks them).
#include "reports/docx_doc.hpp"

#include <algorithm>
#include <cmath>

#include "reports/render_text.hpp"

namespace auditsim::reports::docx {
namespace {

// A4 with 2 cm margins: the text is 9638 twentieths of a point wide.
constexpr double kTextWidthTwips = 9638;
constexpr double kEmuPerPoint = 12700;

}  // namespace

void runs(XmlWriter& w, std::string_view text, bool bold) {
  const std::string clean = text::clean(text);
  std::string_view rest(clean);
  w.open("w:r");
  if (bold) {
    w.open("w:rPr");
    w.empty("w:b");
    w.close();
  }
  while (!rest.empty()) {
    const size_t cut = rest.find_first_of("\n\t");
    const std::string_view piece = rest.substr(0, cut);
    if (!piece.empty()) {
      w.open("w:t");
      w.attr("xml:space", "preserve");
      w.text(piece);
      w.close();
    }
    if (cut == std::string_view::npos) break;
    w.empty(rest[cut] == '\n' ? "w:br" : "w:tab");
    rest.remove_prefix(cut + 1);
  }
  w.close();
}

void inline_image(XmlWriter& w, std::string_view rel, int id, double width_pt, double height_pt,
                  std::string_view name, std::string_view alt) {
  const std::string cx = std::to_string(std::llround(width_pt * kEmuPerPoint));
  const std::string cy = std::to_string(std::llround(height_pt * kEmuPerPoint));
  w.open("w:drawing");
  w.open("wp:inline");
  for (const char* d : {"distT", "distB", "distL", "distR"}) w.attr(d, "0");
  w.open("wp:extent");
  w.attr("cx", cx);
  w.attr("cy", cy);
  w.close();
  // The drawing and the picture in it both carry the id, name and alternative text: Word reads
  // the first, other programs the second.
  auto properties = [&](const char* element) {
    w.open(element);
    w.attr("id", id);
    w.attr("name", name);
    w.attr("descr", alt);
    w.close();
  };
  properties("wp:docPr");
  w.open("wp:cNvGraphicFramePr");
  w.open("a:graphicFrameLocks");
  w.attr("noChangeAspect", "1");
  w.close();
  w.close();
  w.open("a:graphic");
  w.open("a:graphicData");
  w.attr("uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  w.open("pic:pic");
  w.open("pic:nvPicPr");
  properties("pic:cNvPr");
  w.empty("pic:cNvPicPr");
  w.close();
  w.open("pic:blipFill");
  w.empty("a:blip", "r:embed", rel);
  w.open("a:stretch");
  w.empty("a:fillRect");
  w.close();
  w.close();
  w.open("pic:spPr");
  w.open("a:xfrm");
  w.open("a:off");
  w.attr("x", "0");
  w.attr("y", "0");
  w.close();
  w.open("a:ext");
  w.attr("cx", cx);
  w.attr("cy", cy);
  w.close();
  w.close();
  w.open("a:prstGeom");
  w.attr("prst", "rect");
  w.empty("a:avLst");
  w.close();
  w.close();
  w.close();  // pic:pic
  w.close();  // a:graphicData
  w.close();  // a:graphic
  w.close();  // wp:inline
  w.close();  // w:drawing
}

Doc::Doc(const ReportSettings& settings) : settings_(settings) {
  body_.open("w:document");
  body_.attr("xmlns:w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main");
  body_.attr("xmlns:r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  body_.attr("xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
  body_.attr("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
  body_.attr("xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  body_.open("w:body");
}

void Doc::styled(const char* style, std::string_view text, bool bold) {
  body_.open("w:p");
  body_.open("w:pPr");
  body_.empty("w:pStyle", "w:val", style);
  body_.close();
  runs(body_, text, bold);
  body_.close();
}

void Doc::title_block(const std::string& kind, const std::string& title, const std::string& subtitle) {
  styled("Subtitle", kind);
  styled("Title", title);
  if (!subtitle.empty()) styled("Subtitle", subtitle);
  if (!settings_.generated_at.empty())
    styled("Subtitle", "Generated " + text::date_time(settings_.generated_at));
  if (settings_.part == Part::A) notice(text::kPartANotice);
  if (settings_.part == Part::B) notice(text::kPublicInterestTest);
}

void Doc::heading(int level, std::string_view text) {
  static constexpr const char* kStyles[] = {"Heading1", "Heading2", "Heading3", "Heading4"};
  styled(kStyles[std::clamp(level, 1, 4) - 1], text::one_line(text));
}

void Doc::paragraph(std::string_view text, bool indented) { styled(indented ? "Indented" : "Normal", text); }

void Doc::bold_paragraph(std::string_view text) { styled("Statement", text); }

void Doc::bullet(std::string_view text) { styled("ListBullet", text); }

void Doc::numbered(std::string_view number, std::string_view text) {
  styled("NumberedItem", std::string(number) + "\t" + std::string(text));
}

void Doc::markdown(std::string_view md) {
  // One paragraph a line; the plain form marks list items with a bullet character.
  const std::string plain = text::markdown_to_plain(md);
  std::string_view rest(plain);
  static constexpr std::string_view kBullet = "\u2022 ";
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    if (line.substr(0, kBullet.size()) == kBullet) styled("ListBullet", line.substr(kBullet.size()));
    else if (!line.empty()) styled("Quote", line);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
}

void Doc::notice(std::string_view text) { styled("Notice", text); }

void Doc::facts(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  for (const auto& [k, v] : rows) cells.push_back({k, v});
  table({{"", 0.28}, {"", 0.72}}, cells);
}

void Doc::cell(std::string_view text, bool heading) {
  body_.open("w:tc");
  body_.open("w:p");
  body_.open("w:pPr");
  body_.empty("w:pStyle", "w:val", heading ? "TableHeading" : "TableText");
  body_.close();
  // Bold is also given directly: some programs ignore a table style's header row.
  runs(body_, text::one_line(text), heading);
  body_.close();
  body_.close();
}

void Doc::table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows) {
  if (columns.empty()) return;
  double total_share = 0;
  for (const Column& c : columns) total_share += c.share;
  const bool has_header = std::any_of(columns.begin(), columns.end(),
                                      [](const Column& c) { return !c.heading.empty(); });
  body_.open("w:tbl");
  body_.open("w:tblPr");
  body_.empty("w:tblStyle", "w:val", "ReportTable");
  body_.open("w:tblW");
  body_.attr("w:w", "5000");
  body_.attr("w:type", "pct");
  body_.close();
  body_.empty("w:tblLayout", "w:type", "fixed");
  // Which of the table style's special rows apply: the header row, or for a table of facts the
  // first column. Given both as the old bit mask (w:val, which some programs read alone) and as
  // the attributes that replaced it.
  body_.open("w:tblLook");
  body_.attr("w:val", has_header ? "0420" : "0480");
  body_.attr("w:firstRow", has_header ? "1" : "0");
  body_.attr("w:firstColumn", has_header ? "0" : "1");
  body_.attr("w:noVBand", "1");
  body_.close();
  body_.close();
  body_.open("w:tblGrid");
  std::vector<std::string> widths;
  for (const Column& c : columns) {
    widths.push_back(std::to_string(std::lround(kTextWidthTwips * c.share / total_share)));
    body_.empty("w:gridCol", "w:w", widths.back());
  }
  body_.close();
  if (has_header) {
    body_.open("w:tr");
    body_.open("w:trPr");
    body_.empty("w:cantSplit");
    body_.empty("w:tblHeader");  // repeated at the top of each page
    body_.close();
    for (const Column& c : columns) cell(c.heading, true);
    body_.close();
  }
  for (const auto& row : rows) {
    body_.open("w:tr");
    body_.open("w:trPr");
    body_.empty("w:cantSplit");
    body_.close();
    for (size_t i = 0; i < columns.size(); ++i)
      cell(i < row.size() ? std::string_view(row[i]) : std::string_view(), !has_header && i == 0);
    body_.close();
  }
  body_.close();
  // Word needs a paragraph between two tables, or it joins them; it also spaces what follows.
  styled("Normal", "");
}

void Doc::picture(Picture p) {
  // Scaled to the text width when wider, keeping its proportions.
  const double max_pt = kTextWidthTwips / 20.0;
  if (p.width_pt > max_pt) {
    p.height_pt *= max_pt / p.width_pt;
    p.width_pt = max_pt;
  }
  const int n = static_cast<int>(pictures_.size()) + 1;
  body_.open("w:p");
  body_.open("w:pPr");
  body_.empty("w:pStyle", "w:val", "Figure");
  body_.close();
  body_.open("w:r");
  inline_image(body_, "rIdChart" + std::to_string(n), n, p.width_pt, p.height_pt,
               "Chart " + std::to_string(n), p.alt);
  body_.close();
  body_.close();
  p.alt.clear();
  pictures_.push_back(std::move(p));
}

void Doc::page_break() {
  body_.open("w:p");
  body_.open("w:r");
  body_.empty("w:br", "w:type", "page");
  body_.close();
  body_.close();
}

}  // namespace auditsim::reports::docx
