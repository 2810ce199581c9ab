// Valid files in tests/data/good and tests/data/warn are read as written: defaults, anchors,
// line endings, breaches, late achievement and ending claims.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "tests/unit/load_fixture.hpp"

using namespace auditsim;
using namespace auditsim::load_fixture;

TEST_CASE("warn file: a choice that both achieves and breaches a key action") {
  const std::string path = kData + "/warn/key-action-conflict-achieves-and-breaches.yaml";
  const LoadResult r = load_scenario_file(path);
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.code == "key-action-conflict");
  CHECK(d.severity == Severity::Warning);
  CHECK(d.line == 22);
  CHECK(d.col == 19);
  CHECK(d.message.find("`keep-confidential`") != std::string::npos);
}

TEST_CASE("good files: breaches, late achievement and ending claims are read as written") {
  const LoadResult r = load_and_check(kData + "/good/ending-claims-proved.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  const Scenario& s = *r.scenario;
  const int refer = s.find_key_action("refer-safeguarding");
  const int keep = s.find_key_action("keep-intelligence-safe");
  const auto [bn, bc] = s.find_choice("mention-police");
  CHECK(s.nodes[bn].choices[bc].breaches == std::vector<int>{keep});
  const auto [fn, fc] = s.find_choice("refer-late");
  CHECK(s.nodes[fn].choices[fc].achieves_late == std::vector<int>{refer});
  const auto& claims = s.nodes[s.find_node("protected")].ending->claims;
  REQUIRE(claims.size() == 4);
  CHECK(claims[0].kind == PathClaim::Kind::Achieved);
  CHECK(claims[0].required);
  CHECK(claims[0].key_action == refer);
  CHECK(claims[1].key_action == keep);
  CHECK(claims[2].kind == PathClaim::Kind::AchievedLate);
  CHECK_FALSE(claims[2].required);
  CHECK(claims[3].kind == PathClaim::Kind::Breached);
  CHECK_FALSE(claims[3].required);
  const auto& compromised = s.nodes[s.find_node("compromised")].ending->claims;
  REQUIRE(compromised.size() == 2);
  CHECK(compromised[1].kind == PathClaim::Kind::Condition);
  CHECK(compromised[1].condition.text() == "tipped_off");
  CHECK(compromised[1].pos.line > 0);
}

TEST_CASE("format 1.1 keys for findings are refused in an auditsim/1 file, each at its key") {
  const std::string file = kData + "/good/ending-claims-proved.yaml";
  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  text.replace(text.find("format: auditsim/1.1"), 20, "format: auditsim/1");
  const LoadResult r = load_scenario_text(text, "as-format-1.yaml");
  std::set<std::string> what;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.code == "needs-format-1.1") what.insert(d.message.substr(0, d.message.find(" is part")));
  }
  CHECK(what == std::set<std::string>{"`achieves_late`", "`breaches`", "`requires` under `ending`",
                                      "`forbids` under `ending`"});
}

TEST_CASE("ending claims of the wrong shape are reported, never trusted") {
  std::string good;
  {
    std::ifstream in(kData + "/good/ending-claims-proved.yaml");
    good.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string original = "      requires:\n        achieved_late: [refer-safeguarding]\n";
  REQUIRE(good.find(original) != std::string::npos);
  const std::pair<const char*, const char*> cases[] = {
      {"requires: 5", "wrong-type"},
      {"requires: { achieved: 5 }", "wrong-type"},
      {"forbids: { breached: [[x]] }", "wrong-type"},
      {"requires: { conditions: [\"\"] }", "condition-syntax"},
      {"requires: { conditions: [\"referred and\"] }", "condition-syntax"},
      {"requires: { conditions: [\"refered\"] }", "undefined-variable"},
      {"requires: { sometimes: [refer-safeguarding] }", "unknown-key"},
      {"forbids: { achieved: [refer-safeguardin] }", "undefined-key-action"}};
  for (const auto& [lines, code] : cases) {
    CAPTURE(lines);
    std::string text = good;
    text.replace(text.find(original), original.size(), std::string("      ") + lines + "\n");
    const LoadResult r = load_scenario_text(text, "claims.yaml");
    CHECK_FALSE(r.ok());
    const Diagnostic* d = find_code(r, code);
    REQUIRE(d != nullptr);
    CHECK(d->line == 101);
  }
}

TEST_CASE("good files: minimal scenario takes the documented defaults") {
  const LoadResult r = load_scenario_file(kData + "/good/minimal.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  const Scenario& s = *r.scenario;
  CHECK(s.version == "1");
  CHECK(s.author.empty());
  CHECK(s.audience.size() == 2);
  CHECK(s.classification == Classification::PartA);
  CHECK(s.nodes.size() == 2);
  CHECK(s.nodes[0].time_limit_seconds == 0);
  CHECK(s.nodes[0].on_timeout == -1);
  CHECK(s.nodes[0].choices[0].when.empty());
  CHECK(s.nodes[0].pos.line == 10);
  CHECK(s.nodes[0].choices[0].pos.line == 14);
}

TEST_CASE("good files: anchors and aliases share content without tripping the alias guard") {
  const LoadResult r = load_scenario_file(kData + "/good/anchors-and-aliases.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  const Node& n = r.scenario->nodes[0];
  REQUIRE(n.choices.size() == 2);
  CHECK(n.choices[0].score == n.choices[1].score);
  CHECK(n.choices[1].score[Pillar::Protect] == 2);
  CHECK(n.choices[1].feedback == "Both options are equally sound here.");
  CHECK(n.time_limit_seconds == 5400);
  CHECK(n.on_timeout == 1);
  CHECK(r.scenario->injects[0].after_seconds == 90);
  CHECK(r.scenario->injects[1].trigger == Inject::Trigger::When);
}

TEST_CASE("good files: a byte order mark and CRLF line endings are fine") {
  const LoadResult r = load_scenario_file(kData + "/good/crlf-and-bom.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  CHECK(r.scenario->id == "crlf-and-bom");
  CHECK(r.scenario->title == "Saved by a Windows editor");
  CHECK(r.scenario->nodes[0].text == "One choice.");
}
