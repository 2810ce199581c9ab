// The shipped tutorial loads with every part of the format filled in and passes every check.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "sim/sha256.hpp"
#include "tests/unit/load_fixture.hpp"

using namespace auditsim;
using namespace auditsim::load_fixture;

TEST_CASE("tutorial: loads cleanly with every part of the format filled in") {
  const std::string path = kScenarios + "/examples/tutorial-supplier-bank-details.yaml";
  const LoadResult r = load_scenario_file(path);
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  const Scenario& s = *r.scenario;
  CHECK(s.format == "auditsim/1.1");
  CHECK(s.id == "tutorial-supplier-bank-details");
  CHECK(s.duration_minutes == 30);
  CHECK(s.audience == std::vector<Audience>{Audience::Members, Audience::Staff});
  CHECK(s.classification == Classification::PartA);

  // Source kept byte for byte, with its fingerprint.
  const std::string bytes = read_file(path);
  CHECK(s.source_text == bytes);
  CHECK(s.source_path == path);
  CHECK(s.source_sha256 == sha256_hex(bytes));
  CHECK(s.source_sha256.size() == 64);
  CHECK(s.source_sha256.find_first_not_of("0123456789abcdef") == std::string::npos);

  int endings = 0, decisions = 0;
  std::set<Outcome> outcomes;
  for (const Node& n : s.nodes) {
    if (n.is_ending()) {
      ++endings;
      outcomes.insert(n.ending->outcome);
    } else {
      ++decisions;
      for (const Choice& c : n.choices) CHECK(c.next >= 0);
    }
  }
  CHECK(endings == 4);  // good, two kinds of mixed, poor
  CHECK(outcomes.size() == 3);
  CHECK(decisions >= 5);
  REQUIRE(s.start >= 0);
  CHECK(s.nodes[static_cast<size_t>(s.start)].id == "email-arrives");

  const Node& first = s.nodes[static_cast<size_t>(s.find_node("email-arrives"))];
  CHECK(first.time_limit_seconds == 300);
  REQUIRE(first.on_timeout >= 0);
  // The timeout is what happens when nobody decides: the email waits in the inbox.
  CHECK(first.choices[static_cast<size_t>(first.on_timeout)].id == "leave-for-team-leader");
  CHECK(first.evidence.size() == 3);

  // Evidence inline and from a file inside the scenario's folder.
  const Evidence& master = s.evidence[static_cast<size_t>(s.find_evidence("supplier-master-record"))];
  CHECK(master.file == "evidence/supplier-master-record.md");
  CHECK(master.text.find("Supplier master record") != std::string::npos);
  CHECK(s.evidence[static_cast<size_t>(s.find_evidence("change-request-email"))].file.empty());

  // One inject of each trigger kind.
  std::set<Inject::Trigger> triggers;
  for (const Inject& i : s.injects) triggers.insert(i.trigger);
  CHECK(triggers.size() == 3);

  // Every pillar scored positively somewhere; a visited() condition; a variable read.
  Score4 best;
  bool reads_visits = false, reads_variable = false;
  for (const Node& n : s.nodes)
    for (const Choice& c : n.choices) {
      for (Pillar p : kPillars) best[p] = std::max(best[p], c.score[p]);
      reads_visits = reads_visits || !c.when.nodes_visited_read().empty();
    }
  for (const Inject& i : s.injects) reads_variable = reads_variable || !i.when.variables_read().empty();
  for (Pillar p : kPillars) CHECK(best[p] > 0);
  CHECK(reads_visits);
  CHECK(reads_variable);

  const auto [node, choice] = s.find_choice("call-known-number");
  REQUIRE(node >= 0);
  const Choice& call = s.nodes[static_cast<size_t>(node)].choices[static_cast<size_t>(choice)];
  CHECK(call.score[Pillar::Protect] == 3);
  REQUIRE(call.effects.size() == 1);
  CHECK(s.variables[static_cast<size_t>(call.effects[0].variable)].id == "verified");
  CHECK(call.effects[0].value == 1);
  CHECK(s.key_actions[static_cast<size_t>(call.achieves.at(0))].priority == Priority::High);
  CHECK(s.learning_objectives.size() == 4);
  CHECK(s.learning_objectives[0].key_actions.size() == 1);

  // The worked example for control questions: every key action asks one about the real council,
  // ending in a question mark, with a role (not a person) as owner and the risk it guards against.
  for (const KeyAction& k : s.key_actions) {
    INFO(k.id);
    REQUIRE(k.control);
    CHECK(k.control->question.back() == '?');
    CHECK_FALSE(k.control->owner.empty());
    CHECK_FALSE(k.control->risk.empty());
  }

  // The 1.1 parts the header comment promises: text per audience, a members-only and an
  // officers-only choice, a conditional next, a released document, proved ending claims and a
  // named condition.
  bool per_audience = false, members_only = false, staff_only = false, branches = false,
       releases = false, claims = false;
  for (const Node& n : s.nodes) {
    per_audience = per_audience || n.audience_text[0].has_value();
    claims = claims || (n.ending && !n.ending->claims.empty());
    for (const Choice& c : n.choices) {
      members_only = members_only || (c.audience && *c.audience == Audience::Members);
      staff_only = staff_only || (c.audience && *c.audience == Audience::Staff);
      branches = branches || !c.branches.empty();
      releases = releases || !c.releases.empty();
    }
  }
  CHECK(per_audience);
  CHECK(members_only);
  CHECK(staff_only);
  CHECK(branches);
  CHECK(releases);
  CHECK(claims);
  CHECK(s.conditions.size() == 1);
}

TEST_CASE("tutorial: passes every static check") {
  const LoadResult r = load_and_check(kScenarios + "/examples/tutorial-supplier-bank-details.yaml");
  INFO(all_diagnostics(r));
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
}
