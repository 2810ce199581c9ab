#include "ui/widgets/scenario_map.hpp"

#include <algorithm>
#include <cmath>
#include <cfloat>
#include <map>
#include <set>
#include <string>

#include "ui/widgets/probe.hpp"
#include "ui/widgets/style.hpp"

namespace auditsim::ui {

namespace {

// The longest prefix of [b, e) that, followed by an ellipsis, fits `max_w`; never splits a
// UTF-8 sequence.
std::string ellipsize(ImFont* font, float size, const char* b, const char* e, float max_w) {
  if (font->CalcTextSizeA(size, FLT_MAX, 0, b, e).x <= max_w) return std::string(b, e);
  const float dots = font->CalcTextSizeA(size, FLT_MAX, 0, "\xE2\x80\xA6").x;
  const char* cut = e;
  while (cut > b) {
    --cut;
    while (cut > b && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80) --cut;
    if (font->CalcTextSizeA(size, FLT_MAX, 0, b, cut).x + dots <= max_w) break;
  }
  while (cut > b && cut[-1] == ' ') --cut;
  return std::string(b, cut) + "\xE2\x80\xA6";
}

// The stage's title inside its box: as many wrapped lines as the box holds, the last one cut
// with an ellipsis when the title is longer.
void draw_label(ImDrawList* dl, ImFont* font, float size, ImVec2 a, ImVec2 b, const std::string& text,
                ImU32 colour) {
  const float pad = size * 0.4f;
  const float max_w = b.x - a.x - 2 * pad;
  const float line_h = size * 1.15f;
  const int lines = std::min(3, static_cast<int>((b.y - a.y - pad * 0.5f) / line_h));
  if (lines < 1 || max_w < size * 1.5f) return;
  std::vector<std::string> out;
  const char* p = text.c_str();
  const char* end = p + text.size();
  while (p < end && static_cast<int>(out.size()) < lines) {
    if (static_cast<int>(out.size()) == lines - 1) {
      out.push_back(ellipsize(font, size, p, end, max_w));
      break;
    }
    const char* wrap = font->CalcWordWrapPositionA(size / font->FontSize, p, end, max_w);
    if (wrap == p) wrap = p + 1;  // a single glyph wider than the box
    while (wrap > p && (static_cast<unsigned char>(*wrap) & 0xC0) == 0x80) --wrap;
    out.emplace_back(p, wrap);
    p = wrap;
    while (p < end && *p == ' ') ++p;
  }
  const float top = (a.y + b.y) * 0.5f - line_h * static_cast<float>(out.size()) * 0.5f;
  dl->PushClipRect(a, b, true);
  for (size_t i = 0; i < out.size(); ++i)
    dl->AddText(font, size, ImVec2(a.x + pad, top + line_h * static_cast<float>(i) + size * 0.07f),
                colour, out[i].c_str());
  dl->PopClipRect();
}

}  // namespace

bool scenario_map(const char* id, const Scenario& s, const MapLayout& m,
                  const std::vector<int>& path, int* selected, MapView& view, ImVec2 size) {
  const Palette& pal = palette();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.surface);
  ImGui::BeginChild(id, size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 area = ImGui::GetContentRegionAvail();
  ImGui::InvisibleButton("##canvas", ImVec2(std::max(1.0f, area.x), std::max(1.0f, area.y)));
  const bool hovered = ImGui::IsItemHovered();
  ImGuiIO& io = ImGui::GetIO();
  view.width = area.x;
  view.height = area.y;
  if (hovered && io.MouseWheel != 0)
    zoom_map(view, io.MouseWheel > 0 ? 1.2f : 1 / 1.2f, io.MousePos.x - origin.x, io.MousePos.y - origin.y,
             area.x, area.y);
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 2.0f))
    pan_map(view, io.MouseDelta.x, io.MouseDelta.y, area.x, area.y);

  ImFont* small = fonts().small ? fonts().small : ImGui::GetFont();
  const MapGeometry g = fit_map(m, area.x, area.y, small->FontSize, view);
  const float tsz = std::clamp(g.node_h * 0.4f, small->FontSize * 0.8f, small->FontSize * 1.3f);
  auto box_min = [&](int n) { return ImVec2(origin.x + g.boxes[n].x0, origin.y + g.boxes[n].y0); };
  auto box_max = [&](int n) { return ImVec2(origin.x + g.boxes[n].x1, origin.y + g.boxes[n].y1); };
  std::set<std::pair<int, int>> taken;
  for (size_t i = 1; i < path.size(); ++i) taken.insert({path[i - 1], path[i]});
  std::set<int> visited(path.begin(), path.end());
  // Each stage on the path is numbered in the order it was reached (its first visit).
  std::map<int, int> step_of;
  for (int n : path) step_of.emplace(n, static_cast<int>(step_of.size()) + 1);
  const int sel = selected ? *selected : -1;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->PushClipRect(origin, ImVec2(origin.x + area.x, origin.y + area.y), true);

  // Edges: from the side of a box facing the next layer to the facing side of the target. The
  // selected stage's choices (in and out) and the path taken are drawn last, on top.
  for (int pass = 0; pass < 2; ++pass)
    for (const auto& e : m.edges) {
      const bool on_path = taken.count({e.from, e.to}) > 0;
      const bool of_selected = e.from == sel || e.to == sel;
      if ((on_path || of_selected) != (pass == 1)) continue;
      const ImVec2 fa = box_min(e.from), fb = box_max(e.from), ta = box_min(e.to), tb = box_max(e.to);
      ImVec2 a, b, ca, cb;
      if (g.vertical) {
        a = ImVec2((fa.x + fb.x) * 0.5f, fb.y);
        b = ImVec2((ta.x + tb.x) * 0.5f, ta.y);
        const float d = std::max(4.0f, std::fabs(b.y - a.y) * 0.5f);
        ca = ImVec2(a.x, a.y + d), cb = ImVec2(b.x, b.y - d);
      } else {
        a = ImVec2(fb.x, (fa.y + fb.y) * 0.5f);
        b = ImVec2(ta.x, (ta.y + tb.y) * 0.5f);
        const float d = std::max(8.0f, std::fabs(b.x - a.x) * 0.5f);
        ca = ImVec2(a.x + d, a.y), cb = ImVec2(b.x - d, b.y);
      }
      ImU32 col = to_u32(pal.border, sel >= 0 ? 1.0f : 1.4f);
      float thick = 1.2f;
      if (on_path) col = to_u32(pal.accent), thick = 3.0f;
      if (of_selected) col = to_u32(e.from == sel ? pal.accent : pal.warn), thick = 2.6f;
      dl->AddBezierCubic(a, ca, cb, b, col, thick);
      if (g.vertical) dl->AddTriangleFilled(b, ImVec2(b.x - 4, b.y - 7), ImVec2(b.x + 4, b.y - 7), col);
      else dl->AddTriangleFilled(b, ImVec2(b.x - 7, b.y - 4), ImVec2(b.x - 7, b.y + 4), col);
    }

  bool changed = false;
  int hover_node = -1;
  for (size_t n = 0; n < s.nodes.size() && n < g.boxes.size(); ++n) {
    const Node& node = s.nodes[n];
    const int ni = static_cast<int>(n);
    const ImVec2 a = box_min(ni), b = box_max(ni);
    const bool is_sel = ni == sel;
    const bool on = visited.count(ni) > 0;
    ImVec4 fill = pal.surface_alt;
    if (node.is_ending()) {
      const Outcome o = node.ending->outcome;
      fill = o == Outcome::Good ? pal.ok : o == Outcome::Poor ? pal.bad : pal.warn;
      fill.w = 0.25f;
    }
    const float round = std::min(6.0f, g.node_h * 0.25f);
    dl->AddRectFilled(a, b, to_u32(fill), round);
    dl->AddRect(a, b, to_u32(is_sel || on ? pal.accent : pal.border), round, 0,
                is_sel ? 3.0f : on ? 2.0f : 1.0f);
    draw_label(dl, small, tsz, a, b, node.title.empty() ? node.id : node.title, to_u32(pal.text));
    if (auto step = step_of.find(ni); step != step_of.end()) {
      // The step's number in a disc on the box's corner, so the path reads in order.
      const std::string num = std::to_string(step->second);
      const ImVec2 ns = small->CalcTextSizeA(tsz, FLT_MAX, 0, num.c_str());
      const float r = std::max(ns.x, ns.y) * 0.5f + 2.0f;
      const ImVec2 c(a.x + r * 0.6f, a.y + r * 0.6f);
      dl->AddCircleFilled(c, r, to_u32(pal.accent), 16);
      dl->AddText(small, tsz, ImVec2(c.x - ns.x * 0.5f, c.y - ns.y * 0.5f), to_u32(pal.accent_text), num.c_str());
      if (Probe* p = active_probe()) p->record_text("map step " + num + " " + node.id);
    } else if (ni == s.start) {
      dl->AddCircleFilled(ImVec2(a.x + 5, a.y + 5), 3.0f, to_u32(pal.accent));
    }
    if (hovered && io.MousePos.x >= a.x && io.MousePos.x <= b.x && io.MousePos.y >= a.y && io.MousePos.y <= b.y)
      hover_node = ni;
    if (Probe* p = active_probe()) p->record_text("map node " + node.id);
  }
  dl->PopClipRect();
  if (hover_node >= 0) {
    const Node& node = s.nodes[hover_node];
    ImGui::SetTooltip("%s\n%s", node.title.empty() ? node.id.c_str() : node.title.c_str(), node.id.c_str());
    if (selected && ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).x == 0 &&
        ImGui::GetMouseDragDelta(ImGuiMouseButton_Left).y == 0) {
      *selected = hover_node;
      changed = true;
    }
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
  return changed;
}

}  // namespace auditsim::ui
