// Report safety: hostile text (markup, template syntax, quotes, line breaks, right-to-left and
// Welsh) comes out literally and safely in every format, and no Part A output in any format
// holds a participant's name or a Part B note.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/support/docx_read.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Format;
using reports::Part;

namespace {

const std::vector<Format> kFormats{Format::Html, Format::Pdf, Format::Markdown, Format::Csv,
                                   Format::Xapi, Format::Docx};

// What a reader sees: PDF through pdftotext (spaces dropped, as lines may wrap), Word as the
// text of its header, body (alternative text included) and footer, others as bytes.
std::string visible(const std::string& bytes, Format f, const fs::path& dir) {
  if (f == Format::Docx) return docx_visible(bytes);
  return f == Format::Pdf ? collapse_space(pdf_text(bytes, dir).text) : bytes;
}

// Fragments of the secret names and note in every escaping a format might apply.
std::vector<std::string> secrets(Format f) {
  std::vector<std::string> s{"Siân Ŵyn-Hughes", "ليلى حسن", "דוד כהן", "O'Brien", "O&#39;Brien",
                             "O&apos;Brien", "O\\'Brien", "SECRET-NOTE-7731"};
  if (f == Format::Pdf)
    for (std::string& x : s) x = collapse_space(x);
  return s;
}

void check_part_a(const std::string& what, const std::string& bytes, Format f, const fs::path& dir) {
  const std::string seen = visible(bytes, f, dir);
  CHECK_MESSAGE(!seen.empty(), what);
  for (const std::string& secret : secrets(f))
    CHECK_MESSAGE(seen.find(secret) == std::string::npos, what << " contains " << secret);
}

}  // namespace

TEST_CASE("no Part A output in any format holds a participant name or a Part B note") {
  fs::path dir = report_scratch("part-a");
  store::Store db = standard_db(dir, /*include_exempt=*/true);
  const auto a = test_settings(Part::A);
  std::vector<store::SessionSummary> sessions = db.list_sessions();
  REQUIRE(sessions.size() == 4);
  for (Format f : kFormats) {
    for (const auto& s : sessions)
      check_part_a("feedback " + s.team + " as " + reports::format_key(f),
                   reports::render(reports::build_feedback(db, s.id, a), f), f, dir);
    reports::ScrutinySelection sel;
    sel.event = sessions.front().event_name;
    check_part_a(std::string("scrutiny as ") + reports::format_key(f),
                 reports::render(reports::build_scrutiny(db, sel, a), f), f, dir);
    if (reports::supports_open_actions(f))
      check_part_a(std::string("open actions as ") + reports::format_key(f),
                   reports::render(reports::build_open_actions(db, a), f), f, dir);
  }
}

TEST_CASE("Part B outputs do carry the names and Part B notes, marked exempt") {
  // The control for the test above: the same searches find the secrets when they are allowed.
  fs::path dir = report_scratch("part-b");
  store::Store db = standard_db(dir);
  const auto b = test_settings(Part::B);
  const std::string id = db.list_sessions().front().id;
  for (Format f : {Format::Html, Format::Pdf, Format::Markdown, Format::Docx}) {
    const std::string seen = visible(reports::render(reports::build_feedback(db, id, b), f), f, dir);
    CHECK(seen.find(f == Format::Pdf ? collapse_space("Siân Ŵyn-Hughes") : "Siân Ŵyn-Hughes") !=
          std::string::npos);
    CHECK(seen.find("SECRET-NOTE-7731") != std::string::npos);
    CHECK(seen.find(f == Format::Pdf ? "EXEMPTINFORMATION" : "EXEMPT INFORMATION") != std::string::npos);
  }
  // xAPI never names people, even in Part B: actors are pseudonymous accounts.
  const std::string xapi = reports::render(reports::build_feedback(db, id, b), Format::Xapi);
  CHECK(xapi.find("Siân") == std::string::npos);
  CHECK(xapi.find("\"homePage\"") != std::string::npos);
}

TEST_CASE("a session of a Part B scenario is counted in Part A and nothing else") {
  fs::path dir = report_scratch("withheld");
  store::Store db = standard_db(dir, true);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  reports::ScrutinyReport r = reports::build_scrutiny(db, sel, test_settings(Part::A));
  reports::ScrutinyReport all = reports::build_scrutiny(db, sel, test_settings(Part::B));
  CHECK(r.exempt_sessions == 1);
  CHECK(r.has_exempt_material);
  // Not in the appendix, the figures, the opinions, the outcomes or the distributions.
  CHECK(r.appendix.size() == 3);
  CHECK(all.appendix.size() == 4);
  CHECK(r.sessions == 3);
  int opinions = 0, outcomes = 0;
  for (const auto& [k, n] : r.ratings) opinions += n;
  for (const auto& [k, n] : r.outcomes) outcomes += n;
  CHECK(opinions == 3);
  CHECK(outcomes == 3);
  for (const auto& sp : r.spread) CHECK(sp.assessed <= 3);
  for (const auto& d : r.distributions) CHECK(d.sessions <= 3);
  for (const std::string& t : r.scenario_titles) CHECK(t == r.appendix.front().scenario_title);
  const std::string md = reports::render(r, Format::Markdown);
  CHECK(md.find("one session of an exempt exercise") != std::string::npos);
  CHECK(md.find("is in Part B of this report") != std::string::npos);

  // Its own feedback report in Part A: no title, team, ending, outcome, scores or opinion.
  const std::string exempt_id = all.appendix.back().session_id;
  const reports::FeedbackReport f = reports::build_feedback(db, exempt_id, test_settings(Part::A));
  const reports::FeedbackReport full = reports::build_feedback(db, exempt_id, test_settings(Part::B));
  CHECK(f.withheld);
  REQUIRE_FALSE(full.ending_title.empty());
  CHECK(f.ending_title.empty());
  CHECK(f.outcome.empty());
  CHECK(f.rating.empty());
  CHECK(f.team.empty());
  CHECK(f.decisions.empty());
  for (const auto& p : f.pillars) CHECK_FALSE(p.assessed);
  for (Format fmt : kFormats) {
    const std::string out = visible(reports::render(f, fmt), fmt, dir);
    for (const std::string& leak : {full.ending_title, full.scenario_title, full.rating, full.team})
      CHECK_MESSAGE(out.find(fmt == Format::Pdf ? collapse_space(leak) : leak) == std::string::npos,
                    reports::format_key(fmt) << " shows " << leak);
  }
}

