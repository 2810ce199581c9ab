// Charts drawn with ImDrawList: the 4P radar (one polygon per team), per-pillar bars, and the
// event charts of the Results screen (bars per team, the spread across sessions, counts).
#pragma once

#include <array>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "reports/model.hpp"
#include "sim/scoring.hpp"

namespace auditsim::ui {

// One series on the radar: a team's per-pillar percentages.
struct RadarSeries {
  std::string name;
  std::array<float, kPillarCount> percent{};
  std::array<bool, kPillarCount> assessed{};
};
// The series of one scored session.
RadarSeries radar_series(std::string name, const Result& r);

// A radar chart of `size` pixels square; each series in its own colour.
void radar_chart(const std::vector<RadarSeries>& series, float size);
// One bar per pillar with its raw / max and percent; "not assessed" pillars say so.
void pillar_bars(const Result& r, float width);
// The colour used for series i (the pillar colours are kept for pillars).
unsigned series_colour(size_t i);
// A legend: one coloured square and name per series, wrapped to `width`.
void series_legend(const std::vector<RadarSeries>& series, float width);

// Per pillar, one bar per team in the team's series colour, with its percentage.
void grouped_pillar_bars(const std::vector<RadarSeries>& teams, float width);
// Per pillar, the range of session percentages (lowest to highest), each session as a dot and
// the mean marked.
void spread_chart(const std::array<reports::ScrutinyReport::PillarSpread, kPillarCount>& spread,
                  float width);
// Labelled horizontal bars of counts, scaled to the largest; `colours` per row (cycled).
void count_bars(const std::vector<std::pair<std::string, int>>& rows,
                const std::vector<ImVec4>& colours, float width);
// A bar of `fraction` (0..1) with `label` written on it, full `width`.
void fraction_bar(float fraction, const char* label, const ImVec4& colour, float width);

}  // namespace auditsim::ui
