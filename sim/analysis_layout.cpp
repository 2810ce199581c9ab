// Which parts of the play state a StateSpace keeps, and where: relevance (what conditions read),
// backward liveness over the node graph, and the per-node key layouts built from it.
#include <algorithm>
#include <cstring>

#include "sim/analysis_space.hpp"

namespace auditsim::detail {

namespace {

bool valid_node(const Scenario& s, int n) {
  return n >= 0 && static_cast<size_t>(n) < s.nodes.size();
}

bool valid_variable(const Scenario& s, int v) {
  return v >= 0 && static_cast<size_t>(v) < s.variables.size();
}

// Nodes in post-order (successors first); empty when the graph has a loop.
std::vector<int> post_order(const Scenario& s) {
  const size_t n_nodes = s.nodes.size();
  std::vector<int> order;
  std::vector<uint8_t> colour(n_nodes, 0);
  std::vector<std::pair<int, size_t>> stack;
  for (size_t root = 0; root < n_nodes; ++root) {
    if (colour[root]) continue;
    stack.push_back({static_cast<int>(root), 0});
    colour[root] = 1;
    while (!stack.empty()) {
      auto [n, i] = stack.back();
      const auto& choices = s.nodes[n].choices;
      if (i < choices.size()) {
        ++stack.back().second;
        // Every branch of a conditional `next` is an edge; the first unseen target is
        // descended into now, and the choice is revisited for the rest.
        bool descended = false, loop = false;
        choices[i].for_each_target([&](int next) {
          if (descended || loop || !valid_node(s, next)) return;
          if (colour[next] == 1) loop = true;
          if (colour[next] == 0) {
            colour[next] = 1;
            stack.push_back({next, 0});
            descended = true;
          }
        });
        if (loop) return {};
        if (descended) --stack[stack.size() - 2].second;
      } else {
        colour[n] = 2;
        order.push_back(n);
        stack.pop_back();
      }
    }
  }
  return order;
}

}  // namespace

void StateSpace::compute_relevance() {
  var_slot_.assign(s_.variables.size(), -1);
  node_flag_.assign(s_.nodes.size(), -1);
  const auto reads = [&](const Condition& cond) {
    for (int v : cond.variables_read()) {
      if (valid_variable(s_, v)) var_slot_[v] = 0;
    }
    for (int x : cond.nodes_visited_read()) {
      if (valid_node(s_, x)) node_flag_[x] = 0;
    }
  };
  for (const Node& n : s_.nodes) {
    for (const Choice& c : n.choices) {
      reads(c.when);
      for (const NextBranch& b : c.branches) reads(b.when);
    }
    if (!track_claims_ || !n.ending) continue;
    for (const PathClaim& claim : n.ending->claims) reads(claim.condition);
  }
  // A variable is stored as one bit when it starts at 0 or 1 and is only ever set to 0 or 1.
  std::vector<bool> bit_valued(s_.variables.size());
  for (size_t v = 0; v < s_.variables.size(); ++v) {
    bit_valued[v] = s_.variables[v].initial == 0 || s_.variables[v].initial == 1;
  }
  for (const Node& n : s_.nodes) {
    for (const Choice& c : n.choices) {
      for (const Assignment& a : c.effects) {
        if (!valid_variable(s_, a.variable)) continue;
        if (a.op == Assignment::Op::Add || (a.value != 0 && a.value != 1)) {
          bit_valued[a.variable] = false;
        }
      }
    }
  }
  for (size_t v = 0; v < var_slot_.size(); ++v) {
    if (var_slot_[v] < 0) continue;
    var_slot_[v] = static_cast<int>(slot_var_.size());
    slot_var_.push_back(static_cast<int>(v));
    slot_is_bit_.push_back(bit_valued[v]);
  }
  for (size_t x = 0; x < node_flag_.size(); ++x) {
    if (node_flag_[x] < 0) continue;
    node_flag_[x] = static_cast<int>(slot_var_.size() + flag_node_.size());
    flag_node_.push_back(static_cast<int>(x));
    slot_is_bit_.push_back(true);
  }
}

// Status bits come after the variable and flag slots, only for the key actions some ending's
// claims name, so a scenario without claims explores exactly the states it always did.
void StateSpace::compute_status_slots() {
  const size_t n_ka = s_.key_actions.size();
  achieved_slot_.assign(n_ka, -1);
  on_time_slot_.assign(n_ka, -1);
  breached_slot_.assign(n_ka, -1);
  status_sets_.assign(choice_offset_.back(), {});
  first_status_slot_ = slot_is_bit_.size();
  if (!track_claims_) return;
  const auto add_slot = [&](std::vector<int>& slots, int k) {
    if (slots[k] >= 0) return;
    slots[k] = static_cast<int>(slot_is_bit_.size());
    slot_is_bit_.push_back(true);
  };
  for (const Node& n : s_.nodes) {
    if (!n.ending) continue;
    for (const PathClaim& claim : n.ending->claims) {
      const int k = claim.key_action;
      if (claim.kind == PathClaim::Kind::Condition || k < 0 || static_cast<size_t>(k) >= n_ka) {
        continue;
      }
      if (claim.kind == PathClaim::Kind::Breached) {
        add_slot(breached_slot_, k);
        continue;
      }
      add_slot(achieved_slot_, k);
      if (claim.kind == PathClaim::Kind::AchievedLate) add_slot(on_time_slot_, k);
    }
  }
  scratch_status_.assign(slot_is_bit_.size() - first_status_slot_, 0);
  const auto sets = [&](std::vector<int>& out, const std::vector<int>& ks,
                        const std::vector<int>& slots) {
    for (int k : ks) {
      if (k >= 0 && static_cast<size_t>(k) < n_ka && slots[k] >= 0) out.push_back(slots[k]);
    }
  };
  for (size_t n = 0; n < s_.nodes.size(); ++n) {
    for (size_t ci = 0; ci < s_.nodes[n].choices.size(); ++ci) {
      const Choice& c = s_.nodes[n].choices[ci];
      std::vector<int>& out = status_sets_[choice_offset_[n] + ci];
      sets(out, c.achieves, achieved_slot_);
      sets(out, c.achieves, on_time_slot_);
      sets(out, c.achieves_late, achieved_slot_);
      sets(out, c.breaches, breached_slot_);
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
    }
  }
}

bool StateSpace::status_of(const PathClaim& claim) const {
  const auto bit = [&](const std::vector<int>& slots) {
    const int k = claim.key_action;
    return k >= 0 && static_cast<size_t>(k) < slots.size() && slots[k] >= 0 &&
           slot_value(slots[k]) != 0;
  };
  switch (claim.kind) {
    case PathClaim::Kind::Achieved: return bit(achieved_slot_);
    case PathClaim::Kind::AchievedLate: return bit(achieved_slot_) && !bit(on_time_slot_);
    case PathClaim::Kind::Breached: return bit(breached_slot_);
    case PathClaim::Kind::Condition:
      return claim.condition.eval(ConditionInput{scratch_vars_, scratch_visits_});
  }
  return false;
}

std::vector<size_t> StateSpace::false_claims(uint32_t id) {
  std::vector<size_t> out;
  const Node& node = s_.nodes[node_[id]];
  if (!track_claims_ || !node.ending || node.ending->claims.empty()) return out;
  unpack(id);
  for (size_t i = 0; i < node.ending->claims.size(); ++i) {
    const PathClaim& claim = node.ending->claims[i];
    if (status_of(claim) != claim.required) out.push_back(i);
  }
  return out;
}

// Backward liveness: a slot is live at a node when some condition at or after it can read the
// slot before a `set` (or, for a visited flag, entering that node) overwrites it. Keys keep only
// live slots, so paths that differ only in forgotten detail share one memo entry.
void StateSpace::compute_layouts() {
  const size_t n_nodes = s_.nodes.size();
  const size_t slots = slot_is_bit_.size();
  const size_t words = (slots + 63) / 64;
  const std::vector<int> order = post_order(s_);
  // With nothing to keep, a loop, or bit sets that would be unreasonably large, every slot is
  // kept everywhere.
  constexpr size_t kMaxLiveWords = size_t{1} << 24;
  const bool keep_all = slots == 0 || order.empty() || n_nodes * words > kMaxLiveWords;
  std::vector<uint64_t> live(keep_all ? 0 : n_nodes * words, 0);
  auto set_bit = [](uint64_t* w, size_t b) { w[b / 64] |= 1ULL << (b % 64); };
  auto clear_bit = [](uint64_t* w, size_t b) { w[b / 64] &= ~(1ULL << (b % 64)); };
  if (!keep_all) {
    std::vector<uint64_t> edge(words);
    for (int n : order) {
      uint64_t* here = &live[static_cast<size_t>(n) * words];
      // An ending reads what its claims name, as a choice's `when` does.
      if (track_claims_ && s_.nodes[n].ending) {
        for (const PathClaim& claim : s_.nodes[n].ending->claims) {
          for (int v : claim.condition.variables_read()) {
            if (valid_variable(s_, v)) set_bit(here, static_cast<size_t>(var_slot_[v]));
          }
          for (int x : claim.condition.nodes_visited_read()) {
            if (valid_node(s_, x)) set_bit(here, static_cast<size_t>(node_flag_[x]));
          }
          const int k = claim.key_action;
          if (k < 0 || static_cast<size_t>(k) >= s_.key_actions.size()) continue;
          for (const auto* slots : {&achieved_slot_, &on_time_slot_, &breached_slot_}) {
            if ((*slots)[k] >= 0) set_bit(here, static_cast<size_t>((*slots)[k]));
          }
        }
      }
      for (size_t ci = 0; ci < s_.nodes[n].choices.size(); ++ci) {
        const Choice& c = s_.nodes[n].choices[ci];
        for (int v : c.when.variables_read()) {
          if (valid_variable(s_, v)) set_bit(here, static_cast<size_t>(var_slot_[v]));
        }
        for (int x : c.when.nodes_visited_read()) {
          if (valid_node(s_, x)) set_bit(here, static_cast<size_t>(node_flag_[x]));
        }
        // What the choice passes on: what is live at any node it can lead to (less the flag of
        // that node, which entering it sets), and what its `next` conditions read, which they
        // read after its effects and before the visit.
        std::fill(edge.begin(), edge.end(), 0);
        bool any_target = false;
        c.for_each_target([&](int to) {
          if (!valid_node(s_, to)) return;
          any_target = true;
          const uint64_t* there = &live[static_cast<size_t>(to) * words];
          const int flag = node_flag_[to];
          for (size_t w = 0; w < words; ++w) {
            uint64_t bits = there[w];
            if (flag >= 0 && static_cast<size_t>(flag) / 64 == w) bits &= ~(1ULL << (flag % 64));
            edge[w] |= bits;
          }
        });
        if (!any_target) continue;
        for (const NextBranch& b : c.branches) {
          for (int v : b.when.variables_read()) {
            if (valid_variable(s_, v)) set_bit(edge.data(), static_cast<size_t>(var_slot_[v]));
          }
          for (int x : b.when.nodes_visited_read()) {
            if (valid_node(s_, x)) set_bit(edge.data(), static_cast<size_t>(node_flag_[x]));
          }
        }
        for (const Assignment& a : c.effects) {
          if (a.op == Assignment::Op::Set && valid_variable(s_, a.variable) &&
              var_slot_[a.variable] >= 0) {
            clear_bit(edge.data(), static_cast<size_t>(var_slot_[a.variable]));
          }
        }
        // A status the choice sets is 1 afterwards whatever it was before.
        for (int slot : status_sets_[choice_offset_[n] + ci]) {
          clear_bit(edge.data(), static_cast<size_t>(slot));
        }
        for (size_t w = 0; w < words; ++w) here[w] |= edge[w];
      }
    }
  }
  if (!keep_all) keep_reachable_flags(live, words);
  layout_begin_.assign(n_nodes + 1, 0);
  layout_bits_begin_.assign(n_nodes, 0);
  key_len_.assign(n_nodes, 1);
  std::vector<int> live_here;
  for (size_t n = 0; n < n_nodes; ++n) {
    live_here.clear();
    if (keep_all) {
      for (size_t b = 0; b < slots; ++b) live_here.push_back(static_cast<int>(b));
    } else {
      for (size_t w = 0; w < words; ++w) {
        for (uint64_t bits = live[n * words + w]; bits != 0; bits &= bits - 1) {
          live_here.push_back(static_cast<int>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
        }
      }
    }
    layout_begin_[n] = static_cast<uint32_t>(layout_slots_.size());
    for (int b : live_here) {
      if (!slot_is_bit_[b]) layout_slots_.push_back(b);
    }
    layout_bits_begin_[n] = static_cast<uint32_t>(layout_slots_.size());
    for (int b : live_here) {
      if (slot_is_bit_[b]) layout_slots_.push_back(b);
    }
    const size_t n_words = layout_bits_begin_[n] - layout_begin_[n];
    const size_t n_bits = layout_slots_.size() - layout_bits_begin_[n];
    key_len_[n] = static_cast<uint32_t>(1 + n_words + (n_bits + 63) / 64);
    max_key_len_ = std::max<size_t>(max_key_len_, key_len_[n]);
  }
  layout_begin_[n_nodes] = static_cast<uint32_t>(layout_slots_.size());
}

// A visited flag is false at every node its own node cannot reach, so it only needs keeping
// where that node is an ancestor. Without this, a flag read late would be kept (always false)
// on every node before its node, and keys would grow with the number of flags. Each search
// stays inside the nodes where the flag is live, which are few.
void StateSpace::keep_reachable_flags(std::vector<uint64_t>& live, size_t words) {
  const size_t nv = slot_var_.size();
  const size_t n_nodes = s_.nodes.size();
  std::vector<uint64_t> keep(live.size(), 0);
  const size_t flags_end = nv + flag_node_.size();
  for (size_t n = 0; n < n_nodes; ++n) {
    for (size_t b = 0; b < slot_is_bit_.size(); ++b) {
      if (b >= nv && b < flags_end) continue;  // visited flags are decided below
      if ((live[n * words + b / 64] >> (b % 64)) & 1) keep[n * words + b / 64] |= 1ULL << (b % 64);
    }
  }
  std::vector<uint32_t> stamp(n_nodes, 0);
  std::vector<int> todo;
  for (size_t f = 0; f < flag_node_.size(); ++f) {
    const size_t b = nv + f;
    const auto mark = static_cast<uint32_t>(f + 1);
    auto is_live = [&](int m) { return (live[static_cast<size_t>(m) * words + b / 64] >> (b % 64)) & 1; };
    todo.assign(1, flag_node_[f]);
    stamp[flag_node_[f]] = mark;
    while (!todo.empty()) {
      const int m = todo.back();
      todo.pop_back();
      if (!is_live(m)) continue;
      keep[static_cast<size_t>(m) * words + b / 64] |= 1ULL << (b % 64);
      for (const Choice& c : s_.nodes[m].choices) {
        c.for_each_target([&](int to) {
          if (valid_node(s_, to) && stamp[to] != mark) {
            stamp[to] = mark;
            todo.push_back(to);
          }
        });
      }
    }
  }
  live = std::move(keep);
}

int64_t StateSpace::slot_value(int slot) const {
  const auto nv = static_cast<int>(slot_var_.size());
  const auto status = static_cast<int>(first_status_slot_);
  if (slot < nv) return scratch_vars_[slot_var_[slot]];
  if (slot >= status) return scratch_status_[static_cast<size_t>(slot - status)];
  return scratch_visits_[flag_node_[slot - nv]] > 0 ? 1 : 0;
}

void StateSpace::set_slot(int slot, int64_t value) {
  const auto nv = static_cast<int>(slot_var_.size());
  const auto status = static_cast<int>(first_status_slot_);
  if (slot < nv) {
    scratch_vars_[slot_var_[slot]] = value;
  } else if (slot >= status) {
    scratch_status_[static_cast<size_t>(slot - status)] = value != 0 ? 1 : 0;
  } else {
    scratch_visits_[flag_node_[slot - nv]] = value != 0 ? 1 : 0;
  }
}

void StateSpace::pack(int node, uint64_t* key) const {
  key[0] = static_cast<uint64_t>(node);
  size_t at = 1;
  const uint32_t bits_begin = layout_bits_begin_[node];
  for (uint32_t i = layout_begin_[node]; i < bits_begin; ++i) {
    key[at++] = static_cast<uint64_t>(slot_value(layout_slots_[i]));
  }
  const uint32_t end = layout_begin_[node + 1];
  for (uint32_t i = bits_begin; i < end; i += 64) {
    uint64_t w = 0;
    const uint32_t stop = std::min(end, i + 64);
    for (uint32_t j = i; j < stop; ++j) {
      if (slot_value(layout_slots_[j]) != 0) w |= 1ULL << (j - i);
    }
    key[at++] = w;
  }
}

void StateSpace::unpack(uint32_t id) {
  // Flags outside the layout must read as false (their node cannot have been visited), so clear
  // the ones the previous state set before writing this one's.
  for (int x : flags_set_) scratch_visits_[x] = 0;
  flags_set_.clear();
  const int node = node_[id];
  const uint64_t* key = &keys_[key_off_[id]];
  size_t at = 1;
  const uint32_t bits_begin = layout_bits_begin_[node];
  for (uint32_t i = layout_begin_[node]; i < bits_begin; ++i) {
    set_slot(layout_slots_[i], static_cast<int64_t>(key[at++]));
  }
  const uint32_t end = layout_begin_[node + 1];
  for (uint32_t i = bits_begin; i < end; i += 64) {
    const uint64_t w = key[at++];
    const uint32_t stop = std::min(end, i + 64);
    for (uint32_t j = i; j < stop; ++j) {
      const int slot = layout_slots_[j];
      const int64_t bit = (w >> (j - i)) & 1;
      set_slot(slot, bit);
      if (bit && slot >= static_cast<int>(slot_var_.size()) &&
          slot < static_cast<int>(first_status_slot_)) {
        flags_set_.push_back(flag_node_[slot - slot_var_.size()]);
      }
    }
  }
}

}  // namespace auditsim::detail
