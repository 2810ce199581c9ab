// Every PDF report is tagged for screen readers and text reflow, as poppler and qpdf read it:
// `pdfinfo` says Tagged: yes; the structure tree has the title as H1, section headings, paragraphs,
// tables of header and data cells, and each chart as a Figure with its alternative text; the
// catalog names the language; the outline bookmarks the headings; every font is embedded; the
// running header and footer stay out of the structure; and qpdf finds the file sound.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <sstream>

#include "reports/render_text.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Part;

namespace {

struct Inspected {
  std::string info, fonts, structure, structure_text;
  nlohmann::json qpdf;
  int qpdf_check = -1;
};

Inspected inspect(const std::string& pdf, const fs::path& dir, const std::string& name) {
  const fs::path file = dir / (name + ".pdf");
  std::ofstream(file, std::ios::binary | std::ios::trunc) << pdf;
  REQUIRE_MESSAGE(fs::exists("/usr/bin/qpdf"), "qpdf is not installed: run scripts/install-deps");
  Inspected i;
  i.info = test::run_process({"/usr/bin/pdfinfo", file.string()}).out;
  i.fonts = test::run_process({"/usr/bin/pdffonts", file.string()}).out;
  i.structure = test::run_process({"/usr/bin/pdfinfo", "-struct", file.string()}).out;
  i.structure_text = test::run_process({"/usr/bin/pdfinfo", "-struct-text", file.string()}).out;
  i.qpdf = nlohmann::json::parse(test::run_process({"/usr/bin/qpdf", "--json", file.string()}).out);
  i.qpdf_check = test::run_process({"/usr/bin/qpdf", "--check", file.string()}).exit_code;
  return i;
}

// The structure element names pdfinfo -struct lists, one per line ("  TD (block)" -> "TD").
std::multiset<std::string> elements(const std::string& structure) {
  std::multiset<std::string> out;
  std::istringstream in(structure);
  for (std::string line; std::getline(in, line);) {
    const size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    out.insert(line.substr(start, line.find(' ', start) - start));
  }
  return out;
}

std::vector<std::string> outline_titles(const nlohmann::json& outlines) {
  std::vector<std::string> out;
  for (const auto& o : outlines) {
    out.push_back(o.value("title", ""));
    for (const std::string& t : outline_titles(o.value("kids", nlohmann::json::array()))) out.push_back(t);
  }
  return out;
}

// Every value of `key` anywhere in qpdf's JSON objects.
void values_of(const nlohmann::json& j, const std::string& key, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      if (k == key && v.is_string()) out.push_back(v.get<std::string>());
      values_of(v, key, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) values_of(v, key, out);
  }
}

void check_tagged(const Inspected& i, const std::vector<std::string>& headings, bool has_charts,
                  const std::string& running_header) {
  CHECK(i.info.find("Tagged:          yes") != std::string::npos);
  CHECK(i.qpdf_check == 0);
  // pdffonts: two header lines, then one line per font whose "emb" column says yes or no.
  std::istringstream fonts(i.fonts);
  std::string line;
  int count = 0;
  std::getline(fonts, line);
  std::getline(fonts, line);
  while (std::getline(fonts, line)) {
    if (line.empty()) continue;
    ++count;
    CAPTURE(line);
    CHECK(line.find(" yes yes ") != std::string::npos);  // embedded and subset
  }
  CHECK(count > 0);

  const auto tags = elements(i.structure);
  CHECK(tags.count("Document") == 1);
  CHECK(tags.count("H1") >= 1);
  CHECK(tags.count("P") > 0);
  CHECK(tags.count("Table") > 0);
  CHECK(tags.count("TR") > 0);
  CHECK(tags.count("TD") > 0);
  CHECK(tags.count("TH") > 0);
  CHECK(tags.count("H2") > 0);

  std::vector<std::string> langs, alts;
  values_of(i.qpdf, "/Lang", langs);
  CHECK(std::find(langs.begin(), langs.end(), "u:en-GB") != langs.end());
  values_of(i.qpdf, "/Alt", alts);
  if (has_charts) {
    CHECK(tags.count("Figure") > 0);
    CHECK(alts.size() == tags.count("Figure"));
    for (const std::string& alt : alts) {
      CAPTURE(alt);
      CHECK(alt.size() > 20);
      CHECK(alt.find_first_of("0123456789") != std::string::npos);
    }
  }

  const std::vector<std::string> titles = outline_titles(i.qpdf.value("outlines", nlohmann::json::array()));
  for (const std::string& h : headings) {
    CAPTURE(h);
    CHECK(std::find(titles.begin(), titles.end(), h) != titles.end());
  }
  // The running header is on every page but never read out as part of the document.
  CHECK(i.structure_text.find(running_header) == std::string::npos);
}

}  // namespace

