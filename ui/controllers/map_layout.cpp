#include "ui/controllers/map_layout.hpp"

#include <algorithm>
#include <numeric>
#include <queue>

namespace auditsim::ui {

MapLayout layout_scenario(const Scenario& s) {
  MapLayout m;
  const int n = static_cast<int>(s.nodes.size());
  m.nodes.resize(n);
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < static_cast<int>(s.nodes[i].choices.size()); ++c) {
      // A conditional `next` draws one edge per node it can lead to.
      std::vector<int> drawn;
      s.nodes[i].choices[c].for_each_target([&](int to) {
        if (to < 0 || to >= n || std::find(drawn.begin(), drawn.end(), to) != drawn.end()) return;
        drawn.push_back(to);
        m.edges.push_back({i, to, c});
      });
    }
  if (n == 0) return m;

  // Longest-path layering over the DAG of reachable nodes; a back edge (a cycle) is ignored so
  // the layering still ends.
  std::vector<int> layer(n, -1), indeg(n, 0);
  std::vector<bool> reach(n, false);
  std::queue<int> q;
  const int start = s.start >= 0 && s.start < n ? s.start : 0;
  reach[start] = true;
  q.push(start);
  while (!q.empty()) {
    int u = q.front();
    q.pop();
    for (const auto& e : m.edges)
      if (e.from == u && !reach[e.to]) reach[e.to] = true, q.push(e.to);
  }
  // Order nodes by BFS depth and drop edges that go back to a shallower-or-equal BFS depth.
  std::vector<int> depth(n, -1);
  depth[start] = 0;
  q.push(start);
  while (!q.empty()) {
    int u = q.front();
    q.pop();
    for (const auto& e : m.edges)
      if (e.from == u && depth[e.to] < 0) depth[e.to] = depth[u] + 1, q.push(e.to);
  }
  auto forward_or_cross = [&](const MapLayout::Edge& e) {
    return reach[e.from] && reach[e.to] && e.from != e.to && depth[e.to] >= depth[e.from] &&
           !(depth[e.to] == depth[e.from] && e.to < e.from);
  };
  for (const auto& e : m.edges)
    if (forward_or_cross(e)) ++indeg[e.to];
  layer[start] = 0;
  for (int i = 0; i < n; ++i)
    if (reach[i] && indeg[i] == 0) q.push(i), layer[i] = std::max(layer[i], 0);
  while (!q.empty()) {
    int u = q.front();
    q.pop();
    for (const auto& e : m.edges)
      if (e.from == u && forward_or_cross(e)) {
        layer[e.to] = std::max(layer[e.to], layer[u] + 1);
        if (--indeg[e.to] == 0) q.push(e.to);
      }
  }
  int max_layer = 0;
  for (int i = 0; i < n; ++i)
    if (reach[i]) max_layer = std::max(max_layer, std::max(layer[i], 0));
  for (int i = 0; i < n; ++i) {
    if (!reach[i]) layer[i] = max_layer + 1;
    else if (layer[i] < 0) layer[i] = depth[i];
  }
  m.layers = *std::max_element(layer.begin(), layer.end()) + 1;

  // Order each column by the mean row of its parents (one barycentre sweep).
  std::vector<std::vector<int>> cols(m.layers);
  for (int i = 0; i < n; ++i) cols[layer[i]].push_back(i);
  std::vector<float> row(n, 0);
  for (int l = 0; l < m.layers; ++l) {
    std::vector<float> key(n, 0);
    for (int v : cols[l]) {
      float sum = 0;
      int cnt = 0;
      for (const auto& e : m.edges)
        if (e.to == v && layer[e.from] < l) sum += row[e.from], ++cnt;
      key[v] = cnt ? sum / cnt : static_cast<float>(v);
    }
    std::stable_sort(cols[l].begin(), cols[l].end(),
                     [&](int a, int b) { return key[a] < key[b]; });
    for (size_t k = 0; k < cols[l].size(); ++k) row[cols[l][k]] = static_cast<float>(k);
    m.max_slots = std::max(m.max_slots, static_cast<int>(cols[l].size()));
  }
  // Centre each layer against the fullest one.
  for (int l = 0; l < m.layers; ++l) {
    const float offset = (m.max_slots - static_cast<float>(cols[l].size())) * 0.5f;
    for (size_t k = 0; k < cols[l].size(); ++k) {
      int v = cols[l][k];
      m.nodes[v].layer = l;
      m.nodes[v].slot = static_cast<int>(k);
      m.nodes[v].row = offset + static_cast<float>(k);
    }
  }
  return m;
}

