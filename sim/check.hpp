// Static checks over a loaded scenario: graph shape, reachability, scoring coverage.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/diagnostics.hpp"
#include "sim/model.hpp"

namespace auditsim {

// A claim of an ending (`requires` / `forbids`) that is false on some path reaching it.
struct ClaimViolation {
  int ending = -1;    // node index
  size_t claim = 0;   // index into that node's Ending::claims
  std::vector<std::optional<Audience>> audiences;  // who can take such a path (nullopt: everyone)
  std::vector<std::string> path;  // choice ids from the start to the ending, for the first audience
};

// The result of proving every ending's claims over the exact state space.
struct ClaimProof {
  std::vector<ClaimViolation> violations;  // at most one per claim, in ending and claim order
  bool complete = true;  // false when the state limit stopped the search: what was not refuted
                         // is unproved, not proved
};

// Proves, for every audience the scenario distinguishes, that every path reaching an ending
// meets that ending's claims. Requires an acyclic scenario with a valid start.
ClaimProof prove_ending_claims(const Scenario& s, size_t max_states = 2'000'000);

// Graph and content checks that need the whole scenario: unreachable nodes, dead ends, cycles,
// choices that can never be available, pillars no choice scores, key actions no choice achieves,
// endings no path reaches. Uses the exact analysis where availability depends on state.
// `max_states` bounds each exploration, as AnalysisOptions::max_states does.
std::vector<Diagnostic> check_scenario(const Scenario& s, size_t max_states = 2'000'000);

}  // namespace auditsim
