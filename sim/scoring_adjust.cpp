// Facilitator score overrides: applied after scoring, with the same percent and rating rules.
#include <algorithm>

#include "sim/scoring.hpp"

namespace auditsim {

void apply_score_adjustment(Result& r, const Score4& adjustment, const ScoringConfig& config) {
  double weighted = 0, weights = 0;
  for (PillarResult& pr : r.pillars) {
    pr.raw += adjustment[pr.pillar];
    if (!pr.assessed) continue;
    pr.percent = std::clamp(100.0 * static_cast<double>(pr.raw) / static_cast<double>(pr.max),
                            0.0, 100.0);
    const double w = std::max(0.0, config.weights[static_cast<int>(pr.pillar)]);
    weighted += w * pr.percent;
    weights += w;
  }
  r.overall_percent = weights > 0 ? weighted / weights : 0.0;
  rate(r, config.scale);
}

}  // namespace auditsim
