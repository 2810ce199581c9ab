// The scrutiny report on the Preston structure: numbered sections in order in every format,
// conclusions led by what matters most, membership by role only in Part A, ratings and opinions
// highest first with unfinished sessions apart, and the compact appendix above 100 sessions
// unless the per-session one is asked for.
#include <doctest/doctest.h>

#include <algorithm>

#include "reports/render_text.hpp"
#include "tests/support/docx_read.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Part;

namespace {

reports::MissedKeyAction missed(const std::string& text, Priority p, int times) {
  reports::MissedKeyAction m;
  m.scenario_title = "Scenario";
  m.finding.text = text;
  m.finding.priority = p;
  m.missed = times;
  m.played = 10;
  return m;
}

std::string section(const std::string& md, const std::string& from, const std::string& to) {
  const size_t a = md.find(from);
  const size_t b = md.find(to, a == std::string::npos ? 0 : a);
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  return md.substr(a, b - a);
}

std::string text_of(const std::string& bytes, reports::Format f, const fs::path& dir) {
  if (f == reports::Format::Pdf) return collapse_space(pdf_text(bytes, dir).text);
  if (f == reports::Format::Docx) return collapse_space(docx_visible(bytes));
  std::string html = bytes;
  for (size_t at = html.find("&#39;"); at != std::string::npos; at = html.find("&#39;", at))
    html.replace(at, 5, "'");
  return collapse_space(html);
}

store::Store many_sessions_db(const fs::path& dir, size_t sessions) {
  store::Store db = store::Store::open(dir / "results.db");
  ScenarioPtr s = hostile_scenario();
  const std::vector<std::vector<std::string>> plays{{"call", "report"}, {"accept", "report"}, {"accept", "ignore"}};
  for (size_t i = 0; i < sessions; ++i)
    record_session(db, s, plays[i % plays.size()], "Team " + std::to_string(i + 1), false);
  return db;
}

}  // namespace

TEST_CASE("Preston structure: conclusions are led by the highest priority, never by a low one") {
  reports::ScrutinyReport r;
  // The low-priority key action was missed most often; it still comes after the others.
  r.most_missed = {missed("Low thing", Priority::Low, 9), missed("High thing", Priority::High, 1),
                   missed("Medium thing", Priority::Medium, 5)};
  std::vector<std::string> c = reports::text::scrutiny_conclusions(r);
  REQUIRE(c.size() >= 3);
  CHECK(c[0].find("High priority") == 0);
  CHECK(c[0].find("High thing") != std::string::npos);
  CHECK(c[1].find("Medium priority") == 0);
  CHECK(c[2].find("Low priority") == 0);

  r.most_missed = {missed("Low thing", Priority::Low, 9), missed("Medium thing", Priority::Medium, 1)};
  c = reports::text::scrutiny_conclusions(r);
  CHECK(c.front().find("Medium priority") == 0);

  // The council's own controls rank by their worst finding: a high one leads a low exercise point.
  r.most_missed = {missed("Low thing", Priority::Low, 9)};
  r.checks_recorded = 4;
  r.audit_findings_high = 1;
  c = reports::text::scrutiny_conclusions(r);
  CHECK(c.front().find("The groups checked") == 0);
}

TEST_CASE("Preston structure: ratings and opinions highest first, unfinished sessions counted apart") {
  reports::ScrutinyReport r;
  r.ratings = {{"Weak", 2}, {"Strong", 1}, {"In progress", 3}, {"Good", 4}};
  r.opinions = {{"Limited", 1}, {"Substantial", 2}};
  const auto ratings = reports::text::rating_counts(r);
  REQUIRE(ratings.size() == 3);
  CHECK(ratings[0].first == "Strong");
  CHECK(ratings[1].first == "Good");
  CHECK(ratings[2].first == "Weak");
  const auto opinions = reports::text::opinion_counts(r);
  REQUIRE(opinions.size() == 2);
  CHECK(opinions[0].first == "Substantial");
  const std::string apart = reports::text::unfinished_sentence(r);
  CHECK(apart.find("3 sessions were not finished (3 in progress)") == 0);
  bool said = false;
  for (const std::string& c : reports::text::scrutiny_conclusions(r)) said |= c == apart;
  CHECK(said);
  r.ratings = {{"Strong", 1}};
  CHECK(reports::text::unfinished_sentence(r).empty());
}

