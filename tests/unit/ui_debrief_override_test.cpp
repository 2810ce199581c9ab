// The debrief's score adjustment: a facilitator adjusts one pillar with a required reason, the
// team is rescored by the usual rules, and the adjustment is kept with the session.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"

#include <string>

#include "sim/analysis.hpp"
#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "ui/controllers/debrief.hpp"

using namespace auditsim;
using namespace auditsim::ui;

namespace {

// A finished tutorial session played on its worst path, so every pillar has room to rise.
std::string record_worst(store::Store& db) {
  LoadResult lr = load_and_check(test::kTutorial);
  REQUIRE(lr.ok());
  const Analysis an = analyse(*lr.scenario, AnalysisOptions{Audience::Members});
  REQUIRE(an.worst);
  ManualClock clock;
  Session session(lr.scenario, clock, Audience::Members);
  SessionRecorder recorder(db, session, RecordingSetup{});
  for (const std::string& c : an.worst->choices) REQUIRE(session.choose(std::string_view(c)));
  recorder.sync(session);
  return recorder.session_id();
}

int pillar_index(Pillar p) { return static_cast<int>(p); }

}  // namespace

TEST_CASE("the debrief records a pillar adjustment with its reason and rescores the team") {
  store::Store db = store::Store::open(test::fresh_scratch_dir("debrief-override") / "results.db");
  const std::string id = record_worst(db);
  ManualClock clock;
  DebriefModel d(db, {id}, clock, ScoringConfig{});
  REQUIRE(d.ok());
  const int64_t before = d.teams()[0].result.pillars[pillar_index(Pillar::Protect)].raw;

  d.override_draft().pillar = pillar_index(Pillar::Protect);
  d.override_draft().points = 3;
  d.override_draft().reason = "The table named the call-back check aloud";
  std::string error;
  REQUIRE_MESSAGE(d.add_override(0, &error), error);
  CHECK(d.teams()[0].result.pillars[pillar_index(Pillar::Protect)].raw == before + 3);
  CHECK(d.teams()[0].scored.pillars[pillar_index(Pillar::Protect)].raw == before);
  REQUIRE(d.teams()[0].overrides.size() == 1);
  CHECK(d.override_draft().reason.empty());  // the form is cleared for the next one

  // Kept with the session: a debrief opened later shows it and scores with it.
  DebriefModel again(db, {id}, clock, ScoringConfig{});
  REQUIRE(again.ok());
  REQUIRE(again.teams()[0].overrides.size() == 1);
  CHECK(again.teams()[0].overrides[0].reason == "The table named the call-back check aloud");
  CHECK(again.teams()[0].result.pillars[pillar_index(Pillar::Protect)].raw == before + 3);
}

TEST_CASE("the debrief refuses an adjustment without a reason or without points") {
  store::Store db = store::Store::open(test::fresh_scratch_dir("debrief-override-bad") / "results.db");
  const std::string id = record_worst(db);
  ManualClock clock;
  DebriefModel d(db, {id}, clock, ScoringConfig{});
  REQUIRE(d.ok());
  std::string error;
  d.override_draft().points = 2;
  d.override_draft().reason = "   ";
  CHECK_FALSE(d.add_override(0, &error));
  CHECK(error.find("reason") != std::string::npos);
  d.override_draft().points = 0;
  d.override_draft().reason = "A reason";
  CHECK_FALSE(d.add_override(0, &error));
  CHECK(d.teams()[0].overrides.empty());
  CHECK(db.load_session(id)->overrides.empty());
}
