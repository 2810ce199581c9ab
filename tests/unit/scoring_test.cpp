// The 4P scoring model. The first cases reproduce the worked example in docs/scoring.md number
// for number; if one of them changes, the document must change with it.
#include <doctest/doctest.h>

#include <tuple>

#include "sim/load.hpp"
#include "sim/scoring.hpp"
#include "scenario_builder.hpp"

using namespace auditsim;
using auditsim::testing::ScenarioBuilder;

namespace {

// docs/scoring.md, "A worked example": a request to change a supplier's bank details.
ScenarioPtr worked_example() {
  ScenarioBuilder b("supplier-bank-details");
  b.node("request");
  b.node("invoice");
  b.node("lessons");
  b.ending("end-good", Outcome::Good);
  b.ending("end-mixed", Outcome::Mixed);
  b.key_action("verify-by-phone", Pillar::Protect, Priority::High);
  b.key_action("report-to-audit", Pillar::Pursue, Priority::Medium);
  b.key_action("update-training", Pillar::Prepare, Priority::Low);
  b.objective("check-changes", Pillar::Protect, {"verify-by-phone"});
  b.objective("learn-lessons", Pillar::Prepare);

  b.achieves(b.choice("request", "call-back", "invoice", {{Pillar::Protect, 3}}), "verify-by-phone");
  b.choice("request", "change", "invoice", {{Pillar::Protect, -2}});
  b.choice("request", "ask-manager", "invoice", {{Pillar::Protect, 1}});
  b.achieves(b.choice("invoice", "report", "lessons", {{Pillar::Pursue, 2}}), "report-to-audit");
  b.choice("invoice", "pay-hold", "lessons", {{Pillar::Pursue, 1}, {Pillar::Prevent, 1}});
  b.choice("invoice", "pay", "lessons", {{Pillar::Prevent, -1}});
  b.achieves(b.choice("lessons", "training", "end-good", {{Pillar::Prepare, 2}, {Pillar::Prevent, 1}}),
             "update-training");
  b.choice("lessons", "file", "end-mixed");
  return b.build();
}

void play(Session& s, std::initializer_list<const char*> ids) {
  for (const char* id : ids) REQUIRE_MESSAGE(s.choose(std::string_view(id)), id);
}

const PillarResult& pillar(const Result& r, Pillar p) { return r.pillars[static_cast<int>(p)]; }

}  // namespace

TEST_CASE("worked example A: per-pillar percentages, overall, findings and rating") {
  ManualClock clock;
  Session s(worked_example(), clock);
  play(s, {"call-back", "pay-hold", "file"});
  const Result r = score_session(s);

  CHECK(pillar(r, Pillar::Pursue).raw == 1);
  CHECK(pillar(r, Pillar::Pursue).max == 2);
  CHECK(pillar(r, Pillar::Pursue).percent == doctest::Approx(50.0));
  CHECK(pillar(r, Pillar::Prevent).raw == 1);
  CHECK(pillar(r, Pillar::Prevent).max == 2);
  CHECK(pillar(r, Pillar::Prevent).percent == doctest::Approx(50.0));
  CHECK(pillar(r, Pillar::Protect).raw == 3);
  CHECK(pillar(r, Pillar::Protect).max == 3);
  CHECK(pillar(r, Pillar::Protect).percent == doctest::Approx(100.0));
  CHECK(pillar(r, Pillar::Prepare).raw == 0);
  CHECK(pillar(r, Pillar::Prepare).max == 2);
  CHECK(pillar(r, Pillar::Prepare).percent == doctest::Approx(0.0));
  for (const auto& p : r.pillars) CHECK(p.assessed);
  CHECK(r.overall_percent == doctest::Approx(50.0));

  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].key_action == 1);  // report-to-audit, medium
  CHECK(r.findings[0].priority == Priority::Medium);
  CHECK(r.findings[1].key_action == 2);  // update-training, low
  CHECK(r.achieved_key_actions == std::vector<int>{0});
  CHECK(r.rating == "Fair");
  CHECK(r.rating_level == 2);
  CHECK_FALSE(r.capped_by_high_finding);
  CHECK(r.objectives_met == std::vector<int>{0});
  CHECK(r.outcome == Outcome::Mixed);
}

