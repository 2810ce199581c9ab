// The event charts of the Results screen: bars per team, the spread of a pillar across sessions,
// counts (exercise ratings, outcomes) and fraction bars (most-missed key actions).
#include <algorithm>
#include <cstdio>

#include "ui/widgets/charts.hpp"
#include "ui/widgets/probe.hpp"
#include "ui/widgets/style.hpp"

namespace auditsim::ui {

namespace {

void probe_text(const std::string& t) {
  if (Probe* p = active_probe()) p->record_text(t);
}

}  // namespace

void series_legend(const std::vector<RadarSeries>& series, float width) {
  const float fs = ImGui::GetFontSize();
  const float x0 = ImGui::GetCursorPosX();
  for (size_t i = 0; i < series.size(); ++i) {
    const float w = fs * 1.3f + ImGui::CalcTextSize(series[i].name.c_str()).x;
    if (i > 0) {
      ImGui::SameLine(0, fs);
      if (ImGui::GetCursorPosX() + w > x0 + width) ImGui::NewLine();
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + fs * 0.2f),
                                              ImVec2(p.x + fs * 0.8f, p.y + fs), series_colour(i), 2);
    ImGui::Dummy(ImVec2(fs * 1.1f, fs));
    ImGui::SameLine(0, fs * 0.2f);
    ImGui::TextUnformatted(series[i].name.c_str());
    probe_text(series[i].name);
  }
}

void grouped_pillar_bars(const std::vector<RadarSeries>& teams, float width) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = fs * 5.5f, value_w = fs * 3.5f;
  const float bar_w = std::max(fs * 4, width - label_w - value_w);
  const float bar_h = std::clamp(fs * 2.4f / std::max<size_t>(1, teams.size()), fs * 0.35f, fs * 0.9f);
  for (int p = 0; p < kPillarCount; ++p) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    dl->AddText(p0, to_u32(pillar_colour(kPillars[p])), pillar_name(kPillars[p]));
    float y = p0.y;
    for (size_t t = 0; t < teams.size(); ++t) {
      const ImVec2 b0(p0.x + label_w, y), b1(b0.x + bar_w, y + bar_h);
      dl->AddRectFilled(b0, b1, to_u32(pal.surface_alt), 2);
      char val[24];
      if (teams[t].assessed[p]) {
        const float f = std::clamp(teams[t].percent[p] / 100.0f, 0.0f, 1.0f);
        dl->AddRectFilled(b0, ImVec2(b0.x + bar_w * f, b1.y), series_colour(t), 2);
        std::snprintf(val, sizeof val, "%.0f%%", teams[t].percent[p]);
      } else {
        std::snprintf(val, sizeof val, "n/a");
      }
      if (bar_h >= fs * 0.6f || teams.size() <= 4)
        dl->AddText(ImGui::GetFont(), fs * std::min(1.0f, bar_h / fs + 0.15f),
                    ImVec2(b1.x + fs * 0.4f, y), to_u32(pal.muted), val);
      y += bar_h + 2;
    }
    ImGui::Dummy(ImVec2(width, std::max(fs * 1.2f, y - p0.y) + fs * 0.5f));
  }
}

void spread_chart(const std::array<reports::ScrutinyReport::PillarSpread, kPillarCount>& spread,
                  float width) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_w = fs * 5.5f, value_w = fs * 10.5f;
  const float bar_w = std::max(fs * 4, width - label_w - value_w);
  for (const auto& sp : spread) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImU32 col = to_u32(pillar_colour(sp.pillar));
    dl->AddText(p0, to_u32(pal.text), pillar_name(sp.pillar));
    const float y = p0.y + fs * 0.6f, x0 = p0.x + label_w;
    dl->AddRectFilled(ImVec2(x0, y - fs * 0.12f), ImVec2(x0 + bar_w, y + fs * 0.12f),
                      to_u32(pal.surface_alt), fs);
    for (int q = 1; q < 4; ++q)  // quarter marks: 25, 50, 75 %
      dl->AddLine(ImVec2(x0 + bar_w * q / 4, y - fs * 0.35f), ImVec2(x0 + bar_w * q / 4, y + fs * 0.35f),
                  to_u32(pal.border));
    char val[64];
    if (sp.assessed > 0) {
      auto at = [&](double pct) { return x0 + bar_w * static_cast<float>(std::clamp(pct, 0.0, 100.0) / 100.0); };
      dl->AddRectFilled(ImVec2(at(sp.min), y - fs * 0.22f), ImVec2(at(sp.max), y + fs * 0.22f),
                        to_u32(pillar_colour(sp.pillar), 0.35f), fs);
      for (double v : sp.percents) dl->AddCircleFilled(ImVec2(at(v), y), fs * 0.2f, col);
      const float mx = at(sp.mean);
      dl->AddRectFilled(ImVec2(mx - 2, y - fs * 0.5f), ImVec2(mx + 2, y + fs * 0.5f), to_u32(pal.text));
      std::snprintf(val, sizeof val, "mean %.0f%%  (%.0f\xE2\x80\x93%.0f%%)", sp.mean, sp.min, sp.max);
    } else {
      std::snprintf(val, sizeof val, "not assessed");
    }
    dl->AddText(ImVec2(x0 + bar_w + fs * 0.6f, p0.y), to_u32(sp.assessed ? pal.text : pal.muted), val);
    ImGui::Dummy(ImVec2(width, fs * 1.6f));
    probe_text(std::string(pillar_name(sp.pillar)) + " " + val);
  }
}

void count_bars(const std::vector<std::pair<std::string, int>>& rows,
                const std::vector<ImVec4>& colours, float width) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float label_w = fs * 4;
  int most = 1;
  for (const auto& [label, n] : rows) {
    label_w = std::max(label_w, ImGui::CalcTextSize(label.c_str()).x + fs * 0.8f);
    most = std::max(most, n);
  }
  const float bar_w = std::max(fs * 3, width - label_w - fs * 2.5f);
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [label, n] = rows[i];
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    dl->AddText(p0, to_u32(pal.text), label.c_str());
    const ImVec2 b0(p0.x + label_w, p0.y + fs * 0.15f);
    const float w = bar_w * static_cast<float>(n) / static_cast<float>(most);
    const ImVec4 c = colours.empty() ? pal.accent : colours[i % colours.size()];
    dl->AddRectFilled(b0, ImVec2(b0.x + std::max(2.0f, w), p0.y + fs * 1.05f), to_u32(c), 3);
    const std::string count = std::to_string(n);
    dl->AddText(ImVec2(b0.x + std::max(2.0f, w) + fs * 0.4f, p0.y), to_u32(pal.text), count.c_str());
    ImGui::Dummy(ImVec2(width, fs * 1.4f));
    probe_text(label + " " + count);
  }
}

void fraction_bar(float fraction, const char* label, const ImVec4& colour, float width) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 p1(p0.x + width, p0.y + fs * 1.3f);
  dl->AddRectFilled(p0, p1, to_u32(pal.surface_alt), 3);
  dl->AddRectFilled(p0, ImVec2(p0.x + width * std::clamp(fraction, 0.0f, 1.0f), p1.y),
                    to_u32(colour, 0.45f), 3);
  dl->PushClipRect(p0, p1, true);
  dl->AddText(ImVec2(p0.x + fs * 0.4f, p0.y + fs * 0.15f), to_u32(pal.text), label);
  dl->PopClipRect();
  ImGui::Dummy(ImVec2(width, fs * 1.3f));
  probe_text(label);
}

}  // namespace auditsim::ui
