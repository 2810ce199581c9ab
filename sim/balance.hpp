// How a scenario's complete paths are spread: per audience, how many end in each assurance
// rating and each outcome, the fewest and most decisions, and what each single mistake from
// the best path costs. Behind `auditsim balance` and the path tests' properties.
//
// Outcome counts and decision bounds are exact: they are counted over the (node, state) graph,
// never by listing paths. The rating of a path depends on its whole score and on which
// high-priority key actions it achieved, so ratings are counted by carrying, forward through
// the same graph, how many paths reach each state with each (4P score, high-priority key actions
// achieved) pair. That is exact and usually small; when the pairs outgrow a budget (or the state
// space is too large to explore, or paths too many to count), ratings are sampled instead and
// the result says so, with the seed and the sample size.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/model.hpp"
#include "sim/scoring.hpp"

namespace auditsim {

// One example route, for messages: the choice ids from the start and where it ends.
struct ExamplePath {
  std::vector<std::string> choices;
  int ending = -1;  // node index
};

// Fewest and most decisions on a complete path, each with an example, and the outcome counts.
struct PathShape {
  bool complete = false;         // false when the state space was too large to explore
  uint64_t paths = 0;            // complete paths (saturates; see paths_saturated)
  bool paths_saturated = false;
  std::array<uint64_t, 3> outcomes{};  // by Outcome: good, mixed, poor
  size_t min_decisions = 0, max_decisions = 0;
  ExamplePath shortest, longest;
  std::vector<int> reachable_endings;  // node indices an explored complete path reaches
};

// Exact over the explored state space.
PathShape path_shape(const Scenario& s, std::optional<Audience> audience);

// One single deviation from the best path, then best play to the end.
struct Mistake {
  size_t decision = 0;         // 1-based position on the best path
  int node = -1;
  std::string best_choice;     // the best path's choice there
  std::string instead;         // the choice taken instead
  std::vector<std::string> path;  // the whole path played
  int ending = -1;             // node index; -1 when it stopped before an ending
  double overall_percent = 0;
  int rating_level = 3;
  std::string rating;
  bool missed_high = false;    // the result has a high-priority finding
};

// The best path's own result and every single deviation from it.
struct OneMistakeTable {
  std::vector<std::string> best_path;
  int best_ending = -1;
  double best_percent = 0;
  int best_rating_level = 3;
  std::string best_rating;
  std::vector<Mistake> rows;   // in path order, then choice order
};

OneMistakeTable one_mistake_table(const ScenarioPtr& s, std::optional<Audience> audience,
                                  const ScoringConfig& config = {});

// How many complete paths earn each rating.
struct RatingCounts {
  bool exact = false;
  std::array<uint64_t, 4> by_level{};  // index = rating level (0 = the highest label)
  // When sampled: how many paths were drawn, from which seed, and how (uniformly over complete
  // paths when the paths could be counted, otherwise a uniform choice at each stage).
  uint64_t sample_size = 0;
  uint64_t seed = 0;
  bool uniform_over_paths = false;
  std::string why_sampled;     // plain words: what made exact counting impossible
};

struct RatingCountOptions {
  size_t max_pairs = 4'000'000;  // (score, key actions) pairs held at once before sampling
  uint64_t sample_size = 20'000;
  uint64_t seed = 1;
  bool force_sampling = false;   // for tests and comparisons
};

RatingCounts count_ratings(const ScenarioPtr& s, std::optional<Audience> audience,
                             const ScoringConfig& config = {},
                             const RatingCountOptions& opts = {});

// Everything `auditsim balance` prints for one audience.
struct AudienceBalance {
  std::optional<Audience> audience;
  PathShape shape;
  RatingCounts ratings;
  OneMistakeTable one_mistake;
  double seconds = 0;  // time taken for this audience
};

// The audiences a scenario is balanced for: the ones it declares, or both when it declares none.
std::vector<Audience> audiences_of(const Scenario& s);

AudienceBalance balance_for(const ScenarioPtr& s, std::optional<Audience> audience,
                            const ScoringConfig& config = {},
                            const RatingCountOptions& opts = {});

}  // namespace auditsim
