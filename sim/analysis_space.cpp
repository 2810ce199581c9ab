// Exploration of the (node, live state) graph. Values are computed bottom-up as each state
// finishes in an iterative depth-first search, so a 5,000-node path costs heap, not stack.
#include "sim/analysis_space.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace auditsim::detail {

namespace {

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
                       uint64_t path_bound, bool track_claims)
    : s_(s), audience_(audience), max_states_(max_states), path_bound_(path_bound),
      track_claims_(track_claims) {
  choice_offset_.resize(s.nodes.size() + 1, 0);
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    choice_offset_[n + 1] = choice_offset_[n] + s.nodes[n].choices.size();
  }
  compute_relevance();
  compute_status_slots();
  compute_layouts();
  node_reached_.assign(s.nodes.size(), false);
  choice_seen_.assign(choice_offset_.back(), false);
  // Each choice with a conditional `next` has one flag per branch and one for its `otherwise`.
  branch_offset_.assign(choice_offset_.back() + 1, 0);
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    for (size_t c = 0; c < s.nodes[n].choices.size(); ++c) {
      const size_t g = choice_offset_[n] + c;
      const size_t branches = s.nodes[n].choices[c].branches.size();
      branch_offset_[g + 1] = branch_offset_[g] + (branches == 0 ? 0 : branches + 1);
    }
  }
  branch_seen_.assign(branch_offset_.back(), false);
  scratch_vars_.resize(s.variables.size());
  for (size_t v = 0; v < s.variables.size(); ++v) scratch_vars_[v] = s.variables[v].initial;
  scratch_visits_.assign(s.nodes.size(), 0);
  scratch_key_.resize(max_key_len_);
  table_.assign(1024, 0);
}

namespace {

uint64_t hash_words(const uint64_t* key, size_t len) {
  uint64_t h = 0x9e3779b97f4a7c15ULL * (len + 1);
  for (size_t i = 0; i < len; ++i) h = mix(h ^ key[i]) + i;
  return h;
}

}  // namespace

void StateSpace::grow_table() {
  std::vector<uint64_t> bigger(table_.size() * 2, 0);
  const size_t mask = bigger.size() - 1;
  for (uint32_t id = 0; id < node_.size(); ++id) {
    const uint64_t h = hash_words(&keys_[key_off_[id]], key_length(node_[id]));
    size_t at = h & mask;
    while (bigger[at] != 0) at = (at + 1) & mask;
    bigger[at] = (h & 0xFFFFFFFF00000000ULL) | (uint64_t{id} + 1);
  }
  table_ = std::move(bigger);
}

uint32_t StateSpace::intern(const uint64_t* key, bool* inserted) {
  *inserted = false;
  const int node = static_cast<int>(key[0]);
  const size_t len = key_length(node);
  const uint64_t h = hash_words(key, len);
  const uint64_t tag = h & 0xFFFFFFFF00000000ULL;
  const size_t mask = table_.size() - 1;
  size_t at = h & mask;
  // The high half of the hash, kept in the table, rejects almost every mismatch without
  // touching the key pool.
  while (table_[at] != 0) {
    const uint64_t entry = table_[at];
    if ((entry & 0xFFFFFFFF00000000ULL) == tag) {
      const auto id = static_cast<uint32_t>((entry & 0xFFFFFFFFULL) - 1);
      if (node_[id] == node &&
          std::memcmp(&keys_[key_off_[id]], key, len * sizeof(uint64_t)) == 0) {
        return id;
      }
    }
    at = (at + 1) & mask;
  }
  if (node_.size() >= max_states_ || node_.size() >= kNoState - 1) {
    limit_hit_ = true;
    return kNoState;
  }
  const auto id = static_cast<uint32_t>(node_.size());
  key_off_.push_back(keys_.size());
  keys_.insert(keys_.end(), key, key + len);
  node_.push_back(node);
  edge_begin_.push_back(0);
  edge_end_.push_back(0);
  colour_.push_back(0);
  values_.emplace_back();
  parent_.push_back(kNoState);
  parent_choice_.push_back(-1);
  table_[at] = tag | (uint64_t{id} + 1);
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

  unpack(id);
  const ConditionInput in{scratch_vars_, scratch_visits_};
  bool any_available = false;
  for (size_t ci = 0; ci < node.choices.size(); ++ci) {
    const Choice& c = node.choices[ci];
    if (c.audience && audience_ && *c.audience != *audience_) continue;
    if (c.branches.empty() && !valid_node(s_, c.next)) continue;
    if (!c.when.empty() && !c.when.eval(in)) continue;

    // Apply the choice to the unpacked state, pack the child, then undo: cheaper than copying
    // a whole state per edge. Every `set` comes before any `add`, as in the engine.
    undo_.clear();
    for (int pass = 0; pass < 2; ++pass) {
      const auto op = pass == 0 ? Assignment::Op::Set : Assignment::Op::Add;
      for (const Assignment& a : c.effects) {
        if (a.op != op || a.variable < 0 ||
            static_cast<size_t>(a.variable) >= var_slot_.size() || var_slot_[a.variable] < 0) {
          continue;
        }
        const int slot = var_slot_[a.variable];
        const int64_t old = slot_value(slot);
        undo_.emplace_back(slot, old);
        set_slot(slot, op == Assignment::Op::Set ? a.value : saturating_add(old, a.value));
      }
    }
    // A conditional `next` reads the state the effects have just made, as the engine does.
    int branch = -1;
    const int to = c.branches.empty() ? c.next : next_node(c, in, &branch);
    if (!valid_node(s_, to)) {
      for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) set_slot(it->first, it->second);
      continue;
    }
    any_available = true;
    choice_seen_[choice_offset_[n] + ci] = true;
    if (!c.branches.empty()) {
      const size_t at = branch_offset_[choice_offset_[n] + ci];
      branch_seen_[at + (branch < 0 ? c.branches.size() : static_cast<size_t>(branch))] = true;
    }
    if (node_flag_[to] >= 0) {
      undo_.emplace_back(node_flag_[to], slot_value(node_flag_[to]));
      set_slot(node_flag_[to], 1);
    }
    if (track_claims_) {
      for (int slot : status_sets_[choice_offset_[n] + ci]) {
        undo_.emplace_back(slot, slot_value(slot));
        set_slot(slot, 1);
      }
    }
    pack(to, scratch_key_.data());
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) set_slot(it->first, it->second);

    bool inserted = false;
    const uint32_t cid = intern(scratch_key_.data(), &inserted);
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

