// Measures the scenario path tests share: the fewest decisions on any route to an ending and
// the length of an evidence document.
#pragma once

#include <algorithm>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model.hpp"

namespace auditsim::test {

// The fewest decisions from the start to any ending over the bare graph, ignoring conditions
// and audiences: every real path follows one of these routes, so it bounds every path below.
// Scenarios are acyclic (the checker refuses loops), so one pass in reverse order suffices.
inline int fewest_decisions_to_an_ending(const Scenario& s) {
  constexpr int kUnknown = -1;
  std::vector<int> fewest(s.nodes.size(), kUnknown);
  // Depth-first with an explicit stack: a post-order visit fills children before parents.
  std::vector<std::pair<int, size_t>> stack{{s.start, 0}};
  while (!stack.empty()) {
    auto& [node, next_choice] = stack.back();
    const Node& n = s.nodes[node];
    if (n.is_ending()) {
      fewest[node] = 0;
      stack.pop_back();
      continue;
    }
    if (next_choice < n.choices.size()) {
      const int child = n.choices[next_choice++].next;
      if (fewest[child] == kUnknown) stack.push_back({child, 0});
      continue;
    }
    int best = std::numeric_limits<int>::max();
    for (const Choice& c : n.choices)
      if (fewest[c.next] != kUnknown) best = std::min(best, 1 + fewest[c.next]);
    fewest[node] = best;
    stack.pop_back();
  }
  return fewest[s.start];
}

// Words separated by white space.
inline int count_words(const std::string& text) {
  std::istringstream in(text);
  std::string w;
  int n = 0;
  while (in >> w) ++n;
  return n;
}

}  // namespace auditsim::test