TEST_CASE("Preston structure: every numbered section in order after the front sheet, in every format") {
  fs::path dir = report_scratch("preston-sections");
  store::Store db = standard_db(dir);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  for (Part part : {Part::A, Part::B}) {
    const reports::ScrutinyReport r = reports::build_scrutiny(db, sel, test_settings(part));
    for (reports::Format f : {reports::Format::Html, reports::Format::Markdown, reports::Format::Pdf,
                              reports::Format::Docx}) {
      CAPTURE(std::string(reports::format_key(f)));
      const std::string text = text_of(reports::render(r, f), f, dir);
      size_t at = text.find(collapse_space(reports::text::kFrontSheetHeading));
      REQUIRE(at != std::string::npos);
      for (const std::string& title : reports::text::scrutiny_section_titles()) {
        CAPTURE(title);
        // The HTML lists the sections in its contents first: look past that for the heading.
        const size_t next = text.find(collapse_space(title) , at + 1);
        REQUIRE(next != std::string::npos);
        at = next;
      }
      CHECK(text.find(collapse_space("Corporate Management Team's response")) != std::string::npos);
      CHECK(text.find(collapse_space("Equality impact:")) != std::string::npos);
    }
  }
}

TEST_CASE("Preston structure: Part A membership shows roles only, for every spelling of a name") {
  fs::path dir = report_scratch("preston-membership");
  store::Store db = standard_db(dir);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  const reports::ScrutinyReport a = reports::build_scrutiny(db, sel, test_settings(Part::A));
  const std::string md = reports::render_markdown(a);
  const std::string membership = section(md, "## 2. Membership", "## 3. Scoping");
  for (const std::string& spelling :
       {std::string("Siân"), std::string("Ŵyn-Hughes"), std::string("Wyn-Hughes"), std::string("Sian"),
        std::string("S. Ŵyn"), std::string("ليلى"), std::string("כהן"), std::string("O'Brien"),
        std::string("O&#39;Brien"), std::string("Participant"), std::string("Chief EHO")}) {
    CAPTURE(spelling);
    CHECK(membership.find(spelling) == std::string::npos);
  }
  // The same counts as the attendance line.
  CHECK(membership.find("| Member | " + std::to_string(a.members) + " |") != std::string::npos);
  CHECK(membership.find("| Officer (staff) | " + std::to_string(a.staff) + " |") != std::string::npos);
  for (const reports::PersonRow& p : a.membership) CHECK(p.name.empty());
  for (const std::string& f : a.facilitators) CHECK(f.empty());

  const reports::ScrutinyReport b = reports::build_scrutiny(db, sel, test_settings(Part::B));
  const std::string part_b = section(reports::render_markdown(b), "## 2. Membership", "## 3. Scoping");
  CHECK(part_b.find("Chief EHO") != std::string::npos);
  CHECK(part_b.find("| Officer (staff) |") != std::string::npos);
  CHECK(b.membership.size() == secret_names().size());
}

TEST_CASE("Preston structure: the compact appendix starts at 101 sessions — per-session is an option") {
  fs::path dir = report_scratch("preston-appendix");
  store::Store db = many_sessions_db(dir, reports::text::kFullAppendixLimit);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  reports::ReportSettings s = test_settings(Part::A);
  std::string md = reports::render_markdown(reports::build_scrutiny(db, sel, s));
  CHECK(md.find("Appendix A \u2014 Sessions") == std::string::npos);
  CHECK(md.find("## Appendix CV \u2014") != std::string::npos);  // the 100th session's own

  ScenarioPtr scenario = hostile_scenario();
  record_session(db, scenario, {"call", "report"}, "Team 101", false);
  md = reports::render_markdown(reports::build_scrutiny(db, sel, s));
  CHECK(md.find("Appendix A \u2014 Sessions") != std::string::npos);
  CHECK(md.find("## Appendix B \u2014") == std::string::npos);
  CHECK(md.find("summarises all 101 sessions") != std::string::npos);

  s.per_session_appendix = true;
  md = reports::render_markdown(reports::build_scrutiny(db, sel, s));
  CHECK(md.find("Appendix A \u2014 Sessions") == std::string::npos);
  CHECK(md.find("## Appendix CW \u2014") != std::string::npos);  // the 101st session's own

  // The command line's --per-session-appendix does the same.
  const std::string dbf = (dir / "results.db").string();
  auto run = [&](std::vector<std::string> extra) {
    std::vector<std::string> args{AUDITSIM_BINARY, "--db", dbf, "report", "--event", sel.event, "--format", "md"};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::run_process(args);
  };
  auto compact = run({});
  CHECK(compact.exit_code == 0);
  CHECK(compact.out.find("Appendix A \u2014 Sessions") != std::string::npos);
  auto every = run({"--per-session-appendix"});
  CHECK(every.exit_code == 0);
  CHECK(every.out.find("Appendix A \u2014 Sessions") == std::string::npos);
  CHECK(every.out.find("## Appendix CW \u2014") != std::string::npos);
}

