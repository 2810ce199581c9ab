// Balance figures over the explored (node, state) graph. Outcomes and decision counts are
// folded backwards from the endings; ratings are carried forwards from the start as counts of
// (4P score so far, high-priority key actions achieved so far) pairs, because a rating is not
// a sum of per-decision parts: it depends on the whole path's percentages and on whether any
// high-priority key action was missed.
#include "sim/balance.hpp"

#include <algorithm>
#include <chrono>
#include <random>
#include <unordered_map>

#include "sim/analysis_space.hpp"
#include "sim/autoplay.hpp"
#include "sim/engine.hpp"

namespace auditsim {

namespace {

using detail::kNoState;
using detail::StateSpace;

constexpr uint64_t kPathBound = AnalysisOptions{}.path_count_bound;

uint64_t add_saturating(uint64_t a, uint64_t b) {
  uint64_t r = 0;
  if (__builtin_add_overflow(a, b, &r) || r > kPathBound) return kPathBound;
  return r;
}

// The explored graph and its complete-path states in post-order (children before parents).
struct Dag {
  Dag(const Scenario& s, std::optional<Audience> audience)
      : space(s, audience, AnalysisOptions{}.max_states, kPathBound) {
    root = space.explore_initial();
    if (root == kNoState || !space.values(root).viable) return;
    std::vector<uint8_t> seen(space.size(), 0);
    struct Frame {
      uint32_t id, next;
    };
    std::vector<Frame> stack{{root, space.edge_begin(root)}};
    seen[root] = 1;
    while (!stack.empty()) {
      Frame& top = stack.back();
      if (top.next < space.edge_end(top.id)) {
        const uint32_t c = child(top.next++);
        if (c == kNoState || seen[c]) continue;
        seen[c] = 1;
        stack.push_back({c, space.edge_begin(c)});
      } else {
        post.push_back(top.id);
        stack.pop_back();
      }
    }
  }
  // The viable state an edge leads to, or kNoState.
  uint32_t child(uint32_t e) const {
    const uint32_t c = space.edge_child(e);
    return c != kNoState && space.values(c).viable ? c : kNoState;
  }
  bool usable() const { return !post.empty(); }