TEST_CASE("tagged PDF: feedback report, Part A and Part B") {
  fs::path dir = report_scratch("pdf-tagged-feedback");
  store::Store db = standard_db(dir);
  const std::string first = db.list_sessions().front().id;
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(static_cast<int>(part));
    const std::string pdf = reports::render_pdf(reports::build_feedback(db, first, test_settings(part)));
    check_tagged(inspect(pdf, dir, "feedback"), {"4P scores", "Decision log", "Findings by priority"}, true,
                 "Audit feedback report \u00B7");
  }
}

TEST_CASE("tagged PDF: scrutiny report, Part A and Part B") {
  fs::path dir = report_scratch("pdf-tagged-scrutiny");
  store::Store db = standard_db(dir, /*include_exempt=*/true);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(static_cast<int>(part));
    const std::string pdf = reports::render_pdf(reports::build_scrutiny(db, sel, test_settings(part)));
    const Inspected i = inspect(pdf, dir, "scrutiny");
    // The front sheet and every numbered section of the Preston structure are bookmarked.
    std::vector<std::string> headings = reports::text::scrutiny_section_titles();
    headings.push_back(reports::text::kFrontSheetHeading);
    headings.push_back("4P distribution");
    check_tagged(i, headings, true, "Scrutiny report \u00B7");
    // Sections are H2 under the title's H1, their parts H3, a decision's chart H4.
    const auto tags = elements(i.structure);
    CHECK(tags.count("H1") == 1);
    CHECK(tags.count("H3") > 0);
    CHECK(tags.count("H4") > 0);
    CHECK(tags.count("L") > 0);
    CHECK(tags.count("LI") > 0);
  }
}

TEST_CASE("tagged PDF: a table across pages is a table on each page, its header row repeated") {
  fs::path dir = report_scratch("pdf-tagged-long-table");
  store::Store db = store::Store::open(dir / "results.db");
  ScenarioPtr s = hostile_scenario();
  for (size_t i = 0; i <= reports::text::kFullAppendixLimit; ++i)
    record_session(db, s, {"call", "report"}, "Table " + std::to_string(i + 1), false);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  const std::string pdf = reports::render_pdf(reports::build_scrutiny(db, sel, test_settings(Part::A)));
  const Inspected i = inspect(pdf, dir, "long-table");
  check_tagged(i, {"Appendix A \u2014 Sessions"}, true, "Scrutiny report \u00B7");
  const PdfText text = pdf_text(pdf, dir);
  REQUIRE(text.pages > 3);
  // The appendix's sessions table and its parts: one TR of TH per part, one TR of TD per session.
  const auto tags = elements(i.structure);
  CHECK(tags.count("TD") >= (reports::text::kFullAppendixLimit + 1) * reports::text::session_table_headings().size());
}

TEST_CASE("tagged PDF: open actions, Part A and Part B") {
  fs::path dir = report_scratch("pdf-tagged-actions");
  store::Store db = standard_db(dir);
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(static_cast<int>(part));
    const std::string pdf = reports::render_pdf(reports::build_open_actions(db, test_settings(part)));
    const Inspected i = inspect(pdf, dir, "actions");
    CHECK(i.info.find("Tagged:          yes") != std::string::npos);
    const auto tags = elements(i.structure);
    CHECK(tags.count("H1") == 1);
    // One table per page it covers, each with its header row of six headings.
    const int pages = pdf_text(pdf, dir).pages;
    CHECK(tags.count("Table") == static_cast<size_t>(pages));
    CHECK(tags.count("TH") == 6 * tags.count("Table"));
    CHECK(tags.count("TD") == 6 * 6);  // six open actions (a done one is left out)
  }
}
