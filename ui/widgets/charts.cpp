#include "ui/widgets/charts.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/widgets/probe.hpp"
#include "ui/widgets/style.hpp"

namespace auditsim::ui {

unsigned series_colour(size_t i) {
  static const ImVec4 colours[] = {{0.16f, 0.42f, 0.70f, 1}, {0.85f, 0.45f, 0.15f, 1},
                                   {0.30f, 0.62f, 0.35f, 1}, {0.58f, 0.35f, 0.70f, 1},
                                   {0.75f, 0.25f, 0.35f, 1}, {0.20f, 0.60f, 0.65f, 1}};
  return to_u32(colours[i % (sizeof colours / sizeof colours[0])]);
}

RadarSeries radar_series(std::string name, const Result& r) {
  RadarSeries out;
  out.name = std::move(name);
  for (int i = 0; i < kPillarCount; ++i) {
    out.percent[i] = static_cast<float>(r.pillars[i].percent);
    out.assessed[i] = r.pillars[i].assessed;
  }
  return out;
}

void radar_chart(const std::vector<RadarSeries>& series, float size) {
  const Palette& pal = palette();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float fs = ImGui::GetFontSize();
  const ImVec2 c(p0.x + size * 0.5f, p0.y + size * 0.5f);
  const float r = size * 0.5f - fs * 4.4f;
  // Axes point up (Pursue), right (Prevent), down (Protect), left (Prepare).
  auto axis = [&](int i, float frac) {
    const float a = -static_cast<float>(M_PI) / 2 + i * static_cast<float>(M_PI) / 2;
    return ImVec2(c.x + std::cos(a) * r * frac, c.y + std::sin(a) * r * frac);
  };
  for (int ring = 1; ring <= 4; ++ring) {
    ImVec2 pts[4];
    for (int i = 0; i < 4; ++i) pts[i] = axis(i, ring / 4.0f);
    dl->AddPolyline(pts, 4, to_u32(pal.border), ImDrawFlags_Closed, 1.0f);
  }
  for (int i = 0; i < 4; ++i) {
    dl->AddLine(c, axis(i, 1.0f), to_u32(pal.border));
    const char* name = pillar_name(kPillars[i]);
    const ImVec2 ts = ImGui::CalcTextSize(name);
    ImVec2 lp = axis(i, 1.0f);
    lp.x += (i == 1 ? fs * 0.4f : i == 3 ? -ts.x - fs * 0.4f : -ts.x * 0.5f);
    lp.y += (i == 0 ? -ts.y - fs * 0.3f : i == 2 ? fs * 0.3f : -ts.y * 0.5f);
    dl->AddText(lp, to_u32(pillar_colour(kPillars[i])), name);
  }
  for (size_t s = 0; s < series.size(); ++s) {
    ImVec2 pts[4];
    for (int i = 0; i < 4; ++i)
      pts[i] = axis(i, series[s].assessed[i] ? std::clamp(series[s].percent[i] / 100.0f, 0.0f, 1.0f) : 0.0f);
    const ImU32 col = series_colour(s);
    const ImU32 fill = (col & 0x00FFFFFF) | (0x40u << 24);
    dl->AddConvexPolyFilled(pts, 4, fill);
    dl->AddPolyline(pts, 4, col, ImDrawFlags_Closed, 2.5f);
    for (const ImVec2& p : pts) dl->AddCircleFilled(p, 3.5f, col);
  }
  ImGui::Dummy(ImVec2(size, size));
}

void pillar_bars(const Result& r, float width) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = fs * 5.5f, value_w = fs * 7.5f;
  const float bar_w = std::max(fs * 4, width - label_w - value_w);
  for (Pillar p : kPillars) {
    const PillarResult& pr = r.pillars[static_cast<int>(p)];
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    dl->AddText(p0, to_u32(pal.text), pillar_name(p));
    const ImVec2 b0(p0.x + label_w, p0.y + fs * 0.15f), b1(b0.x + bar_w, p0.y + fs * 1.05f);
    dl->AddRectFilled(b0, b1, to_u32(pal.surface_alt), 4);
    char val[48];
    if (pr.assessed) {
      dl->AddRectFilled(b0, ImVec2(b0.x + bar_w * static_cast<float>(pr.percent / 100.0), b1.y),
                        to_u32(pillar_colour(p)), 4);
      snprintf(val, sizeof val, "%.0f%%  (%lld of %lld)", pr.percent, static_cast<long long>(pr.raw),
               static_cast<long long>(pr.max));
    } else {
      snprintf(val, sizeof val, "not assessed");
    }
    dl->AddText(ImVec2(b1.x + fs * 0.6f, p0.y), to_u32(pr.assessed ? pal.text : pal.muted), val);
    ImGui::Dummy(ImVec2(width, fs * 1.5f));
    if (Probe* pb = active_probe()) pb->record_text(std::string(pillar_name(p)) + " " + val);
  }
}

}  // namespace auditsim::ui