  StateSpace space;
  uint32_t root = kNoState;
  std::vector<uint32_t> post;
};

ExamplePath follow(const Scenario& s, const Dag& dag, const std::vector<uint32_t>& edge_of) {
  ExamplePath p;
  uint32_t id = dag.root;
  while (!s.nodes[static_cast<size_t>(dag.space.node_of(id))].is_ending()) {
    const uint32_t e = edge_of[id];
    p.choices.push_back(
        s.nodes[static_cast<size_t>(dag.space.node_of(id))].choices[dag.space.edge_choice(e)].id);
    id = dag.child(e);
  }
  p.ending = dag.space.node_of(id);
  return p;
}

}  // namespace

std::vector<Audience> audiences_of(const Scenario& s) {
  if (!s.audience.empty()) return s.audience;
  return {Audience::Members, Audience::Staff};
}

PathShape path_shape(const Scenario& s, std::optional<Audience> audience) {
  PathShape out;
  const Dag dag(s, audience);
  out.complete = !dag.space.limit_hit();
  if (!dag.usable()) return out;
  const size_t n = dag.space.size();
  std::vector<size_t> fewest(n, 0), most(n, 0);
  std::vector<uint32_t> fewest_edge(n, kNoState), most_edge(n, kNoState);
  std::vector<std::array<uint64_t, 3>> outcomes(n, std::array<uint64_t, 3>{});
  std::vector<bool> ending_seen(s.nodes.size(), false);
  for (uint32_t id : dag.post) {
    const Node& node = s.nodes[static_cast<size_t>(dag.space.node_of(id))];
    if (node.is_ending()) {
      outcomes[id][static_cast<size_t>(node.ending->outcome)] = 1;
      ending_seen[static_cast<size_t>(dag.space.node_of(id))] = true;
      continue;
    }
    for (uint32_t e = dag.space.edge_begin(id); e < dag.space.edge_end(id); ++e) {
      const uint32_t c = dag.child(e);
      if (c == kNoState) continue;
      if (fewest_edge[id] == kNoState || fewest[c] + 1 < fewest[id]) {
        fewest[id] = fewest[c] + 1;
        fewest_edge[id] = e;
      }
      if (most_edge[id] == kNoState || most[c] + 1 > most[id]) {
        most[id] = most[c] + 1;
        most_edge[id] = e;
      }
      for (size_t o = 0; o < 3; ++o) outcomes[id][o] = add_saturating(outcomes[id][o], outcomes[c][o]);
    }
  }
  out.paths = dag.space.values(dag.root).paths;
  out.paths_saturated = out.paths >= kPathBound;
  out.outcomes = outcomes[dag.root];
  out.min_decisions = fewest[dag.root];
  out.max_decisions = most[dag.root];
  out.shortest = follow(s, dag, fewest_edge);
  out.longest = follow(s, dag, most_edge);
  for (size_t e = 0; e < ending_seen.size(); ++e)
    if (ending_seen[e]) out.reachable_endings.push_back(static_cast<int>(e));
  return out;
}

OneMistakeTable one_mistake_table(const ScenarioPtr& s, std::optional<Audience> audience,
                                  const ScoringConfig& config) {
  OneMistakeTable t;
  const auto analysis = cached_analysis(s, audience);
  if (!analysis || !analysis->best) return t;
  t.best_path = analysis->best->choices;
  ManualClock clock;
  Continuations cont(*s, audience);
  {
    Session best(s, clock, audience);
    play_choices(best, t.best_path);
    const Result r = score_session(best, config);
    t.best_ending = best.finished() ? best.state().node : -1;
    t.best_percent = r.overall_percent;
    t.best_rating_level = r.rating_level;
    t.best_rating = r.rating;
  }
  for (size_t i = 0; i < t.best_path.size(); ++i) {
    Session at(s, clock, audience);
    const std::vector<std::string> prefix(t.best_path.begin(),
                                          t.best_path.begin() + static_cast<std::ptrdiff_t>(i));
    if (play_choices(at, prefix)) break;  // cannot happen for the analysis' own path
    const Node& node = at.current_node();
    for (int c : at.available_choices()) {
      const std::string& id = node.choices[static_cast<size_t>(c)].id;
      if (id == t.best_path[i]) continue;
      Session dev(s, clock, audience);
      play_choices(dev, prefix);
      dev.choose(c);
      play_best_from_here(dev, cont);
      const Result r = score_session(dev, config);
      Mistake m;
      m.decision = i + 1;
      m.node = at.state().node;
      m.best_choice = t.best_path[i];
      m.instead = id;
      m.path = choices_taken(dev);
      m.ending = dev.finished() ? dev.state().node : -1;
      m.overall_percent = r.overall_percent;
      m.rating_level = r.rating_level;
      m.rating = r.rating;
      m.missed_high = std::any_of(r.findings.begin(), r.findings.end(),
                                  [](const Finding& f) { return f.priority == Priority::High; });
      t.rows.push_back(std::move(m));
    }
  }
  return t;
}

namespace {

// What a rating depends on, carried along a path: the 4P score and which of the high-priority
// key actions that count for this audience have been achieved (one bit each). A late achievement
// sets the bit too when late findings drop a priority (a late high is a medium finding); a breach
// of a high-priority key action is a high finding whatever follows, so it caps the path at once.
// The test comparing these counts with scoring every path one by one catches a summary that has
// fallen behind the scoring rules.
struct Summary {
  Score4 score;
  uint64_t high_done = 0;
  bool operator==(const Summary&) const = default;
};

struct SummaryHash {
  size_t operator()(const Summary& x) const {
    uint64_t h = x.high_done * 0x9e3779b97f4a7c15ULL;
    for (int64_t v : x.score.v) {
      h ^= static_cast<uint64_t>(v) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    }
    return static_cast<size_t>(h ^ (h >> 29));
  }
};

using SummaryCounts = std::unordered_map<Summary, uint64_t, SummaryHash>;

// Summary::high_done for a path that can no longer achieve every high-priority key action. Bit 63
// is never a key action's (at most 63 are tracked), so no real set of key actions equals it.
constexpr uint64_t kCapped = ~0ULL;

// The rating of a complete path from its summary, by the scoring rules themselves: the pillar
// maxima of a fresh session's result, with the path's score applied as an adjustment.
struct RatingRule {
  Result pillars_only;       // pillars with their maxima, raw 0, no findings
  Finding high_finding;      // stands for "some high-priority key action was missed"
  uint64_t all_high = 0;     // every bit that must be set for no high-priority finding
  std::vector<uint64_t> achieved_bits;  // per (node, choice), flattened
  std::vector<uint8_t> breaches_high;   // per (node, choice): 1 when it breaches a high-priority key action
  std::vector<size_t> choice_offset;    // per node
  const ScoringConfig* config = nullptr;

  // Scores that end in the same percentage whatever happens from here are merged: a pillar no
  // path can score counts as 0, and one certain to end at or above its maximum (or at or below
  // zero) on every completion is clamped to the least such score. This keeps the number of
  // combinations carried small without changing any path's rating.
  Score4 canonical(Score4 raw, const detail::StateValues& ahead) const {
    for (Pillar p : kPillars) {
      const int64_t max = pillars_only.pillars[static_cast<size_t>(p)].max;
      if (max <= 0) raw[p] = 0;
      else if (raw[p] + ahead.min[p] >= max) raw[p] = max - ahead.min[p];
      else if (raw[p] + ahead.best[p] <= 0) raw[p] = -ahead.best[p];
    }
    return raw;
  }

