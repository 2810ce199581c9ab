// The exercise rating's caps (docs/scoring.md, section 5): a high-priority finding caps it at
// Fair, a mixed ending at Good and a poor ending at Fair; the lowest cap wins and the report names
// the one that set the level. And the path not taken in pillar points ("you missed +2 Pursue").
#include <doctest/doctest.h>

#include "reports/render_text.hpp"
#include "sim/balance.hpp"
#include "sim/scoring.hpp"
#include "scenario_builder.hpp"

using namespace auditsim;
using auditsim::testing::ScenarioBuilder;

namespace {

// Two decisions: check the supplier (a high-priority key action) or nearly as well without it,
// then an ending of each outcome, each worth the same points. Every path scores at least 87.5 %,
// so whatever lowers the rating is a cap.
ScenarioPtr three_endings() {
  ScenarioBuilder b("three-endings");
  b.node("check");
  b.node("close");
  b.ending("end-good", Outcome::Good);
  b.ending("end-mixed", Outcome::Mixed);
  b.ending("end-poor", Outcome::Poor);
  b.key_action("check-supplier", Pillar::Protect, Priority::High);
  b.achieves(b.choice("check", "check", "close", {{Pillar::Protect, 4}}), "check-supplier");
  b.choice("check", "skip", "close", {{Pillar::Protect, 3}});
  b.choice("close", "good", "end-good", {{Pillar::Pursue, 4}});
  b.choice("close", "mixed", "end-mixed", {{Pillar::Pursue, 4}});
  b.choice("close", "poor", "end-poor", {{Pillar::Pursue, 4}});
  return b.build();
}

Result play(std::initializer_list<const char*> ids, const ScoringConfig& config = {}) {
  ManualClock clock;
  Session s(three_endings(), clock);
  for (const char* id : ids) REQUIRE_MESSAGE(s.choose(std::string_view(id)), id);
  return score_session(s, config);
}

}  // namespace

TEST_CASE("rating caps: a good ending with every key action is not capped") {
  const Result r = play({"check", "good"});
  CHECK(r.overall_percent == doctest::Approx(100.0));
  CHECK(r.rating == "Strong");
  CHECK_FALSE(r.capped_by_ending);
  CHECK_FALSE(r.capped_by_high_finding);
  CHECK(cap_reason(r).empty());
}

TEST_CASE("rating caps: a mixed ending caps a 100% session at Good") {
  const Result r = play({"check", "mixed"});
  CHECK(r.overall_percent == doctest::Approx(100.0));
  CHECK(r.rating == "Good");
  CHECK(r.rating_level == 1);
  CHECK(r.capped_by_ending);
  CHECK_FALSE(r.capped_by_high_finding);
  CHECK(cap_reason(r) == "the story reached a mixed ending");
}

TEST_CASE("rating caps: a poor ending caps a 100% session at Fair") {
  const Result r = play({"check", "poor"});
  CHECK(r.rating == "Fair");
  CHECK(r.capped_by_ending);
  CHECK(cap_reason(r) == "the story reached a poor ending");
}

TEST_CASE("rating caps: a mixed ending and a missed high-priority key action give Fair, the lower cap") {
  const Result r = play({"skip", "mixed"});
  CHECK(r.overall_percent == doctest::Approx(87.5));
  CHECK(r.rating == "Fair");
  CHECK(r.capped_by_high_finding);
  CHECK_FALSE(r.capped_by_ending);  // Good is not what set the level
  CHECK(cap_reason(r) == "a high-priority key action was missed");
}

TEST_CASE("rating caps: a poor ending and a missed high-priority key action at the same level are both named") {
  const Result r = play({"skip", "poor"});
  CHECK(r.rating == "Fair");
  CHECK(r.capped_by_high_finding);
  CHECK(r.capped_by_ending);
  CHECK(cap_reason(r) == "a high-priority key action was missed and the story reached a poor ending");
}

TEST_CASE("rating caps: the ending caps are settings, 0 switches one off, and the lowest still wins") {
  ScoringConfig off;
  off.scale.cap_level_for_mixed_ending = 0;
  off.scale.cap_level_for_poor_ending = 0;
  CHECK(play({"check", "mixed"}, off).rating == "Strong");
  CHECK(play({"check", "poor"}, off).rating == "Strong");

  ScoringConfig strict;
  strict.scale.cap_level_for_poor_ending = 3;  // a poor ending is Weak whatever the points
  const Result weak = play({"skip", "poor"}, strict);
  CHECK(weak.rating == "Weak");
  CHECK(weak.capped_by_ending);
  CHECK_FALSE(weak.capped_by_high_finding);
}

TEST_CASE("rating caps: an unfinished session has no outcome and no ending cap") {
  const Result r = play({"check"});
  CHECK_FALSE(r.outcome.has_value());
  CHECK_FALSE(r.capped_by_ending);
}