TEST_CASE("worked example A: the path not taken") {
  ManualClock clock;
  Session s(worked_example(), clock);
  play(s, {"call-back", "pay-hold", "file"});
  const Result r = score_session(s);
  REQUIRE(r.paths_not_taken.size() == 3);

  const PathNotTaken& first = r.paths_not_taken[0];
  CHECK(first.node == s.scenario().find_node("request"));
  CHECK(first.chosen == 0);
  CHECK(first.chosen_value == 8);  // 3 now + 5 still reachable
  CHECK_FALSE(first.best_alternative.has_value());

  const PathNotTaken& second = r.paths_not_taken[1];
  CHECK(second.chosen_value == 5);  // report would also give 5: a tie is not a better path
  CHECK_FALSE(second.best_alternative.has_value());

  const PathNotTaken& third = r.paths_not_taken[2];
  CHECK(third.chosen_value == 0);
  REQUIRE(third.best_alternative.has_value());
  CHECK(*third.best_alternative == 0);  // training
  CHECK(third.alternative_value == 3);
  CHECK(third.alternative_score[Pillar::Prepare] == 2);
  CHECK(third.alternative_score[Pillar::Prevent] == 1);
  CHECK(s.history()[third.history_index].choice == 1);
}

TEST_CASE("worked example B: a missed high-priority key action caps the rating at Fair") {
  ManualClock clock;
  Session s(worked_example(), clock);
  play(s, {"change", "report", "training"});
  const Result r = score_session(s);
  CHECK(pillar(r, Pillar::Protect).raw == -2);
  CHECK(pillar(r, Pillar::Protect).percent == doctest::Approx(0.0));  // clamped, not negative
  CHECK(pillar(r, Pillar::Pursue).percent == doctest::Approx(100.0));
  CHECK(pillar(r, Pillar::Prevent).percent == doctest::Approx(50.0));
  CHECK(pillar(r, Pillar::Prepare).percent == doctest::Approx(100.0));
  CHECK(r.overall_percent == doctest::Approx(62.5));
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].priority == Priority::High);
  CHECK(r.rating == "Fair");  // Good by percent, capped
  CHECK(r.capped_by_high_finding);
  CHECK(r.outcome == Outcome::Good);
  CHECK(r.objectives_met == std::vector<int>{1});  // learn-lessons via update-training

  ScoringConfig lenient;
  lenient.scale.cap_level_for_missed_high = 0;  // a cap at the top level never binds
  const Result l = score_session(s, lenient);
  CHECK(l.rating == "Good");
  CHECK_FALSE(l.capped_by_high_finding);
}

TEST_CASE("worked example: weights and the rating scale are configurable") {
  ManualClock clock;
  Session s(worked_example(), clock);
  play(s, {"call-back", "pay-hold", "file"});

  ScoringConfig protect_twice;
  protect_twice.weights = {1, 1, 2, 1};
  const Result w = score_session(s, protect_twice);
  CHECK(w.overall_percent == doctest::Approx(60.0));
  CHECK(w.rating == "Good");

  ScoringConfig council;
  council.scale.labels = {"Full", "Moderate", "Limited", "None"};
  council.scale.thresholds = {75.0, 50.0, 25.0};
  const Result c = score_session(s, council);
  CHECK(c.rating == "Moderate");
  CHECK(c.rating_level == 1);
}