  // The rating of a path with summary `x` that ends in an ending of this outcome.
  int level(const Summary& x, Outcome outcome) const {
    Result r = pillars_only;
    r.outcome = outcome;
    if (x.high_done == kCapped || (x.high_done & all_high) != all_high) r.findings.push_back(high_finding);
    apply_score_adjustment(r, x.score, *config);
    return r.rating_level;
  }
};

// Builds the rule; nullopt (with the reason) when more high-priority key actions count than fit
// in the bit set.
std::optional<RatingRule> rating_rule(const ScenarioPtr& s, std::optional<Audience> audience,
                                        const ScoringConfig& config, std::string& why) {
  ManualClock clock;
  const Session fresh(s, clock, audience);
  const Result base = score_session(fresh, config);
  RatingRule rule;
  rule.config = &config;
  rule.pillars_only = base;
  rule.pillars_only.findings.clear();
  rule.pillars_only.paths_not_taken.clear();
  std::vector<int> bit_of(s->key_actions.size(), -1);
  int bits = 0;
  for (const Finding& f : base.findings) {
    if (f.priority != Priority::High) continue;
    if (bits == 63) {
      why = "more than 63 high-priority key actions";
      return std::nullopt;
    }
    rule.high_finding = f;
    bit_of[static_cast<size_t>(f.key_action)] = bits++;
  }
  rule.all_high = (1ULL << bits) - 1;
  rule.choice_offset.resize(s->nodes.size() + 1, 0);
  for (size_t n = 0; n < s->nodes.size(); ++n)
    rule.choice_offset[n + 1] = rule.choice_offset[n] + s->nodes[n].choices.size();
  rule.achieved_bits.assign(rule.choice_offset.back(), 0);
  rule.breaches_high.assign(rule.choice_offset.back(), 0);
  const bool late_clears_high = config.late_priority_drop >= 1;
  for (size_t n = 0; n < s->nodes.size(); ++n) {
    for (size_t c = 0; c < s->nodes[n].choices.size(); ++c) {
      const Choice& choice = s->nodes[n].choices[c];
      auto set_bits = [&](const std::vector<int>& kas) {
        for (int k : kas)
          if (k >= 0 && bit_of[static_cast<size_t>(k)] >= 0)
            rule.achieved_bits[rule.choice_offset[n] + c] |= 1ULL << bit_of[static_cast<size_t>(k)];
      };
      set_bits(choice.achieves);
      if (late_clears_high) set_bits(choice.achieves_late);
      for (int k : choice.breaches)
        if (k >= 0 && static_cast<size_t>(k) < s->key_actions.size() &&
            s->key_actions[static_cast<size_t>(k)].priority == Priority::High)
          rule.breaches_high[rule.choice_offset[n] + c] = 1;
    }
  }
  return rule;
}

// Exact counts, or false (with the reason) when the pairs outgrow the budget.
bool count_exactly(const Scenario& s, const Dag& dag, const RatingRule& rule, size_t max_pairs,
                   RatingCounts& out, std::string& why) {
  // The high-priority key actions some completion from each state can still achieve: a path
  // that can no longer achieve them all will be capped whichever it achieves, so those paths
  // share one marker instead of one entry per set of key actions done.
  std::vector<uint64_t> still(dag.space.size(), 0);
  for (uint32_t id : dag.post) {
    const int node = dag.space.node_of(id);
    for (uint32_t e = dag.space.edge_begin(id); e < dag.space.edge_end(id); ++e) {
      const uint32_t c = dag.child(e);
      if (c == kNoState) continue;
      still[id] |= still[c] | rule.achieved_bits[rule.choice_offset[static_cast<size_t>(node)] +
                                                 static_cast<size_t>(dag.space.edge_choice(e))];
    }
  }
  std::unordered_map<uint32_t, SummaryCounts> pending;
  pending[dag.root][Summary{}] = 1;
  size_t live = 1;
  for (auto it = dag.post.rbegin(); it != dag.post.rend(); ++it) {
    const uint32_t id = *it;
    auto found = pending.find(id);
    if (found == pending.end()) continue;
    SummaryCounts here = std::move(found->second);
    pending.erase(found);
    live -= here.size();
    const int node = dag.space.node_of(id);
    const Node& n = s.nodes[static_cast<size_t>(node)];
    if (n.is_ending()) {
      for (const auto& [x, count] : here) {
        auto& slot = out.by_level[static_cast<size_t>(rule.level(x, n.ending->outcome))];
        slot = add_saturating(slot, count);
      }
      continue;
    }
    for (uint32_t e = dag.space.edge_begin(id); e < dag.space.edge_end(id); ++e) {
      const uint32_t c = dag.child(e);
      if (c == kNoState) continue;
      const int choice = dag.space.edge_choice(e);
      const Score4& delta = n.choices[static_cast<size_t>(choice)].score;
      const size_t flat = rule.choice_offset[static_cast<size_t>(node)] + static_cast<size_t>(choice);
      const uint64_t bits = rule.achieved_bits[flat];
      const bool breach = rule.breaches_high[flat] != 0;
      SummaryCounts& there = pending[c];
      const size_t before = there.size();
      const detail::StateValues& ahead = dag.space.values(c);
      for (const auto& [x, count] : here) {
        uint64_t done = x.high_done == kCapped || breach ? kCapped : x.high_done | bits;
        if (done != kCapped && (done | still[c]) != rule.all_high) done = kCapped;
        uint64_t& slot = there[Summary{rule.canonical(x.score + delta, ahead), done}];
        slot = add_saturating(slot, count);
      }
      live += there.size() - before;
      if (live > max_pairs) {
        why = "more than " + std::to_string(max_pairs) +
              " different (score, key actions) combinations at once";
        return false;
      }
    }
  }
  return true;
}

// A path drawn uniformly from every complete path: each edge is taken in proportion to the
// paths that continue through it.
std::vector<int> draw_uniform_path(const Dag& dag, std::mt19937_64& rng) {
  std::vector<int> choices;
  uint32_t id = dag.root;
  while (dag.space.edge_begin(id) < dag.space.edge_end(id)) {
    uint64_t total = 0;
    for (uint32_t e = dag.space.edge_begin(id); e < dag.space.edge_end(id); ++e)
      if (dag.child(e) != kNoState) total += dag.space.values(dag.child(e)).paths;
    if (total == 0) break;
    uint64_t pick = std::uniform_int_distribution<uint64_t>(0, total - 1)(rng);
    for (uint32_t e = dag.space.edge_begin(id); e < dag.space.edge_end(id); ++e) {
      const uint32_t c = dag.child(e);
      if (c == kNoState) continue;
      const uint64_t w = dag.space.values(c).paths;
      if (pick < w) {
        choices.push_back(dag.space.edge_choice(e));
        id = c;
        break;
      }
      pick -= w;
    }
  }
  return choices;
}

void sample(const ScenarioPtr& s, const Dag& dag, std::optional<Audience> audience,
            const ScoringConfig& config, const RatingCountOptions& opts, RatingCounts& out) {
  out.exact = false;
  out.by_level = {};
  out.sample_size = opts.sample_size;
  out.seed = opts.seed;
  out.uniform_over_paths = dag.usable() && !dag.space.limit_hit() &&
                           dag.space.values(dag.root).paths < kPathBound;
  std::mt19937_64 rng(opts.seed);
  ManualClock clock;
  for (uint64_t i = 0; i < opts.sample_size; ++i) {
    Session session(s, clock, audience);
    if (out.uniform_over_paths) {
      for (int c : draw_uniform_path(dag, rng)) {
        session.choose(c);
        while (!session.pending_injects().empty())
          session.acknowledge_inject(session.pending_injects().front().inject);
      }
    } else {
      play_random(session, rng());
    }
    if (!session.finished()) continue;  // a stage with nothing to choose: not a complete path
    ++out.by_level[static_cast<size_t>(score_session(session, config).rating_level)];
  }
}

}  // namespace

RatingCounts count_ratings(const ScenarioPtr& s, std::optional<Audience> audience,
                             const ScoringConfig& config, const RatingCountOptions& opts) {
  RatingCounts out;
  const Dag dag(*s, audience);
  std::string why;
  if (opts.force_sampling) why = "sampling was asked for";
  else if (dag.space.limit_hit()) why = "too many distinct states to explore";
  else if (!dag.usable()) why = "no complete path could be explored";
  else if (dag.space.values(dag.root).paths >= kPathBound) why = "too many paths to count";
  if (why.empty()) {
    const auto rule = rating_rule(s, audience, config, why);
    if (rule && count_exactly(*s, dag, *rule, opts.max_pairs, out, why)) {
      out.exact = true;
      return out;
    }
  }
  out.why_sampled = why;
  sample(s, dag, audience, config, opts, out);
  return out;
}

AudienceBalance balance_for(const ScenarioPtr& s, std::optional<Audience> audience,
                            const ScoringConfig& config, const RatingCountOptions& opts) {
  const auto start = std::chrono::steady_clock::now();
  AudienceBalance b;
  b.audience = audience;
  b.shape = path_shape(*s, audience);
  b.ratings = count_ratings(s, audience, config, opts);
  b.one_mistake = one_mistake_table(s, audience, config);
  b.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return b;
}

}  // namespace auditsim
