// The feedback and scrutiny reports as internal audit papers: an assurance opinion only where
// control checks were recorded, findings about the council's own controls with the management
// response, the members' recommendations with the responses, overdue actions first, and the
// exercise's learning points kept apart with the exercise rating defined. Part A replaces the
// names typed into the audit's free text in every format.
#include <doctest/doctest.h>

#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using namespace auditsim::reports;

namespace {

const std::vector<Format> kTextFormats{Format::Html, Format::Markdown, Format::Pdf, Format::Csv};

// The report as text to search: PDF through pdftotext with the layout spaces removed, so a
// phrase that wraps still matches (search for collapse_space(phrase) then).
std::string text_of(const std::string& bytes, Format f, const fs::path& dir) {
  return f == Format::Pdf ? collapse_space(pdf_text(bytes, dir).text) : bytes;
}

bool contains(const std::string& haystack, Format f, const std::string& needle) {
  return haystack.find(f == Format::Pdf ? collapse_space(needle) : needle) != std::string::npos;
}

FeedbackReport audited_feedback(store::Store& db, Part part) {
  return build_feedback(db, db.list_sessions().front().id, test_settings(part), with_sample_audit());
}

}  // namespace

TEST_CASE("feedback report without control checks: the controls are not yet checked, no opinion") {
  const fs::path dir = report_scratch("audit-no-checks");
  store::Store db = standard_db(dir);
  const FeedbackReport r = build_feedback(db, db.list_sessions().front().id, test_settings(Part::B));
  CHECK_FALSE(r.audit.opinion_given);
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf}) {
    CAPTURE(std::string(format_key(f)));
    const std::string out = text_of(render(r, f), f, dir);
    CHECK(contains(out, f, "own controls have not yet been checked, so no assurance opinion is given."));
    CHECK_FALSE(contains(out, f, "Assurance opinion: "));
    CHECK_FALSE(contains(out, f, "Substantial"));  // no opinion's definitions either
    CHECK(contains(out, f, "Learning points from the exercise"));
    CHECK(contains(out, f, "Exercise rating: "));
  }
}

TEST_CASE("feedback report with checks: opinion set with its reason, findings as condition, criteria, cause, effect") {
  const fs::path dir = report_scratch("audit-findings");
  store::Store db = standard_db(dir);
  const FeedbackReport r = audited_feedback(db, Part::B);
  REQUIRE(r.audit.opinion_given);
  CHECK(r.audit.proposed == "Limited");  // a high-priority finding caps the proposal
  CHECK(r.audit.opinion == "Reasonable");
  CHECK(r.audit.set_by_auditor);
  CHECK(r.audit.stage == "Final");
  CHECK(r.audit.version == 2);
  REQUIRE(r.audit.findings.size() == 2);
  CHECK(r.audit.findings[0].priority == Priority::High);
  CHECK(r.audit.findings[0].status == "Partly in place");
  CHECK(r.audit.findings[0].effect.find("Payments go to a fraudster") == 0);  // the scenario's risk
  CHECK(r.audit.findings[1].cause.find("Nobody present owns") == 0);            // the group's cause
  REQUIRE(r.audit.findings[0].responses.size() == 2);
  CHECK(r.audit.findings[0].responses[0].by == "Corporate Management Team");
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf}) {
    CAPTURE(std::string(format_key(f)));
    const std::string out = text_of(render(r, f), f, dir);
    CHECK(contains(out, f, "Assurance opinion: Reasonable, set by the auditor"));
    CHECK(contains(out, f, "Proposed from the control checks: Limited."));
    CHECK(contains(out, f, "Final, version 2"));
    for (const char* part : {"Condition", "Criteria", "Cause", "Effect", "Management response"})
      CHECK(contains(out, f, part));
    CHECK(contains(out, f, "Corporate Management Team, 14 April 2026: Agreed."));
    CHECK(contains(out, f, "Learning points from the exercise"));
  }
  // The learning points come after the whole audit part.
  const std::string md = render_markdown(r);
  CHECK(md.find("Learning points from the exercise") > md.find("Action plan"));
}