TEST_CASE("rating_level follows the thresholds and the cap") {
  const RatingScale scale;
  CHECK(rating_level(100.0, false, scale) == 0);
  CHECK(rating_level(80.0, false, scale) == 0);
  CHECK(rating_level(79.99, false, scale) == 1);
  CHECK(rating_level(60.0, false, scale) == 1);
  CHECK(rating_level(40.0, false, scale) == 2);
  CHECK(rating_level(39.9, false, scale) == 3);
  CHECK(rating_level(0.0, false, scale) == 3);
  CHECK(rating_level(95.0, true, scale) == 2);
  CHECK(rating_level(10.0, true, scale) == 3);  // the cap never raises a rating
  RatingScale strict = scale;
  strict.cap_level_for_missed_high = 1;
  CHECK(rating_level(95.0, true, strict) == 1);
  strict.cap_level_for_missed_high = 42;  // out of range is clamped to the lowest level
  CHECK(rating_level(95.0, true, strict) == 3);
}

TEST_CASE("a pillar no path can score is not assessed and left out of the overall") {
  ScenarioBuilder b;
  b.node("a");
  b.ending("end", Outcome::Good);
  b.choice("a", "good", "end", {{Pillar::Pursue, 4}, {Pillar::Prepare, -1}});
  b.choice("a", "poor", "end", {{Pillar::Pursue, 1}, {Pillar::Prepare, -3}});
  ManualClock clock;
  Session s(b.build(), clock);
  REQUIRE(s.choose(std::string_view("poor")));
  const Result r = score_session(s);
  CHECK(pillar(r, Pillar::Pursue).assessed);
  CHECK(pillar(r, Pillar::Pursue).percent == doctest::Approx(25.0));
  CHECK_FALSE(pillar(r, Pillar::Prevent).assessed);  // max 0
  CHECK_FALSE(pillar(r, Pillar::Protect).assessed);
  CHECK_FALSE(pillar(r, Pillar::Prepare).assessed);  // max -1: still not assessed
  CHECK(pillar(r, Pillar::Prepare).raw == -3);
  CHECK(r.overall_percent == doctest::Approx(25.0));
  CHECK(r.rating == "Weak");
  CHECK(r.findings.empty());
  REQUIRE(r.paths_not_taken.size() == 1);
  CHECK(r.paths_not_taken[0].best_alternative == 0);
  CHECK(r.paths_not_taken[0].alternative_value == 3);
  CHECK(r.paths_not_taken[0].chosen_value == -2);
}

TEST_CASE("an unfinished session is scored so far, with no outcome") {
  ManualClock clock;
  Session s(worked_example(), clock);
  const Result fresh = score_session(s);
  CHECK(fresh.overall_percent == doctest::Approx(0.0));
  CHECK(fresh.findings.size() == 3);
  CHECK(fresh.findings[0].priority == Priority::High);
  CHECK(fresh.paths_not_taken.empty());
  CHECK_FALSE(fresh.outcome.has_value());
  play(s, {"call-back"});
  const Result r = score_session(s);
  CHECK(pillar(r, Pillar::Protect).percent == doctest::Approx(100.0));
  CHECK(r.overall_percent == doctest::Approx(25.0));
  CHECK_FALSE(r.outcome.has_value());
}

TEST_CASE("undone decisions do not count") {
  ManualClock clock;
  Session s(worked_example(), clock);
  play(s, {"call-back"});
  REQUIRE(s.undo("wrong table"));
  play(s, {"change"});
  const Result r = score_session(s);
  CHECK(pillar(r, Pillar::Protect).raw == -2);
  CHECK(r.achieved_key_actions.empty());
  REQUIRE(r.paths_not_taken.size() == 1);
  CHECK(r.paths_not_taken[0].best_alternative == 0);  // call-back
  CHECK(r.paths_not_taken[0].alternative_value == 8);
}

