// The scenario map as a layered graph: nodes in layers by their depth from the start, ordered
// within a layer to keep edges short; then fitted to an area on screen, running left to right or
// top to bottom, whichever gives larger, more readable boxes. Pure geometry, no ImGui.
#pragma once

#include <vector>

#include "sim/model.hpp"

namespace auditsim::ui {

struct MapLayout {
  struct Place {
    int layer = 0;  // longest distance from the start (unreachable nodes: the last layer)
    int slot = 0;   // position within the layer
    float row = 0;  // position across layers, centred against the fullest layer (0..max_slots-1)
  };
  struct Edge {
    int from = -1, to = -1;  // node indices
    int choice = -1;         // choice index within `from`
  };
  std::vector<Place> nodes;  // indexed like Scenario::nodes
  std::vector<Edge> edges;
  int layers = 0;
  int max_slots = 0;
};

// Lays out the scenario's node graph. Tolerates cycles and unreachable nodes (authors see maps
// of scenarios that do not yet pass the checker).
MapLayout layout_scenario(const Scenario& s);

// Zoom and pan of one map view: zoom 1 and no pan fits the whole map in its area.
struct MapView {
  float zoom = 1.0f;
  float pan_x = 0, pan_y = 0;  // pixels
  float width = 0, height = 0;  // the area it was last drawn in (zoom buttons zoom about its centre)
};
inline constexpr float kMinMapZoom = 1.0f;
inline constexpr float kMaxMapZoom = 6.0f;

// A rectangle in pixels relative to the map area's top-left corner.
struct MapRect {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float cx() const { return (x0 + x1) * 0.5f; }
  float cy() const { return (y0 + y1) * 0.5f; }
  bool contains(float x, float y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
};

// Where each node's box goes in an area of `width` x `height` pixels, for text `line` pixels
// high. Layers run left to right unless top to bottom gives larger boxes (long, narrow
// scenarios); at zoom 1 every box lies inside the area.
struct MapGeometry {
  bool vertical = false;  // layers run top to bottom
  float node_w = 0, node_h = 0;
  std::vector<MapRect> boxes;  // indexed like MapLayout::nodes
};
MapGeometry fit_map(const MapLayout& m, float width, float height, float line, const MapView& view);

// Zooms by `factor` about the point (x, y) of the area, keeping the map point under it in place,
// then keeps at least a fifth of the map in view.
void zoom_map(MapView& view, float factor, float x, float y, float width, float height);
// Moves the map by (dx, dy) pixels, keeping at least a fifth of it in view.
void pan_map(MapView& view, float dx, float dy, float width, float height);

}  // namespace auditsim::ui