TEST_CASE("HTML shows hostile text literally and runs nothing") {
  fs::path dir = report_scratch("html");
  store::Store db = standard_db(dir);
  for (Part p : {Part::A, Part::B}) {
    const std::string html =
        reports::render(reports::build_feedback(db, db.list_sessions().front().id, test_settings(p)),
                        Format::Html);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img src=x") == std::string::npos);
    CHECK(html.find("<b>always") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("{{council}}") != std::string::npos);  // shown, not expanded
    CHECK(html.find("&quot;quoted&quot;") != std::string::npos);
    CHECK(html.find("Tŷ Ŵyn") != std::string::npos);
    CHECK(html.find("مجلس מועצה") != std::string::npos);
    CHECK(html.find("dir=\"auto\"") != std::string::npos);
    CHECK(html.find("Mae hyn yn iawn: ŵ ŷ.") != std::string::npos);
  }
}

TEST_CASE("Markdown escapes people's text and fences author Markdown") {
  fs::path dir = report_scratch("md");
  store::Store db = standard_db(dir);
  const std::string md = reports::render(
      reports::build_feedback(db, db.list_sessions().front().id, test_settings(Part::B)), Format::Markdown);
  CHECK(md.find("<script") == std::string::npos);
  CHECK(md.find("&lt;script&gt;") != std::string::npos);
  CHECK(md.find("\\{\\{council\\}\\}") != std::string::npos);
  CHECK(md.find("> Mae hyn yn iawn: ŵ ŷ. بالتأكيد") != std::string::npos);
  // A rationale with a line break stays on its list line.
  CHECK(md.find("- Rationale: Cllr Siân Ŵyn-Hughes said: \"check it\" &lt;script&gt;alert(1)&lt;/script&gt; second line ŵ\n") !=
        std::string::npos);
}

TEST_CASE("PDF carries hostile text as real, extractable text") {
  fs::path dir = report_scratch("pdf");
  store::Store db = standard_db(dir);
  const std::string pdf = reports::render(
      reports::build_feedback(db, db.list_sessions().front().id, test_settings(Part::B)), Format::Pdf);
  REQUIRE(pdf.rfind("%PDF-", 0) == 0);
  PdfText t = pdf_text(pdf, dir);
  CHECK(t.pages >= 2);
  const std::string text = collapse_space(t.text);
  CHECK(text.find(collapse_space("<script>alert('t')</script> {{council}} \"quoted\"")) != std::string::npos);
  CHECK(text.find("YnysMôn") != std::string::npos);
  CHECK(text.find("TŷŴyn") != std::string::npos);
  CHECK(text.find("Page1of" + std::to_string(t.pages)) != std::string::npos);
}

TEST_CASE("xAPI statements are valid JSON with the choice as the response") {
  fs::path dir = report_scratch("xapi");
  store::Store db = standard_db(dir);
  const std::string out = reports::render(
      reports::build_feedback(db, db.list_sessions().front().id, test_settings(Part::A)), Format::Xapi);
  nlohmann::json j = nlohmann::json::parse(out);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 5);  // attempted, two answered, completed, passed
  CHECK(j[0]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attempted");
  CHECK(j[1]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/answered");
  CHECK(j[1]["result"]["response"] == "call");
  CHECK(j[1]["object"]["definition"]["interactionType"] == "choice");
  const std::string ext = test_settings(Part::A).xapi_base + "/extensions/4p";
  CHECK(j[1]["result"]["extensions"][ext]["protect"] == 3);
  CHECK(j[3]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed");
  CHECK(j[4]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed");
  CHECK(j[4]["result"]["success"] == true);
  const std::string reg = j[0]["context"]["registration"];
  for (const auto& s : j) {
    CHECK(s["context"]["registration"] == reg);
    CHECK(s["actor"]["objectType"] == "Group");
    for (const auto& m : s["actor"]["member"])
      CHECK(m["account"]["name"].get<std::string>().rfind("Participant ", 0) == 0);
  }
  CHECK(j[0]["object"]["definition"]["name"]["en-GB"].get<std::string>().find("<script>") != std::string::npos);
}
