// Writes one HTML report of every kind and part for the browser checks in tests/a11y (CTest runs
// this first, as their fixture): built from the hostile-text database the golden files use, so
// right-to-left names, Welsh, markup-like text and long words are all in them, plus a scrutiny
// report over more sessions than get an appendix each, whose session table is the widest page,
// and the reports of a desktop audit (control checks, findings, responses, the action plan).
#include <doctest/doctest.h>

#include "reports/render_text.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Part;

namespace {

const fs::path kSamples = fs::path(AUDITSIM_TEST_TMP) / "a11y-samples";

void write(const std::string& name, const std::string& html) {
  fs::create_directories(kSamples);
  std::ofstream(kSamples / (name + ".html"), std::ios::binary | std::ios::trunc) << html;
  CHECK(fs::file_size(kSamples / (name + ".html")) == html.size());
}

std::string part_name(Part p) { return p == Part::A ? "part-a" : "part-b"; }

}  // namespace

TEST_CASE("accessibility samples: feedback, scrutiny and open actions in Part A and Part B") {
  fs::path dir = report_scratch("a11y-samples");
  store::Store db = standard_db(dir, /*include_exempt=*/true);
  const std::string first = db.list_sessions().front().id;
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  for (Part part : {Part::A, Part::B}) {
    const auto settings = test_settings(part);
    write("feedback-" + part_name(part), reports::render_html(reports::build_feedback(db, first, settings)));
    write("scrutiny-" + part_name(part), reports::render_html(reports::build_scrutiny(db, sel, settings)));
    write("actions-" + part_name(part), reports::render_html(reports::build_open_actions(db, settings)));
  }
}

TEST_CASE("accessibility samples: a desktop audit's feedback and scrutiny reports, with checks, findings and responses") {
  fs::path dir = report_scratch("a11y-samples-audit");
  store::Store db = standard_db(dir);
  const std::string first = db.list_sessions().front().id;
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  for (Part part : {Part::A, Part::B}) {
    const auto settings = test_settings(part);
    const reports::FeedbackReport f = reports::build_feedback(db, first, settings, with_sample_audit());
    REQUIRE(f.audit.opinion_given);
    write("audit-feedback-" + part_name(part), reports::render_html(f));
    write("audit-scrutiny-" + part_name(part),
          reports::render_html(reports::build_scrutiny(db, sel, settings, with_sample_audit())));
  }
}

TEST_CASE("accessibility samples: a scrutiny report whose appendix is one table of every session") {
  fs::path dir = report_scratch("a11y-samples-many");
  store::Store db = store::Store::open(dir / "results.db");
  ScenarioPtr s = hostile_scenario();
  const std::vector<std::vector<std::string>> plays{{"call", "report"}, {"accept", "report"}, {"accept", "ignore"}};
  for (size_t i = 0; i <= reports::text::kFullAppendixLimit; ++i)
    record_session(db, s, plays[i % plays.size()], "Table " + std::to_string(i + 1) + " — Bwrdd", i % 10 == 0);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  for (Part part : {Part::A, Part::B}) {
    reports::ScrutinyReport r = reports::build_scrutiny(db, sel, test_settings(part));
    REQUIRE(r.appendix.size() > reports::text::kFullAppendixLimit);
    write("scrutiny-many-sessions-" + part_name(part), reports::render_html(r));
  }
}
