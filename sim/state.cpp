// Pure transitions over PlayState. Both the engine (one step per decision) and the analysis
// (millions of states) call these, so they allocate only the copy of the state they return.
#include "sim/state.hpp"

#include <limits>

namespace auditsim {

namespace {

void visit(PlayState& st, int node) {
  if (node < 0 || static_cast<size_t>(node) >= st.visits.size()) return;
  if (st.visits[node] != std::numeric_limits<uint32_t>::max()) ++st.visits[node];
}

}  // namespace

PlayState initial_state(const Scenario& s) {
  PlayState st;
  st.node = s.start;
  st.variables.reserve(s.variables.size());
  for (const auto& v : s.variables) st.variables.push_back(v.initial);
  st.visits.assign(s.nodes.size(), 0);
  visit(st, s.start);
  return st;
}

bool choice_available(const Scenario& s, const Choice& c, const PlayState& st,
                      std::optional<Audience> audience) {
  (void)s;
  if (c.audience && audience && *c.audience != *audience) return false;
  if (c.when.empty()) return true;
  return c.when.eval(ConditionInput{st.variables, st.visits});
}

int next_node(const Choice& c, const ConditionInput& in, int* branch) {
  for (size_t b = 0; b < c.branches.size(); ++b) {
    if (!c.branches[b].when.eval(in)) continue;
    if (branch) *branch = static_cast<int>(b);
    return c.branches[b].node;
  }
  if (branch) *branch = -1;
  return c.next;
}

void apply_choice_in_place(const Scenario& s, PlayState& st, int choice_index) {
  if (st.node < 0 || static_cast<size_t>(st.node) >= s.nodes.size()) return;
  const Node& n = s.nodes[st.node];
  if (choice_index < 0 || static_cast<size_t>(choice_index) >= n.choices.size()) return;
  const Choice& c = n.choices[choice_index];
  // The format applies every `set` before any `add`, whatever order the loader stored them in.
  for (const auto& a : c.effects) {
    if (a.op != Assignment::Op::Set) continue;
    if (a.variable >= 0 && static_cast<size_t>(a.variable) < st.variables.size()) {
      st.variables[a.variable] = a.value;
    }
  }
  for (const auto& a : c.effects) {
    if (a.op != Assignment::Op::Add) continue;
    if (a.variable >= 0 && static_cast<size_t>(a.variable) < st.variables.size()) {
      st.variables[a.variable] = saturating_add(st.variables[a.variable], a.value);
    }
  }
  // A conditional `next` reads the state this choice has just made, before the visit to where
  // it leads, so `when: trust < 30` can follow an `add: { trust: -20 }` on the same choice.
  const int to = c.branches.empty() ? c.next : next_node(c, ConditionInput{st.variables, st.visits});
  st.node = to;
  visit(st, to);
}

PlayState apply_choice(const Scenario& s, const PlayState& st, int choice_index) {
  PlayState out = st;
  apply_choice_in_place(s, out, choice_index);
  return out;
}

}  // namespace auditsim