TEST_CASE("action plan: an overdue action is flagged and listed first, with its monitoring progress") {
  const fs::path dir = report_scratch("audit-overdue");
  store::Store db = standard_db(dir);
  const FeedbackReport r = audited_feedback(db, Part::B);
  REQUIRE_FALSE(r.actions.empty());
  CHECK(r.actions.front().action == "Write the call-back procedure");
  CHECK(r.actions.front().overdue);
  CHECK(r.actions.front().status == "in-progress");  // the monitoring update's status
  CHECK(r.actions.front().progress.find("Six-month monitoring") != std::string::npos);
  for (size_t i = 1; i < r.actions.size(); ++i) CHECK_FALSE(r.actions[i].overdue);
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf}) {
    CAPTURE(std::string(format_key(f)));
    // pdftotext reads a wrapped table cell in with its neighbours: the PDF is checked for the
    // flag, the others for the whole status.
    CHECK(contains(text_of(render(r, f), f, dir), f,
                   f == Format::Pdf ? "(overdue" : "In progress (overdue by 21 days)"));
  }
  // Judged against the report's day: a day before it falls due, nothing is overdue.
  ReportSettings early = test_settings(Part::B);
  early.today = "2026-02-01";
  const FeedbackReport before = build_feedback(db, db.list_sessions().front().id, early, with_sample_audit());
  for (const ActionRow& a : before.actions) CHECK_FALSE(a.overdue);
}

TEST_CASE("scrutiny report: the members' recommendations with their responses, withdrawn ones left out") {
  const fs::path dir = report_scratch("audit-scrutiny");
  store::Store db = standard_db(dir);
  ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  const ScrutinyReport r = build_scrutiny(db, sel, test_settings(Part::B), with_sample_audit());
  // Two from the first table, one from the second: numbered on through the report.
  REQUIRE(r.recommendations.size() == 3);
  CHECK(r.recommendations[0].number == 1);
  CHECK(r.recommendations[2].number == 3);
  CHECK(r.recommendations[2].to == "Police");
  CHECK(r.recommendations[0].addressee == "Cabinet Member for Resources");
  REQUIRE(r.recommendations[0].responses.size() == 2);
  CHECK(r.recommendations[0].responses[1].response == "Partly agreed");
  // A finding of a key action the scenario lacks is named by its id, not dropped or crashed on.
  CHECK(r.recommendations[1].findings.back() == "no-such-key-action");
  CHECK(r.opinions.at("Reasonable") == 1);
  CHECK(r.checks_recorded == 3);
  for (Format f : kTextFormats) {
    CAPTURE(std::string(format_key(f)));
    const std::string out = text_of(render(r, f), f, dir);
    CHECK_FALSE(contains(out, f, "WITHDRAWN-RECOMMENDATION-TEXT"));
    if (f == Format::Csv) continue;
    CHECK(contains(out, f, "To Cabinet member: Cabinet Member for Resources"));
    CHECK(contains(out, f, "Cabinet, 20 May 2026: Partly agreed."));
    CHECK(contains(out, f, "No response recorded yet"));
    CHECK(contains(out, f, "Learning points from the exercises"));
  }
}

TEST_CASE("Part A: names typed as owner, recorder, responder or in the audit's text are replaced, roles stay") {
  const fs::path dir = report_scratch("audit-part-a");
  store::Store db = standard_db(dir);
  const FeedbackReport r = audited_feedback(db, Part::A);
  ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  const ScrutinyReport s = build_scrutiny(db, sel, test_settings(Part::A), with_sample_audit());
  REQUIRE(r.audit.checks.size() == 2);
  CHECK(r.audit.checks[0].owner.rfind("Participant ", 0) == 0);
  CHECK(r.audit.checks[0].changed_by.rfind("Participant ", 0) == 0);
  CHECK(r.audit.checks[1].owner == "Corporate Fraud Manager");
  CHECK(r.audit.set_by == "Chief Internal Auditor");
  for (Format f : kTextFormats) {
    CAPTURE(std::string(format_key(f)));
    for (const std::string& out : {text_of(render(r, f), f, dir), text_of(render(s, f), f, dir)}) {
      for (const std::string& name : secret_names()) CHECK_FALSE(contains(out, f, name));
      const bool escaped = f == Format::Html || f == Format::Markdown;
      CHECK(contains(out, f, escaped ? "Head of Finance &amp; Exchequer" : "Head of Finance & Exchequer"));
    }
  }
  // The exempt scenario's audit is not in a Part A scrutiny report at all.
  for (const FeedbackReport& f : s.appendix) CHECK_FALSE(f.exempt_scenario);
}

