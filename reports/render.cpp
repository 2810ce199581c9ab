// Format keys and dispatch from a format to its renderer.
#include "reports/render.hpp"

namespace auditsim::reports {

const char* format_key(Format f) {
  switch (f) {
    case Format::Html: return "html";
    case Format::Pdf: return "pdf";
    case Format::Markdown: return "md";
    case Format::Csv: return "csv";
    case Format::Xapi: return "xapi";
    case Format::Docx: return "docx";
  }
  return "html";
}

std::optional<Format> parse_format(std::string_view key) {
  if (key == "html") return Format::Html;
  if (key == "pdf") return Format::Pdf;
  if (key == "md" || key == "markdown") return Format::Markdown;
  if (key == "csv") return Format::Csv;
  if (key == "xapi" || key == "json") return Format::Xapi;
  if (key == "docx" || key == "word") return Format::Docx;
  return std::nullopt;
}

bool supports_open_actions(Format f) { return f != Format::Xapi; }

bool needs_decision_rows(Format f) { return f == Format::Csv || f == Format::Xapi; }

void require_decision_rows(const ScrutinyReport& r, Format f) {
  if (!r.settings.decision_rows)
    throw UnsupportedFormat(std::string("This scrutiny report was built without its sessions' "
                                        "decisions, which its ") + format_key(f) +
                            " form lists: build it again with decision_rows set.");
}

namespace {

// Feedback and scrutiny reports exist in every format; one dispatch serves both.
template <typename Report>
std::string render_any(const Report& r, Format f) {
  switch (f) {
    case Format::Html: return render_html(r);
    case Format::Pdf: return render_pdf(r);
    case Format::Markdown: return render_markdown(r);
    case Format::Csv: return render_csv(r);
    case Format::Xapi: return render_xapi(r);
    case Format::Docx: return render_docx(r);
  }
  return render_html(r);
}

}  // namespace

std::string render(const FeedbackReport& r, Format f) { return render_any(r, f); }

std::string render(const ScrutinyReport& r, Format f) { return render_any(r, f); }

std::string render(const OpenActionsReport& r, Format f) {
  switch (f) {
    case Format::Html: return render_html(r);
    case Format::Pdf: return render_pdf(r);
    case Format::Markdown: return render_markdown(r);
    case Format::Csv: return render_csv(r);
    case Format::Docx: return render_docx(r);
    case Format::Xapi: break;
  }
  throw UnsupportedFormat(
      "Open actions are a list for people to follow up; they have no xAPI form. Choose html, "
      "pdf, docx, md or csv.");
}

mode_t report_file_mode(Part p) { return p == Part::B ? 0600 : 0644; }

}  // namespace auditsim::reports
