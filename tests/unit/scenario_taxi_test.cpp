// Tests for the shipped taxi and private hire licensing scenario
// (scenarios/taxi-licensing/taxi-licensing-castle-cars.yaml) that its path tests cannot express:
// the members' part at every stage, the desktop-audit control questions, what a timer takes
// when nobody decides, the hearing played by members who have seen only the papers, and the
// consequences a team meets when it waits. Endings, traps and balance are in its tests file
// (taxi-licensing-castle-cars.tests.yaml), run by `auditsim test`.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/load.hpp"
#include "sim/scoring.hpp"
#include "sim/text_render.hpp"

using namespace auditsim;

namespace {

const std::string kPath =
    std::string(AUDITSIM_SCENARIOS_DIR) + "/taxi-licensing/taxi-licensing-castle-cars.yaml";

// Loaded once: the file does not change during a test run.
const ScenarioPtr& scenario() {
  static const ScenarioPtr s = load_and_check(kPath).scenario;
  return s;
}

const Node& node(const std::string& id) {
  const int n = scenario()->find_node(id);
  REQUIRE(n >= 0);
  return scenario()->nodes[n];
}

int inject_index(const std::string& id) {
  const auto& injects = scenario()->injects;
  const auto it = std::find_if(injects.begin(), injects.end(),
                               [&](const Inject& i) { return i.id == id; });
  REQUIRE(it != injects.end());
  return static_cast<int>(it - injects.begin());
}

void play(Session& session, const std::vector<std::string>& choices) {
  for (const std::string& id : choices) {
    INFO("choice " << id << " at node " << session.current_node().id);
    REQUIRE(session.choose(std::string_view(id)));
  }
}

std::set<std::string> offered_ids(const Session& session) {
  std::set<std::string> ids;
  for (int c : session.available_choices()) ids.insert(session.current_node().choices[c].id);
  return ids;
}

const Finding* finding_for(const Result& r, const std::string& key_action) {
  const int k = scenario()->find_key_action(key_action);
  REQUIRE(k >= 0);
  for (const Finding& f : r.findings)
    if (f.key_action == k) return &f;
  return nullptr;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("taxi licensing: a Part A flagship with three or four high-priority key actions") {
  REQUIRE(scenario());
  const Scenario& s = *scenario();
  CHECK(s.format_minor == 1);
  CHECK(s.classification == Classification::PartA);
  CHECK(s.nodes.size() >= 20);
  CHECK(s.key_actions.size() >= 11);
  CHECK(s.key_actions.size() <= 13);
  const auto highs = std::count_if(s.key_actions.begin(), s.key_actions.end(),
                                   [](const KeyAction& k) { return k.priority == Priority::High; });
  CHECK(highs >= 3);
  CHECK(highs <= 4);
  std::set<Pillar> pillars;
  for (const KeyAction& k : s.key_actions) pillars.insert(k.pillar);
  CHECK(pillars.size() == 4);
}

TEST_CASE("taxi licensing: every key action asks a control question of a role, with the risk") {
  REQUIRE(scenario());
  // Owners are roles a real council has, never one of the story's people.
  const std::vector<std::string> story_names{"Bethan", "Gareth", "Marcus", "Fiona", "Wilde",
                                             "Sowerby", "Cllr"};
  for (const KeyAction& k : scenario()->key_actions) {
    INFO(k.id);
    REQUIRE(k.control.has_value());
    CHECK(k.control->question.back() == '?');
    CHECK_FALSE(k.control->owner.empty());
    CHECK_FALSE(k.control->risk.empty());
    for (const std::string& name : story_names) CHECK_FALSE(contains(k.control->owner, name));
  }
}

TEST_CASE("taxi licensing: every stage speaks to members and officers, and members have choices") {
  REQUIRE(scenario());
  for (const Node& n : scenario()->nodes) {
    if (n.is_ending()) continue;
    INFO(n.id);
    CHECK(n.audience_text[static_cast<int>(Audience::Members)].has_value());
    CHECK(n.audience_text[static_cast<int>(Audience::Staff)].has_value());
    for (Audience a : {Audience::Members, Audience::Staff}) {
      INFO(audience_key(a));
      const auto offered = std::count_if(n.choices.begin(), n.choices.end(), [&](const Choice& c) {
        return !c.audience || *c.audience == a;
      });
      CHECK(offered >= 2);
    }
  }
}

TEST_CASE("taxi licensing: a timer takes the choice nobody made, for either audience") {
  REQUIRE(scenario());
  int timed = 0;
  for (const Node& n : scenario()->nodes) {
    if (n.time_limit_seconds == 0) continue;
    ++timed;
    INFO(n.id);
    REQUIRE(n.on_timeout >= 0);
    const Choice& c = n.choices[n.on_timeout];
    // Open to both audiences, so running out of time means the same thing for each.
    CHECK_FALSE(c.audience.has_value());
    // Doing nothing protects nobody and pursues nobody.
    CHECK(c.score[Pillar::Protect] <= 0);
    CHECK(c.score[Pillar::Pursue] <= 0);
    CHECK(c.achieves.empty());
  }
  CHECK(timed == 2);
  CHECK(node("police-disclosure").choices[node("police-disclosure").on_timeout].id ==
        "wait-for-charge");
  CHECK(node("out-of-area-driver").choices[node("out-of-area-driver").on_timeout].id ==
        "not-our-licence");
}

TEST_CASE("taxi licensing: members decide the hearing as other councillors, on the papers alone") {
  REQUIRE(scenario());
  const std::string& prep = node_text(node("hearing-prep"), Audience::Members);
  CHECK(contains(prep, "three other councillors"));
  CHECK(contains(prep, "Set aside everything you have read so far"));
  const std::string& hearing = node_text(node("hearing"), Audience::Members);
  CHECK(contains(hearing, "decide on the hearing papers"));
}

TEST_CASE("taxi licensing: a member who listened to the operator is offered standing down, not sitting as if nothing happened") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Members);
  play(session, {"m-refer-properly", "m-assure-delegation", "m-route-to-officers",
                 "m-seek-assurance-children", "m-ask-head-refer", "m-ask-duty-used",
                 "joint-authorisation", "m-hear-him-out"});
  REQUIRE(session.current_node().id == "hearing");
  const std::set<std::string> offered = offered_ids(session);
  CHECK(offered.count("m-declare-stand-down") == 1);
  CHECK(offered.count("m-sit-anyway") == 1);
  CHECK(offered.count("m-test-and-decide") == 0);
  // The legal adviser's reminder appears in the hearing text only on this route.
  const std::string text =
      render_text(*scenario(), node_text(session.current_node(), Audience::Members), session.state());
  CHECK(contains(text, "must be declared now"));
}

