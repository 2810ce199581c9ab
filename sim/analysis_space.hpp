// The explored state space behind the analysis, the checker and "the path not taken".
// Internal to sim/: callers outside it use analysis.hpp and check.hpp.
//
// A state is a node plus only the parts of the play state that can still change what happens:
// variables some condition reads and the visited flags of nodes some visited() names, and of
// those only the ones some later condition can read before they are overwritten ("live").
// Each state is packed into a short key (booleans and flags as bits) in one pool and interned
// in an open-addressing table, so exploring a state allocates nothing of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/model.hpp"
#include "sim/state.hpp"

namespace auditsim::detail {

inline constexpr uint32_t kNoState = 0xFFFFFFFFu;

// What the best and worst completions of one state are worth.
struct StateValues {
  Score4 best;                // best reachable total per pillar from here to an ending
  Score4 min;                 // worst reachable total per pillar
  int64_t best_total = 0;     // highest Score4::total() of a completion
  int64_t worst_total = 0;    // lowest Score4::total() of a completion
  int32_t best_edge = -1;     // edge taken by the best completion (first in choice order on ties)
  int32_t worst_edge = -1;    // edge taken by the worst completion
  uint64_t paths = 0;         // complete paths from here, saturating at the bound
  bool viable = false;        // at least one completion reaches an ending
};

// The (node, relevant state) graph reachable from the roots explored so far.
class StateSpace {
 public:
  // With `track_claims`, states also keep what the path did to the key actions endings'
  // `requires` / `forbids` name (and the variables and flags their conditions read), so
  // false_claims() can be asked at ending states. Off, such claims cost nothing.
  StateSpace(const Scenario& s, std::optional<Audience> audience, size_t max_states,
             uint64_t path_bound, bool track_claims = false);

  // Explores everything reachable from the scenario's start; returns the root's id.
  uint32_t explore_initial();
  // Explores everything reachable from an arbitrary play state; returns its id.
  uint32_t explore_from(const PlayState& st);

  size_t size() const { return node_.size(); }
  int node_of(uint32_t id) const { return node_[id]; }
  uint32_t edge_begin(uint32_t id) const { return edge_begin_[id]; }
  uint32_t edge_end(uint32_t id) const { return edge_end_[id]; }
  int edge_choice(uint32_t e) const { return edge_choice_[e]; }
  // The state an edge leads to; kNoState when the edge closes a loop or hit the state limit.
  uint32_t edge_child(uint32_t e) const { return edge_child_[e]; }
  const StateValues& values(uint32_t id) const { return values_[id]; }

  // How a state was first reached: the parent state and the choice index, or kNoState.
  uint32_t parent_of(uint32_t id) const { return parent_[id]; }
  int parent_choice(uint32_t id) const { return parent_choice_[id]; }
  // The value of variable `var` in a state; nullopt when the state does not keep it because no
  // condition can read it from there on.
  std::optional<int64_t> variable_value(uint32_t id, int var) const;
  // Whether the state records `node` as visited; nullopt when it does not keep that flag.
  std::optional<bool> visited_flag(uint32_t id, int node) const;

  // Indices into Ending::claims of the claims that are false in state `id` (an ending state,
  // in a space that tracks claims); empty when every claim holds.
  std::vector<size_t> false_claims(uint32_t id);

  bool limit_hit() const { return limit_hit_; }
  // States at non-ending nodes where no choice is available, in discovery order.
  const std::vector<uint32_t>& stuck_states() const { return stuck_; }
  bool node_reached(int node) const { return node_reached_[node]; }
  bool choice_available_somewhere(int node, int choice) const {
    return choice_seen_[choice_offset_[node] + choice];
  }
  // Whether some explored state took branch `branch` of the choice's conditional `next`
  // (-1: its `otherwise`). False for a choice without branches.
  bool branch_taken_somewhere(int node, int choice, int branch) const;

 private:
  void compute_relevance();
  void compute_status_slots();
  bool status_of(const PathClaim& claim) const;
  void compute_layouts();
  void keep_reachable_flags(std::vector<uint64_t>& live, size_t words);
  int64_t slot_value(int slot) const;
  void set_slot(int slot, int64_t value);
  size_t key_length(int node) const { return key_len_[node]; }
  void pack(int node, uint64_t* key) const;
  void unpack(uint32_t id);
  uint32_t intern(const uint64_t* key, bool* inserted);
  void grow_table();
  void expand(uint32_t id);
  void finish(uint32_t id);
  uint32_t explore_packed();

  const Scenario& s_;
  std::optional<Audience> audience_;
  size_t max_states_;
  uint64_t path_bound_;

  // Slots are what a state may keep: first the variables some condition reads, then the
  // visited flags of the nodes some visited() names.
  std::vector<int> var_slot_;    // scenario variable -> slot, or -1
  std::vector<int> slot_var_;    // slot -> scenario variable
  std::vector<int> node_flag_;   // scenario node -> slot, or -1
  std::vector<int> flag_node_;   // slot - slot_var_.size() -> scenario node
  std::vector<bool> slot_is_bit_;  // only ever 0 or 1, so stored as one bit
  // Then, when claims are tracked, one bit per key-action status some claim reads: achieved (on
  // time or late), achieved on time (only where `achieved_late` is asked about), breached.
  bool track_claims_ = false;
  size_t first_status_slot_ = 0;
  std::vector<int> achieved_slot_, on_time_slot_, breached_slot_;  // per key action, or -1
  std::vector<std::vector<int>> status_sets_;  // per choice (choice_offset_): slots it sets to 1

  // Per node, the slots live there: a key is [node][live word slots][live bit slots, packed].
  std::vector<uint32_t> layout_begin_;       // per node + 1: range in layout_slots_
  std::vector<uint32_t> layout_bits_begin_;  // per node: first bit slot in that range
  std::vector<int> layout_slots_;
  std::vector<uint32_t> key_len_;  // per node, in words
  size_t max_key_len_ = 1;

  // Per state.
  std::vector<uint64_t> keys_;
  std::vector<size_t> key_off_;
  std::vector<int> node_;
  std::vector<uint32_t> edge_begin_, edge_end_;
  std::vector<uint8_t> colour_;  // 0 new, 1 on the stack, 2 finished
  std::vector<StateValues> values_;
  std::vector<uint32_t> parent_;
  std::vector<int> parent_choice_;

  // Per edge.
  std::vector<int> edge_choice_;
  std::vector<uint32_t> edge_child_;

  // Open addressing: 0 empty, else (hash's high 32 bits << 32) | (id + 1).
  std::vector<uint64_t> table_;
  std::vector<uint32_t> stuck_;
  std::vector<bool> node_reached_;
  std::vector<size_t> choice_offset_;
  std::vector<bool> choice_seen_;
  std::vector<size_t> branch_offset_;  // per choice (flattened) + 1: range in branch_seen_
  std::vector<bool> branch_seen_;
  bool limit_hit_ = false;

  // The state being expanded, unpacked: values by variable and visited flags by node, which is
  // what conditions read. Only the slots live at the current node are meaningful.
  std::vector<int64_t> scratch_vars_;
  std::vector<uint32_t> scratch_visits_;
  std::vector<uint8_t> scratch_status_;  // by status slot - first_status_slot_
  std::vector<uint64_t> scratch_key_;
  std::vector<std::pair<int, int64_t>> undo_;  // slot, old value
  std::vector<int> flags_set_;  // nodes whose scratch visited flag the last unpack set
};

}  // namespace auditsim::detail
