// The checks every shipped scenario must pass, run on each file found under scenarios/ (the folder
// CMake passes in), so a new scenario gets them by being shipped. Each check is one test case with
// one subcase per scenario, so a failure names the scenario. A scenario's own traps and stories
// stay in its tests/unit/scenario_*_test.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/engine.hpp"
#include "sim/load.hpp"
#include "sim/scoring.hpp"
#include "tests/support/scenario_measures.hpp"

using namespace auditsim;

namespace {

// Every complete path of a full scenario has at least twelve decisions. The tutorial (a first
// look at the format, four decisions on its shortest route) and the insider-threat exercise (a
// short Part B session) are shorter by design: their own minimum.
constexpr int kMinimumDecisions = 12;
const std::map<std::string, int> kShorterByDesign{{"tutorial-supplier-bank-details", 4},
                                                  {"insider-payments-team", 6}};

const std::vector<std::optional<Audience>> kAudiences{std::nullopt, Audience::Members,
                                                      Audience::Staff};

struct Shipped {
  std::string path;
  std::string name;  // the file name, for the subcase
  LoadResult loaded;
};

// Loaded once: the files do not change during a test run.
const std::vector<Shipped>& shipped() {
  static const std::vector<Shipped> all = [] {
    std::vector<Shipped> out;
    for (const std::string& path : find_scenario_files(AUDITSIM_SCENARIOS_DIR)) {
      Shipped s;
      s.path = path;
      s.name = path.substr(path.find_last_of('/') + 1);
      s.loaded = load_and_check(path);
      out.push_back(std::move(s));
    }
    return out;
  }();
  return all;
}

std::string audience_label(std::optional<Audience> a) {
  return a ? audience_key(*a) : "any audience";
}

int minimum_decisions(const Scenario& s) {
  auto it = kShorterByDesign.find(s.id);
  return it == kShorterByDesign.end() ? kMinimumDecisions : it->second;
}

Outcome ending_outcome(const Scenario& s, int node) {
  REQUIRE(node >= 0);
  REQUIRE(s.nodes[node].is_ending());
  return s.nodes[node].ending->outcome;
}

// Plays a path through the engine and scores it as a session would be.
Result play_and_score(const ScenarioPtr& s, std::optional<Audience> a,
                      const std::vector<std::string>& choices) {
  ManualClock clock;
  Session session(s, clock, a);
  for (const std::string& id : choices) {
    INFO("choice " << id << " at node " << session.current_node().id);
    REQUIRE(session.choose(std::string_view(id)));
  }
  REQUIRE(session.finished());
  return score_session(session);
}

// Runs `check` in one subcase per shipped scenario that loaded.
template <typename F>
void for_each_shipped(F check) {
  REQUIRE_FALSE(shipped().empty());
  for (const Shipped& s : shipped()) {
    SUBCASE(s.name.c_str()) {
      REQUIRE_MESSAGE(s.loaded.scenario, s.path << " does not load");
      check(s);
    }
  }
}

}  // namespace

TEST_CASE("shipped scenarios: the library finds the flagships and the tutorial") {
  std::vector<std::string> ids;
  for (const Shipped& s : shipped())
    if (s.loaded.scenario) ids.push_back(s.loaded.scenario->id);
  for (const char* id : {"cuckooing-millbrook-court", "licensing-late-night-premises",
                         "procurement-fraud-highways-contract", "insider-payments-team",
                         "taxi-licensing-castle-cars", "tutorial-supplier-bank-details",
                         "child-exploitation-excluded-pupil"}) {
    INFO(id);
    CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());
  }
}

TEST_CASE("shipped scenarios: each validates with no errors and no warnings") {
  for_each_shipped([](const Shipped& s) {
    for (const Diagnostic& d : s.loaded.diagnostics) MESSAGE(format_diagnostic(d));
    CHECK(s.loaded.diagnostics.empty());
  });
}

TEST_CASE("shipped scenarios: every node and ending is reachable, for each audience") {
  for_each_shipped([](const Shipped& sh) {
    const Scenario& s = *sh.loaded.scenario;
    size_t endings = 0;
    for (const Node& n : s.nodes) endings += n.is_ending() ? 1 : 0;
    for (std::optional<Audience> a : kAudiences) {
      INFO(audience_label(a));
      const Analysis an = analyse(s, AnalysisOptions{a});
      CHECK_FALSE(an.state_limit_hit);
      for (size_t i = 0; i < s.nodes.size(); ++i) {
        INFO(s.nodes[i].id);
        CHECK(an.node_reachable[i]);
      }
      CHECK(an.reachable_endings.size() == endings);
    }
  });
}

TEST_CASE("shipped scenarios: every pillar can be scored, for each audience") {
  for_each_shipped([](const Shipped& sh) {
    for (std::optional<Audience> a : kAudiences) {
      INFO(audience_label(a));
      const Analysis an = analyse(*sh.loaded.scenario, AnalysisOptions{a});
      for (Pillar p : kPillars) {
        INFO(pillar_name(p));
        CHECK(an.max[p] > 0);
      }
    }
  });
}

TEST_CASE("shipped scenarios: every complete path has enough decisions, for each audience") {
  for_each_shipped([](const Shipped& sh) {
    const Scenario& s = *sh.loaded.scenario;
    const int minimum = minimum_decisions(s);
    INFO("at least " << minimum << " decisions");
    CHECK(auditsim::test::fewest_decisions_to_an_ending(s) >= minimum);
    for (std::optional<Audience> a : kAudiences) {
      INFO(audience_label(a));
      const Analysis an = analyse(s, AnalysisOptions{a});
      REQUIRE_FALSE(an.paths.empty());
      for (const ScoredPath& p : an.paths) CHECK(p.choices.size() >= static_cast<size_t>(minimum));
    }
  });
}

TEST_CASE("shipped scenarios: the best path ends well with the top rating, for each audience") {
  for_each_shipped([](const Shipped& sh) {
    const Scenario& s = *sh.loaded.scenario;
    for (std::optional<Audience> a : kAudiences) {
      INFO(audience_label(a));
      const Analysis an = analyse(s, AnalysisOptions{a});
      REQUIRE(an.best);
      CHECK(ending_outcome(s, an.best->ending) == Outcome::Good);
      const Result r = play_and_score(sh.loaded.scenario, a, an.best->choices);
      CHECK(r.outcome == Outcome::Good);
      CHECK(r.rating_level == 0);
      CHECK(r.rating == RatingScale{}.labels[0]);
    }
  });
}

TEST_CASE("shipped scenarios: the worst path ends poorly with Fair or Weak") {
  for_each_shipped([](const Shipped& sh) {
    const Scenario& s = *sh.loaded.scenario;
    for (std::optional<Audience> a : kAudiences) {
      INFO(audience_label(a));
      const Analysis an = analyse(s, AnalysisOptions{a});
      REQUIRE(an.worst);
      CHECK(ending_outcome(s, an.worst->ending) == Outcome::Poor);
      const Result r = play_and_score(sh.loaded.scenario, a, an.worst->choices);
      CHECK(r.outcome == Outcome::Poor);
      CHECK((r.rating == "Fair" || r.rating == "Weak"));
    }
  });
}
