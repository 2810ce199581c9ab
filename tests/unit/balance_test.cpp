// Balance figures: exercise ratings counted over the state space must equal playing and scoring every
// path one by one; outcomes and decision counts are exact; sampling says it sampled; the
// one-mistake table is every single deviation from the best path; the command's JSON has the
// keys the documentation promises.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/analysis.hpp"
#include "sim/autoplay.hpp"
#include "sim/balance.hpp"
#include "sim/load.hpp"
#include "sim/scoring.hpp"
#include "tests/support/run_process.hpp"

using namespace auditsim;

namespace {

const std::string kTutorial =
    std::string(AUDITSIM_SCENARIOS_DIR) + "/examples/tutorial-supplier-bank-details.yaml";
const std::string kInsider = std::string(AUDITSIM_SCENARIOS_DIR) + "/insider-threat/insider-payments-team.yaml";
const std::string kTwoRoutes = std::string(AUDITSIM_TEST_DATA) + "/scenario-tests/two-routes.yaml";

ScenarioPtr load(const std::string& path) {
  LoadResult r = load_and_check(path);
  REQUIRE(r.ok());
  return r.scenario;
}

// Rating levels and outcomes of every complete path, played and scored one at a time.
struct Tally {
  std::array<uint64_t, 4> ratings{};
  std::array<uint64_t, 3> outcomes{};
  uint64_t paths = 0;
};

Tally play_every_path(const ScenarioPtr& s, Audience a) {
  AnalysisOptions opts;
  opts.audience = a;
  opts.max_paths_listed = 100'000;
  const Analysis analysis = analyse(*s, opts);
  REQUIRE_FALSE(analysis.paths_truncated);
  Tally t;
  ManualClock clock;
  for (const ScoredPath& p : analysis.paths) {
    Session session(s, clock, a);
    REQUIRE_FALSE(play_choices(session, p.choices));
    const Result r = score_session(session);
    ++t.ratings[static_cast<size_t>(r.rating_level)];
    ++t.outcomes[static_cast<size_t>(*r.outcome)];
    ++t.paths;
  }
  return t;
}

}  // namespace

TEST_CASE("counted ratings equal scoring every path one by one") {
  for (const std::string& path : {kTutorial, kInsider, kTwoRoutes}) {
    const ScenarioPtr s = load(path);
    for (Audience a : audiences_of(*s)) {
      INFO(path << " for " << audience_key(a));
      const Tally want = play_every_path(s, a);
      const RatingCounts got = count_ratings(s, a);
      CHECK(got.exact);
      CHECK(got.by_level == want.ratings);
      const PathShape shape = path_shape(*s, a);
      CHECK(shape.paths == want.paths);
      CHECK(shape.outcomes == want.outcomes);
    }
  }
}

TEST_CASE("the fewest and most decisions come with a path of that length") {
  const ScenarioPtr s = load(kTutorial);
  const PathShape shape = path_shape(*s, Audience::Members);
  CHECK(shape.complete);
  CHECK(shape.min_decisions == 4);
  CHECK(shape.max_decisions == 5);
  CHECK(shape.shortest.choices.size() == 4);
  CHECK(shape.longest.choices.size() == 5);
  CHECK(s->nodes[static_cast<size_t>(shape.shortest.ending)].is_ending());
  CHECK(shape.reachable_endings.size() == 4);
}

TEST_CASE("an ending one audience cannot reach is missing from its reachable endings") {
  const ScenarioPtr s = load(kTwoRoutes);
  const int mixed = s->find_node("ending-mixed");
  const auto members = path_shape(*s, Audience::Members).reachable_endings;
  const auto staff = path_shape(*s, Audience::Staff).reachable_endings;
  CHECK(std::find(members.begin(), members.end(), mixed) == members.end());
  CHECK(std::find(staff.begin(), staff.end(), mixed) != staff.end());
}

TEST_CASE("when the combinations outgrow the budget, ratings are sampled and say so") {
  const ScenarioPtr s = load(kTutorial);
  RatingCountOptions opts;
  opts.max_pairs = 1;
  opts.sample_size = 4000;
  opts.seed = 11;
  const RatingCounts got = count_ratings(s, Audience::Members, {}, opts);
  CHECK_FALSE(got.exact);
  CHECK(got.uniform_over_paths);
  CHECK(got.sample_size == 4000);
  CHECK(got.seed == 11);
  CHECK(got.why_sampled.find("combinations") != std::string::npos);
  uint64_t drawn = 0;
  for (uint64_t n : got.by_level) drawn += n;
  CHECK(drawn == 4000);
  // Drawn uniformly over the 48 paths, each share lands near the exact one.
  const RatingCounts exact = count_ratings(s, Audience::Members);
  for (size_t l = 0; l < 4; ++l) {
    const double want = static_cast<double>(exact.by_level[l]) / 48.0;
    const double seen = static_cast<double>(got.by_level[l]) / 4000.0;
    CHECK(seen == doctest::Approx(want).epsilon(0.2));
  }
  const RatingCounts again = count_ratings(s, Audience::Members, {}, opts);
  CHECK(again.by_level == got.by_level);  // the same seed draws the same sample
}

