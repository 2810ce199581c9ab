#include "ui/widgets/style.hpp"

#include <utility>

namespace auditsim::ui {

namespace {
Fonts g_fonts;
Fonts g_desk_fonts;
Palette g_palette;
}  // namespace

Fonts& fonts() { return g_fonts; }
Fonts& desk_fonts() { return g_desk_fonts; }
FontsForDesk::FontsForDesk() { std::swap(g_fonts, g_desk_fonts); }
FontsForDesk::~FontsForDesk() { std::swap(g_fonts, g_desk_fonts); }
Palette& palette() { return g_palette; }

ImU32 to_u32(const ImVec4& c, float alpha_scale) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, c.w * alpha_scale));
}

ImVec4 pillar_colour(Pillar p) { return g_palette.pillars[static_cast<int>(p)]; }

}  // namespace auditsim::ui
