// A Word document written for a report: the body in the same vocabulary as the PDF writer
// (title block, headings, paragraphs, lists, notices, tables, charts), every block taking a
// named style from the template so a council's own styles apply, and the package around it:
// header and footer with the Part A / Part B marking and the page number on every page, the
// council's logo, core properties, British English. Text is escaped and made XML-safe here.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/docx_charts.hpp"
#include "reports/docx_template.hpp"
#include "reports/docx_xml.hpp"
#include "reports/model.hpp"

namespace auditsim::reports::docx {

// A table column: heading and share of the text width.
struct Column {
  std::string heading;
  double share = 1;
};

class Doc {
 public:
  explicit Doc(const ReportSettings& settings);

  // Report kind, title (the Title style), subtitle and generated date; the Part A notice.
  void title_block(const std::string& kind, const std::string& title, const std::string& subtitle);
  // Heading 1 to Heading 4: the navigation pane's outline and a table of contents' entries.
  void heading(int level, std::string_view text);
  void paragraph(std::string_view text, bool indented = false);
  void bold_paragraph(std::string_view text);
  // A bulleted item (List Bullet, a real Word list).
  void bullet(std::string_view text);
  // An item whose number is the record's ("3."), kept as text so Word never renumbers it.
  void numbered(std::string_view number, std::string_view text);
  // Author Markdown as quoted paragraphs; its list items become bullets.
  void markdown(std::string_view md);
  void notice(std::string_view text);
  void facts(const std::vector<std::pair<std::string, std::string>>& rows);
  // A table; with headings, its header row repeats at the top of every page it runs onto.
  void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows);
  void picture(Picture p);
  void page_break();

  // The .docx: this body with `tpl`'s styles, numbering, theme and fonts; `running` is the
  // header's report line, `title` the document's title property.
  std::string package(const WordTemplate& tpl, std::string_view running, std::string_view title);

 private:
  void styled(const char* style, std::string_view text, bool bold = false);
  void cell(std::string_view text, bool heading);

  const ReportSettings& settings_;
  XmlWriter body_;
  std::vector<Picture> pictures_;
};

// Text as runs inside an open <w:p>: newlines become line breaks, tabs tabs.
void runs(XmlWriter& w, std::string_view text, bool bold = false);
// The inline drawing of an image (a chart, the logo) inside an open <w:r>: `rel` names the
// image's relationship, `id` is unique in the part, `alt` its alternative text.
void inline_image(XmlWriter& w, std::string_view rel, int id, double width_pt, double height_pt,
                  std::string_view name, std::string_view alt);

}  // namespace auditsim::reports::docx