namespace {

// Box sizes for one orientation: `along` pixels per layer, `across` pixels per slot.
struct Fit {
  float node_w = 0, node_h = 0, score = 0;
};

Fit fit_boxes(float along, float across, bool vertical, float line) {
  Fit f;
  if (vertical) {
    f.node_h = std::min(along * 0.66f, line * 2.7f);
    f.node_w = std::min(across * 0.9f, line * 16);
  } else {
    f.node_w = std::min(along * 0.74f, line * 16);
    f.node_h = std::min(across * 0.7f, line * 2.7f);
  }
  // Readable text needs width for words and height for a line or two; beyond that, size does not
  // help. Left to right reads most naturally, so it wins a near tie.
  f.score = std::min(f.node_w, line * 12) * std::min(f.node_h, line * 2.3f) * (vertical ? 1.0f : 1.2f);
  return f;
}

float clamp_pan(float pan, float content, float area) {
  // At least a fifth of the map stays in view.
  return std::clamp(pan, -content + area * 0.2f, area * 0.8f);
}

}  // namespace

MapGeometry fit_map(const MapLayout& m, float width, float height, float line, const MapView& view) {
  MapGeometry g;
  g.boxes.resize(m.nodes.size());
  if (m.nodes.empty() || width <= 0 || height <= 0) return g;
  const float layers = static_cast<float>(std::max(1, m.layers));
  const float slots = static_cast<float>(std::max(1, m.max_slots));
  const Fit lr = fit_boxes(width / layers, height / slots, false, line);
  const Fit tb = fit_boxes(height / layers, width / slots, true, line);
  g.vertical = tb.score > lr.score;
  const Fit& f = g.vertical ? tb : lr;
  const float z = view.zoom;
  g.node_w = f.node_w * z;
  g.node_h = f.node_h * z;
  const float along = (g.vertical ? height : width) / layers * z;
  const float across = (g.vertical ? width : height) / slots * z;
  for (size_t n = 0; n < m.nodes.size(); ++n) {
    const float a = (static_cast<float>(m.nodes[n].layer) + 0.5f) * along;
    const float c = (m.nodes[n].row + 0.5f) * across;
    const float cx = (g.vertical ? c : a) + view.pan_x;
    const float cy = (g.vertical ? a : c) + view.pan_y;
    g.boxes[n] = {cx - g.node_w * 0.5f, cy - g.node_h * 0.5f, cx + g.node_w * 0.5f, cy + g.node_h * 0.5f};
  }
  return g;
}

void zoom_map(MapView& view, float factor, float x, float y, float width, float height) {
  const float z = std::clamp(view.zoom * factor, kMinMapZoom, kMaxMapZoom);
  const float ratio = z / view.zoom;
  view.pan_x = clamp_pan(x - (x - view.pan_x) * ratio, width * z, width);
  view.pan_y = clamp_pan(y - (y - view.pan_y) * ratio, height * z, height);
  view.zoom = z;
  if (z == kMinMapZoom) view.pan_x = view.pan_y = 0;  // fully out: the fitted map
}

void pan_map(MapView& view, float dx, float dy, float width, float height) {
  view.pan_x = clamp_pan(view.pan_x + dx, width * view.zoom, width);
  view.pan_y = clamp_pan(view.pan_y + dy, height * view.zoom, height);
}

}  // namespace auditsim::ui