TEST_CASE("rating caps: a facilitator's score adjustment keeps the ending cap") {
  Result r = play({"check", "mixed"});
  Score4 more;
  more[Pillar::Prevent] = 5;  // a pillar no path scores: not assessed, so nothing moves
  apply_score_adjustment(r, more, ScoringConfig{});
  CHECK(r.rating == "Good");
  CHECK(r.capped_by_ending);
}

TEST_CASE("rating caps: ending_cap_level and the rule in words follow the scale") {
  const RatingScale scale;
  CHECK(ending_cap_level(Outcome::Good, scale) == 0);
  CHECK(ending_cap_level(Outcome::Mixed, scale) == 1);
  CHECK(ending_cap_level(Outcome::Poor, scale) == 2);
  CHECK(ending_cap_level(std::nullopt, scale) == 0);
  CHECK(ending_cap_rule(scale) ==
        "A story that reaches a mixed ending is rated Good at best, and one that reaches a poor "
        "ending Fair at best.");
  RatingScale off = scale;
  off.cap_level_for_mixed_ending = 0;
  off.cap_level_for_poor_ending = 0;
  CHECK(ending_cap_rule(off).empty());
  RatingScale odd = scale;
  odd.cap_level_for_mixed_ending = -4;  // out of range in code is clamped: never a crash
  CHECK(ending_cap_level(Outcome::Mixed, odd) == 0);
}

TEST_CASE("rating caps: balance counts each path at its capped rating") {
  // Six paths: check+good Strong; check+mixed Good; check+poor, skip+any Fair.
  const RatingCounts exact = count_ratings(three_endings(), std::nullopt);
  CHECK(exact.exact);
  CHECK(exact.by_level == std::array<uint64_t, 4>{1, 1, 4, 0});
  RatingCountOptions sampled;
  sampled.force_sampling = true;
  sampled.sample_size = 600;
  const RatingCounts s = count_ratings(three_endings(), std::nullopt, {}, sampled);
  CHECK(s.by_level[3] == 0);
  CHECK(s.by_level[0] + s.by_level[1] + s.by_level[2] == 600);
  CHECK(s.by_level[0] > 0);
  CHECK(s.by_level[1] > 0);
}

TEST_CASE("path not taken: what the team missed, pillar by pillar, from that decision on") {
  ManualClock clock;
  Session s(three_endings(), clock);
  REQUIRE(s.choose(std::string_view("skip")));
  REQUIRE(s.choose(std::string_view("good")));
  const Result r = score_session(s);
  REQUIRE(r.paths_not_taken.size() == 2);
  const PathNotTaken& first = r.paths_not_taken[0];
  REQUIRE(first.best_alternative.has_value());
  CHECK(first.missed[Pillar::Protect] == 1);
  CHECK(first.missed[Pillar::Pursue] == 0);
  CHECK(reports::text::missed_sentence(first.missed) == "The team missed +1 Protect");
  CHECK(reports::text::missed_sentence(first.missed, "You") == "You missed +1 Protect");
  CHECK_FALSE(r.paths_not_taken[1].best_alternative.has_value());  // good was the best
  CHECK(r.paths_not_taken[1].missed == Score4{});
}

TEST_CASE("path not taken: only pillars that would have gained are named, and none says nothing missed") {
  Score4 d;
  d[Pillar::Pursue] = 2;
  d[Pillar::Prevent] = -3;  // the better path loses Prevent: not something the team missed
  d[Pillar::Protect] = 1;
  CHECK(reports::text::missed_points(d) == "+2 Pursue, +1 Protect");
  CHECK(reports::text::missed_sentence(d) == "The team missed +2 Pursue, +1 Protect");
  Score4 none;
  none[Pillar::Prepare] = -1;
  CHECK(reports::text::missed_points(none).empty());
  CHECK(reports::text::missed_sentence(none) == "Nothing missed");
}

TEST_CASE("path not taken: the missed points cover the best path after each choice, not only the choice") {
  // Taking "slow" scores more now, but closes the route to the big Pursue score later.
  ScenarioBuilder b("later");
  b.node("first");
  b.node("fast-route");
  b.node("slow-route");
  b.ending("end", Outcome::Good);
  b.choice("first", "slow", "slow-route", {{Pillar::Protect, 2}});
  b.choice("first", "fast", "fast-route", {{Pillar::Protect, 1}});
  b.choice("slow-route", "finish", "end", {{Pillar::Prepare, 1}});
  b.choice("fast-route", "refer", "end", {{Pillar::Pursue, 5}});
  ManualClock clock;
  Session s(b.build(), clock);
  REQUIRE(s.choose(std::string_view("slow")));
  REQUIRE(s.choose(std::string_view("finish")));
  const Result r = score_session(s);
  const PathNotTaken& first = r.paths_not_taken.at(0);
  REQUIRE(first.best_alternative.has_value());
  CHECK(first.missed[Pillar::Pursue] == 5);
  CHECK(first.missed[Pillar::Protect] == -1);
  CHECK(first.missed[Pillar::Prepare] == -1);
  CHECK(reports::text::missed_sentence(first.missed) == "The team missed +5 Pursue");
}
