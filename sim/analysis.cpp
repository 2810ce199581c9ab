// analyse() and Continuations: thin readers over the explored state space.
#include "sim/analysis.hpp"

#include "sim/analysis_space.hpp"

namespace auditsim {

namespace {

using detail::kNoState;
using detail::StateSpace;

// Follows the best (or worst) edges from a state to an ending.
ScoredPath follow(const Scenario& s, const StateSpace& space, uint32_t id, bool best) {
  ScoredPath path;
  while (true) {
    const int n = space.node_of(id);
    if (s.nodes[n].is_ending()) {
      path.ending = n;
      break;
    }
    const auto& v = space.values(id);
    const int32_t e = best ? v.best_edge : v.worst_edge;
    const Choice& c = s.nodes[n].choices[space.edge_choice(static_cast<uint32_t>(e))];
    path.choices.push_back(c.id);
    path.score += c.score;
    id = space.edge_child(static_cast<uint32_t>(e));
  }
  return path;
}

// Lists complete paths in choice order, skipping branches that cannot reach an ending.
void list_paths(const Scenario& s, const StateSpace& space, uint32_t root, size_t limit,
                std::vector<ScoredPath>& out) {
  if (limit == 0) return;
  struct Frame {
    uint32_t id;
    uint32_t next_edge;
  };
  std::vector<Frame> stack{{root, space.edge_begin(root)}};
  std::vector<const Choice*> taken;
  while (!stack.empty() && out.size() < limit) {
    Frame& top = stack.back();
    const int n = space.node_of(top.id);
    if (s.nodes[n].is_ending()) {
      ScoredPath p;
      p.ending = n;
      p.choices.reserve(taken.size());
      for (const Choice* c : taken) {
        p.choices.push_back(c->id);
        p.score += c->score;
      }
      out.push_back(std::move(p));
      stack.pop_back();
      if (!taken.empty()) taken.pop_back();
      continue;
    }
    if (top.next_edge >= space.edge_end(top.id)) {
      stack.pop_back();
      if (!taken.empty()) taken.pop_back();
      continue;
    }
    const uint32_t e = top.next_edge++;
    const uint32_t child = space.edge_child(e);
    if (child == kNoState || !space.values(child).viable) continue;
    taken.push_back(&s.nodes[n].choices[space.edge_choice(e)]);
    stack.push_back({child, space.edge_begin(child)});
  }
}

}  // namespace

Analysis analyse(const Scenario& s, const AnalysisOptions& opts) {
  Analysis a;
  a.node_reachable.assign(s.nodes.size(), false);
  a.choice_ever_available.resize(s.nodes.size());
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    a.choice_ever_available[n].assign(s.nodes[n].choices.size(), false);
  }
  StateSpace space(s, opts.audience, opts.max_states, opts.path_count_bound);
  const uint32_t root = space.explore_initial();
  a.states_explored = space.size();
  a.state_limit_hit = space.limit_hit();
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    a.node_reachable[n] = space.node_reached(static_cast<int>(n));
    for (size_t c = 0; c < s.nodes[n].choices.size(); ++c) {
      a.choice_ever_available[n][c] =
          space.choice_available_somewhere(static_cast<int>(n), static_cast<int>(c));
    }
    if (a.node_reachable[n] && s.nodes[n].is_ending()) {
      a.reachable_endings.push_back(static_cast<int>(n));
    }
  }
  if (root == kNoState || !space.values(root).viable) return a;

  const auto& v = space.values(root);
  a.max = v.best;
  a.min = v.min;
  a.best = follow(s, space, root, true);
  a.worst = follow(s, space, root, false);
  a.path_count = v.paths;
  a.path_count_truncated = v.paths >= opts.path_count_bound;
  list_paths(s, space, root, opts.max_paths_listed, a.paths);
  a.paths_truncated = a.path_count_truncated || a.paths.size() < a.path_count;
  return a;
}

struct Continuations::Impl {
  Impl(const Scenario& s, std::optional<Audience> audience)
      : scenario(s),
        space(s, audience, AnalysisOptions{}.max_states, AnalysisOptions{}.path_count_bound) {}
  const Scenario& scenario;
  StateSpace space;
};

Continuations::Continuations(const Scenario& s, std::optional<Audience> audience)
    : impl_(std::make_unique<Impl>(s, audience)) {}

Continuations::~Continuations() = default;

int64_t Continuations::best_total(const PlayState& st) {
  const uint32_t id = impl_->space.explore_from(st);
  if (id == kNoState || !impl_->space.values(id).viable) return 0;
  return impl_->space.values(id).best_total;
}

Score4 Continuations::best_per_pillar(const PlayState& st) {
  const uint32_t id = impl_->space.explore_from(st);
  if (id == kNoState || !impl_->space.values(id).viable) return {};
  return impl_->space.values(id).best;
}

Score4 Continuations::best_path_score(const PlayState& st) {
  const uint32_t id = impl_->space.explore_from(st);
  if (id == kNoState || !impl_->space.values(id).viable) return {};
  return follow(impl_->scenario, impl_->space, id, /*best=*/true).score;
}

}  // namespace auditsim