uint32_t StateSpace::explore_packed() {
  bool inserted = false;
  const uint32_t root = intern(scratch_key_.data(), &inserted);
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
  for (size_t i = 0; i < slot_var_.size(); ++i) {
    const auto v = static_cast<size_t>(slot_var_[i]);
    scratch_vars_[v] = v < st.variables.size() ? st.variables[v] : s_.variables[v].initial;
  }
  for (int x : flag_node_) {
    const auto ux = static_cast<size_t>(x);
    scratch_visits_[ux] = ux < st.visits.size() && st.visits[ux] > 0 ? 1 : 0;
  }
  // A PlayState does not say what the path did to key actions, so a search from one starts with
  // none achieved or breached: exact from the scenario's start, which is where claims are asked.
  std::fill(scratch_status_.begin(), scratch_status_.end(), 0);
  pack(st.node, scratch_key_.data());
  // Restore the invariant unpack() relies on: no flag is set outside the state being expanded.
  for (int x : flag_node_) scratch_visits_[static_cast<size_t>(x)] = 0;
  flags_set_.clear();
  return explore_packed();
}

namespace {

// Position of `slot` in a node's layout: {index among word slots or bit slots, is a bit}.
std::optional<std::pair<size_t, bool>> find_in_layout(const std::vector<int>& slots,
                                                      uint32_t begin, uint32_t bits_begin,
                                                      uint32_t end, int slot) {
  for (uint32_t i = begin; i < end; ++i) {
    if (slots[i] != slot) continue;
    if (i < bits_begin) return std::make_pair(size_t{i - begin}, false);
    return std::make_pair(size_t{i - bits_begin}, true);
  }
  return std::nullopt;
}

}  // namespace

bool StateSpace::branch_taken_somewhere(int node, int choice, int branch) const {
  if (!valid_node(s_, node) || choice < 0 ||
      static_cast<size_t>(choice) >= s_.nodes[node].choices.size()) {
    return false;
  }
  const size_t g = choice_offset_[node] + static_cast<size_t>(choice);
  const size_t begin = branch_offset_[g], end = branch_offset_[g + 1];
  if (begin == end) return false;
  const size_t at = branch < 0 ? end - 1 : begin + static_cast<size_t>(branch);
  return at < end && branch_seen_[at];
}

std::optional<int64_t> StateSpace::variable_value(uint32_t id, int var) const {
  if (var < 0 || static_cast<size_t>(var) >= var_slot_.size() || var_slot_[var] < 0) {
    return std::nullopt;
  }
  const int n = node_[id];
  const auto where = find_in_layout(layout_slots_, layout_begin_[n], layout_bits_begin_[n],
                                    layout_begin_[n + 1], var_slot_[var]);
  if (!where) return std::nullopt;
  const uint64_t* key = &keys_[key_off_[id]];
  const size_t n_words = layout_bits_begin_[n] - layout_begin_[n];
  if (!where->second) return static_cast<int64_t>(key[1 + where->first]);
  return static_cast<int64_t>((key[1 + n_words + where->first / 64] >> (where->first % 64)) & 1);
}

std::optional<bool> StateSpace::visited_flag(uint32_t id, int node) const {
  if (!valid_node(s_, node) || node_flag_[node] < 0) return std::nullopt;
  const int n = node_[id];
  const auto where = find_in_layout(layout_slots_, layout_begin_[n], layout_bits_begin_[n],
                                    layout_begin_[n + 1], node_flag_[node]);
  if (!where) return std::nullopt;
  const uint64_t* key = &keys_[key_off_[id]];
  const size_t n_words = layout_bits_begin_[n] - layout_begin_[n];
  return ((key[1 + n_words + where->first / 64] >> (where->first % 64)) & 1) != 0;
}

}  // namespace auditsim::detail
