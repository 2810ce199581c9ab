// Static checks over a loaded scenario: graph shape, reachability, scoring coverage.
#pragma once

#include <vector>

#include "sim/diagnostics.hpp"
#include "sim/model.hpp"

namespace auditsim {

// Graph and content checks that need the whole scenario: unreachable nodes, dead ends, cycles,
// choices that can never be available, pillars no choice scores, key actions no choice achieves,
// endings no path reaches. Uses the exact analysis where availability depends on state.
std::vector<Diagnostic> check_scenario(const Scenario& s);

}  // namespace auditsim
