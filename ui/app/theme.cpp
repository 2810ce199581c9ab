#include "ui/app/theme.hpp"

#include "reports/pillar_colours.hpp"

#include <imgui.h>

#include "ui/widgets/style.hpp"

namespace auditsim::ui {

namespace {

ImVec4 rgb(unsigned hex, float a = 1.0f) {
  return ImVec4(((hex >> 16) & 0xFF) / 255.0f, ((hex >> 8) & 0xFF) / 255.0f, (hex & 0xFF) / 255.0f, a);
}

void palette_for(Theme t, Palette& p) {
  switch (t) {
    case Theme::Light:
      p.accent = rgb(0x1F5C99);  // a civic navy blue
      p.accent_text = rgb(0xFFFFFF);
      p.text = rgb(0x1D2733);
      p.muted = rgb(0x5B6776);
      p.surface = rgb(0xFFFFFF);
      p.surface_alt = rgb(0xEAF0F6);
      p.border = rgb(0xC9D2DC);
      p.ok = rgb(0x2E7D4F);
      p.warn = rgb(0xB26A00);
      p.bad = rgb(0xB3261E);
      // The reports' own colours (reports/pillar_colours.hpp): Pursue, Prevent, Protect, Prepare.
      for (int i = 0; i < kPillarCount; ++i) p.pillars[i] = rgb(reports::kPillarColours[i]);
      break;
    case Theme::Dark:
      p.accent = rgb(0x4F8FD6);
      p.accent_text = rgb(0x0E1420);
      p.text = rgb(0xE4E9F0);
      p.muted = rgb(0x9AA6B5);
      p.surface = rgb(0x232B37);
      p.surface_alt = rgb(0x2E3846);
      p.border = rgb(0x3C4757);
      p.ok = rgb(0x5CBF85);
      p.warn = rgb(0xE0A33A);
      p.bad = rgb(0xE5695F);
      // Lighter tints of the reports' hues, readable on the dark surface.
      for (int i = 0; i < kPillarCount; ++i) p.pillars[i] = rgb(reports::kPillarColoursOnDark[i]);
      break;
    case Theme::HighContrast:
      p.accent = rgb(0xFFD500);
      p.accent_text = rgb(0x000000);
      p.text = rgb(0xFFFFFF);
      p.muted = rgb(0xE0E0E0);
      p.surface = rgb(0x000000);
      p.surface_alt = rgb(0x1F1F1F);
      p.border = rgb(0xFFFFFF);
      p.ok = rgb(0x5CFF8F);
      p.warn = rgb(0xFFD500);
      p.bad = rgb(0xFF6B6B);
      // The same hue families again, brighter still against black.
      for (int i = 0; i < kPillarCount; ++i) p.pillars[i] = rgb(reports::kPillarColoursOnBlack[i]);
      break;
  }
}

}  // namespace

void apply_theme(Theme theme, float scale) {
  Palette& p = palette();
  palette_for(theme, p);
  ImGuiStyle& st = ImGui::GetStyle();
  st = ImGuiStyle();
  st.WindowPadding = ImVec2(14, 12);
  st.FramePadding = ImVec2(10, 6);
  st.ItemSpacing = ImVec2(10, 8);
  st.ItemInnerSpacing = ImVec2(8, 6);
  st.CellPadding = ImVec2(8, 6);
  st.ScrollbarSize = 14;
  st.GrabMinSize = 12;
  st.WindowRounding = 8;
  st.ChildRounding = 8;
  st.FrameRounding = 5;
  st.PopupRounding = 8;
  st.ScrollbarRounding = 8;
  st.GrabRounding = 5;
  st.WindowBorderSize = 1;
  st.ChildBorderSize = 1;
  st.FrameBorderSize = theme == Theme::HighContrast ? 1.5f : 1.0f;
  st.ScaleAllSizes(scale);

  const Palette& c = p;
  const ImVec4 bg = theme == Theme::Light ? rgb(0xF3F5F8) : theme == Theme::Dark ? rgb(0x1A2029) : rgb(0x000000);
  ImVec4* col = st.Colors;
  col[ImGuiCol_Text] = c.text;
  col[ImGuiCol_TextDisabled] = c.muted;
  col[ImGuiCol_WindowBg] = bg;
  col[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  col[ImGuiCol_PopupBg] = c.surface;
  col[ImGuiCol_Border] = c.border;
  col[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
  col[ImGuiCol_FrameBg] = c.surface;
  col[ImGuiCol_FrameBgHovered] = c.surface_alt;
  col[ImGuiCol_FrameBgActive] = c.surface_alt;
  col[ImGuiCol_TitleBg] = c.surface;
  col[ImGuiCol_TitleBgActive] = c.surface_alt;
  col[ImGuiCol_TitleBgCollapsed] = c.surface;
  col[ImGuiCol_MenuBarBg] = c.surface;
  col[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
  col[ImGuiCol_ScrollbarGrab] = c.border;
  col[ImGuiCol_ScrollbarGrabHovered] = c.muted;
  col[ImGuiCol_ScrollbarGrabActive] = c.accent;
  col[ImGuiCol_CheckMark] = c.accent;
  col[ImGuiCol_SliderGrab] = c.accent;
  col[ImGuiCol_SliderGrabActive] = c.accent;
  col[ImGuiCol_Button] = c.surface;
  col[ImGuiCol_ButtonHovered] = c.surface_alt;
  col[ImGuiCol_ButtonActive] = ImVec4(c.accent.x, c.accent.y, c.accent.z, 0.35f);
  col[ImGuiCol_Header] = ImVec4(c.accent.x, c.accent.y, c.accent.z, 0.18f);
  col[ImGuiCol_HeaderHovered] = ImVec4(c.accent.x, c.accent.y, c.accent.z, 0.28f);
  col[ImGuiCol_HeaderActive] = ImVec4(c.accent.x, c.accent.y, c.accent.z, 0.38f);
  col[ImGuiCol_Separator] = c.border;
  col[ImGuiCol_Tab] = c.surface;
  col[ImGuiCol_TabHovered] = c.surface_alt;
  col[ImGuiCol_TabActive] = c.surface_alt;
  col[ImGuiCol_TableHeaderBg] = c.surface_alt;
  col[ImGuiCol_TableBorderStrong] = c.border;
  col[ImGuiCol_TableBorderLight] = c.border;
  col[ImGuiCol_TableRowBg] = c.surface;
  col[ImGuiCol_TableRowBgAlt] = theme == Theme::Light ? rgb(0xF7F9FB) : c.surface_alt;
  col[ImGuiCol_TextSelectedBg] = ImVec4(c.accent.x, c.accent.y, c.accent.z, 0.35f);
  col[ImGuiCol_NavHighlight] = c.accent;
  col[ImGuiCol_ModalWindowDimBg] = ImVec4(0.05f, 0.08f, 0.12f, 0.55f);
  col[ImGuiCol_PlotHistogram] = c.accent;
}

}  // namespace auditsim::ui
