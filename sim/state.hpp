// The state of play that decides what can happen next, and the pure transitions over it.
// Shared by the engine (one state at a time) and the analysis (every reachable state).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "sim/model.hpp"
#include "sim/saturating.hpp"

namespace auditsim {

// The part of a session's state that decides what can happen next.
struct PlayState {
  int node = -1;
  std::vector<int64_t> variables;
  std::vector<uint32_t> visits;  // per node
  bool operator==(const PlayState&) const = default;
};

// The state at the scenario's start (start node visited once, variables at their initial values).
PlayState initial_state(const Scenario& s);
// Whether a choice is offered in a state (its condition holds and its audience matches).
bool choice_available(const Scenario& s, const Choice& c, const PlayState& st,
                      std::optional<Audience> audience);

// Where a choice leads from `in`, the state after its own `set` and `add`: the first branch of
// a conditional `next` whose condition holds, else the default. Returns the branch's index in
// `branch` (-1 for the default) when `branch` is given.
int next_node(const Choice& c, const ConditionInput& in, int* branch = nullptr);

// The state after taking choice `choice_index` of the current node.
PlayState apply_choice(const Scenario& s, const PlayState& st, int choice_index);
// The same transition applied in place (no copy of the visit counts): the engine's hot path.
// An out-of-range choice leaves the state unchanged.
void apply_choice_in_place(const Scenario& s, PlayState& st, int choice_index);

}  // namespace auditsim
