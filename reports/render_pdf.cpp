// PDF reports: the sections laid out once (layout_*.cpp) on the cairo document writer, through
// the DocumentWriter interface; the running header carries the council, the report and its
// Part A / Part B marking on every page.
#include "reports/document_writer.hpp"
#include "reports/render.hpp"
#include "reports/render_pdf_doc.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using namespace text;

// A list item under which its findings and responses are indented.
constexpr double kIndent = 18;

class PdfWriter final : public DocumentWriter {
 public:
  explicit PdfWriter(pdf::Doc& doc) : doc_(doc) {}
  void title_block(const std::string& kind, const std::string& title, const std::string& subtitle) override {
    doc_.title_block(kind, title, subtitle);
  }
  void heading(int level, std::string_view text) override { doc_.heading(level, text); }
  void paragraph(std::string_view text, bool indented) override { doc_.paragraph(text, indented ? kIndent : 0); }
  void bold_paragraph(std::string_view text) override { doc_.bold_paragraph(text); }
  void bullet(std::string_view text) override { doc_.bullet(text); }
  void numbered(std::string_view number, std::string_view text) override { doc_.bullet(text, number); }
  void markdown(std::string_view md) override { doc_.markdown(md); }
  void notice(std::string_view text) override { doc_.notice(text); }
  void facts(const Facts& rows) override { doc_.facts(rows); }
  void table(const std::vector<Column>& columns, const Rows& rows) override {
    std::vector<pdf::Column> cols;
    cols.reserve(columns.size());
    for (const Column& c : columns) cols.push_back({c.heading, c.share});
    doc_.table(cols, rows);
  }
  void pillar_chart(const std::array<PillarRow, kPillarCount>& pillars) override { doc_.radar_and_bars(pillars); }
  void spread_chart(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread) override {
    doc_.spread_chart(spread);
  }
  void distribution_chart(const ChoiceDistribution& d) override { doc_.distribution_chart(d); }
  void page_break() override { doc_.new_page(); }

 private:
  pdf::Doc& doc_;
};

template <class Report>
std::string render(const Report& r, const std::string& running, const std::string& title) {
  return pdf::render_document(r.settings, running, title, [&](pdf::Doc& doc) {
    PdfWriter w(doc);
    lay_out(w, r);
  });
}

}  // namespace

std::string render_pdf(const FeedbackReport& r) {
  return render(r, "Audit feedback report" + (r.event_name.empty() ? "" : " \u00B7 " + one_line(r.event_name)),
                feedback_title(r));
}

std::string render_pdf(const ScrutinyReport& r) {
  return render(r, "Scrutiny report \u00B7 " + one_line(r.title), "Scrutiny report: " + one_line(r.title));
}

std::string render_pdf(const OpenActionsReport& r) {
  return render(r, "Open improvement actions", "Open improvement actions");
}

}  // namespace auditsim::reports
