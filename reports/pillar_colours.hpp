// The colour of each pillar (0xRRGGBB, in the order of kPillars) on every report chart, HTML and
// PDF alike. The desktop's light theme draws the pillars in the same colours, and its dark and
// high-contrast themes in lighter tints of the same hues, so a pillar looks the same on the
// screen the room watched as on the paper the committee reads. Each is dark enough for 4.5:1
// contrast on white.
#pragma once

#include <array>
#include <cstdio>
#include <string>

#include "sim/model.hpp"

namespace auditsim::reports {

inline constexpr std::array<unsigned, kPillarCount> kPillarColours{0x1d4f91, 0x2a7f62, 0x8a4f0b,
                                                                   0x6b3fa0};

// "#1d4f91" for a pillar index 0..3.
inline std::string pillar_hex(size_t pillar_index) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", kPillarColours[pillar_index % kPillarCount]);
  return buf;
}

}  // namespace auditsim::reports
