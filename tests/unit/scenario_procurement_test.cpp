// Path tests for the shipped procurement fraud scenario
// (scenarios/procurement-fraud/procurement-fraud-highways-contract.yaml): it validates cleanly,
// every node, choice and ending is reachable for members and for staff, every path is long
// enough, the best path is good and Strong, the worst poor, and an early missed sign (the
// bank-details email) lets harm escalate so that a good ending is out of reach. Members have their
// own decisions or a member framing at every stage, every key action carries a control question,
// and running out of time on the bank details leaves the vendor file as it was.
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

const std::string kFile = std::string(AUDITSIM_SCENARIOS_DIR) +
                          "/procurement-fraud/procurement-fraud-highways-contract.yaml";

const ScenarioPtr& scenario() {
  static const ScenarioPtr s = load_and_check(kFile).scenario;
  return s;
}

const std::vector<std::optional<Audience>> kEveryAudience{std::nullopt, Audience::Members,
                                                          Audience::Staff};

std::string label(std::optional<Audience> a) { return a ? audience_key(*a) : "both"; }

// Takes each named choice in turn; each must be on offer when its turn comes.
void take(Session& session, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    INFO("taking " << id << " at " << session.current_node().id);
    REQUIRE(session.choose(std::string_view(id)));
  }
}

// Carries on with whatever choice keeps the highest total reachable: a team that plays
// perfectly after its mistakes.
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

int64_t variable(const Session& session, std::string_view name) {
  const int v = session.scenario().find_variable(name);
  REQUIRE(v >= 0);
  return session.state().variables[v];
}

int words_in(const std::string& text) {
  std::istringstream in(text);
  std::string w;
  int n = 0;
  while (in >> w) ++n;
  return n;
}

bool fired(const Session& session, std::string_view inject_id) {
  const Scenario& s = session.scenario();
  for (size_t i = 0; i < s.injects.size(); ++i)
    if (s.injects[i].id == inject_id) return session.inject_fired(static_cast<int>(i));
  FAIL("no inject " << inject_id);
  return false;
}

}  // namespace

TEST_CASE("the procurement scenario is a Part A exercise of the planned size") {
  const LoadResult r = load_and_check(kFile);
  REQUIRE(r.scenario);
  const Scenario& s = *r.scenario;
  CHECK(s.classification == Classification::PartA);
  CHECK(s.theme == "procurement-fraud");
  CHECK(s.nodes.size() >= 25);
  CHECK(s.key_actions.size() >= 8);
  CHECK(s.key_actions.size() <= 12);
  // Three or four high-priority key actions: with more, almost any real team is capped.
  const auto high = std::count_if(s.key_actions.begin(), s.key_actions.end(),
                                  [](const KeyAction& k) { return k.priority == Priority::High; });
  CHECK(high >= 3);
  CHECK(high <= 4);
  CHECK(s.learning_objectives.size() >= 4);
  CHECK(s.learning_objectives.size() <= 6);
  std::set<Pillar> objective_pillars;
  for (const LearningObjective& o : s.learning_objectives) objective_pillars.insert(o.pillar);
  CHECK(objective_pillars.size() == 4);
}

TEST_CASE("every decision stage has facilitator prompts and the evidence reads like documents") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  for (const Node& n : s.nodes) {
    INFO(n.id);
    if (n.is_ending()) {
      CHECK_FALSE(n.ending->debrief.empty());
      continue;
    }
    CHECK_FALSE(n.discuss.empty());
    CHECK(n.choices.size() >= 2);
  }
  CHECK(s.evidence.size() >= 6);
  for (const Evidence& e : s.evidence) {
    INFO(e.id);
    CHECK_FALSE(e.file.empty());
    CHECK(words_in(e.text) >= 150);
    CHECK(words_in(e.text) <= 500);
  }
}

TEST_CASE("there are good, mixed and poor endings") {
  REQUIRE(scenario());
  std::set<Outcome> outcomes;
  for (const Node& n : scenario()->nodes)
    if (n.is_ending()) outcomes.insert(n.ending->outcome);
  CHECK(outcomes == std::set<Outcome>{Outcome::Good, Outcome::Mixed, Outcome::Poor});
}

TEST_CASE("every choice is offered to exactly the audiences it is written for") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  for (std::optional<Audience> a : kEveryAudience) {
    INFO("audience " << label(a));
    AnalysisOptions opts;
    opts.audience = a;
    opts.max_paths_listed = 0;
    const Analysis an = analyse(s, opts);
    for (size_t n = 0; n < s.nodes.size(); ++n) {
      INFO("node " << s.nodes[n].id);
      for (size_t c = 0; c < s.nodes[n].choices.size(); ++c) {
        const Choice& ch = s.nodes[n].choices[c];
        const bool for_this_audience = !a || !ch.audience || *ch.audience == *a;
        INFO("choice " << ch.id);
        CHECK(an.choice_ever_available[n][c] == for_this_audience);
      }
    }
  }
}