TEST_CASE("a key action only another audience can achieve is not a finding") {
  ScenarioBuilder b;
  b.node("a");
  b.ending("end", Outcome::Good);
  b.key_action("staff-check", Pillar::Protect, Priority::High);
  Choice& staff = b.choice("a", "staff-check", "end", {{Pillar::Protect, 2}});
  staff.audience = Audience::Staff;
  b.achieves(staff, "staff-check");
  b.choice("a", "members-view", "end", {{Pillar::Protect, 1}});
  auto sc = b.build();
  ManualClock clock;
  Session members(sc, clock, Audience::Members);
  REQUIRE(members.choose(std::string_view("members-view")));
  const Result m = score_session(members);
  CHECK(m.findings.empty());
  CHECK(pillar(m, Pillar::Protect).percent == doctest::Approx(100.0));  // max for members is 1

  Session everyone(sc, clock);
  REQUIRE(everyone.choose(std::string_view("members-view")));
  const Result e = score_session(everyone);
  REQUIRE(e.findings.size() == 1);
  CHECK(e.capped_by_high_finding == false);  // 50 % is already below Fair's threshold
  CHECK(e.rating == "Fair");
  CHECK(pillar(e, Pillar::Protect).percent == doctest::Approx(50.0));
}

TEST_CASE("the analysis is cached per scenario and audience") {
  clear_scoring_cache();
  auto sc = worked_example();
  const auto a1 = cached_analysis(sc, std::nullopt);
  const auto a2 = cached_analysis(sc, std::nullopt);
  CHECK(a1.get() == a2.get());
  CHECK(cached_analysis(sc, Audience::Members).get() != a1.get());
  // A second load of the same source (same sha256) shares the analysis.
  auto copy = std::make_shared<const Scenario>(*sc);
  CHECK(cached_analysis(copy, std::nullopt).get() == a1.get());
  CHECK(cached_analysis(nullptr, std::nullopt) == nullptr);
  clear_scoring_cache();
  CHECK(cached_analysis(sc, std::nullopt).get() != nullptr);
}

TEST_CASE("shipped scenarios: the best path scores the analysis's best and leaves nothing better") {
  const auto files = find_scenario_files(AUDITSIM_SCENARIOS_DIR);
  REQUIRE_FALSE(files.empty());
  for (const std::string& file : files) {
    CAPTURE(file);
    const LoadResult loaded = load_scenario_file(file);
    CHECK(loaded.ok());  // the checker's tests say why; the other files are still played
    if (!loaded.ok()) continue;
    for (std::optional<Audience> audience :
         {std::optional<Audience>{}, std::optional<Audience>{Audience::Members},
          std::optional<Audience>{Audience::Staff}}) {
      const auto analysis = cached_analysis(loaded.scenario, audience);
      REQUIRE(analysis->best.has_value());
      ManualClock clock;
      Session s(loaded.scenario, clock, audience);
      for (const std::string& id : analysis->best->choices) REQUIRE(s.choose(std::string_view(id)));
      CHECK(s.finished());
      CHECK(s.score() == analysis->best->score);
      const Result r = score_session(s);
      for (const PathNotTaken& p : r.paths_not_taken) CHECK_FALSE(p.best_alternative.has_value());
      for (const PillarResult& p : r.pillars) {
        if (p.assessed) CHECK(p.raw <= p.max);
      }
    }
  }
}

