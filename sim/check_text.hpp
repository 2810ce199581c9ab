// Checks of format 1.1 conditional text over every path: a block whose condition is false
// wherever its text is shown is never read, and one whose condition is always true needs none.
#pragma once

#include <vector>

#include "sim/diagnostics.hpp"
#include "sim/model.hpp"

namespace auditsim {

// Warnings `text-block-never-shown` and `text-block-always-shown` for the conditional blocks in
// stage text, prompts, feedback and debriefs, each evaluated in every reachable state where
// the text is shown. Requires an acyclic scenario; returns nothing when the scenario has more
// states than it explores (the check would then prove nothing) or no conditional text.
std::vector<Diagnostic> check_conditional_text(const Scenario& s);

}  // namespace auditsim
