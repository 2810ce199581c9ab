// Ending claims proved over the state space. The space keeps, per state, exactly what the claims
// read (key-action statuses, and the variables and visited flags of their conditions), so one
// ending state with a false claim is a real path on which the debrief says what did not happen,
// and no such state anywhere is a proof.
#include <algorithm>
#include <memory>

#include "sim/analysis_space.hpp"
#include "sim/check.hpp"
#include "sim/check_graph.hpp"

namespace auditsim {

std::vector<std::optional<Audience>> audiences_to_explore(const Scenario& s) {
  bool audience_specific = false;
  for (const Node& n : s.nodes) {
    for (const Choice& c : n.choices) audience_specific |= c.audience.has_value();
  }
  std::vector<std::optional<Audience>> audiences;
  if (audience_specific && !s.audience.empty()) {
    for (Audience a : s.audience) audiences.emplace_back(a);
  } else {
    audiences.emplace_back(std::nullopt);
  }
  return audiences;
}

bool has_ending_claims(const Scenario& s) {
  return std::any_of(s.nodes.begin(), s.nodes.end(),
                     [](const Node& n) { return n.ending && !n.ending->claims.empty(); });
}

std::vector<std::string> route_choices(const Scenario& s, const detail::StateSpace& space,
                                       uint32_t id) {
  std::vector<std::string> steps;
  for (uint32_t at = id; space.parent_of(at) != detail::kNoState; at = space.parent_of(at)) {
    steps.push_back(s.nodes[space.node_of(space.parent_of(at))].choices[space.parent_choice(at)].id);
  }
  std::reverse(steps.begin(), steps.end());
  return steps;
}

void collect_claim_violations(const Scenario& s, detail::StateSpace& space,
                              std::optional<Audience> audience, std::vector<ClaimViolation>& out) {
  for (uint32_t id = 0; id < space.size(); ++id) {
    const int n = space.node_of(id);
    if (!s.nodes[n].ending || s.nodes[n].ending->claims.empty()) continue;
    for (size_t claim : space.false_claims(id)) {
      auto it = std::find_if(out.begin(), out.end(), [&](const ClaimViolation& v) {
        return v.ending == n && v.claim == claim;
      });
      if (it == out.end()) {
        out.push_back(ClaimViolation{n, claim, {audience}, route_choices(s, space, id)});
      } else if (std::find(it->audiences.begin(), it->audiences.end(), audience) ==
                 it->audiences.end()) {
        it->audiences.push_back(audience);
      }
    }
  }
}

std::string describe_claim(const Scenario& s, const PathClaim& claim) {
  std::string out = claim.required ? "requires " : "forbids ";
  if (claim.kind == PathClaim::Kind::Condition) return out + "`" + claim.condition.text() + "`";
  const bool known = claim.key_action >= 0 &&
                     static_cast<size_t>(claim.key_action) < s.key_actions.size();
  out += "key action `" + (known ? s.key_actions[claim.key_action].id : std::string("?")) + "` ";
  switch (claim.kind) {
    case PathClaim::Kind::Achieved: return out + "achieved";
    case PathClaim::Kind::AchievedLate: return out + "achieved late";
    case PathClaim::Kind::Breached: return out + "breached";
    case PathClaim::Kind::Condition: break;
  }
  return out;
}

ClaimProof prove_ending_claims(const Scenario& s, size_t max_states) {
  ClaimProof proof;
  if (s.start < 0 || static_cast<size_t>(s.start) >= s.nodes.size()) return proof;
  for (auto a : audiences_to_explore(s)) {
    detail::StateSpace space(s, a, max_states, 1'000'000'000'000ULL, has_ending_claims(s));
    space.explore_initial();
    if (space.limit_hit()) proof.complete = false;
    collect_claim_violations(s, space, a, proof.violations);
  }
  std::sort(proof.violations.begin(), proof.violations.end(),
            [](const ClaimViolation& x, const ClaimViolation& y) {
              return x.ending != y.ending ? x.ending < y.ending : x.claim < y.claim;
            });
  return proof;
}

}  // namespace auditsim
