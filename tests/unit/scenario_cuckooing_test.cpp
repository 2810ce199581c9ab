// Path tests for the shipped cuckooing scenario (scenarios/cuckooing/cuckooing-millbrook-court.yaml):
// it validates cleanly, every node and ending is reachable for each audience, every path is long
// enough, the best path earns a Strong rating, the worst is poor, missing the first sign of
// cuckooing really does let harm escalate, and the ward councillor has levers of her own (asking
// the right question, the ASB case review, a member enquiry) at the stages members play.
#include <doctest/doctest.h>

#include "tests/support/scenario_measures.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/engine.hpp"
#include "sim/load.hpp"
#include "sim/scoring.hpp"
#include "sim/state.hpp"

using namespace auditsim;

namespace {

using auditsim::test::count_words;

const std::string kPath =
    std::string(AUDITSIM_SCENARIOS_DIR) + "/cuckooing/cuckooing-millbrook-court.yaml";

// Loaded once: the file does not change during a test run.
const ScenarioPtr& scenario() {
  static const ScenarioPtr s = [] {
    LoadResult r = load_and_check(kPath);
    return r.scenario;
  }();
  return s;
}

const std::vector<std::optional<Audience>> kAudiences{std::nullopt, Audience::Members,
                                                      Audience::Staff};

std::string audience_label(std::optional<Audience> a) {
  return a ? audience_key(*a) : "any audience";
}

// Plays the listed choices in order; every one must be on offer when its turn comes.
void play(Session& session, const std::vector<std::string>& choices) {
  for (const std::string& id : choices) {
    INFO("choice " << id << " at node " << session.current_node().id);
    REQUIRE(session.choose(std::string_view(id)));
  }
}

// From wherever the session is, takes the choice with the best total still reachable,
// as a well-advised team would after an early mistake.
void play_best_from_here(Session& session) {
  const Scenario& s = session.scenario();
  Continuations cont(s, session.audience());
  while (!session.finished()) {
    const std::vector<int> offered = session.available_choices();
    REQUIRE_FALSE(offered.empty());
    int best = offered.front();
    int64_t best_value = std::numeric_limits<int64_t>::min();
    for (int c : offered) {
      const Choice& ch = s.nodes[session.state().node].choices[c];
      const int64_t value =
          ch.score.total() + cont.best_total(apply_choice(s, session.state(), c));
      if (value > best_value) {
        best_value = value;
        best = c;
      }
    }
    REQUIRE(session.choose(best));
  }
}


}  // namespace

TEST_CASE("the cuckooing scenario is a Part A exercise of the planned size") {
  const LoadResult r = load_and_check(kPath);
  REQUIRE(r.scenario);
  const Scenario& s = *r.scenario;
  CHECK(s.classification == Classification::PartA);
  CHECK(s.theme == "cuckooing");
  CHECK(s.nodes.size() >= 25);
  CHECK(s.key_actions.size() >= 8);
  CHECK(s.key_actions.size() <= 12);
  CHECK(std::count_if(s.key_actions.begin(), s.key_actions.end(), [](const KeyAction& k) {
          return k.priority == Priority::High;
        }) >= 3);
  CHECK(s.learning_objectives.size() >= 4);
  CHECK(s.learning_objectives.size() <= 6);
}

TEST_CASE("the evidence pack reads like real documents of a sensible length") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  CHECK(s.evidence.size() >= 6);
  for (const Evidence& e : s.evidence) {
    INFO(e.id);
    CHECK_FALSE(e.file.empty());
    const int words = count_words(e.text);
    CHECK(words >= 150);
    CHECK(words <= 500);
  }
}

TEST_CASE("the scenario has good, mixed and poor endings, each with a debrief") {
  REQUIRE(scenario());
  std::set<Outcome> outcomes;
  for (const Node& n : scenario()->nodes) {
    if (!n.is_ending()) continue;
    outcomes.insert(n.ending->outcome);
    CHECK_FALSE(n.ending->debrief.empty());
  }
  CHECK(outcomes == std::set<Outcome>{Outcome::Good, Outcome::Mixed, Outcome::Poor});
}

TEST_CASE("every key action can be achieved by each audience") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  for (std::optional<Audience> a : kAudiences) {
    const Analysis an = analyse(s, AnalysisOptions{a});
    std::set<int> achievable;
    for (size_t n = 0; n < s.nodes.size(); ++n)
      for (size_t c = 0; c < s.nodes[n].choices.size(); ++c)
        if (an.choice_ever_available[n][c])
          for (int k : s.nodes[n].choices[c].achieves) achievable.insert(k);
    for (size_t k = 0; k < s.key_actions.size(); ++k) {
      INFO(audience_label(a) << ": " << s.key_actions[k].id);
      CHECK(achievable.count(static_cast<int>(k)) == 1);
    }
  }
}

