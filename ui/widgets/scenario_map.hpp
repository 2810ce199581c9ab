// The scenario map: the layered graph of stages fitted to its area, with zoom (wheel, about the
// pointer) and pan (drag), the path taken highlighted, the selected stage's choices highlighted,
// each stage's title in its box and the full title on hover.
#pragma once

#include <vector>

#include <imgui.h>

#include "sim/model.hpp"
#include "ui/controllers/map_layout.hpp"

namespace auditsim::ui {

// Draws the map in a child region of `size`. `path` lists node indices visited in order (drawn
// highlighted); `selected` is updated when a node is clicked. Returns true when it changed.
bool scenario_map(const char* id, const Scenario& s, const MapLayout& m,
                  const std::vector<int>& path, int* selected, MapView& view, ImVec2 size);

}  // namespace auditsim::ui
