// Graph helpers for the checker. Searches are iterative: a scenario may be thousands of nodes
// deep and must not exhaust the stack.
#include "sim/check_graph.hpp"

#include <algorithm>

namespace auditsim {

namespace {

bool valid_node(const Scenario& s, int n) {
  return n >= 0 && static_cast<size_t>(n) < s.nodes.size();
}

// The k-th node a choice can lead to (its conditional branches, then the default), or -2 past
// the last one.
int target_at(const Choice& c, size_t k) {
  if (k < c.branches.size()) return c.branches[k].node;
  return k == c.branches.size() ? c.next : -2;
}

}  // namespace

std::vector<CycleReport> find_cycles(const Scenario& s, size_t limit) {
  std::vector<CycleReport> out;
  std::vector<uint8_t> colour(s.nodes.size(), 0);  // 0 unseen, 1 on the path, 2 done
  struct Frame {
    int node;
    size_t next_choice;
    size_t next_target = 0;  // within the choice: every branch of a conditional `next` is an edge
  };
  std::vector<Frame> stack;
  // Start from the start node so loops are described in the order players meet them.
  std::vector<int> roots;
  if (valid_node(s, s.start)) roots.push_back(s.start);
  for (size_t n = 0; n < s.nodes.size(); ++n) roots.push_back(static_cast<int>(n));
  for (int root : roots) {
    if (colour[root] != 0) continue;
    colour[root] = 1;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      Frame& top = stack.back();
      const Node& node = s.nodes[top.node];
      if (top.next_choice >= node.choices.size()) {
        colour[top.node] = 2;
        stack.pop_back();
        continue;
      }
      const Choice& c = node.choices[top.next_choice];
      const int next = target_at(c, top.next_target++);
      if (next == -2) {
        ++top.next_choice;
        top.next_target = 0;
        continue;
      }
      if (!valid_node(s, next)) continue;
      if (colour[next] == 0) {
        colour[next] = 1;
        stack.push_back({next, 0});
        continue;
      }
      if (colour[next] != 1 || out.size() >= limit) continue;
      // A back edge: the loop is the part of the current path from `next` to here.
      auto first = std::find_if(stack.begin(), stack.end(),
                                [&](const Frame& f) { return f.node == next; });
      std::string loop;
      for (auto it = first; it != stack.end(); ++it) loop += s.nodes[it->node].id + " → ";
      loop += s.nodes[next].id;
      CycleReport r;
      r.pos = c.pos;
      r.message = "the nodes form a loop: " + loop;
      r.hint = "scenarios must always move forward; point choice `" + c.id +
               "` at a node that does not lead back to `" + s.nodes[next].id + "`";
      out.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<bool> graph_reachable_nodes(const Scenario& s) {
  std::vector<bool> seen(s.nodes.size(), false);
  if (!valid_node(s, s.start)) return seen;
  std::vector<int> todo{s.start};
  seen[s.start] = true;
  while (!todo.empty()) {
    const int n = todo.back();
    todo.pop_back();
    for (const Choice& c : s.nodes[n].choices) {
      c.for_each_target([&](int to) {
        if (valid_node(s, to) && !seen[to]) {
          seen[to] = true;
          todo.push_back(to);
        }
      });
    }
  }
  return seen;
}

std::string describe_state(const Scenario& s, const detail::StateSpace& space, uint32_t id) {
  const Node& node = s.nodes[space.node_of(id)];
  std::vector<int> vars;
  std::vector<int> nodes;
  for (const Choice& c : node.choices) {
    for (int v : c.when.variables_read()) vars.push_back(v);
    for (int x : c.when.nodes_visited_read()) nodes.push_back(x);
  }
  std::sort(vars.begin(), vars.end());
  vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
  std::sort(nodes.begin(), nodes.end());
  nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
  std::string out;
  auto sep = [&out] {
    if (!out.empty()) out += ", ";
  };
  for (int v : vars) {
    const auto value = space.variable_value(id, v);
    if (!value || static_cast<size_t>(v) >= s.variables.size()) continue;
    sep();
    const Variable& var = s.variables[v];
    out += var.id + " = ";
    out += var.kind == Variable::Kind::Boolean ? (*value ? "true" : "false")
                                               : std::to_string(*value);
  }
  for (int x : nodes) {
    const auto flag = space.visited_flag(id, x);
    if (!flag) continue;
    sep();
    out += "visited(" + s.nodes[x].id + ") is " + (*flag ? "true" : "false");
  }
  return out;
}

std::string describe_route(const Scenario& s, const detail::StateSpace& space, uint32_t id) {
  std::vector<std::string> steps;
  for (uint32_t at = id; space.parent_of(at) != detail::kNoState; at = space.parent_of(at)) {
    const uint32_t parent = space.parent_of(at);
    steps.push_back(s.nodes[space.node_of(parent)].choices[space.parent_choice(at)].id);
  }
  if (steps.empty()) return {};
  std::reverse(steps.begin(), steps.end());
  // Long routes keep their beginning and end, which is what an author can find in the file.
  constexpr size_t kHead = 3, kTail = 5;
  if (steps.size() > kHead + kTail + 1) {
    steps.erase(steps.begin() + kHead, steps.end() - kTail);
    steps.insert(steps.begin() + kHead, "…");
  }
  std::string out = "choosing ";
  for (size_t i = 0; i < steps.size(); ++i) {
    if (i > 0) out += " → ";
    out += steps[i];
  }
  return out;
}

}  // namespace auditsim
