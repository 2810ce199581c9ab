// The colour of each pillar (0xRRGGBB, in the order of kPillars): one palette for every report
// chart, HTML and PDF alike, and for the desktop program, whose light theme draws the pillars in
// the same colours and whose dark and high-contrast themes use the tints below, of the same hue
// families. So a pillar looks the same on the screen the room watched as on the paper the
// committee reads.
//
// The four hues (blue, bluish green, brown, reddish purple, after Okabe and Ito's palette) stay
// apart for readers with any of the three kinds of colour blindness: under a simulation of
// protanopia, deuteranopia and tritanopia every pair differs by at least 15 (CIEDE2000), where a
// blue and a purple would merge. Each colour has at least 4.5:1 contrast on its background, so
// it can colour text as well as bars. Charts never rely on colour alone: every bar is labelled.
// tests/unit/pillar_palette_test.cpp checks all of this.
#pragma once

#include <array>
#include <cstdio>
#include <string>

#include "sim/model.hpp"

namespace auditsim::reports {

// On white: the reports and the desktop's light theme.
inline constexpr std::array<unsigned, kPillarCount> kPillarColours{0x2469ff, 0x007558, 0x754100,
                                                                   0xd10092};
// On the dark theme's surface (#232b37).
inline constexpr std::array<unsigned, kPillarCount> kPillarColoursOnDark{0x758cff, 0x94ffc9,
                                                                         0xff8957, 0xffc7ff};
// On the high-contrast theme's black.
inline constexpr std::array<unsigned, kPillarCount> kPillarColoursOnBlack{0x7c97f8, 0x8afff9,
                                                                          0xffcf75, 0xf87294};

// "#2469ff" for a pillar index 0..3.
inline std::string pillar_hex(size_t pillar_index) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%06x", kPillarColours[pillar_index % kPillarCount]);
  return buf;
}

}  // namespace auditsim::reports