// docs/scoring.md, "Breaches and late achievement": the worked example with two choices of
// format 1.1 added. Neither changes a maximum: `recall-payment` scores what `training` scores.
namespace {

ScenarioPtr worked_example_1_1() {
  ScenarioBuilder b("supplier-bank-details-1-1");
  b.raw().format = "auditsim/1.1";
  b.raw().format_minor = 1;
  b.node("request");
  b.node("invoice");
  b.node("lessons");
  b.ending("end-good", Outcome::Good);
  b.ending("end-mixed", Outcome::Mixed);
  b.key_action("verify-by-phone", Pillar::Protect, Priority::High);
  b.key_action("report-to-audit", Pillar::Pursue, Priority::Medium);
  b.key_action("update-training", Pillar::Prepare, Priority::Low);
  b.achieves(b.choice("request", "call-back", "invoice", {{Pillar::Protect, 3}}), "verify-by-phone");
  b.choice("request", "change", "invoice", {{Pillar::Protect, -2}});
  b.choice("request", "ask-manager", "invoice", {{Pillar::Protect, 1}});
  b.achieves(b.choice("invoice", "report", "lessons", {{Pillar::Pursue, 2}}), "report-to-audit");
  b.choice("invoice", "pay-hold", "lessons", {{Pillar::Pursue, 1}, {Pillar::Prevent, 1}});
  b.choice("invoice", "pay", "lessons", {{Pillar::Prevent, -1}});
  b.achieves(b.choice("lessons", "training", "end-good", {{Pillar::Prepare, 2}, {Pillar::Prevent, 1}}),
             "update-training");
  b.choice("lessons", "file", "end-mixed");
  b.achieves_late(
      b.choice("lessons", "recall-payment", "end-good", {{Pillar::Prepare, 2}, {Pillar::Prevent, 1}}),
      "verify-by-phone");
  b.breaches(b.choice("lessons", "warn-sender", "end-mixed"), "report-to-audit");
  return b.build();
}

const Finding* finding_for(const Result& r, int key_action) {
  for (const Finding& f : r.findings) {
    if (f.key_action == key_action) return &f;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("worked example C: a late achievement is a finding one priority lower, so no cap") {
  ManualClock clock;
  Session s(worked_example_1_1(), clock);
  play(s, {"change", "report", "recall-payment"});
  const Result r = score_session(s);
  CHECK(r.overall_percent == doctest::Approx(62.5));  // as in example B
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].key_action == 0);  // verify-by-phone: high, achieved late, so medium
  CHECK(r.findings[0].kind == FindingKind::AchievedLate);
  CHECK(r.findings[0].priority == Priority::Medium);
  CHECK(r.findings[1].key_action == 2);  // update-training: missed, low
  CHECK(r.findings[1].kind == FindingKind::Missed);
  CHECK(r.findings[1].priority == Priority::Low);
  CHECK(r.achieved_key_actions == std::vector<int>{1});  // late is not on time
  CHECK(r.rating == "Good");
  CHECK_FALSE(r.capped_by_high_finding);

  ScoringConfig strict;
  strict.late_priority_drop = 0;  // late counts at the key action's own priority
  const Result st = score_session(s, strict);
  CHECK(finding_for(st, 0)->priority == Priority::High);
  CHECK(st.rating == "Fair");
  CHECK(st.capped_by_high_finding);
}

TEST_CASE("worked example D: a breach stays a finding although the key action was achieved first") {
  ManualClock clock;
  Session s(worked_example_1_1(), clock);
  play(s, {"call-back", "report", "warn-sender"});
  const Result r = score_session(s);
  const Finding* breach = finding_for(r, 1);
  REQUIRE(breach != nullptr);
  CHECK(breach->kind == FindingKind::Breached);
  CHECK(breach->priority == Priority::Medium);
  CHECK(r.achieved_key_actions == std::vector<int>{0});  // report-to-audit no longer counts
  CHECK(r.overall_percent == doctest::Approx(50.0));
  CHECK(r.rating == "Fair");
}

TEST_CASE("a breach followed by the achievement is still a finding at the key action's priority") {
  ScenarioBuilder b;
  b.node("a");
  b.node("b");
  b.ending("end", Outcome::Good);
  b.key_action("confidential", Pillar::Pursue, Priority::High);
  b.breaches(b.choice("a", "tell-suspect", "b", {{Pillar::Pursue, 1}}), "confidential");
  b.choice("a", "say-nothing", "b", {{Pillar::Pursue, 1}});
  b.achieves(b.choice("b", "refer-quietly", "end", {{Pillar::Pursue, 4}}), "confidential");
  ManualClock clock;
  Session s(b.build(), clock);
  play(s, {"tell-suspect", "refer-quietly"});
  const Result r = score_session(s);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].kind == FindingKind::Breached);
  CHECK(r.findings[0].priority == Priority::High);
  CHECK(r.achieved_key_actions.empty());
  CHECK(r.overall_percent == doctest::Approx(100.0));
  CHECK(r.rating == "Fair");  // the breach caps like a miss
  CHECK(r.capped_by_high_finding);
}

