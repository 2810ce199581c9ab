// Path tests for the shipped licensing scenario (scenarios/licensing/licensing-late-night-premises.yaml):
// it validates cleanly, every node, ending and key action is reachable for each audience, every
// path is long enough, the best path earns a Strong rating and the worst a poor ending,
// the distractors councils really fall for (granting on paperwork, refusing on rumour, missing
// the nail bar signs) lead where the debriefs say they do, and the hearing is quasi-judicial:
// members play councillors who had no part in the case, deciding on papers that list only the
// representations actually made on this path.
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
#include "sim/session_text.hpp"
#include "sim/state.hpp"

using namespace auditsim;

namespace {

using auditsim::test::count_words;

const std::string kPath =
    std::string(AUDITSIM_SCENARIOS_DIR) + "/licensing/licensing-late-night-premises.yaml";

// Loaded once: the file does not change during a test run.
const ScenarioPtr& scenario() {
  static const ScenarioPtr s = load_and_check(kPath).scenario;
  return s;
}

const std::vector<std::optional<Audience>> kAudiences{std::nullopt, Audience::Members,
                                                      Audience::Staff};

std::string label(std::optional<Audience> a) { return a ? audience_key(*a) : "any audience"; }

// The analysis is the expensive part, so each audience's is computed once.
const Analysis& analysis_for(std::optional<Audience> a) {
  static std::map<int, Analysis> cache;
  const int key = a ? static_cast<int>(*a) : -1;
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, analyse(*scenario(), AnalysisOptions{a})).first;
  return it->second;
}

int inject_index(const std::string& id) {
  const auto& injects = scenario()->injects;
  const auto it = std::find_if(injects.begin(), injects.end(),
                               [&](const Inject& i) { return i.id == id; });
  REQUIRE(it != injects.end());
  return static_cast<int>(it - injects.begin());
}

// Plays the listed choices in order; every one must be on offer when its turn comes.
void play(Session& session, const std::vector<std::string>& choices) {
  for (const std::string& id : choices) {
    INFO("choice " << id << " at node " << session.current_node().id);
    REQUIRE(session.choose(std::string_view(id)));
  }
}

// From wherever the session is, takes the choice with the best total still reachable, as a
// well-advised team would after an early mistake.
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
      const int64_t value = ch.score.total() + cont.best_total(apply_choice(s, session.state(), c));
      if (value > best_value) {
        best_value = value;
        best = c;
      }
    }
    REQUIRE(session.choose(best));
  }
}

std::set<std::string> offered_ids(const Session& session) {
  std::set<std::string> ids;
  for (int c : session.available_choices()) ids.insert(session.current_node().choices[c].id);
  return ids;
}


