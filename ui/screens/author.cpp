// Author: the scenario map as a layered graph (zoom, pan, select a node to read it), the
// validator's diagnostics, "play from this node" and hot reload when the file changes.
#include <imgui.h>

#include "reports/render_text.hpp"
#include "ui/app/app.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/markdown.hpp"
#include "ui/widgets/scenario_map.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

void draw_node(App& app, const Scenario& s, int n) {
  const Node& node = s.nodes.at(n);
  const float fs = ImGui::GetFontSize();
  heading(node.title.empty() ? node.id.c_str() : node.title.c_str(), 2);
  muted_text(("id: " + node.id + "  \xC2\xB7  line " + std::to_string(node.pos.line) +
              (node.time_limit_seconds > 0 ? "  \xC2\xB7  " + std::to_string(node.time_limit_seconds) + " s" : ""))
                 .c_str());
  if (primary_button("Play from this node", ImVec2(0, fs * 2.0f), !node.is_ending())) {
    auto copy = std::make_shared<Scenario>(s);
    copy->start = n;
    // A rehearsal from the middle is not a real session: it is not recorded.
    app.start_play(copy, SessionSetup{}, /*record=*/false);
  }
  gap(0.3f);
  markdown(node.text);
  if (node.ending) {
    gap(0.3f);
    heading("Ending", 3);
    markdown(node.ending->debrief);
  }
  for (size_t c = 0; c < node.choices.size(); ++c) {
    const Choice& ch = node.choices[c];
    gap(0.3f);
    text_wrapped((std::to_string(c + 1) + ". " + ch.text).c_str());
    const auto node_id = [&](int to) { return to >= 0 ? s.nodes[to].id : std::string("?"); };
    std::string meta = "\xE2\x86\x92 ";
    for (const NextBranch& b : ch.branches) meta += node_id(b.node) + " when " + b.when.text() + "; ";
    meta += (ch.branches.empty() ? "" : "otherwise ") + node_id(ch.next);
    if (ch.score != Score4{}) meta += "  " + reports::text::score_text(ch.score);
    if (!ch.when.empty()) meta += "  when: " + ch.when.text();
    muted_text(meta.c_str());
  }
}

}  // namespace

void draw_author(App& app) {
  AuthorState& a = app.author();
  auto& lib = app.library();
  const float fs = ImGui::GetFontSize();
  heading("Author", 1);
  std::vector<std::string> titles;
  std::vector<const char*> items;
  int cur = -1;
  for (size_t i = 0; i < lib.entries().size(); ++i) {
    titles.push_back(lib.entries()[i].display_title());
    if (lib.entries()[i].path == a.path) cur = static_cast<int>(i);
  }
  for (auto& t : titles) items.push_back(t.c_str());
  if (cur < 0 && !lib.entries().empty()) {
    cur = app.library().selected >= 0 ? app.library().selected : 0;
    a.path = lib.entries()[cur].path;
  }
  ImGui::SetNextItemWidth(fs * 26);
  if (combo("##author-scenario", &cur, items) && cur >= 0) {
    a.path = lib.entries()[cur].path;
    a.selected_node = -1;
  }
  ImGui::SameLine();
  muted_text("Saved changes to the file appear here within a second.");
  if (cur < 0) {
    muted_text("No scenarios in the library.");
    return;
  }
  const LibraryEntry& e = lib.entries()[cur];
  if (!e.result.scenario) {
    coloured_text(palette().bad, "This file does not load; fix the errors below.");
    for (const auto& d : e.result.diagnostics) coloured_text(palette().bad, format_diagnostic(d).c_str());
    return;
  }
  const Scenario& s = *e.result.scenario;
  a.update(s);
  if (a.selected_node < 0) a.selected_node = s.start;
  const float diag_h = e.result.diagnostics.empty() ? fs * 2.2f : fs * 7.0f;
  const float map_w = ImGui::GetContentRegionAvail().x * 0.66f;
  const float h = ImGui::GetContentRegionAvail().y - diag_h;
  ImGui::BeginGroup();
  MapView& view = a.view;
  scenario_map("##author-map", s, a.layout, {}, &a.selected_node, view,
               ImVec2(map_w, h - ImGui::GetFrameHeightWithSpacing()));
  if (button("Zoom in")) zoom_map(view, 1.25f, view.width * 0.5f, view.height * 0.5f, view.width, view.height);
  ImGui::SameLine();
  if (button("Zoom out", ImVec2(0, 0), view.zoom > kMinMapZoom))
    zoom_map(view, 1 / 1.25f, view.width * 0.5f, view.height * 0.5f, view.width, view.height);
  ImGui::SameLine();
  if (button("Fit", ImVec2(0, 0), view.zoom != 1 || view.pan_x != 0 || view.pan_y != 0)) view = MapView{};
  ImGui::SameLine();
  muted_text("Drag to pan, scroll to zoom, click a stage to read it.");
  ImGui::EndGroup();
  ImGui::SameLine(0, fs);
  ImGui::BeginChild("##author-node", ImVec2(0, h), false);
  if (a.selected_node >= 0 && a.selected_node < static_cast<int>(s.nodes.size())) draw_node(app, s, a.selected_node);
  else muted_text("Select a stage on the map.");
  ImGui::EndChild();
  ImGui::BeginChild("##author-diag", ImVec2(0, 0), false);
  if (e.result.diagnostics.empty()) coloured_text(palette().ok, "The validator found no problems.");
  for (const auto& d : e.result.diagnostics) {
    const ImVec4 c = d.severity == Severity::Error ? palette().bad
                     : d.severity == Severity::Warning ? palette().warn
                                                       : palette().muted;
    coloured_text(c, format_diagnostic(d).c_str());
  }
  ImGui::EndChild();
}

}  // namespace auditsim::ui
