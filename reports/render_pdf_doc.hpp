// A small flowing-document writer on cairo + pango for the PDF reports: A4 pages with a running
// header (council, report, Part A/B marking) and "Page N of M" footer, text that breaks across
// pages line by line, tables whose rows never split, and vector charts. Text stays real text.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/model.hpp"

namespace auditsim::reports::pdf {

// A table column: heading and share of the text width.
struct Column {
  std::string heading;
  double share = 1;
};

class Doc {
 public:
  // Starts page 1 on `cr`. `total_pages` is 0 on the counting pass.
  Doc(cairo_t* cr, const ReportSettings& settings, std::string running, int total_pages);
  Doc(const Doc&) = delete;
  ~Doc();
  Doc& operator=(const Doc&) = delete;

  int pages() const { return page_; }

  // Title block on the first page: report kind, title, subtitle, generated date, Part A notice.
  void title_block(const std::string& kind, const std::string& title, const std::string& subtitle);
  void heading(int level, std::string_view text);
  void paragraph(std::string_view text, double indent = 0);
  void bold_paragraph(std::string_view text);
  void bullet(std::string_view text, std::string_view marker = "\u2022");
  // Author Markdown shown as plain paragraphs beside a rule.
  void markdown(std::string_view md);
  void notice(std::string_view text);
  void facts(const std::vector<std::pair<std::string, std::string>>& rows);
  void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows);
  void radar_and_bars(const std::array<PillarRow, kPillarCount>& pillars);
  void spread_chart(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread);
  void distribution_chart(const ChoiceDistribution& d);
  void space(double pt) { y_ += pt; }
  void new_page();
  // Ends the last page.
  void finish();

 private:
  PangoLayout* layout(std::string_view markup, double size, double width);
  void flow(PangoLayout* lay, double x);
  void ensure(double height);
  void begin_page();
  void label(double x, double y, std::string_view text, double size, bool bold = false,
             int align = 0);

  cairo_t* cr_;
  const ReportSettings& settings_;
  cairo_surface_t* logo_ = nullptr;  // the council's PNG logo for the page header, if any
  std::string running_;
  int total_;
  int page_ = 0;
  double y_ = 0;
};

// Escapes text for pango markup (valid UTF-8, & < > " '), with break opportunities as above.
std::string esc(std::string_view s);

// Runs `content` twice: once to count pages, then onto a PDF with "Page N of M". Returns bytes.
std::string render_document(const ReportSettings& settings, const std::string& running,
                            const std::string& title, const std::function<void(Doc&)>& content);

}  // namespace auditsim::reports::pdf
