// Ending claims (`requires` / `forbids`, format 1.1): the checker proves them over the exact state
// space, and a claim it reports false comes with a path that really reaches the ending with the
// claim false: each such path is replayed here in the engine.
#include <doctest/doctest.h>

#include <string>

#include "scenario_builder.hpp"
#include "sim/check.hpp"
#include "sim/engine.hpp"
#include "sim/load.hpp"

using namespace auditsim;
using auditsim::testing::ScenarioBuilder;

namespace {

const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

std::string all_diagnostics(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += format_diagnostic(d) + "\n";
  return out;
}

// Whether `claim` holds for a finished session, worked out from its decisions in effect, the
// way the scoring rules read them (on time wins over late), independently of the analysis.
bool claim_holds(const Session& s, const PathClaim& claim) {
  bool on_time = false, late = false, breached = false;
  for (size_t h : s.effective_decisions()) {
    const HistoryEntry& e = s.history()[h];
    const Choice& c = s.scenario().nodes[e.node].choices[e.choice];
    const auto lists = [&](const std::vector<int>& ks) {
      return std::find(ks.begin(), ks.end(), claim.key_action) != ks.end();
    };
    on_time |= lists(c.achieves);
    late |= lists(c.achieves_late);
    breached |= lists(c.breaches);
  }
  bool truth = false;
  switch (claim.kind) {
    case PathClaim::Kind::Achieved: truth = on_time || late; break;
    case PathClaim::Kind::AchievedLate: truth = late && !on_time; break;
    case PathClaim::Kind::Breached: truth = breached; break;
    case PathClaim::Kind::Condition:
      truth = claim.condition.eval(ConditionInput{s.state().variables, s.state().visits});
      break;
  }
  return truth == claim.required;
}

// Replays a violation's path in the engine and checks that it ends at the ending with the
// claim false.
void replay_violation(const ScenarioPtr& sc, const ClaimViolation& v) {
  ManualClock clock;
  Session s(sc, clock, v.audiences.front());
  for (const std::string& id : v.path) REQUIRE_MESSAGE(s.choose(std::string_view(id)), id);
  REQUIRE(s.finished());
  CHECK(s.state().node == v.ending);
  CHECK_FALSE(claim_holds(s, s.scenario().nodes[v.ending].ending->claims[v.claim]));
}

}  // namespace

TEST_CASE("a claim false on one path out of many is reported with that path") {
  const std::string path = std::string(AUDITSIM_TEST_DATA) +
                           "/bad/graph/ending-claim-not-guaranteed-one-path-of-many.yaml";
  const LoadResult r = load_scenario_file(path);
  REQUIRE(r.scenario != nullptr);
  const ClaimProof proof = prove_ending_claims(*r.scenario);
  CHECK(proof.complete);
  REQUIRE(proof.violations.size() == 1);
  CHECK(proof.violations[0].path == std::vector<std::string>{"grant", "review"});
  replay_violation(r.scenario, proof.violations[0]);

  const auto ds = check_scenario(*r.scenario);
  const Diagnostic* d = find_code(ds, "ending-claim-not-guaranteed");
  REQUIRE(d != nullptr);
  CHECK(d->hint.find("grant,review") != std::string::npos);
}

TEST_CASE("a claim true on every path passes, and says nothing") {
  ScenarioBuilder b;
  b.node("a");
  b.node("b");
  b.ending("good", Outcome::Good);
  b.ending("poor", Outcome::Poor);
  b.key_action("refer", Pillar::Protect, Priority::High);
  b.achieves(b.choice("a", "refer-now", "b", {{Pillar::Protect, 2}}), "refer");
  b.choice("a", "wait", "b");
  // Whoever referred may finish well; whoever waited can only reach the poor ending.
  b.boolean("refer_made", false);
  b.when(b.choice("b", "close-well", "good", {{Pillar::Pursue, 1}}), "visited(b) and refer_made");
  b.when(b.choice("b", "close", "poor"), "not refer_made");
  b.set(b.raw().nodes[0].choices[0], "refer_made", 1);
  b.claim("good", PathClaim::Kind::Achieved, true, "refer");
  b.claim_condition("good", true, "refer_made");
  b.claim("poor", PathClaim::Kind::Breached, false, "refer");
  const ClaimProof proof = prove_ending_claims(b.raw());
  CHECK(proof.complete);
  CHECK(proof.violations.empty());
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  CHECK(find_code(ds, "ending-claim-not-guaranteed") == nullptr);
  CHECK(find_code(ds, "ending-claim-unproved") == nullptr);
}

TEST_CASE("a requirement over a condition is false where the condition is") {
  ScenarioBuilder b;
  b.number("trust", 50);
  b.node("a");
  b.node("b");
  b.ending("end", Outcome::Good);
  b.add(b.choice("a", "visit", "b", {{Pillar::Protect, 1}}), "trust", 10);
  b.add(b.choice("a", "letter", "b"), "trust", -20);
  b.choice("b", "close", "end");
  b.claim_condition("end", true, "trust >= 40");
  auto sc = b.build();
  const ClaimProof proof = prove_ending_claims(*sc);
  REQUIRE(proof.violations.size() == 1);
  CHECK(proof.violations[0].path == std::vector<std::string>{"letter", "close"});
  replay_violation(sc, proof.violations[0]);
}

