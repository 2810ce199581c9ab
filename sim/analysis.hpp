// Exact analysis of a scenario over (node, state): maximum per pillar, best and worst complete
// paths, path counts, reachable endings. Conditions and variable changes are respected.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/model.hpp"
#include "sim/state.hpp"

namespace auditsim {

// One complete path from the start to an ending.
struct ScoredPath {
  std::vector<std::string> choices;  // choice ids, in order
  int ending = -1;                   // node index of the ending
  Score4 score;
};

struct AnalysisOptions {
  std::optional<Audience> audience;  // nullopt: choices for every audience are offered
  size_t max_paths_listed = 1000;    // paths enumerated in `paths`
  uint64_t path_count_bound = 1'000'000'000'000ULL;  // counting saturates here
  size_t max_states = 2'000'000;     // (node, state) pairs explored before giving up
};

struct Analysis {
  Score4 max;             // best reachable total per pillar, each pillar on its own best path
  Score4 min;             // worst reachable total per pillar
  std::optional<ScoredPath> best;   // highest Score4::total()
  std::optional<ScoredPath> worst;  // lowest Score4::total()
  uint64_t path_count = 0;          // complete paths (saturates at the bound)
  bool path_count_truncated = false;
  std::vector<ScoredPath> paths;    // at most max_paths_listed
  bool paths_truncated = false;
  std::vector<int> reachable_endings;    // node indices, ascending
  std::vector<bool> node_reachable;      // per node
  std::vector<std::vector<bool>> choice_ever_available;  // [node][choice]
  bool state_limit_hit = false;     // exploration stopped at max_states: results are partial
  size_t states_explored = 0;
};

// Runs the full analysis. Requires an acyclic scenario (check_scenario reports cycles).
Analysis analyse(const Scenario& s, const AnalysisOptions& opts = {});

// Best continuation from any state, reused by scoring for "the path not taken".
// Keeps a memo across calls; not thread-safe.
class Continuations {
 public:
  explicit Continuations(const Scenario& s, std::optional<Audience> audience = std::nullopt);
  ~Continuations();
  // Highest total score still reachable from `st` to an ending (0 at an ending), and per pillar.
  // Both are 0 when no ending can be reached from `st`.
  int64_t best_total(const PlayState& st);
  Score4 best_per_pillar(const PlayState& st);
  // The 4P vector of one best-total path from `st` (0 at an ending or when none is reachable):
  // what best_total adds up, pillar by pillar.
  Score4 best_path_score(const PlayState& st);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace auditsim
