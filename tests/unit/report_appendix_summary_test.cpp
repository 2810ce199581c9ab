// Above 1,000 sessions a scrutiny report's appendix summarises the sessions by event and scenario
// (a table of every session would run to hundreds of pages); up to 1,000, or when asked, it keeps
// one row per session. The reports are built by hand here: what is tested is the appendix's form
// and its figures, not the store.
#include <doctest/doctest.h>

#include <string>

#include "reports/render.hpp"
#include "reports/render_text.hpp"

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
  CHECK(md.find("summarises all 1001 sessions by event and scenario") != std::string::npos);
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
