// Exploration of the (node, relevant state) graph. Values are computed bottom-up as each state
// finishes in an iterative depth-first search, so a 5,000-node path costs heap, not stack.
#include "sim/analysis_space.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace auditsim::detail {

namespace {

// Mirrors the engine's transition (sim/state.cpp): `add` saturates at the int64 range.
int64_t saturating_add(int64_t a, int64_t b) {
  int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) {
    return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  }
  return r;
}

uint64_t saturating_count(uint64_t a, uint64_t b, uint64_t bound) {
  uint64_t r = 0;
  if (__builtin_add_overflow(a, b, &r) || r > bound) return bound;
  return r;
}

bool valid_node(const Scenario& s, int n) {
  return n >= 0 && static_cast<size_t>(n) < s.nodes.size();
}

// splitmix64's finaliser: cheap, and good enough that sequential keys spread over the table.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

StateSpace::StateSpace(const Scenario& s, std::optional<Audience> audience, size_t max_states,
                       uint64_t path_bound)
    : s_(s), audience_(audience), max_states_(max_states), path_bound_(path_bound) {
  compute_relevance();
  compute_liveness();
  node_reached_.assign(s.nodes.size(), false);
  choice_offset_.resize(s.nodes.size() + 1, 0);
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    choice_offset_[n + 1] = choice_offset_[n] + s.nodes[n].choices.size();
  }
  choice_seen_.assign(choice_offset_.back(), false);
  scratch_vars_.resize(s.variables.size());
  for (size_t v = 0; v < s.variables.size(); ++v) scratch_vars_[v] = s.variables[v].initial;
  scratch_visits_.assign(s.nodes.size(), 0);
  scratch_key_.resize(width_);
  table_.assign(1024, kNoState);
}

void StateSpace::compute_relevance() {
  var_slot_.assign(s_.variables.size(), -1);
  node_flag_.assign(s_.nodes.size(), -1);
  for (const Node& n : s_.nodes) {
    for (const Choice& c : n.choices) {
      for (int v : c.when.variables_read()) {
        if (v >= 0 && static_cast<size_t>(v) < var_slot_.size()) var_slot_[v] = 0;
      }
      for (int x : c.when.nodes_visited_read()) {
        if (valid_node(s_, x)) node_flag_[x] = 0;
      }
    }
  }
  for (size_t v = 0; v < var_slot_.size(); ++v) {
    if (var_slot_[v] < 0) continue;
    var_slot_[v] = static_cast<int>(slot_var_.size());
    slot_var_.push_back(static_cast<int>(v));
  }
  for (size_t x = 0; x < node_flag_.size(); ++x) {
    if (node_flag_[x] < 0) continue;
    node_flag_[x] = static_cast<int>(flag_node_.size());
    flag_node_.push_back(static_cast<int>(x));
  }
  width_ = 1 + slot_var_.size() + (flag_node_.size() + 63) / 64;
}