TEST_CASE("the exercise rating is defined in every report and never worded as an assurance opinion") {
  const fs::path dir = report_scratch("audit-rating");
  store::Store db = standard_db(dir);
  const FeedbackReport r = audited_feedback(db, Part::B);
  REQUIRE(r.rating_definitions.size() == 4);
  CHECK(r.rating_definitions[0].label == "Strong");
  CHECK(r.rating_definitions[0].text.find("Overall 80% or more.") != std::string::npos);
  CHECK(r.rating_definitions[1].text.find("Overall 60% to under 80%.") != std::string::npos);
  CHECK(r.rating_definitions[2].text.find("high-priority key action") != std::string::npos);  // the cap
  CHECK(r.rating_definitions[3].text.find("Overall under 40%.") != std::string::npos);
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf}) {
    CAPTURE(std::string(format_key(f)));
    const std::string out = text_of(render(r, f), f, dir);
    CHECK(contains(out, f, "Exercise rating: definitions"));
    CHECK(contains(out, f, r.rating_definitions[3].text));
    CHECK_FALSE(contains(out, f, r.rating + " assurance"));
  }
  CHECK(render_xapi(r).find("/extensions/exercise-rating") != std::string::npos);
  CHECK(render_xapi(r).find("/extensions/opinion") == std::string::npos);
}

TEST_CASE("hostile audit record: an undefined opinion label, responses to no recommendation, unknown checks") {
  const fs::path dir = report_scratch("audit-hostile");
  store::Store db = standard_db(dir);
  const auto amend = [](store::SessionRecord& rec) {
    rec.audit = sample_audit(1);
    rec.audit.opinions.push_back({2, "Platinum <script>", "because", "CIA", ""});
    audit::Response stray;
    stray.recommendation = "no-such-recommendation";
    stray.by = "Nobody";
    stray.text = "STRAY-RESPONSE";
    rec.audit.responses.push_back(stray);
    audit::ControlCheck ghost;
    ghost.seq = 9;
    ghost.key_action = "no-such-key-action";
    ghost.status = audit::ControlStatus::NotInPlace;
    ghost.evidence = "GHOST-CHECK";
    rec.audit.checks.push_back(ghost);
  };
  const FeedbackReport r = build_feedback(db, db.list_sessions().front().id, test_settings(Part::B), amend);
  CHECK(r.audit.opinion == "Limited");  // the undefined setting is not used
  CHECK_FALSE(r.audit.set_by_auditor);
  CHECK(r.audit.basis.find("is not one of the defined opinions") != std::string::npos);
  CHECK(r.audit.checks.size() == 2);
  for (Format f : kTextFormats) {
    CAPTURE(std::string(format_key(f)));
    const std::string out = text_of(render(r, f), f, dir);
    CHECK_FALSE(contains(out, f, "STRAY-RESPONSE"));
    CHECK_FALSE(contains(out, f, "GHOST-CHECK"));
    CHECK_FALSE(contains(out, f, "Assurance opinion: Platinum"));
    if (f != Format::Csv) CHECK(contains(out, f, "is not one of the defined opinions"));
  }
}

TEST_CASE("CSV: the control checks and recommendations follow the decisions as their own tables") {
  const fs::path dir = report_scratch("audit-csv");
  store::Store db = standard_db(dir);
  const std::string csv = render_csv(audited_feedback(db, Part::B));
  const size_t checks = csv.find("\r\nclassification,session,scenario,team,check_key_action");
  const size_t recs = csv.find("\r\nclassification,session,scenario,team,recommendation,to");
  REQUIRE(checks != std::string::npos);
  REQUIRE(recs != std::string::npos);
  CHECK(checks < recs);
  CHECK(csv.find(",call-back,") != std::string::npos);
  CHECK(csv.find(",partly,") != std::string::npos);
  // Without an audit the CSV is the decision table alone, as before.
  const std::string plain = render_csv(build_feedback(db, db.list_sessions().front().id, test_settings(Part::B)));
  CHECK(plain.find("check_key_action") == std::string::npos);
}
