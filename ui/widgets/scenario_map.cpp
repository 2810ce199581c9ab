#include "ui/widgets/scenario_map.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "ui/widgets/probe.hpp"
#include "ui/widgets/style.hpp"

namespace auditsim::ui {

bool scenario_map(const char* id, const Scenario& s, const MapLayout& m,
                  const std::vector<int>& path, int* selected, MapView& view, ImVec2 size) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.surface);
  ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 area = ImGui::GetContentRegionAvail();
  ImGui::InvisibleButton("##canvas", area);
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  if (hovered && io.MouseWheel != 0)
    view.zoom = std::clamp(view.zoom * (io.MouseWheel > 0 ? 1.1f : 1 / 1.1f), 0.3f, 3.0f);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f)) {
    view.pan_x += io.MouseDelta.x;
    view.pan_y += io.MouseDelta.y;
  }
  // One layout unit is a node's width; fit the whole map at zoom 1.
  const float unit_fit = std::min((area.x - fs * 2) / std::max(1.0f, m.width),
                                  (area.y - fs * 2) / std::max(0.5f, m.height) * 0.5f * 2);
  const float unit = std::clamp(unit_fit, fs * 3.5f, fs * 12) * view.zoom;
  const ImVec2 base(origin.x + fs + view.pan_x +
                        std::max(0.0f, (area.x - fs * 2 - m.width * unit) * 0.5f),
                    origin.y + fs + view.pan_y +
                        std::max(0.0f, (area.y - fs * 2 - m.height * unit) * 0.5f));
  auto centre = [&](int n) { return ImVec2(base.x + m.nodes[n].x * unit, base.y + m.nodes[n].y * unit); };
  const ImVec2 half(unit * 0.5f, unit * 0.22f);
  std::set<std::pair<int, int>> taken;
  for (size_t i = 1; i < path.size(); ++i) taken.insert({path[i - 1], path[i]});
  std::set<int> visited(path.begin(), path.end());
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + area.x, origin.y + area.y), true);
  for (const auto& e : m.edges) {
    const bool on_path = taken.count({e.from, e.to}) > 0;
    ImVec2 a = centre(e.from), b = centre(e.to);
    a.x += half.x;
    b.x -= half.x;
    const float dx = std::max(unit * 0.3f, (b.x - a.x) * 0.5f);
    const ImU32 col = on_path ? to_u32(pal.accent) : to_u32(pal.border, 1.4f);
    dl->AddBezierCubic(a, ImVec2(a.x + dx, a.y), ImVec2(b.x - dx, b.y), b, col, on_path ? 3.0f : 1.2f);
    dl->AddTriangleFilled(b, ImVec2(b.x - 7, b.y - 4), ImVec2(b.x - 7, b.y + 4), col);
  }
  bool changed = false;
  ImFont* small = fonts().small ? fonts().small : ImGui::GetFont();
  const float tsz = std::clamp(small->FontSize * view.zoom, small->FontSize * 0.6f, small->FontSize * 1.6f);
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    const Node& node = s.nodes[n];
    const ImVec2 c = centre(static_cast<int>(n));
    const ImVec2 a(c.x - half.x, c.y - half.y), b(c.x + half.x, c.y + half.y);
    const bool sel = selected && *selected == static_cast<int>(n);
    const bool on = visited.count(static_cast<int>(n)) > 0;
    ImVec4 fill = pal.surface_alt;
    if (node.is_ending()) {
      const Outcome o = node.ending->outcome;
      fill = o == Outcome::Good ? pal.ok : o == Outcome::Poor ? pal.bad : pal.warn;
      fill.w = 0.25f;
    }
    dl->AddRectFilled(a, b, to_u32(fill), 6);
    dl->AddRect(a, b, to_u32(sel ? pal.accent : on ? pal.accent : pal.border), 6, 0,
                sel ? 3.0f : on ? 2.0f : 1.0f);
    if (static_cast<int>(n) == s.start) dl->AddCircleFilled(ImVec2(a.x + 6, a.y + 6), 3.5f, to_u32(pal.accent));
    const std::string& label = node.title.empty() ? node.id : node.title;
    dl->PushClipRect(ImVec2(a.x + 4, a.y), ImVec2(b.x - 4, b.y), true);
    const ImVec2 ts = small->CalcTextSizeA(tsz, FLT_MAX, half.x * 2 - 10, label.c_str());
    dl->AddText(small, tsz, ImVec2(a.x + 6, c.y - std::min(ts.y, half.y * 2) * 0.5f), to_u32(pal.text),
                label.c_str(), nullptr, half.x * 2 - 10);
    dl->PopClipRect();
    if (hovered && ImGui::IsMouseReleased(ImGuiMouseButton_Left) && !ImGui::IsMouseDragging(ImGuiMouseButton_Left) &&
        io.MousePos.x >= a.x && io.MousePos.x <= b.x && io.MousePos.y >= a.y && io.MousePos.y <= b.y &&
        selected) {
      *selected = static_cast<int>(n);
      changed = true;
    }
    if (Probe* p = active_probe()) p->record_text("map node " + node.id);
  }
  dl->PopClipRect();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  return changed;
}

}  // namespace auditsim::ui
