// Helpers for check_scenario: plain graph questions (loops, reachability ignoring conditions)
// and plain-words descriptions of explored states. Internal to sim/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/analysis_space.hpp"
#include "sim/check.hpp"
#include "sim/model.hpp"

namespace auditsim {

// One loop in the node graph, reported at the choice that closes it.
struct CycleReport {
  SourcePos pos;
  std::string message;  // "the nodes form a loop: a → b → a"
  std::string hint;
};

// Loops in the node graph (every choice's `next`, conditions ignored), at most `limit` of them.
std::vector<CycleReport> find_cycles(const Scenario& s, size_t limit = 20);

// Nodes reachable from the start when every choice is assumed available.
std::vector<bool> graph_reachable_nodes(const Scenario& s);

// "referred_to_mash = false, visited(police-visit) is false": the values, in state `id`, of
// what the conditions at that state's node read. Empty when they read nothing.
std::string describe_state(const Scenario& s, const detail::StateSpace& space, uint32_t id);

// "choosing refer → log-and-wait": how state `id` was first reached; empty for the start.
std::string describe_route(const Scenario& s, const detail::StateSpace& space, uint32_t id);

// The audiences to explore separately: each listed one when some choice is limited to an
// audience, otherwise one exploration (nullopt) that serves everyone.
std::vector<std::optional<Audience>> audiences_to_explore(const Scenario& s);
// Whether some ending has `requires` / `forbids` claims for the checker to prove.
bool has_ending_claims(const Scenario& s);

// The choice ids of the route by which state `id` was first reached, from the start.
std::vector<std::string> route_choices(const Scenario& s, const detail::StateSpace& space,
                                       uint32_t id);

// The claims false at some ending state of `space` (which must track claims), merged into `out`:
// a claim already there gains `audience`, a new one takes its path from this space.
void collect_claim_violations(const Scenario& s, detail::StateSpace& space,
                              std::optional<Audience> audience, std::vector<ClaimViolation>& out);

// "requires key action `x` achieved": a claim in the words an author wrote it.
std::string describe_claim(const Scenario& s, const PathClaim& claim);

}  // namespace auditsim
