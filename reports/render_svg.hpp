// Inline SVG charts for the HTML reports: vector, self-contained, readable in greyscale print.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "reports/model.hpp"

namespace auditsim::reports::svg {

// The 4P radar: one axis per pillar, the session's percentages as a polygon.
std::string radar(const std::array<PillarRow, kPillarCount>& pillars);
// Per-pillar horizontal bars with the percentage written beside each.
std::string pillar_bars(const std::array<PillarRow, kPillarCount>& pillars);
// How many sessions took each choice at one decision.
std::string distribution(const ChoiceDistribution& d);
// Scrutiny: per pillar the lowest-to-highest range with the mean marked.
std::string spread(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread);

}  // namespace auditsim::reports::svg
