// The paginated document formats (PDF on cairo, Word through its XML) share one vocabulary:
// title block, headings, paragraphs, lists, notices, facts, tables, the charts and page breaks.
// Each format implements it (render_pdf.cpp, render_docx.cpp) and every report's sections are
// laid out once, against this interface (layout_*.cpp), so the PDF and the Word document of a
// report cannot drift apart. The marking on every page belongs to the writer's page furniture.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/model.hpp"

namespace auditsim::reports {

// A table column: heading (empty for a table without a header row) and share of the width.
struct Column {
  std::string heading;
  double share = 1;
};
using Rows = std::vector<std::vector<std::string>>;
using Facts = std::vector<std::pair<std::string, std::string>>;

class DocumentWriter {
 public:
  virtual ~DocumentWriter() = default;
  // Report kind, title, subtitle and generated date on the first page, with the Part A notice.
  virtual void title_block(const std::string& kind, const std::string& title, const std::string& subtitle) = 0;
  // Level 1 is a report section, 2 and 3 below it (and 4 in an appendix's decision log).
  virtual void heading(int level, std::string_view text) = 0;
  // `indented`: under the list item before it (a recommendation's findings and responses).
  virtual void paragraph(std::string_view text, bool indented = false) = 0;
  virtual void bold_paragraph(std::string_view text) = 0;
  virtual void bullet(std::string_view text) = 0;
  // A list item whose number is the record's ("3."), never renumbered.
  virtual void numbered(std::string_view number, std::string_view text) = 0;
  // Author Markdown (feedback, summaries, debriefs) set apart from the report's own words.
  virtual void markdown(std::string_view md) = 0;
  virtual void notice(std::string_view text) = 0;
  // Label and value rows.
  virtual void facts(const Facts& rows) = 0;
  virtual void table(const std::vector<Column>& columns, const Rows& rows) = 0;
  // The charts, each with its text alternative.
  virtual void pillar_chart(const std::array<PillarRow, kPillarCount>& pillars) = 0;
  virtual void spread_chart(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread) = 0;
  virtual void distribution_chart(const ChoiceDistribution& d) = 0;
  virtual void page_break() = 0;
};

// Each report laid out on a writer (layout_feedback.cpp, layout_scrutiny.cpp).
void lay_out(DocumentWriter& w, const FeedbackReport& r);
void lay_out(DocumentWriter& w, const ScrutinyReport& r);
void lay_out(DocumentWriter& w, const OpenActionsReport& r);

// Pieces the scrutiny report's layout shares with the feedback report's: the front sheet, and a
// session's body (its facts and every section, headings from `level`), also an appendix.
void lay_out_front_sheet(DocumentWriter& w, const Facts& rows, const std::string& notice);
void lay_out_feedback_body(DocumentWriter& w, const FeedbackReport& r, int level);

}  // namespace auditsim::reports
