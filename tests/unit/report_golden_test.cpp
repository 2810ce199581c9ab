// Golden files: each report in each format and part, built from a recorded database with its
// ids and timestamps fixed, must match tests/data/golden byte for byte (PDF through its
// extracted text and page count, Word through its parts' paragraphs with their styles). To accept a deliberate change, rerun with
// AUDITSIM_UPDATE_GOLDEN=1 and review the diff (docs/reports.md).
#include <doctest/doctest.h>

#include <cstdlib>

#include "tests/support/docx_read.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Format;
using reports::Part;

namespace {

const fs::path kGolden = fs::path(AUDITSIM_TEST_DATA) / "golden";

bool updating() {
  const char* v = std::getenv("AUDITSIM_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string extension(Format f) {
  return f == Format::Xapi ? "xapi.json" : f == Format::Pdf ? "pdf.txt" : f == Format::Docx ? "docx.txt"
                                                                                          : reports::format_key(f);
}

void compare(const std::string& name, Format f, const std::string& bytes, const fs::path& dir) {
  std::string actual = bytes;
  if (f == Format::Pdf) {
    PdfText t = pdf_text(bytes, dir);
    actual = "pages: " + std::to_string(t.pages) + "\n\n" + t.text;
  }
  if (f == Format::Docx) {
    auto parts = docx_parts(bytes);
    actual = "# header\n" + docx_outline(parts["word/header1.xml"]) + "\n# body\n" +
             docx_outline(parts["word/document.xml"]) + "\n# footer\n" + docx_outline(parts["word/footer1.xml"]);
  }
  const fs::path file = kGolden / (name + "." + extension(f));
  if (updating()) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << actual;
    MESSAGE("rewrote " << file.string());
    return;
  }
  REQUIRE_MESSAGE(fs::exists(file), "missing golden file " << file.string()
                                                           << "; create it with AUDITSIM_UPDATE_GOLDEN=1");
  const std::string expected = read(file);
  if (actual != expected) {
    const fs::path got = dir / (name + "." + extension(f));
    std::ofstream(got, std::ios::binary | std::ios::trunc) << actual;
    FAIL_CHECK(name << "." << extension(f) << " differs from the golden file; actual output in "
                    << got.string() << " (diff them; AUDITSIM_UPDATE_GOLDEN=1 accepts it)");
  }
}

const std::vector<Format> kFormats{Format::Html, Format::Pdf, Format::Markdown, Format::Csv,
                                   Format::Xapi, Format::Docx};

}  // namespace

TEST_CASE("reports match their golden files in every format and part") {
  fs::path dir = report_scratch("golden");
  store::Store db = standard_db(dir, /*include_exempt=*/true);
  const std::string first = db.list_sessions().front().id;
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  for (Part part : {Part::A, Part::B}) {
    const auto settings = test_settings(part);
    const std::string p = part == Part::A ? "part-a" : "part-b";
    // The sessions carry a desktop audit (sample_audit): checks, an opinion set by the auditor,
    // recommendations and responses, and an overdue action.
    reports::FeedbackReport feedback = reports::build_feedback(db, first, settings, with_sample_audit());
    normalise(feedback, 0);
    reports::ScrutinyReport scrutiny = reports::build_scrutiny(db, sel, settings, with_sample_audit());
    normalise(scrutiny);
    reports::OpenActionsReport actions = reports::build_open_actions(db, settings);
    normalise(actions);
    for (Format f : kFormats) {
      CAPTURE(reports::format_key(f));
      compare("feedback-" + p, f, reports::render(feedback, f), dir);
      compare("scrutiny-" + p, f, reports::render(scrutiny, f), dir);
      if (reports::supports_open_actions(f)) compare("actions-" + p, f, reports::render(actions, f), dir);
    }
  }
}

TEST_CASE("rendering the same model twice gives identical bytes") {
  fs::path dir = report_scratch("repeat");
  store::Store db = standard_db(dir);
  reports::FeedbackReport r = reports::build_feedback(db, db.list_sessions().front().id, test_settings(Part::B));
  for (Format f : {Format::Html, Format::Markdown, Format::Csv, Format::Xapi, Format::Docx})
    CHECK(reports::render(r, f) == reports::render(r, f));
  CHECK(pdf_text(reports::render(r, Format::Pdf), dir).text ==
        pdf_text(reports::render(r, Format::Pdf), dir).text);
}