TEST_CASE("the one-mistake table has every single deviation from the best path") {
  const ScenarioPtr s = load(kTwoRoutes);
  const OneMistakeTable t = one_mistake_table(s, Audience::Staff);
  CHECK(t.best_path == std::vector<std::string>{"verify", "tell"});
  CHECK(t.best_rating == "Strong");
  REQUIRE(t.rows.size() == 3);  // skip at the first decision; ignore and escalate at the second
  CHECK(t.rows[0].decision == 1);
  CHECK(t.rows[0].instead == "skip");
  CHECK(t.rows[0].path == std::vector<std::string>{"skip", "tell"});  // then best play
  CHECK(t.rows[0].missed_high);
  CHECK(t.rows[0].rating == "Fair");
  CHECK(t.rows[1].instead == "ignore");
  CHECK_FALSE(t.rows[1].missed_high);
  CHECK(s->nodes[static_cast<size_t>(t.rows[1].ending)].id == "ending-poor");
  CHECK(t.rows[2].instead == "escalate");
  CHECK(s->nodes[static_cast<size_t>(t.rows[2].ending)].id == "ending-mixed");
}

TEST_CASE("auditsim balance --json has the documented keys for each audience") {
  const auto r = test::run_process({AUDITSIM_BINARY, "balance", "--json", kTutorial});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["scenario"] == "tutorial-supplier-bank-details");
  for (const char* a : {"members", "staff"}) {
    INFO(a);
    const auto& b = j["audiences"][a];
    CHECK(b["ratings_exact"] == true);
    CHECK(b["ratings"].contains("Strong"));
    CHECK(b["outcomes"].contains("good"));
    CHECK(b["decisions"]["min"] == 4);
    CHECK(b["decisions"]["max"] == 5);
    CHECK(b["one_mistake"].is_array());
    CHECK(b["one_mistake"][0].contains("overall_percent"));
  }
  CHECK(j["audiences"]["members"]["paths"] == 48);
}

TEST_CASE("auditsim balance --audience gives one audience — a scenario with errors exits 1") {
  const auto one = test::run_process({AUDITSIM_BINARY, "balance", "--json", "--audience", "staff", kTutorial});
  REQUIRE(one.exit_code == 0);
  const auto j = nlohmann::json::parse(one.out);
  CHECK(j["audiences"].size() == 1);
  CHECK(j["audiences"].contains("staff"));
  const auto text = test::run_process({AUDITSIM_BINARY, "balance", kTutorial});
  CHECK(text.out.find("exercise rating (counted exactly)") != std::string::npos);
  CHECK(text.out.find("one mistake from the best path") != std::string::npos);
  const auto broken = test::run_process(
      {AUDITSIM_BINARY, "balance", std::string(AUDITSIM_TEST_DATA) + "/scenario-tests/broken-scenario.yaml"});
  CHECK(broken.exit_code == 1);
}

// A chain of `n` stages with five choices each, all leading on: 5^n paths.
static std::string wide_chain(int n) {
  std::string y = "format: auditsim/1\nid: wide\ntitle: Wide\ntheme: x\nduration_minutes: 60\n"
                  "summary: S\nstart: n0\nnodes:\n";
  for (int i = 0; i < n; ++i) {
    const std::string next = i + 1 < n ? "n" + std::to_string(i + 1) : "end";
    y += "  n" + std::to_string(i) + ":\n    title: T\n    text: T\n    choices:\n";
    for (int c = 0; c < 5; ++c)
      y += "      - { id: c" + std::to_string(i) + "-" + std::to_string(c) + ", text: C, feedback: F, next: " +
           next + ", score: { pursue: " + std::to_string(c) + ", prevent: " + std::to_string(4 - c) +
           ", protect: 1, prepare: 1 } }\n";
  }
  y += "  end:\n    title: E\n    text: E\n    ending: { outcome: good, debrief: D }\n";
  return y;
}

TEST_CASE("too many paths to count: ratings are sampled by random play, and say why") {
  LoadResult r = load_scenario_text(wide_chain(20), "wide.yaml");  // 5^20, past the count bound
  REQUIRE(r.ok());
  RatingCountOptions opts;
  opts.sample_size = 50;
  const RatingCounts got = count_ratings(r.scenario, Audience::Members, {}, opts);
  CHECK_FALSE(got.exact);
  CHECK_FALSE(got.uniform_over_paths);
  CHECK(got.why_sampled == "too many paths to count");
  uint64_t drawn = 0;
  for (uint64_t n : got.by_level) drawn += n;
  CHECK(drawn == 50);
  const PathShape shape = path_shape(*r.scenario, Audience::Members);
  CHECK(shape.paths_saturated);
  CHECK(shape.min_decisions == 20);
  CHECK(shape.max_decisions == 20);
}
