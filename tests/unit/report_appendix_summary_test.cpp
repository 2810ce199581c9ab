// A scrutiny report over a council-wide programme. Above 1,000 sessions its appendix summarises
// the sessions by event and scenario (a table of every session would run to hundreds of pages);
// up to 1,000, or when asked, it keeps one row per session. Its counts are written as a committee
// reads them (100,000), its PDF tables keep each heading and count whole, and its most-missed key
// actions are ranked correctly at counts whose products pass what an int holds. The reports are
// built by hand here: what is tested is the report's form and its figures, not the store.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "reports/build_internal.hpp"
#include "reports/render.hpp"
#include "reports/render_text.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::reports;

namespace {

// A session of `scenario` at `event`: finished with `rating` (index into the scale) and the
// same percent on every pillar, or unfinished ("In progress") when rating is -1.
FeedbackReport session(const std::string& event, const std::string& scenario, int rating,
                       double percent) {
  FeedbackReport f;
  f.session_id = "0000000" + std::to_string(rating + 1);
  f.event_name = event;
  f.event_date = "2026-03-12";
  f.scenario_title = scenario;
  f.started_at = "2026-03-12T18:00:00Z";
  f.status = rating < 0 ? "in-progress" : "finished";
  f.rating = rating < 0 ? "In progress" : ScoringConfig{}.scale.labels[static_cast<size_t>(rating)];
  f.rating_level = rating < 0 ? kUnratedLevel : rating;
  for (PillarRow& p : f.pillars) {
    p.assessed = rating >= 0;
    p.percent = percent;
  }
  return f;
}

// 1,001 sessions: 600 of "Procurement" at the March evening (300 rated Weak at 20%, 200 Strong
// at 80%, 100 still in progress), 401 of "Licensing" with no event (all Good at 60%).
ScrutinyReport thousand_and_one() {
  ScrutinyReport r;
  r.date_from = r.date_to = "2026-03-12";
  for (int i = 0; i < 300; ++i) r.appendix.push_back(session("March evening", "Procurement", 3, 20));
  for (int i = 0; i < 200; ++i) r.appendix.push_back(session("March evening", "Procurement", 0, 80));
  for (int i = 0; i < 100; ++i) r.appendix.push_back(session("March evening", "Procurement", -1, 0));
  for (int i = 0; i < 401; ++i) r.appendix.push_back(session("", "Licensing", 1, 60));
  return r;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("Appendix summary: above 1,000 sessions, one row per event and scenario with its figures") {
  ScrutinyReport r = thousand_and_one();
  REQUIRE(text::appendix_form(r) == text::AppendixForm::Summary);
  const auto rows = text::session_summary_rows(r);
  REQUIRE(rows.size() == 2);
  // In the order first played; the event carries its date.
  CHECK(rows[0][0] == "March evening (12 March 2026)");
  CHECK(rows[0][1] == "Procurement");
  CHECK(rows[0][2] == "600");
  CHECK(rows[0][3] == "500");  // the 100 in progress did not reach an ending
  // Highest rating first, and the unfinished named as such after the ratings, never as Weak.
  CHECK(rows[0][4] == "Strong 200; Weak 300; In progress 100");
  CHECK(rows[1][3] == "401");
  // The mean is over the sessions assessed on the pillar: (300 x 20 + 200 x 80) / 500 = 44.
  CHECK(rows[0][5] == text::percent(44));
  CHECK(rows[1][0] == "No event");
  CHECK(rows[1][2] == "401");
  CHECK(rows[1][4] == "Good 401");
  CHECK(rows[1][8] == text::percent(60));
}

TEST_CASE("Appendix summary: every format says it is a summary and where every session is listed") {
  ScrutinyReport r = thousand_and_one();
  const std::string md = render_markdown(r);
  CHECK(md.find("Appendix A \u2014 Sessions by event and scenario") != std::string::npos);
  CHECK(md.find("summarises all 1,001 sessions by event and scenario") != std::string::npos);
  CHECK(md.find("The CSV export lists every session") != std::string::npos);
  CHECK(count(md, "| Procurement |") == 1);  // one row, not 600
  const std::string html = render_html(r);
  CHECK(html.find("Sessions by event and scenario</h2>") != std::string::npos);
  CHECK(html.find("<th scope=\"col\">Exercise ratings, highest first</th>") != std::string::npos);
  CHECK(count(html, ">Procurement</td>") == 1);
}

TEST_CASE("Appendix summary: 1,000 sessions, or --session-table, keep one row per session") {
  ScrutinyReport r = thousand_and_one();
  r.appendix.pop_back();  // 1,000
  CHECK(text::appendix_form(r) == text::AppendixForm::SessionTable);
  std::string md = render_markdown(r);
  CHECK(md.find("Appendix A \u2014 Sessions\n") != std::string::npos);
  CHECK(count(md, "| Procurement |") == 600);

  r = thousand_and_one();
  r.settings.session_table = true;
  CHECK(text::appendix_form(r) == text::AppendixForm::SessionTable);
  md = render_markdown(r);
  CHECK(count(md, "| Procurement |") == 600);
  CHECK(count(md, "| Licensing |") == 401);

  // One appendix per session wins over both.
  r.settings.per_session_appendix = true;
  CHECK(text::appendix_form(r) == text::AppendixForm::PerSession);
}

TEST_CASE("Counts of a council-wide programme are grouped in thousands") {
  CHECK(text::count_text(0) == "0");
  CHECK(text::count_text(999) == "999");
  CHECK(text::count_text(1000) == "1,000");
  CHECK(text::count_text(100000) == "100,000");
  CHECK(text::count_text(1234567) == "1,234,567");
  CHECK(text::count_text(-1000) == "-1,000");
  ScrutinyReport r = thousand_and_one();
  const std::string md = render_markdown(r);
  CHECK(md.find("1,001 sessions") != std::string::npos);
  CHECK(md.find("1001") == std::string::npos);
}

TEST_CASE("Appendix summary in the PDF: every heading and count stays whole in its column") {
  // At their shares alone the four pillar columns and the counts were narrower than their
  // headings, which broke as "Sessio-ns" and "Prev-ent".
  const std::filesystem::path dir = testing::report_scratch("appendix-summary-pdf");
  ScrutinyReport r = thousand_and_one();
  for (int i = 0; i < 9000; ++i) r.appendix.push_back(session("", "Licensing", 1, 60));
  const std::string text = testing::pdf_text(render_pdf(r), dir).text;
  const size_t appendix = text.rfind("Sessions by event and scenario");
  REQUIRE(appendix != std::string::npos);
  // pdftotext runs neighbouring cells into one line, so the appendix is read word by word.
  std::vector<std::string> words;
  std::istringstream in(text.substr(appendix));
  for (std::string w; in >> w;) words.push_back(w);
  auto has_word = [&](const std::string& word) {
    return std::find(words.begin(), words.end(), word) != words.end();
  };
  for (const char* heading : {"Event", "Scenario", "Sessions", "Finished", "Pursue", "Prevent",
                              "Protect", "Prepare"}) {
    CAPTURE(std::string(heading));
    CHECK(has_word(heading));
  }
  CHECK(has_word("9,401"));  // the Licensing sessions
  CHECK(text.find("Sessio-") == std::string::npos);
}

TEST_CASE("Most-missed key actions rank by miss rate even when the counts' products pass an int") {
  // 35,400 of 100,000 against 9,400 of 100,000: compared without division, 35,400 x 100,000
  // overflowed and the action missed least came first.
  ScrutinyReport r;
  auto missed = [](const std::string& action, Priority priority, int n) {
    MissedKeyAction m;
    m.scenario_title = "Procurement";
    m.finding.text = action;
    m.finding.management_action = "Put " + action;
    m.finding.priority = priority;
    m.missed = n;
    m.played = 100000;
    return m;
  };
  r.most_missed = {missed("control 2 in place", Priority::Low, 9400),
                   missed("control 1 in place", Priority::Medium, 5800),
                   missed("control 0 in place", Priority::High, 35400)};
  add_learning_points(r);
  REQUIRE(r.most_missed.size() == 3);
  CHECK(r.most_missed[0].missed == 35400);
  CHECK(r.most_missed[1].missed == 9400);
  CHECK(r.most_missed[2].missed == 5800);
  REQUIRE(r.learning_points.size() == 3);
  CHECK(r.learning_points[0].text == "Put control 0 in place");
  CHECK(r.learning_points[0].rationale.rfind("Missed in 35,400 of 100,000 sessions", 0) == 0);
}