TEST_CASE("taxi licensing: waiting for a charge leaves the girl in his car that night, and acting next morning is a late finding") {
  REQUIRE(scenario());
  ManualClock clock;
  Session session(scenario(), clock, Audience::Staff);
  play(session, {"identify-and-refer", "wait-for-charge"});
  CHECK(session.current_node().id == "still-driving");
  CHECK(session.inject_fired(inject_index("missing-again")));
  play(session, {"sd-act-now"});
  CHECK(session.current_node().id == "school-run");
  const Finding* f = finding_for(score_session(session), "act-on-police-info");
  REQUIRE(f != nullptr);
  CHECK(f->kind == FindingKind::AchievedLate);
  CHECK(f->priority == Priority::Medium);
}

TEST_CASE("taxi licensing: the NR3S result reaches members who ask, as it reaches officers who search") {
  REQUIRE(scenario());
  const int result = scenario()->find_evidence("nr3s-result");
  REQUIRE(result >= 0);
  for (const char* id : {"m-ask-nr3s", "search-nr3s"}) {
    INFO(id);
    const auto [n, c] = scenario()->find_choice(id);
    REQUIRE(n >= 0);
    const std::vector<int>& releases = scenario()->nodes[n].choices[c].releases;
    CHECK(std::find(releases.begin(), releases.end(), result) != releases.end());
  }
}
