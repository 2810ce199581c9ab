// A large scrutiny report is read and built in two halves on two connections and cores. The
// report must be exactly the one a single reader builds: the same sessions, figures and
// appendix, the same Part A review of names in the same order, the same sessions left out.
#include <doctest/doctest.h>

#include "reports/render.hpp"
#include "sim/store/raw_connection.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Part;

namespace {

// 40 sessions of three kinds of play, named people in every one, and one session whose saved
// state is damaged so it must be left out (named once, in the same place).
store::Store forty_sessions(const fs::path& dir, std::string* damaged) {
  store::Store db = store::Store::open(dir / "results.db");
  ScenarioPtr s = hostile_scenario();
  const std::vector<std::vector<std::string>> plays{{"call", "report"}, {"accept", "report"}, {"accept", "ignore"}};
  std::vector<std::string> ids;
  for (int i = 0; i < 40; ++i)
    ids.push_back(record_session(db, s, plays[i % plays.size()], "Team " + std::to_string(i + 1), i % 4 != 3));
  *damaged = ids[17];
  store::Db& raw = store::raw_connection(db);
  store::Stmt q(raw, "UPDATE sessions SET state_json = '{\"format\": 7}' WHERE uuid = ?");
  q.bind(1, *damaged);
  q.step();
  return db;
}

reports::ScrutinyReport built(store::Store& db, Part part, int threads) {
  reports::ReportSettings s = test_settings(part);
  s.build_threads = threads;
  reports::ScrutinySelection sel;
  sel.event = "Members' evening <script> {{event}} — Noson";
  return reports::build_scrutiny(db, sel, s);
}

}  // namespace

TEST_CASE("Two readers: the scrutiny report is the one a single reader builds, in Part A and B") {
  const fs::path dir = report_scratch("two-readers");
  std::string damaged;
  store::Store db = forty_sessions(dir, &damaged);
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(static_cast<int>(part));
    reports::ScrutinyReport one = built(db, part, 1);
    reports::ScrutinyReport two = built(db, part, 2);
    CHECK(one.sessions == 39);
    CHECK(two.sessions == one.sessions);
    REQUIRE(one.left_out.size() == 1);
    CHECK(one.left_out.front().rfind(damaged, 0) == 0);
    CHECK(two.left_out == one.left_out);
    // Every format from the same model: Markdown and HTML compared whole.
    CHECK(reports::render_markdown(two) == reports::render_markdown(one));
    CHECK(reports::render_html(two) == reports::render_html(one));
    // The review of what Part A replaced: the same names, counts and order.
    REQUIRE(two.review.redacted.size() == one.review.redacted.size());
    for (size_t i = 0; i < one.review.redacted.size(); ++i) {
      CHECK(two.review.redacted[i].found == one.review.redacted[i].found);
      CHECK(two.review.redacted[i].replaced_by == one.review.redacted[i].replaced_by);
      CHECK(two.review.redacted[i].times == one.review.redacted[i].times);
    }
    CHECK(two.review.look_like_names == one.review.look_like_names);
    if (part == Part::A) CHECK_FALSE(one.review.redacted.empty());
  }
}

TEST_CASE("Two readers: a store the second connection cannot open is read by one, the report unchanged") {
  const fs::path dir = report_scratch("two-readers-gone");
  std::string damaged;
  store::Store db = forty_sessions(dir, &damaged);
  const std::string expected = reports::render_markdown(built(db, Part::A, 1));
  // The file is moved away after this store opened it: this connection still reads it, a new
  // one cannot open it.
  fs::rename(dir / "results.db", dir / "moved.db");
  CHECK(reports::render_markdown(built(db, Part::A, 2)) == expected);
}
