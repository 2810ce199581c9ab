// Helpers for check_scenario: plain graph questions (loops, reachability ignoring conditions)
// and plain-words descriptions of explored states. Internal to sim/.
#pragma once

#include <string>
#include <vector>

#include "sim/analysis_space.hpp"
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

}  // namespace auditsim
