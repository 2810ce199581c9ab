// Path tests for the short Part B example (scenarios/insider-threat/insider-payments-team.yaml):
// it validates cleanly, is classified Part B, every node and ending is reachable for members and
// staff, every path has at least six decisions, the best path is good and Strong and the
// worst poor; alerting the insider early closes off the good ending. Its documents carry
// OFFICIAL-SENSITIVE, its best answer keeps within the handling conditions, and members have
// their own choices or a member framing at every stage.
#include <doctest/doctest.h>

#include "tests/support/scenario_measures.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/engine.hpp"
#include "sim/load.hpp"
#include "sim/scoring.hpp"
#include "sim/state.hpp"

using namespace auditsim;

namespace {

const std::string kFile =
    std::string(AUDITSIM_SCENARIOS_DIR) + "/insider-threat/insider-payments-team.yaml";

const ScenarioPtr& scenario() {
  static const ScenarioPtr s = load_and_check(kFile).scenario;
  return s;
}

Analysis analyse_for(std::optional<Audience> a) {
  AnalysisOptions opts;
  opts.audience = a;
  opts.max_paths_listed = 0;
  return analyse(*scenario(), opts);
}

void take(Session& session, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    INFO("taking " << id << " at " << session.current_node().id);
    REQUIRE(session.choose(std::string_view(id)));
  }
}

// Carries on with whatever choice keeps the highest total reachable.
void finish_best(Session& session) {
  const Scenario& s = session.scenario();
  Continuations cont(s, session.audience());
  while (!session.finished()) {
    const std::vector<int> offered = session.available_choices();
    REQUIRE_FALSE(offered.empty());
    int pick = offered.front();
    int64_t pick_value = std::numeric_limits<int64_t>::min();
    for (int c : offered) {
      const Choice& ch = s.nodes[session.state().node].choices[c];
      const int64_t v = ch.score.total() + cont.best_total(apply_choice(s, session.state(), c));
      if (v > pick_value) {
        pick_value = v;
        pick = c;
      }
    }
    REQUIRE(session.choose(pick));
  }
}

}  // namespace

TEST_CASE("the insider scenario is exempt Part B material with three kinds of ending") {
  const LoadResult r = load_and_check(kFile);
  REQUIRE(r.scenario);
  CHECK(r.scenario->classification == Classification::PartB);
  CHECK(r.scenario->theme == "insider-threat");
  CHECK(r.scenario->nodes.size() >= 10);
  std::set<Outcome> outcomes;
  for (const Node& n : r.scenario->nodes)
    if (n.is_ending()) outcomes.insert(n.ending->outcome);
  CHECK(outcomes == std::set<Outcome>{Outcome::Good, Outcome::Mixed, Outcome::Poor});
}

TEST_CASE("the best path misses no key action, for members and for staff") {
  REQUIRE(scenario());
  for (Audience a : {Audience::Members, Audience::Staff}) {
    INFO(std::string(audience_key(a)));
    const Analysis an = analyse_for(a);
    REQUIRE(an.best);
    ManualClock clock;
    Session best(scenario(), clock, a);
    take(best, an.best->choices);
    CHECK(score_session(best).findings.empty());
  }
}

TEST_CASE("acting on intelligence before securing evidence closes off the good ending") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  take(session, {"suspend-on-intelligence"});
  CHECK(session.current_node().id == "tipped-off");
  finish_best(session);
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Mixed);
  CHECK(r.capped_by_high_finding);
  CHECK(r.rating == "Fair");
}

TEST_CASE("the insider documents carry today's markings and the police force's one name") {
  REQUIRE(scenario());
  for (const Evidence& e : scenario()->evidence) {
    INFO(e.id);
    // RESTRICTED and CONFIDENTIAL belong to the protective marking scheme replaced in 2014.
    CHECK(e.text.find("RESTRICTED") == std::string::npos);
    CHECK(e.text.find("CONFIDENTIAL") == std::string::npos);
    CHECK(e.text.find("OFFICIAL-SENSITIVE") != std::string::npos);
  }
  const Evidence& intel =
      scenario()->evidence[static_cast<size_t>(scenario()->find_evidence("intel-summary"))];
  CHECK(intel.text.find("Darrowshire Police") != std::string::npos);
}

TEST_CASE("the best first step tells no one the police did not agree to") {
  // The conditions name four recipients; the review needs legal advice and ICT Security, so the
  // best answer asks the originator first rather than telling them anyway.
  REQUIRE(scenario());
  const auto [node, choice] = scenario()->find_choice("named-group-review");
  REQUIRE(node >= 0);
  const Choice& c = scenario()->nodes[static_cast<size_t>(node)].choices[static_cast<size_t>(choice)];
  CHECK(c.text.find("ask the Partnership Lead to agree") != std::string::npos);
  const Evidence& log =
      scenario()->evidence[static_cast<size_t>(scenario()->find_evidence("audit-log"))];
  CHECK(log.text.find("written agreement") != std::string::npos);
}

TEST_CASE("at every insider stage members have their own choices or a member framing") {
  REQUIRE(scenario());
  for (const Node& n : scenario()->nodes) {
    if (n.is_ending()) continue;
    INFO(n.id);
    const bool members_choose = std::any_of(
        n.choices.begin(), n.choices.end(),
        [](const Choice& c) { return c.audience && *c.audience == Audience::Members; });
    const auto& members_text = n.audience_text[static_cast<size_t>(Audience::Members)];
    CHECK((members_choose ||
           (members_text && members_text->find("**Members:**") != std::string::npos)));
  }
}

TEST_CASE("every insider key action carries a control question, and few are high priority") {
  REQUIRE(scenario());
  int high = 0;
  for (const KeyAction& k : scenario()->key_actions) {
    INFO(k.id);
    REQUIRE(k.control);
    CHECK(k.control->question.back() == '?');
    CHECK_FALSE(k.control->owner.empty());
    high += k.priority == Priority::High ? 1 : 0;
  }
  // About a third of the key actions, as in the flagships (three or four of twelve): with more,
  // almost any real team is capped at Fair.
  CHECK(high >= 2);
  CHECK(high <= 3);
}