TEST_CASE("every key action can be achieved by members and by staff") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  for (Audience a : {Audience::Members, Audience::Staff}) {
    AnalysisOptions opts;
    opts.audience = a;
    opts.max_paths_listed = 0;
    const Analysis an = analyse(s, opts);
    std::set<int> achievable;
    for (size_t n = 0; n < s.nodes.size(); ++n)
      for (size_t c = 0; c < s.nodes[n].choices.size(); ++c)
        if (an.choice_ever_available[n][c])
          achievable.insert(s.nodes[n].choices[c].achieves.begin(),
                            s.nodes[n].choices[c].achieves.end());
    for (size_t k = 0; k < s.key_actions.size(); ++k) {
      INFO(std::string(audience_key(a)) << ": " << s.key_actions[k].id);
      CHECK(achievable.count(static_cast<int>(k)) == 1);
    }
  }
}

TEST_CASE("the best path misses no key action and meets every objective, for members and staff") {
  REQUIRE(scenario());
  for (Audience a : {Audience::Members, Audience::Staff}) {
    INFO(std::string(audience_key(a)));
    AnalysisOptions opts;
    opts.audience = a;
    opts.max_paths_listed = 0;
    const Analysis an = analyse(*scenario(), opts);
    REQUIRE(an.best);
    ManualClock clock;
    Session session(scenario(), clock, a);
    take(session, an.best->choices);
    REQUIRE(session.finished());
    const Result r = score_session(session);
    CHECK(r.findings.empty());
    CHECK(r.objectives_met.size() == scenario()->learning_objectives.size());
  }
}

TEST_CASE("the worst path misses a high-priority key action") {
  REQUIRE(scenario());
  for (std::optional<Audience> a : kEveryAudience) {
    INFO(label(a));
    AnalysisOptions opts;
    opts.audience = a;
    opts.max_paths_listed = 0;
    const Analysis an = analyse(*scenario(), opts);
    REQUIRE(an.worst);
    ManualClock clock;
    Session session(scenario(), clock, a);
    take(session, an.worst->choices);
    const Result r = score_session(session);
    CHECK(std::any_of(r.findings.begin(), r.findings.end(),
                      [](const Finding& f) { return f.priority == Priority::High; }));
  }
}

TEST_CASE("paying the fraudster's account lets harm escalate — a good ending is out of reach") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  take(session, {"clarify-and-check", "exclude-and-report", "segregate-duties", "update-and-pay"});
  CHECK(session.current_node().id == "mandate-fraud-loss");
  CHECK(fired(session, "second-victim"));
  CHECK(variable(session, "harm") == 2);
  finish_best(session);
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Mixed);
  CHECK(session.current_node().id == "ending-mixed-costly");
  CHECK(r.rating != "Strong");  // the missed call-back is a high-priority finding
}

TEST_CASE("missing the early signs escalates to a poor ending and the story reaches the paper") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Members);
  take(session, {"m-sign-on-price", "m-reply-reassure", "pay-advance", "pay-to-keep-crews",
                 "update-and-pay", "find-who-to-blame", "ask-manager", "agreed-exit",
                 "file-anonymous"});
  CHECK(variable(session, "harm") >= 6);
  CHECK(fired(session, "resident-to-councillor"));
  CHECK(fired(session, "whistleblower-goes-public"));
  // Even a flawless second half cannot turn this into a good ending.
  finish_best(session);
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Mixed);
  CHECK((r.rating == "Fair" || r.rating == "Weak"));
}

TEST_CASE("a middling response lands in Good or Fair") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  // Good on the tender, then a letterhead "check" on the bank change and a word with the manager.
  take(session, {"clarify-and-check", "exclude-and-report", "segregate-duties",
                 "ask-for-letterhead", "recall-and-report", "ask-manager"});
  finish_best(session);
  const Result r = score_session(session);
  CHECK((r.rating == "Good" || r.rating == "Fair"));
  CHECK(r.outcome == Outcome::Mixed);
}

