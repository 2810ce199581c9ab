#include "ui/controllers/map_layout.hpp"

#include <algorithm>
#include <numeric>
#include <queue>

namespace auditsim::ui {

namespace {
constexpr float kColumnGap = 1.6f;  // node width is 1; columns leave room for edges
constexpr float kRowGap = 0.75f;    // node height is 0.5
}  // namespace

MapLayout layout_scenario(const Scenario& s) {
  MapLayout m;
  const int n = static_cast<int>(s.nodes.size());
  m.nodes.resize(n);
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < static_cast<int>(s.nodes[i].choices.size()); ++c) {
      int to = s.nodes[i].choices[c].next;
      if (to >= 0 && to < n) m.edges.push_back({i, to, c});
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
  // Centre each column vertically against the tallest one.
  for (int l = 0; l < m.layers; ++l) {
    const float offset = (m.max_slots - static_cast<float>(cols[l].size())) * 0.5f;
    for (size_t k = 0; k < cols[l].size(); ++k) {
      int v = cols[l][k];
      m.nodes[v].layer = l;
      m.nodes[v].slot = static_cast<int>(k);
      m.nodes[v].x = 0.5f + l * kColumnGap;
      m.nodes[v].y = 0.25f + (offset + k) * kRowGap;
    }
  }
  m.width = (m.layers - 1) * kColumnGap + 1.0f;
  m.height = (m.max_slots - 1) * kRowGap + 0.5f;
  return m;
}

}  // namespace auditsim::ui