// Backward liveness over the node graph: a slot is live at a node when some condition at or
// after it can read the slot before a `set` (or, for a visited flag, entering that node)
// overwrites it. Clearing dead slots lets paths that differ only in forgotten detail share one
// memo entry. Liveness is kept as a mask in the key's own layout (a variable's word all ones or
// zero, a flag's bit set or clear), so clearing a key is one AND per word.
void StateSpace::compute_liveness() {
  const size_t nv = slot_var_.size();
  const size_t n_nodes = s_.nodes.size();
  all_live_.assign(n_nodes, true);
  live_.clear();
  // Past this size the masks cost more memory than they can save; keep everything instead.
  constexpr size_t kMaxMaskWords = size_t{1} << 24;
  if (width_ == 1 || n_nodes * width_ > kMaxMaskWords) return;
  live_.assign(n_nodes * width_, 0);

  // Post-order of the node graph by an iterative search; a loop means "keep everything".
  std::vector<int> order;
  std::vector<uint8_t> colour(n_nodes, 0);
  std::vector<std::pair<int, size_t>> stack;
  bool cyclic = false;
  for (size_t root = 0; root < n_nodes && !cyclic; ++root) {
    if (colour[root]) continue;
    stack.push_back({static_cast<int>(root), 0});
    colour[root] = 1;
    while (!stack.empty() && !cyclic) {
      auto [n, i] = stack.back();
      const auto& choices = s_.nodes[n].choices;
      if (i < choices.size()) {
        ++stack.back().second;
        const int next = choices[i].next;
        if (!valid_node(s_, next)) continue;
        if (colour[next] == 1) cyclic = true;
        if (colour[next] == 0) {
          colour[next] = 1;
          stack.push_back({next, 0});
        }
      } else {
        colour[n] = 2;
        order.push_back(n);
        stack.pop_back();
      }
    }
  }
  if (cyclic) {
    live_.clear();
    return;
  }
  auto flag_word = [nv](int f) { return 1 + nv + static_cast<size_t>(f) / 64; };
  auto flag_bit = [](int f) { return 1ULL << (static_cast<unsigned>(f) % 64); };
  std::vector<uint64_t> edge(width_);
  for (int n : order) {  // successors come first in post-order
    uint64_t* live = &live_[static_cast<size_t>(n) * width_];
    for (const Choice& c : s_.nodes[n].choices) {
      for (int v : c.when.variables_read()) {
        if (v >= 0 && static_cast<size_t>(v) < var_slot_.size()) live[1 + var_slot_[v]] = ~0ULL;
      }
      for (int x : c.when.nodes_visited_read()) {
        if (valid_node(s_, x)) live[flag_word(node_flag_[x])] |= flag_bit(node_flag_[x]);
      }
      if (!valid_node(s_, c.next)) continue;
      std::memcpy(edge.data(), &live_[static_cast<size_t>(c.next) * width_],
                  width_ * sizeof(uint64_t));
      if (node_flag_[c.next] >= 0) edge[flag_word(node_flag_[c.next])] &= ~flag_bit(node_flag_[c.next]);
      for (const Assignment& a : c.effects) {
        if (a.op != Assignment::Op::Set) continue;
        if (a.variable >= 0 && static_cast<size_t>(a.variable) < var_slot_.size() &&
            var_slot_[a.variable] >= 0) {
          edge[1 + var_slot_[a.variable]] = 0;
        }
      }
      for (size_t w = 1; w < width_; ++w) live[w] |= edge[w];
    }
  }
  // Unused high bits of the last flag word stay clear in keys, so they may read as "dead".
  for (size_t n = 0; n < n_nodes; ++n) {
    const uint64_t* live = &live_[n * width_];
    for (size_t i = 0; i < nv; ++i) all_live_[n] = all_live_[n] && live[1 + i] != 0;
    for (size_t f = 0; f < flag_node_.size(); ++f) {
      all_live_[n] = all_live_[n] && (live[flag_word(static_cast<int>(f))] & flag_bit(static_cast<int>(f)));
    }
  }
}

bool StateSpace::slot_live(int node, size_t word, uint64_t bit) const {
  return live_.empty() || (live_[static_cast<size_t>(node) * width_ + word] & bit) != 0;
}

void StateSpace::canonicalise(uint64_t* key, int node) const {
  if (all_live_[node]) return;
  const uint64_t* live = &live_[static_cast<size_t>(node) * width_];
  for (size_t w = 1; w < width_; ++w) key[w] &= live[w];
}

uint64_t StateSpace::hash_key(const uint64_t* key) const {
  uint64_t h = 0x9e3779b97f4a7c15ULL * (width_ + 1);
  for (size_t i = 0; i < width_; ++i) h = mix(h ^ key[i]) + i;
  return h;
}

void StateSpace::grow_table() {
  std::vector<uint32_t> bigger(table_.size() * 2, kNoState);
  const size_t mask = bigger.size() - 1;
  for (uint32_t id = 0; id < node_.size(); ++id) {
    size_t at = hashes_[id] & mask;
    while (bigger[at] != kNoState) at = (at + 1) & mask;
    bigger[at] = id;
  }
  table_ = std::move(bigger);
}