TEST_CASE("Preston structure: 101 sessions of which one is exempt keep one full appendix per session in Part A") {
  // Above 100 sessions the sessions are built without their bodies; when a Part B session
  // leaves Part A's appendix at 100, those are built again whole: the report is the one asked
  // for with --per-session-appendix, which is never built without them.
  fs::path dir = report_scratch("preston-appendix-exempt");
  store::Store db = many_sessions_db(dir, reports::text::kFullAppendixLimit);
  record_session(db, hostile_scenario(true), {"call", "report"}, "Exempt table", false);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  reports::ReportSettings s = test_settings(Part::A);
  const reports::ScrutinyReport lean_first = reports::build_scrutiny(db, sel, s);
  CHECK(lean_first.exempt_sessions == 1);
  REQUIRE(lean_first.appendix.size() == reports::text::kFullAppendixLimit);
  const std::string md = reports::render_markdown(lean_first);
  CHECK(md.find("## Appendix CV \u2014") != std::string::npos);
  CHECK(md.find("Debrief") != std::string::npos);
  s.per_session_appendix = true;
  CHECK(md == reports::render_markdown(reports::build_scrutiny(db, sel, s)));
}

TEST_CASE("Preston structure: 101 sessions built without their decision rows read as with them, and CSV and xAPI refuse") {
  // The command line and the desktop build a report for HTML, PDF, Word or Markdown without
  // each session's decision rows: the choices each session took are still there for the
  // distributions, and only the formats made of decision rows need them.
  fs::path dir = report_scratch("preston-no-rows");
  store::Store db = many_sessions_db(dir, reports::text::kFullAppendixLimit + 1);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(static_cast<int>(part));
    reports::ReportSettings s = test_settings(part);
    const reports::ScrutinyReport with_rows = reports::build_scrutiny(db, sel, s);
    s.decision_rows = false;
    const reports::ScrutinyReport without = reports::build_scrutiny(db, sel, s);
    CHECK(without.sessions == 101);
    REQUIRE(with_rows.distributions.size() == without.distributions.size());
    REQUIRE_FALSE(without.distributions.empty());
    int taken = 0;
    for (size_t i = 0; i < without.distributions.size(); ++i) {
      const reports::ChoiceDistribution& a = with_rows.distributions[i];
      const reports::ChoiceDistribution& b = without.distributions[i];
      CHECK(b.node_id == a.node_id);
      CHECK(b.sessions == a.sessions);
      REQUIRE(b.options.size() == a.options.size());
      for (size_t k = 0; k < b.options.size(); ++k) {
        CHECK(b.options[k].choice_id == a.options[k].choice_id);
        CHECK(b.options[k].sessions == a.options[k].sessions);
        taken += b.options[k].sessions;
      }
    }
    CHECK(taken >= 101);  // every session's first choice at least
    CHECK(reports::render_markdown(without) == reports::render_markdown(with_rows));
    CHECK(reports::render_html(without) == reports::render_html(with_rows));
    CHECK_THROWS_AS(reports::render(without, reports::Format::Csv), reports::UnsupportedFormat);
    CHECK_THROWS_AS(reports::render(without, reports::Format::Xapi), reports::UnsupportedFormat);
    const std::string csv = reports::render(with_rows, reports::Format::Csv);
    CHECK(std::count(csv.begin(), csv.end(), '\n') > 101);  // a row per decision
  }
  // The command line asks for the rows only for CSV and xAPI, and both still list them.
  const std::string dbf = (dir / "results.db").string();
  for (const char* format : {"csv", "xapi"}) {
    CAPTURE(format);
    auto out = test::run_process({AUDITSIM_BINARY, "--db", dbf, "report", "--event", sel.event,
                                  "--format", format});
    CHECK(out.exit_code == 0);
    CHECK(std::count(out.out.begin(), out.out.end(), '\n') > 101);
  }
}