// The good first half, up to (not including) the choice at the nail bar visit. The first stage
// has its own choices for each audience: the chair asks about the process, officers run it.
std::vector<std::string> good_start(Audience a) {
  return {a == Audience::Members ? "ar-m-ask-checks" : "ar-partner-checks", "ch-share-partnership",
          "tp-enforce-and-represent"};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("the licensing scenario is a Part A exercise of the planned size") {
  const LoadResult r = load_and_check(kPath);
  REQUIRE(r.scenario);
  const Scenario& s = *r.scenario;
  CHECK(s.classification == Classification::PartA);
  CHECK(s.theme == "licensing");
  CHECK(s.nodes.size() >= 25);
  CHECK(s.key_actions.size() >= 8);
  CHECK(s.key_actions.size() <= 12);
  CHECK(std::count_if(s.key_actions.begin(), s.key_actions.end(), [](const KeyAction& k) {
          return k.priority == Priority::High;
        }) >= 3);
  CHECK(s.learning_objectives.size() >= 4);
  CHECK(s.learning_objectives.size() <= 6);
  std::set<Pillar> objective_pillars;
  for (const LearningObjective& o : s.learning_objectives) objective_pillars.insert(o.pillar);
  CHECK(objective_pillars.size() == 4);
}

TEST_CASE("every stage has facilitator prompts and every choice has feedback") {
  REQUIRE(scenario());
  for (const Node& n : scenario()->nodes) {
    INFO(n.id);
    if (n.is_ending()) continue;
    CHECK_FALSE(n.discuss.empty());
    CHECK(n.choices.size() >= 2);
    for (const Choice& c : n.choices) CHECK_FALSE(c.feedback.empty());
  }
}

TEST_CASE("the evidence pack has the six core documents at a realistic length") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  for (const char* id : {"licence-application", "companies-house", "test-purchase",
                         "nail-bar-notes", "resident-email", "police-representation"}) {
    INFO(id);
    const int e = s.find_evidence(id);
    REQUIRE(e >= 0);
    CHECK_FALSE(s.evidence[e].file.empty());
    const int words = count_words(s.evidence[e].text);
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

TEST_CASE("each pillar is scored positively at several stages, not by one lucky choice") {
  REQUIRE(scenario());
  for (Pillar p : kPillars) {
    INFO(pillar_name(p));
    int nodes_scoring = 0;
    for (const Node& n : scenario()->nodes)
      nodes_scoring += std::any_of(n.choices.begin(), n.choices.end(),
                                   [&](const Choice& c) { return c.score[p] > 0; });
    CHECK(nodes_scoring >= 4);
  }
}

TEST_CASE("every key action can be achieved by each audience") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  for (std::optional<Audience> a : kAudiences) {
    const Analysis& an = analysis_for(a);
    std::set<int> achievable;
    for (size_t n = 0; n < s.nodes.size(); ++n)
      for (size_t c = 0; c < s.nodes[n].choices.size(); ++c)
        if (an.choice_ever_available[n][c])
          for (int k : s.nodes[n].choices[c].achieves) achievable.insert(k);
    for (size_t k = 0; k < s.key_actions.size(); ++k) {
      INFO(label(a) << ": " << s.key_actions[k].id);
      CHECK(achievable.count(static_cast<int>(k)) == 1);
    }
  }
}

TEST_CASE("missing the nail bar signs lets harm escalate, and a second victim appears") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  play(session, good_start(Audience::Staff));
  play(session, {"nb-go-back-and-ask"});  // the controller is tipped off
  CHECK(session.inject_fired(inject_index("second-victim")));
  play_best_from_here(session);
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Mixed);
  CHECK(r.capped_by_high_finding);  // the modern slavery referral was never made
}

TEST_CASE("granting on complete paperwork after missed signs ends in harm and a poor ending") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Members);
  play(session, good_start(Audience::Members));
  play(session, {"nb-improvement-notice", "re-m-explain-process", "pr-disclosable-summary",
                 "rw-home-office", "am-m-assurance", "ta-joint-training", "lb-m-decline-record",
                 "ao-accept-withdraw"});
  CHECK(session.current_node().id == "licence-granted");
  play(session, {"lg-routine", "st-m-diary"});
  CHECK(session.current_node().id == "worker-harmed");
  CHECK(session.inject_fired(inject_index("second-victim")));
  play(session, {"wh-hospital-matter", "sr-m-interim"});
  // Owning the failure at scrutiny is right, but it cannot undo the harm already done.
  play(session, {"rs-m-action-plan"});
  REQUIRE(session.finished());
  CHECK(session.current_node().id == "ending-poor");
  const Result r = score_session(session);
  CHECK(r.outcome == Outcome::Poor);
  CHECK(r.rating_level >= 2);
}

TEST_CASE("a licence granted at the hearing cannot lead to a good ending, even with a recovery") {
  REQUIRE(scenario());
  for (Audience a : {Audience::Members, Audience::Staff}) {
    INFO(audience_key(a));
    const Analysis& an = analysis_for(a);
    REQUIRE(an.best);
    ManualClock clock;
    Session session(scenario(), clock, a);
    // Follow the best path up to the hearing, then grant because the paperwork is complete.
    for (const std::string& id : an.best->choices) {
      if (session.current_node().id == "hearing") break;
      REQUIRE(session.choose(std::string_view(id)));
    }
    REQUIRE(session.current_node().id == "hearing");
    play(session, {a == Audience::Members ? "he-m-grant-complete" : "he-s-advise-grant"});
    play_best_from_here(session);
    const Result r = score_session(session);
    CHECK(r.outcome == Outcome::Mixed);
    CHECK(session.current_node().id == "ending-late");
    CHECK(r.capped_by_high_finding);
  }
}