TEST_CASE("councillors and officers decide different things at the surgery and the committee") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  for (const char* node_id : {"councillor-approach", "audit-committee"}) {
    INFO(node_id);
    const int n = s.find_node(node_id);
    REQUIRE(n >= 0);
    std::set<std::string> members, staff;
    for (const Choice& c : s.nodes[n].choices) {
      REQUIRE(c.audience);
      (*c.audience == Audience::Members ? members : staff).insert(c.id);
    }
    CHECK(members.size() == 3);
    CHECK(staff.size() == 3);
  }
  ManualClock clock;
  Session session(scenario(), clock, Audience::Members);
  take(session, {"m-defer-for-checks", "exclude-and-report", "m-ask-for-segregation",
                 "call-known-number", "report-and-alert", "refer-quietly", "secure-and-suspend",
                 "handle-under-policy"});
  REQUIRE(session.current_node().id == "councillor-approach");
  CHECK_FALSE(session.choose(std::string_view("s-need-to-know")));
  CHECK(session.choose(std::string_view("m-pass-to-officers")));
}

TEST_CASE("when nobody decides on the bank details, the run pays the account on file") {
  // A timeout is what happens when nobody decides: the vendor file is not changed, so the
  // payment run pays the genuine account, and the request comes back later.
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, std::nullopt);
  take(session, {"clarify-and-check", "exclude-and-report", "segregate-duties"});
  REQUIRE(session.current_node().id == "bank-details-email");
  clock.advance_ms(5 * 60 * 1000);
  session.tick();
  CHECK(session.current_node().id == "bank-details-email");
  clock.advance_ms(61 * 1000);
  session.tick();
  CHECK(session.current_node().id == "request-still-open");
  CHECK(variable(session, "mandate_paid") == 0);
  CHECK(variable(session, "harm") == 0);
}

TEST_CASE("at every stage both audiences see, members have their own choices or a member framing") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  int own_choices = 0;
  for (const Node& n : s.nodes) {
    if (n.is_ending()) continue;
    INFO(n.id);
    const bool members_choose = std::any_of(
        n.choices.begin(), n.choices.end(),
        [](const Choice& c) { return c.audience && *c.audience == Audience::Members; });
    const auto& members_text = n.audience_text[static_cast<size_t>(Audience::Members)];
    const bool framed = members_text && members_text->find("**Members:**") != std::string::npos;
    CHECK((members_choose || framed));
    own_choices += members_choose ? 1 : 0;
    // A team of members and officers together sees both sets of choices, so the text it reads
    // (the default) says who decides what.
    const bool staff_choose = std::any_of(
        n.choices.begin(), n.choices.end(),
        [](const Choice& c) { return c.audience && *c.audience == Audience::Staff; });
    if (members_choose && staff_choose) {
      CHECK(n.text.find("**Members:**") != std::string::npos);
      CHECK(n.text.find("**Officers:**") != std::string::npos);
    }
  }
  // Councillors' own decisions: the key decision, standstill, contract controls, the surgery,
  // the audit plan, the committee, Cabinet on recovery and the Annual Governance Statement.
  CHECK(own_choices >= 8);
}

TEST_CASE("every key action carries a control question about the real council") {
  REQUIRE(scenario());
  for (const KeyAction& k : scenario()->key_actions) {
    INFO(k.id);
    REQUIRE(k.control);
    CHECK(words_in(k.control->question) >= 15);
    CHECK(k.control->question.back() == '?');
    CHECK_FALSE(k.control->owner.empty());
    CHECK_FALSE(k.control->risk.empty());
  }
}

TEST_CASE("tipping off the manager is a breach the later recovery does not undo") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  take(session, {"clarify-and-check", "exclude-and-report", "segregate-duties",
                 "call-known-number", "report-and-alert", "ask-manager", "recover-and-suspend"});
  finish_best(session);
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Mixed);
  CHECK(r.capped_by_high_finding);
  CHECK(r.rating == "Fair");
  const auto breach = std::find_if(r.findings.begin(), r.findings.end(), [&](const Finding& f) {
    return scenario()->key_actions[static_cast<size_t>(f.key_action)].id == "secure-evidence";
  });
  REQUIRE(breach != r.findings.end());
  CHECK(breach->kind == FindingKind::Breached);
  CHECK(breach->priority == Priority::High);
}

TEST_CASE("injects arrive by time, by path and by condition") {
  REQUIRE(scenario());
  std::set<Inject::Trigger> kinds;
  for (const Inject& i : scenario()->injects) kinds.insert(i.trigger);
  CHECK(kinds == std::set<Inject::Trigger>{Inject::Trigger::After, Inject::Trigger::OnEnter,
                                           Inject::Trigger::When});
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  CHECK_FALSE(fired(session, "press-call"));
  clock.advance_ms(20 * 60 * 1000);
  session.tick();
  CHECK(fired(session, "press-call"));
}
