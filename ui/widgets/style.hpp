// Fonts and colours the screens draw with. The shell fills them in (ui/app/fonts.cpp,
// ui/app/theme.cpp); widgets and screens only read them.
#pragma once

#include <imgui.h>

#include "sim/model.hpp"

namespace auditsim::ui {

// The fonts of the current scale. Any may equal `body` when a face could not be loaded.
struct Fonts {
  ImFont* body = nullptr;
  ImFont* bold = nullptr;
  ImFont* italic = nullptr;
  ImFont* bold_italic = nullptr;
  ImFont* h1 = nullptr;  // screen titles
  ImFont* h2 = nullptr;  // section headings
  ImFont* small = nullptr;
  ImFont* mono = nullptr;
  ImFont* huge = nullptr;  // presenter-mode node titles and timers
  ImFont* countdown = nullptr;  // the room's countdown: digits only, read from the back of a room
};

// The colours of the current theme, beyond ImGui's own style colours.
struct Palette {
  ImVec4 accent;       // primary actions, selection
  ImVec4 accent_text;  // text on an accent background
  ImVec4 text;
  ImVec4 muted;        // secondary text
  ImVec4 surface;      // cards and panels
  ImVec4 surface_alt;  // hovered cards, table stripes
  ImVec4 border;
  ImVec4 ok, warn, bad;
  ImVec4 pillars[kPillarCount];  // Pursue, Prevent, Protect, Prepare
};

Fonts& fonts();
// The same faces at the desk's size, for the facilitator's window while the main window shows
// the room's view; the same as fonts() otherwise. FontsForDesk swaps them in for a frame.
Fonts& desk_fonts();
struct FontsForDesk {
  FontsForDesk();
  ~FontsForDesk();
  FontsForDesk(const FontsForDesk&) = delete;
  FontsForDesk& operator=(const FontsForDesk&) = delete;
};
Palette& palette();

ImU32 to_u32(const ImVec4& c, float alpha_scale = 1.0f);
ImVec4 pillar_colour(Pillar p);

}  // namespace auditsim::ui