TEST_CASE("refusing on rumour goes to appeal — only disclosable evidence can defend it") {
  REQUIRE(scenario());
  const std::vector<std::string> strong{
      "ar-m-ask-checks",     "ch-share-partnership", "tp-enforce-and-represent", "nb-refer-safely",
      "re-m-explain-process", "pr-disclosable-summary", "rw-home-office", "am-m-assurance",
      "ta-joint-training",   "lb-m-decline-record", "ao-weigh-conditions", "he-m-refuse-reputation"};
  ManualClock clock;
  Session strong_case(scenario(), clock, Audience::Members);
  play(strong_case, strong);
  CHECK(strong_case.current_node().id == "appeal");
  CHECK(offered_ids(strong_case).count("ap-defend-evidence") == 1);

  // The same refusal with the intelligence withheld and the test purchase held back.
  std::vector<std::string> weak = strong;
  std::replace(weak.begin(), weak.end(), std::string("tp-enforce-and-represent"),
               std::string("tp-hold-back"));
  std::replace(weak.begin(), weak.end(), std::string("pr-disclosable-summary"),
               std::string("pr-convictions-only"));
  Session weak_case(scenario(), clock, Audience::Members);
  play(weak_case, weak);
  CHECK(offered_ids(weak_case).count("ap-defend-evidence") == 0);
  play(weak_case, {"ap-settle"});
  play_best_from_here(weak_case);
  const Result r = score_session(weak_case);
  CHECK(weak_case.current_node().id == "ending-refused-weak");
  CHECK(r.outcome == Outcome::Mixed);
  CHECK(r.capped_by_high_finding);  // the fair hearing was missed
}

TEST_CASE("a chair given a private word must step aside or sit — officers never see that choice") {
  REQUIRE(scenario());
  const std::vector<std::string> before_hearing{
      "ar-m-ask-checks",     "ch-share-partnership", "tp-enforce-and-represent", "nb-refer-safely",
      "re-m-explain-process", "pr-disclosable-summary", "rw-home-office", "am-m-assurance",
      "ta-joint-training",   "lb-m-pass-on", "ao-weigh-conditions"};
  ManualClock clock;
  Session member(scenario(), clock, Audience::Members);
  play(member, before_hearing);
  REQUIRE(member.current_node().id == "hearing");
  const std::set<std::string> offered = offered_ids(member);
  CHECK(offered.count("he-m-chair-steps-aside") == 1);
  CHECK(offered.count("he-m-chair-sits") == 1);
  CHECK(offered.count("he-m-test-evidence") == 0);
  CHECK(offered.count("he-s-advise-evidence") == 0);

  std::vector<std::string> officer_route = before_hearing;
  officer_route[0] = "ar-partner-checks";
  officer_route[4] = "re-s-explain-process";
  officer_route[7] = "la-separate";
  officer_route[9] = "lb-s-decline-record";
  Session officer(scenario(), clock, Audience::Staff);
  play(officer, officer_route);
  const std::set<std::string> staff_offered = offered_ids(officer);
  CHECK(staff_offered.count("he-s-advise-evidence") == 1);
  CHECK(std::none_of(staff_offered.begin(), staff_offered.end(),
                     [](const std::string& id) { return id.rfind("he-m-", 0) == 0; }));
}

TEST_CASE("at the hearing members play other councillors, and the papers list only who objected") {
  REQUIRE(scenario());
  ManualClock clock;
  // A path on which trading standards and Mrs Walsh objected but the Home Office was not asked.
  Session thin(scenario(), clock, Audience::Members);
  play(thin, good_start(Audience::Members));
  play(thin, {"nb-refer-safely", "re-m-explain-process", "pr-disclosable-summary",
              "rw-company-exempt", "am-m-stay-out", "ta-joint-training", "lb-m-decline-record",
              "ao-weigh-conditions"});
  REQUIRE(thin.current_node().id == "hearing");
  const std::string text = stage_text(thin);
  CHECK(contains(text, "you now play three different councillors"));
  CHECK(contains(text, "Trading standards"));
  CHECK(contains(text, "Mrs Walsh"));
  CHECK_FALSE(contains(text, "Home Office Immigration Enforcement"));
  CHECK_FALSE(contains(text, "The licensing authority:"));
  // The facilitator asks the room to set aside everything outside the hearing papers.
  const std::vector<std::string> prompts = stage_prompts(thin);
  CHECK(std::any_of(prompts.begin(), prompts.end(), [](const std::string& p) {
    return contains(p, "Facilitator") && contains(p, "set aside");
  }));

  // The same stage on a path where the resident was sent to 101 and trading standards only
  // wrote a letter: neither appears in the papers.
  Session other(scenario(), clock, Audience::Members);
  play(other, {"ar-m-ask-checks", "ch-share-partnership", "tp-advice-letter", "nb-refer-safely",
               "re-m-police-matter", "pr-disclosable-summary", "rw-home-office", "am-m-assurance",
               "ta-joint-training", "lb-m-decline-record", "ao-weigh-conditions"});
  REQUIRE(other.current_node().id == "hearing");
  const std::string other_text = stage_text(other);
  CHECK_FALSE(contains(other_text, "Trading standards"));
  CHECK_FALSE(contains(other_text, "Mrs Walsh"));
  CHECK(contains(other_text, "Home Office Immigration Enforcement"));
  CHECK(contains(other_text, "The licensing authority:"));
}