TEST_CASE("treating the first complaints as noise caps the outcome, even with best play after") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  play(session, {"warning-letter"});
  CHECK(session.current_node().id == "second-wave");
  play_best_from_here(session);
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Mixed);
  CHECK(r.capped_by_high_finding);
}

TEST_CASE("a missed early sign lets harm escalate to a poor ending and a whistleblower") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  ManualClock clock;
  Session session(scenario(), clock, Audience::Members);
  // The ward councillor backs the warning letter, then possession, instead of asking about him.
  play(session, {"fc-m-back-letter", "sw-m-back-possession"});
  CHECK(session.current_node().id == "taken-over");  // the tenant is found injured
  play(session, {"press-on-possession"});
  CHECK(session.inject_fired(
      static_cast<int>(std::find_if(s.injects.begin(), s.injects.end(),
                                    [](const Inject& i) { return i.id == "caretaker-whistleblower"; }) -
                       s.injects.begin())));
  play_best_from_here(session);
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Poor);
  CHECK(r.rating_level >= 2);  // Fair or worse
}

TEST_CASE("a middling response lands between Strong and Weak") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Members);
  play(session, {"fc-m-ask-welfare", "respect-his-choice", "child-referral", "share-proportionate",
                 "joint-plan", "enquiry-with-advocate", "kelly-wait", "member-enquiry-route",
                 "press-no-comment", "planned-response", "protective-closure", "management-move",
                 "nrm-without-consent", "er-m-tenants-session", "child-multiagency-mixed",
                 "recommend-protocol-mixed"});
  REQUIRE(session.finished());
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Mixed);
  CHECK((r.rating == "Good" || r.rating == "Fair"));
  CHECK(r.overall_percent > 40.0);
  CHECK(r.overall_percent < 80.0);
}

TEST_CASE("councillors and officers are offered different decisions about the resident's email") {
  REQUIRE(scenario());
  std::map<Audience, std::set<std::string>> offered;
  for (Audience a : {Audience::Members, Audience::Staff}) {
    // The first stage has its own choices for each audience: the councillor asks, officers act.
    const std::vector<std::string> prefix{
        a == Audience::Members ? "fc-m-ask-welfare" : "welfare-visit", "raise-adult-concern",
        "child-referral", "share-proportionate", "joint-plan", "enquiry-with-advocate",
        "protect-kelly"};
    ManualClock clock;
    Session session(scenario(), clock, a);
    play(session, prefix);
    REQUIRE(session.current_node().id == "councillor-email");
    for (int c : session.available_choices())
      offered[a].insert(session.current_node().choices[c].id);
  }
  CHECK(offered[Audience::Members].count("member-enquiry-route") == 1);
  CHECK(offered[Audience::Members].count("member-case-review") == 1);
  CHECK(offered[Audience::Members].count("officer-member-briefing") == 0);
  CHECK(offered[Audience::Staff].count("officer-member-briefing") == 1);
  CHECK(offered[Audience::Staff].count("member-enquiry-route") == 0);
}

TEST_CASE("injects arrive by time, by path and by condition") {
  REQUIRE(scenario());
  std::set<Inject::Trigger> triggers;
  std::set<std::string> ids;
  for (const Inject& i : scenario()->injects) {
    triggers.insert(i.trigger);
    ids.insert(i.id);
  }
  CHECK(triggers == std::set<Inject::Trigger>{Inject::Trigger::After, Inject::Trigger::OnEnter,
                                              Inject::Trigger::When});
  for (const char* id : {"chronicle-voicemail", "support-worker-calls",
                         "resident-emails-councillor", "caretaker-whistleblower",
                         "police-intel-shared"})
    CHECK(ids.count(id) == 1);
}

TEST_CASE("at every stage both audiences see, members have their own choices or a member framing") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  for (const Node& n : s.nodes) {
    if (n.is_ending()) continue;
    INFO(n.id);
    const bool own_choices = std::any_of(n.choices.begin(), n.choices.end(), [](const Choice& c) {
      return c.audience == Audience::Members;
    });
    const auto& own = n.audience_text[static_cast<int>(Audience::Members)];
    const std::string members_text = own ? *own : n.text;
    const bool framed = members_text.find("Members:") != std::string::npos ||
                        members_text.find("For members:") != std::string::npos;
    CHECK((own_choices || framed));
  }
}

TEST_CASE("the ward councillor's ASB case review turns the noise track into a safeguarding case") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Members);
  play(session, {"fc-m-back-letter"});
  REQUIRE(session.current_node().id == "second-wave");
  play(session, {"sw-m-case-review"});
  // The agencies meet, see the tenancy file and raise the adult concern: late, but the boy at the
  // door is next, not the assault on the landing.
  CHECK(session.current_node().id == "boy-at-the-door");
  play_best_from_here(session);
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Mixed);
  CHECK(r.capped_by_high_finding);  // the early welfare check was still missed
}