TEST_CASE("forbids: a breach anywhere on the path makes `forbids breached` false") {
  ScenarioBuilder b;
  b.node("a");
  b.node("b");
  b.ending("end", Outcome::Good);
  b.key_action("confidential", Pillar::Pursue, Priority::High);
  b.choice("a", "quiet", "b");
  b.breaches(b.choice("a", "tell", "b"), "confidential");
  b.achieves(b.choice("b", "refer", "end", {{Pillar::Pursue, 2}}), "confidential");
  b.claim("end", PathClaim::Kind::Breached, false, "confidential");
  b.claim("end", PathClaim::Kind::Achieved, true, "confidential");
  auto sc = b.build();
  const ClaimProof proof = prove_ending_claims(*sc);
  REQUIRE(proof.violations.size() == 1);
  CHECK(proof.violations[0].claim == 0);  // the achievement always happens; the breach may too
  CHECK(proof.violations[0].path == std::vector<std::string>{"tell", "refer"});
  replay_violation(sc, proof.violations[0]);
}

TEST_CASE("achieved late: on time on the same path means it was not late") {
  ScenarioBuilder b;
  b.node("a");
  b.node("b");
  b.ending("end", Outcome::Mixed);
  b.key_action("refer", Pillar::Protect, Priority::High);
  b.achieves(b.choice("a", "refer-now", "b", {{Pillar::Protect, 2}}), "refer");
  b.choice("a", "wait", "b");
  b.achieves_late(b.choice("b", "refer-late", "end", {{Pillar::Protect, 1}}), "refer");
  b.claim("end", PathClaim::Kind::AchievedLate, true, "refer");
  auto sc = b.build();
  const ClaimProof proof = prove_ending_claims(*sc);
  REQUIRE(proof.violations.size() == 1);
  CHECK(proof.violations[0].path == std::vector<std::string>{"refer-now", "refer-late"});
  replay_violation(sc, proof.violations[0]);
}

TEST_CASE("a claim false for one audience names that audience and plays as it") {
  ScenarioBuilder b;
  b.node("a");
  b.ending("end", Outcome::Good);
  b.key_action("refer", Pillar::Protect, Priority::High);
  Choice& s_refer = b.choice("a", "s-refer", "end", {{Pillar::Protect, 1}});
  s_refer.audience = Audience::Staff;
  b.achieves(s_refer, "refer");
  b.choice("a", "m-ask", "end", {{Pillar::Protect, 1}}).audience = Audience::Members;
  b.raw().audience = {Audience::Members, Audience::Staff};
  b.claim("end", PathClaim::Kind::Achieved, true, "refer");
  auto sc = b.build();
  const ClaimProof proof = prove_ending_claims(*sc);
  REQUIRE(proof.violations.size() == 1);
  CHECK(proof.violations[0].audiences ==
        std::vector<std::optional<Audience>>{Audience::Members});
  replay_violation(sc, proof.violations[0]);
  const auto ds = check_scenario(*sc);
  const Diagnostic* d = find_code(ds, "ending-claim-not-guaranteed");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("for members") != std::string::npos);
  CHECK(d->hint.find("--choose m-ask --audience members`") != std::string::npos);
}

TEST_CASE("when the state limit stops the search, unrefuted claims are unproved, not proved") {
  ScenarioBuilder b;
  b.number("n", 0);
  for (int i = 0; i < 12; ++i) b.node("d" + std::to_string(i));
  b.ending("end", Outcome::Good);
  b.key_action("refer", Pillar::Protect, Priority::High);
  for (int i = 0; i < 12; ++i) {
    const std::string next = i + 1 < 12 ? "d" + std::to_string(i + 1) : "end";
    b.add(b.choice("d" + std::to_string(i), "up" + std::to_string(i), next), "n", 1 << i);
    b.achieves(b.choice("d" + std::to_string(i), "refer" + std::to_string(i), next,
                        {{Pillar::Protect, 1}}),
               "refer");
  }
  b.claim_condition("end", true, "n >= 0");  // true on every path, so only a full search proves it
  const ClaimProof full = prove_ending_claims(b.raw());
  CHECK(full.complete);
  CHECK(full.violations.empty());

  const ClaimProof partial = prove_ending_claims(b.raw(), 50);
  CHECK_FALSE(partial.complete);
  CHECK(partial.violations.empty());
  const auto ds = check_scenario(b.raw(), 50);
  INFO(all_diagnostics(ds));
  CHECK(find_code(ds, "analysis-limit") != nullptr);
  const Diagnostic* d = find_code(ds, "ending-claim-unproved");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::Warning);
  CHECK(find_code(check_scenario(b.raw()), "ending-claim-unproved") == nullptr);
}

TEST_CASE("a 1.1 file with breaches, late achievement and claims checks clean") {
  const std::string path = std::string(AUDITSIM_TEST_DATA) + "/good/ending-claims-proved.yaml";
  const LoadResult r = load_and_check(path);
  INFO(all_diagnostics(r.diagnostics));
  REQUIRE(r.scenario != nullptr);
  CHECK(r.diagnostics.empty());
  const ClaimProof proof = prove_ending_claims(*r.scenario);
  CHECK(proof.complete);
  CHECK(proof.violations.empty());
}