uint32_t StateSpace::intern(const uint64_t* key, bool* inserted) {
  *inserted = false;
  const uint64_t h = hash_key(key);
  const size_t mask = table_.size() - 1;
  size_t at = h & mask;
  while (table_[at] != kNoState) {
    const uint32_t id = table_[at];
    if (hashes_[id] == h &&
        std::memcmp(&keys_[id * width_], key, width_ * sizeof(uint64_t)) == 0) {
      return id;
    }
    at = (at + 1) & mask;
  }
  if (node_.size() >= max_states_ || node_.size() >= kNoState - 1) {
    limit_hit_ = true;
    return kNoState;
  }
  const auto id = static_cast<uint32_t>(node_.size());
  keys_.insert(keys_.end(), key, key + width_);
  hashes_.push_back(h);
  node_.push_back(static_cast<int>(key[0]));
  edge_begin_.push_back(0);
  edge_end_.push_back(0);
  colour_.push_back(0);
  values_.emplace_back();
  parent_.push_back(kNoState);
  parent_choice_.push_back(-1);
  table_[at] = id;
  *inserted = true;
  if (node_.size() * 2 > table_.size()) grow_table();
  return id;
}

void StateSpace::expand(uint32_t id) {
  colour_[id] = 1;
  const int n = node_[id];
  node_reached_[n] = true;
  edge_begin_[id] = edge_end_[id] = static_cast<uint32_t>(edge_choice_.size());
  const Node& node = s_.nodes[n];
  if (node.is_ending()) return;

  const size_t nv = slot_var_.size();
  const uint64_t* key = &keys_[id * width_];
  for (size_t i = 0; i < nv; ++i) scratch_vars_[slot_var_[i]] = static_cast<int64_t>(key[1 + i]);
  for (size_t f = 0; f < flag_node_.size(); ++f) {
    scratch_visits_[flag_node_[f]] = (key[1 + nv + f / 64] >> (f % 64)) & 1;
  }
  const ConditionInput in{scratch_vars_, scratch_visits_};
  bool any_available = false;
  for (size_t ci = 0; ci < node.choices.size(); ++ci) {
    const Choice& c = node.choices[ci];
    if (c.audience && audience_ && *c.audience != *audience_) continue;
    if (!valid_node(s_, c.next)) continue;
    if (!c.when.empty() && !c.when.eval(in)) continue;
    any_available = true;
    choice_seen_[choice_offset_[n] + ci] = true;

    uint64_t* child = scratch_key_.data();
    std::memcpy(child, &keys_[id * width_], width_ * sizeof(uint64_t));
    child[0] = static_cast<uint64_t>(c.next);
    // Every `set` before any `add`, as the engine does.
    for (const Assignment& a : c.effects) {
      if (a.op != Assignment::Op::Set || a.variable < 0 ||
          static_cast<size_t>(a.variable) >= var_slot_.size() || var_slot_[a.variable] < 0) {
        continue;
      }
      child[1 + var_slot_[a.variable]] = static_cast<uint64_t>(a.value);
    }
    for (const Assignment& a : c.effects) {
      if (a.op != Assignment::Op::Add || a.variable < 0 ||
          static_cast<size_t>(a.variable) >= var_slot_.size() || var_slot_[a.variable] < 0) {
        continue;
      }
      uint64_t& slot = child[1 + var_slot_[a.variable]];
      slot = static_cast<uint64_t>(saturating_add(static_cast<int64_t>(slot), a.value));
    }
    if (node_flag_[c.next] >= 0) {
      const int f = node_flag_[c.next];
      child[1 + nv + f / 64] |= 1ULL << (f % 64);
    }
    canonicalise(child, c.next);
    bool inserted = false;
    const uint32_t cid = intern(child, &inserted);
    if (inserted) {
      parent_[cid] = id;
      parent_choice_[cid] = static_cast<int>(ci);
    }
    edge_choice_.push_back(static_cast<int>(ci));
    edge_child_.push_back(cid);
  }
  edge_end_[id] = static_cast<uint32_t>(edge_choice_.size());
  if (!any_available) stuck_.push_back(id);
}

