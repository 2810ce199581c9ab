// A small flowing-document writer on cairo + pango for the PDF reports: A4 pages with a running
// header (council, report, Part A/B marking) and "Page N of M" footer, text that breaks across
// pages line by line, tables whose rows never split, and vector charts. Text stays real text.
// The PDF is tagged (headings, paragraphs, lists, tables, figures with alternative text), has a
// bookmark outline of the headings, names its language and embeds its fonts.
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

// What both passes of one document share: the pango context, laid-out text that repeats (table
// cells, labels), and the figures' alternative texts. Defined in render_pdf_doc.cpp.
struct DocShared;

class Doc {
 public:
  // Starts page 1 on `cr`. `total_pages` is 0 on the counting pass.
  Doc(cairo_t* cr, const ReportSettings& settings, std::string running, int total_pages,
      DocShared& shared);
  Doc(const Doc&) = delete;
  ~Doc();
  Doc& operator=(const Doc&) = delete;

  int pages() const { return page_; }

  // Title block on the first page: report kind, title, subtitle, generated date, and the Part A
  // notice about what a public report leaves out (not for papers that hold no session).
  void title_block(const std::string& kind, const std::string& title, const std::string& subtitle,
                   bool part_a_notice = true);
  // The running header from the next page on (a pack's guide, then each team's handouts).
  void set_running(std::string running) { running_ = std::move(running); }
  // A section heading: level 1 is a report section (tagged H2, under the title's H1), 2 and 3
  // below it. Each is a bookmark in the outline.
  void heading(int level, std::string_view text);
  void paragraph(std::string_view text, double indent = 0);
  void bold_paragraph(std::string_view text);
  // One item of a list; consecutive bullets form one tagged list.
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
  // Flags for a laid-out piece of text.
  enum Fit : unsigned {
    kWrap = 0,
    kOneLine = 1,     // no width: the text's natural width (labels)
    kCellLines = 2,   // at most thirty lines, the rest ellipsised (table cells)
    kEllipsise = 4,   // one line, ellipsised to the width
    kAlignRight = 8,
  };
  // Each column's width: its share of the page, widened so that no word of its heading or of the
  // first rows breaks in the middle.
  std::vector<double> column_widths(const std::vector<Column>& columns,
                                    const std::vector<std::vector<std::string>>& rows);
  // A new layout the caller owns.
  PangoLayout* layout(std::string_view markup, double size, double width);
  // A layout of plain `text` (bold or not) for short text that repeats, kept in the shared cache
  // for reuse; the caller owns the reference returned (g_object_unref it, or hold a LayoutPtr).
  PangoLayout* cached(std::string_view text, bool bold, double size, double width, unsigned fit);
  // Draws `lay` line by line from y_, breaking pages between lines; the first line is placed
  // before `tag` is opened, so a tag never starts at the foot of a page with nothing in it.
  void flow(PangoLayout* lay, double x, const char* tag = nullptr);
  // Plain text (not markup) as one tagged block of size `size`, laid out in pieces of bounded
  // length so that time stays linear in the text's length.
  void text_block(std::string_view text, double size, double x, double width, bool bold,
                  const char* tag);
  void ensure(double height);
  void begin_page();
  void label(double x, double y, std::string_view text, double size, bool bold = false,
             int align = 0);
  // Structure tags. Every open tag is closed at a page break and opened again after the new
  // page's header, so running headers and footers stay outside the structure tree.
  void open(const char* tag);
  void close(const char* tag);
  void close_list();
  // Starts a figure whose alternative text is `alt`; end it with close("Figure").
  void figure(std::string alt);
  // The charts' labels, laid out like the rest of the text (render_pdf_charts.cpp).
  struct ChartLabels;

  cairo_t* cr_;
  const ReportSettings& settings_;
  DocShared& shared_;
  cairo_surface_t* logo_ = nullptr;  // the council's PNG logo for the page header, if any
  std::string running_;
  int total_;
  int page_ = 0;
  double y_ = 0;
  std::vector<const char*> open_tags_;
  bool in_list_ = false;
  std::array<int, 3> outline_parent_{};  // the last bookmark at each heading level
};

// Escapes text for pango markup (valid UTF-8, & < > " '), with break opportunities as above.
std::string esc(std::string_view s);

// Runs `content` twice: once to count pages, then onto a PDF with "Page N of M". Returns bytes.
std::string render_document(const ReportSettings& settings, const std::string& running,
                            const std::string& title, const std::function<void(Doc&)>& content);

}  // namespace auditsim::reports::pdf