TEST_CASE("refusing on the evidence but granting with conditions never reaches the good ending") {
  REQUIRE(scenario());
  for (Audience a : {Audience::Members, Audience::Staff}) {
    INFO(audience_key(a));
    const Analysis& an = analysis_for(a);
    REQUIRE(an.best);
    ManualClock clock;
    Session session(scenario(), clock, a);
    for (const std::string& id : an.best->choices) {
      if (session.current_node().id == "determination") break;
      REQUIRE(session.choose(std::string_view(id)));
    }
    REQUIRE(session.current_node().id == "determination");
    play(session, {"de-conditions"});
    play_best_from_here(session);
    CHECK(session.current_node().id == "ending-conditions");
    CHECK(score_session(session).outcome == Outcome::Mixed);
  }
}

TEST_CASE("a middling response lands between Strong and Weak") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  play(session, {"ar-statutory-only", "ch-share-partnership", "tp-enforce-and-represent",
                 "nb-improvement-notice", "re-s-explain-process", "pr-disclosable-summary",
                 "rw-home-office", "la-separate", "ta-joint-training", "lb-s-decline-quietly",
                 "ao-weigh-conditions", "he-s-advise-evidence", "de-refuse", "jp-police-lead",
                 "da-victim-first", "aa-all-powers", "sc-action-plan"});
  REQUIRE(session.finished());
  const Result r = score_session(session);
  CHECK((r.rating == "Good" || r.rating == "Fair"));
  CHECK(r.overall_percent > 40.0);
  CHECK(r.overall_percent < 80.0);
  CHECK_FALSE(r.findings.empty());
}

TEST_CASE("injects arrive by time, by path and by condition") {
  REQUIRE(scenario());
  std::set<Inject::Trigger> triggers;
  for (const Inject& i : scenario()->injects) triggers.insert(i.trigger);
  CHECK(triggers == std::set<Inject::Trigger>{Inject::Trigger::After, Inject::Trigger::OnEnter,
                                              Inject::Trigger::When});

  ManualClock clock;
  Session session(scenario(), clock, Audience::Members);
  play(session, good_start(Audience::Members));
  play(session, {"nb-refer-safely", "re-m-explain-process"});
  CHECK(session.current_node().id == "police-representation");
  CHECK(session.inject_fired(inject_index("whistleblower")));
  CHECK_FALSE(session.inject_fired(inject_index("press-call")));
  CHECK_FALSE(session.inject_fired(inject_index("second-victim")));  // no sign was missed
  clock.advance_ms(21 * 60 * 1000);
  session.tick();
  CHECK(session.inject_fired(inject_index("press-call")));
}

// A representation stands until it is withdrawn (Licensing Act 2003, s18(3)): when nobody answers
// the applicant's offer, the hearing goes ahead.
TEST_CASE("when nobody answers the applicant's offer, the deadline passes and the hearing goes ahead") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  play(session, good_start(Audience::Staff));
  play(session, {"nb-refer-safely", "re-s-explain-process", "pr-disclosable-summary",
                 "rw-home-office", "la-separate", "ta-joint-training", "lb-s-decline-record"});
  REQUIRE(session.current_node().id == "applicant-offers");
  clock.advance_ms(3 * 60 * 1000);
  session.tick();
  CHECK(session.current_node().id == "applicant-offers");
  clock.advance_ms(2 * 60 * 1000);
  session.tick();
  CHECK(session.current_node().id == "hearing");
}

TEST_CASE("at every stage both audiences see, members have their own choices or a member framing") {
  REQUIRE(scenario());
  for (const Node& n : scenario()->nodes) {
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
