// 4P charts drawn with ImDrawList: a radar (one polygon per table) and horizontal bars.
#pragma once

#include <string>
#include <vector>

#include "sim/scoring.hpp"

namespace auditsim::ui {

// One series on the radar: a table's per-pillar percentages.
struct RadarSeries {
  std::string name;
  const Result* result = nullptr;
};

// A radar chart of `size` pixels square; each series in its own colour.
void radar_chart(const std::vector<RadarSeries>& series, float size);
// One bar per pillar with its raw / max and percent; "not assessed" pillars say so.
void pillar_bars(const Result& r, float width);
// The colour used for series i (the pillar colours are kept for pillars).
unsigned series_colour(size_t i);

}  // namespace auditsim::ui