TEST_CASE("on time wins over late on the same path, whichever came first") {
  ScenarioBuilder b;
  b.node("a");
  b.node("b");
  b.ending("end", Outcome::Good);
  b.key_action("refer", Pillar::Protect, Priority::High);
  b.achieves_late(b.choice("a", "refer-late", "b", {{Pillar::Protect, 1}}), "refer");
  b.achieves(b.choice("a", "refer-now", "b", {{Pillar::Protect, 2}}), "refer");
  b.achieves(b.choice("b", "refer-again", "end"), "refer");
  b.achieves_late(b.choice("b", "refer-later", "end"), "refer");
  auto sc = b.build();
  ManualClock clock;
  for (auto path : {std::pair{"refer-late", "refer-again"}, std::pair{"refer-now", "refer-later"}}) {
    Session s(sc, clock);
    play(s, {path.first, path.second});
    const Result r = score_session(s);
    INFO(path.first);
    CHECK(r.findings.empty());
    CHECK(r.achieved_key_actions == std::vector<int>{0});
  }
}

TEST_CASE("a late achievement drops by the configured levels and never below low") {
  ScenarioBuilder b;
  b.node("a");
  b.ending("end", Outcome::Good);
  b.key_action("high-one", Pillar::Protect, Priority::High);
  b.key_action("low-one", Pillar::Protect, Priority::Low);
  Choice& late = b.choice("a", "late", "end", {{Pillar::Protect, 1}});
  b.achieves_late(late, "high-one");
  b.achieves_late(late, "low-one");
  ManualClock clock;
  Session s(b.build(), clock);
  play(s, {"late"});
  for (auto [drop, high, low] : {std::tuple{0, Priority::High, Priority::Low},
                                 std::tuple{1, Priority::Medium, Priority::Low},
                                 std::tuple{2, Priority::Low, Priority::Low},
                                 std::tuple{7, Priority::Low, Priority::Low},
                                 std::tuple{-3, Priority::High, Priority::Low}}) {
    ScoringConfig config;
    config.late_priority_drop = drop;
    const Result r = score_session(s, config);
    INFO("drop " << drop);
    REQUIRE(r.findings.size() == 2);
    CHECK(finding_for(r, 0)->priority == high);
    CHECK(finding_for(r, 1)->priority == low);  // a late low-priority action is still a finding
    CHECK(finding_for(r, 1)->kind == FindingKind::AchievedLate);
  }
}

TEST_CASE("an undone breach is no finding") {
  ScenarioBuilder b;
  b.node("a");
  b.ending("end", Outcome::Good);
  b.key_action("confidential", Pillar::Pursue, Priority::High);
  b.breaches(b.choice("a", "tell-suspect", "end"), "confidential");
  b.achieves(b.choice("a", "refer-quietly", "end", {{Pillar::Pursue, 1}}), "confidential");
  ManualClock clock;
  Session s(b.build(), clock);
  play(s, {"tell-suspect"});
  REQUIRE(s.undo("pressed the wrong option"));
  play(s, {"refer-quietly"});
  const Result r = score_session(s);
  CHECK(r.findings.empty());
  CHECK(r.achieved_key_actions == std::vector<int>{0});
}

TEST_CASE("finding kinds have stable keys and labels") {
  CHECK(std::string(finding_kind_key(FindingKind::Missed)) == "missed");
  CHECK(std::string(finding_kind_key(FindingKind::Breached)) == "breached");
  CHECK(std::string(finding_kind_key(FindingKind::AchievedLate)) == "achieved-late");
  CHECK(std::string(finding_kind_label(FindingKind::Breached)) == "Breached");
  CHECK(std::string(finding_kind_label(FindingKind::AchievedLate)) == "Achieved late");
}
