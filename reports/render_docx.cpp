// Word reports: the sections laid out once (layout_*.cpp) on the Word document writer, through
// the DocumentWriter interface, in the styles of the council's template.
#include "reports/docx_doc.hpp"
#include "reports/document_writer.hpp"
#include "reports/render.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using namespace text;

// The document's title and header line carry the part, so a Part B file is never taken for the
// public one however it is named.
std::string with_part(const std::string& title, Part p) {
  return title + " \u2014 " + part_label(p);
}

class DocxWriter final : public DocumentWriter {
 public:
  explicit DocxWriter(const ReportSettings& settings) : doc_(settings), part_(settings.part) {}
  void title_block(const std::string& kind, const std::string& title, const std::string& subtitle) override {
    doc_.title_block(with_part(kind, part_), title, subtitle);
  }
  void heading(int level, std::string_view text) override { doc_.heading(level, text); }
  void paragraph(std::string_view text, bool indented) override { doc_.paragraph(text, indented); }
  void bold_paragraph(std::string_view text) override { doc_.bold_paragraph(text); }
  void bullet(std::string_view text) override { doc_.bullet(text); }
  void numbered(std::string_view number, std::string_view text) override { doc_.numbered(number, text); }
  void markdown(std::string_view md) override { doc_.markdown(md); }
  void notice(std::string_view text) override { doc_.notice(text); }
  void facts(const Facts& rows) override { doc_.facts(rows); }
  void table(const std::vector<Column>& columns, const Rows& rows) override {
    std::vector<docx::Column> cols;
    cols.reserve(columns.size());
    for (const Column& c : columns) cols.push_back({c.heading, c.share});
    doc_.table(cols, rows);
  }
  void pillar_chart(const std::array<PillarRow, kPillarCount>& pillars) override {
    doc_.picture(docx::radar_picture(pillars));
  }
  void spread_chart(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread) override {
    doc_.picture(docx::spread_picture(spread));
  }
  void distribution_chart(const ChoiceDistribution& d) override { doc_.picture(docx::distribution_picture(d)); }
  void page_break() override { doc_.page_break(); }

  std::string package(const WordTemplate& tpl, const std::string& running, const std::string& title) {
    return doc_.package(tpl, with_part(running, part_), with_part(title, part_));
  }

 private:
  docx::Doc doc_;
  Part part_;
};

template <class Report>
std::string render(const Report& r, const std::string& running, const std::string& title) {
  // The template is read first, so one that cannot be used is refused before any layout.
  const WordTemplate tpl = load_word_template(r.settings.word_template);
  DocxWriter w(r.settings);
  lay_out(w, r);
  return w.package(tpl, running, title);
}

}  // namespace

std::string render_docx(const FeedbackReport& r) {
  return render(r, "Audit feedback report" + (r.event_name.empty() ? "" : " \u00B7 " + one_line(r.event_name)),
                feedback_title(r));
}

std::string render_docx(const ScrutinyReport& r) {
  return render(r, "Scrutiny report \u00B7 " + one_line(r.title), "Scrutiny report: " + one_line(r.title));
}

std::string render_docx(const OpenActionsReport& r) {
  return render(r, "Open improvement actions", "Open improvement actions");
}

}  // namespace auditsim::reports
