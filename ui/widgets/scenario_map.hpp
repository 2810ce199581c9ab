// The scenario map: the layered graph of stages with zoom and pan, the path taken highlighted
// and a node selectable by clicking.
#pragma once

#include <vector>

#include <imgui.h>

#include "sim/model.hpp"
#include "ui/controllers/map_layout.hpp"

namespace auditsim::ui {

// Zoom and pan of one map view.
struct MapView {
  float zoom = 1.0f;
  float pan_x = 0, pan_y = 0;
};

// Draws the map in a child region of `size`. `path` lists node indices visited in order (drawn
// highlighted); `selected` is updated when a node is clicked. Returns true when it changed.
bool scenario_map(const char* id, const Scenario& s, const MapLayout& m,
                  const std::vector<int>& path, int* selected, MapView& view, ImVec2 size);

}  // namespace auditsim::ui