void StateSpace::finish(uint32_t id) {
  colour_[id] = 2;
  StateValues v;
  const Node& node = s_.nodes[node_[id]];
  if (node.is_ending()) {
    v.viable = true;
    v.paths = 1;
    values_[id] = v;
    return;
  }
  for (uint32_t e = edge_begin_[id]; e < edge_end_[id]; ++e) {
    const uint32_t child = edge_child_[e];
    if (child == kNoState) continue;
    const StateValues& cv = values_[child];
    if (!cv.viable) continue;
    const Score4& score = node.choices[edge_choice_[e]].score;
    const int64_t best_total = cv.best_total + score.total();
    const int64_t worst_total = cv.worst_total + score.total();
    if (!v.viable) {
      v.viable = true;
      v.best = cv.best + score;
      v.min = cv.min + score;
      v.best_total = best_total;
      v.worst_total = worst_total;
      v.best_edge = v.worst_edge = static_cast<int32_t>(e);
      v.paths = cv.paths;
      continue;
    }
    for (int p = 0; p < kPillarCount; ++p) {
      v.best.v[p] = std::max(v.best.v[p], cv.best.v[p] + score.v[p]);
      v.min.v[p] = std::min(v.min.v[p], cv.min.v[p] + score.v[p]);
    }
    // Strict comparisons keep the first choice in order when totals tie.
    if (best_total > v.best_total) {
      v.best_total = best_total;
      v.best_edge = static_cast<int32_t>(e);
    }
    if (worst_total < v.worst_total) {
      v.worst_total = worst_total;
      v.worst_edge = static_cast<int32_t>(e);
    }
    v.paths = saturating_count(v.paths, cv.paths, path_bound_);
  }
  values_[id] = v;
}

uint32_t StateSpace::explore(std::vector<uint64_t> key) {
  canonicalise(key.data(), static_cast<int>(key[0]));
  bool inserted = false;
  const uint32_t root = intern(key.data(), &inserted);
  if (root == kNoState || colour_[root] != 0) return root;

  struct Frame {
    uint32_t id;
    uint32_t next_edge;
  };
  std::vector<Frame> stack;
  expand(root);
  stack.push_back({root, edge_begin_[root]});
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next_edge < edge_end_[top.id]) {
      const uint32_t e = top.next_edge++;
      const uint32_t child = edge_child_[e];
      if (child == kNoState) continue;
      if (colour_[child] == 0) {
        expand(child);
        stack.push_back({child, edge_begin_[child]});
      } else if (colour_[child] == 1) {
        edge_child_[e] = kNoState;  // a loop: analysis is only defined for acyclic scenarios
      }
      continue;
    }
    finish(top.id);
    stack.pop_back();
  }
  return root;
}

uint32_t StateSpace::explore_initial() {
  if (!valid_node(s_, s_.start)) return kNoState;
  return explore_from(initial_state(s_));
}

uint32_t StateSpace::explore_from(const PlayState& st) {
  if (!valid_node(s_, st.node)) return kNoState;
  std::vector<uint64_t> key(width_, 0);
  key[0] = static_cast<uint64_t>(st.node);
  const size_t nv = slot_var_.size();
  for (size_t i = 0; i < nv; ++i) {
    const auto v = static_cast<size_t>(slot_var_[i]);
    key[1 + i] = static_cast<uint64_t>(v < st.variables.size() ? st.variables[v]
                                                                 : s_.variables[v].initial);
  }
  for (size_t f = 0; f < flag_node_.size(); ++f) {
    const auto x = static_cast<size_t>(flag_node_[f]);
    if (x < st.visits.size() && st.visits[x] > 0) key[1 + nv + f / 64] |= 1ULL << (f % 64);
  }
  return explore(std::move(key));
}

std::optional<int64_t> StateSpace::variable_value(uint32_t id, int var) const {
  if (var < 0 || static_cast<size_t>(var) >= var_slot_.size() || var_slot_[var] < 0) {
    return std::nullopt;
  }
  const size_t word = 1 + static_cast<size_t>(var_slot_[var]);
  if (!slot_live(node_[id], word, ~0ULL)) return std::nullopt;
  return static_cast<int64_t>(keys_[id * width_ + word]);
}

std::optional<bool> StateSpace::visited_flag(uint32_t id, int node) const {
  if (!valid_node(s_, node) || node_flag_[node] < 0) return std::nullopt;
  const auto f = static_cast<size_t>(node_flag_[node]);
  const size_t word = 1 + slot_var_.size() + f / 64;
  const uint64_t bit = 1ULL << (f % 64);
  if (!slot_live(node_[id], word, bit)) return std::nullopt;
  return (keys_[id * width_ + word] & bit) != 0;
}

}  // namespace auditsim::detail
