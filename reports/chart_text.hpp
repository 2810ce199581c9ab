// The text alternative of each chart, in words a screen reader reads aloud: the same figures
// the chart draws. HTML charts carry it as their accessible name, PDF figures as their /Alt, so
// a reader who cannot see the chart loses nothing in either format.
#pragma once

#include <array>
#include <string>

#include "reports/model.hpp"

namespace auditsim::reports::text {

// "4P scores: Pursue 75%, Prevent 50%, Protect not assessed, Prepare 100%."
std::string radar_alt(const std::array<PillarRow, kPillarCount>& pillars);
// "4P distribution across sessions: Pursue mean 62%, lowest 20%, highest 100% (12 sessions); ..."
std::string spread_alt(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread);
// "How the sessions chose at <decision>: <choice>, 3 of 10 sessions; ..."
std::string distribution_alt(const ChoiceDistribution& d);

}  // namespace auditsim::reports::text
