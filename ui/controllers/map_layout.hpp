// The scenario map as a layered graph: nodes in columns by their depth from the start, ordered
// within a column to keep edges short. Pure geometry in abstract units; the widget scales it.
#pragma once

#include <vector>

#include "sim/model.hpp"

namespace auditsim::ui {

struct MapLayout {
  struct Place {
    int layer = 0;  // column: longest distance from the start (unreachable nodes: last column)
    int slot = 0;   // row within the column
    float x = 0, y = 0;  // centre, in layout units (one unit = one node width)
  };
  struct Edge {
    int from = -1, to = -1;  // node indices
    int choice = -1;         // choice index within `from`
  };
  std::vector<Place> nodes;  // indexed like Scenario::nodes
  std::vector<Edge> edges;
  int layers = 0;
  int max_slots = 0;
  float width = 0, height = 0;  // extent in layout units
};

// Lays out the scenario's node graph. Tolerates cycles and unreachable nodes (authors see maps
// of scenarios that do not yet pass the checker).
MapLayout layout_scenario(const Scenario& s);

}  // namespace auditsim::ui
