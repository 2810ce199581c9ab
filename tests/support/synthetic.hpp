// Generated scenarios of any size, for benchmarks and for checking the analysis against brute
// force. Deterministic: the same arguments always give the same text.
#pragma once

#include <cstdint>
#include <string>

namespace auditsim {

// A valid auditsim/1 scenario with `decisions` decision nodes (3 choices each, every edge leading
// forward), scores on all four pillars, four boolean variables set by some choices and read by
// `when` conditions on others (the first choice of every node is unconditional, so no state is
// stuck), key actions and three endings. It loads and checks without errors or warnings.
std::string make_synthetic_scenario_yaml(int decisions, uint64_t seed);

}  // namespace auditsim
