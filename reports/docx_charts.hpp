// The report charts as PNG images for the Word reports: drawn by reports/chart_draw.cpp (as the
// PDF's are) on a cairo image surface at print resolution, with their alternative text.
#pragma once

#include <array>
#include <string>

#include "reports/model.hpp"

namespace auditsim::reports::docx {

struct Picture {
  std::string png;       // the image file's bytes
  double width_pt = 0;   // its size on the page
  double height_pt = 0;
  std::string alt;       // what it shows, in words, for readers who cannot see it
};

Picture radar_picture(const std::array<PillarRow, kPillarCount>& pillars);
Picture spread_picture(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread);
Picture distribution_picture(const ChoiceDistribution& d);

}  // namespace auditsim::reports::docx
