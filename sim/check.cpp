// Whole-scenario checks. Graph shape first (endings, loops); state-dependent checks (stuck
// states, reachability, availability) come from the exact exploration, once per audience.
#include "sim/check.hpp"

#include <algorithm>

#include "sim/analysis.hpp"
#include "sim/analysis_space.hpp"
#include "sim/check_graph.hpp"
#include "sim/check_text.hpp"

namespace auditsim {

namespace {

using detail::kNoState;
using detail::StateSpace;

struct Checker {
  const Scenario& s;
  std::vector<Diagnostic> out;

  void add(Severity sev, const char* code, SourcePos pos, std::string message,
           std::string hint = {}) {
    // Messages read as sentences, like the loader's; hints stay lower-case fragments.
    if (!message.empty() && message[0] >= 'a' && message[0] <= 'z') message[0] -= 'a' - 'A';
    if (!message.empty() && message.back() != '.') message += '.';
    out.push_back(Diagnostic{sev, code, s.source_path, pos.line, pos.col, std::move(message),
                             std::move(hint)});
  }

  // One exploration per audience the scenario is written for. When no choice is limited to an
  // audience every audience sees the same choices, so one exploration serves them all.
  struct Run {
    std::optional<Audience> audience;
    std::unique_ptr<StateSpace> space;
    uint32_t root = kNoState;
  };
  std::vector<Run> runs;

  void explore_all(size_t max_states) {
    const AnalysisOptions defaults;
    const bool claims = has_ending_claims(s);
    for (auto a : audiences_to_explore(s)) {
      Run r;
      r.audience = a;
      r.space = std::make_unique<StateSpace>(s, a, max_states, defaults.path_count_bound, claims);
      r.root = r.space->explore_initial();
      runs.push_back(std::move(r));
    }
  }
  bool limit_hit() const {
    return std::any_of(runs.begin(), runs.end(), [](const Run& r) { return r.space->limit_hit(); });
  }
  bool reached(int n) const {
    return std::any_of(runs.begin(), runs.end(),
                       [&](const Run& r) { return r.space->node_reached(n); });
  }
  bool available(int n, int c) const {
    return std::any_of(runs.begin(), runs.end(), [&](const Run& r) {
      return r.space->choice_available_somewhere(n, c);
    });
  }

  bool branch_taken(int n, int c, int b) const {
    return std::any_of(runs.begin(), runs.end(), [&](const Run& r) {
      return r.space->branch_taken_somewhere(n, c, b);
    });
  }

  void check_stuck();
  void check_branches();
  void check_evidence_shown();
  void check_injects(const std::vector<bool>& graph_reachable, bool acyclic);
  void check_reachability(const std::vector<bool>& graph_reachable);
  void check_pillars();
  void check_key_actions(bool exact);
  void check_ending_claims();
  void check_pillar_stages(Pillar p);
  void check_audience_key_actions();
};

std::string audience_list(const std::vector<std::optional<Audience>>& as) {
  std::string out;
  for (size_t i = 0; i < as.size(); ++i) {
    if (i > 0) out += i + 1 == as.size() ? " and " : ", ";
    out += as[i] ? audience_key(*as[i]) : "everyone";
  }
  return out;
}

void Checker::check_stuck() {
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    // A node with no choices at all is a dead end, which the loader reports on its own.
    if (s.nodes[n].choices.empty() || s.nodes[n].is_ending()) continue;
    std::vector<std::optional<Audience>> stuck_for;
    const Run* example_run = nullptr;
    uint32_t example = kNoState;
    for (const Run& r : runs) {
      for (uint32_t id : r.space->stuck_states()) {
        if (r.space->node_of(id) != static_cast<int>(n)) continue;
        stuck_for.push_back(r.audience);
        if (!example_run) {
          example_run = &r;
          example = id;
        }
        break;
      }
    }
    if (!example_run) continue;
    std::string message = "the session can get stuck at node `" + s.nodes[n].id +
                          "`: in some reachable states none of its choices is available";
    if (runs.size() > 1 || runs.front().audience) message += " for " + audience_list(stuck_for);
    const std::string when = describe_state(s, *example_run->space, example);
    const std::string route = describe_route(s, *example_run->space, example);
    std::string hint = "for example";
    if (!when.empty()) hint += " when " + when;
    hint += route.empty() ? " at the start" : ", after " + route;
    const auto audience = example_run->audience;
    const auto& choices = s.nodes[n].choices;
    const bool all_for_others =
        audience && std::all_of(choices.begin(), choices.end(), [&](const Choice& c) {
          return c.audience && *c.audience != *audience;
        });
    if (all_for_others) {
      hint += std::string("; every choice here is limited to another audience, so add one that ") +
              audience_key(*audience) + " can take";
    } else {
      hint += "; give one choice no `when`, or make the conditions cover every case";
    }
    add(Severity::Error, "stuck-state", s.nodes[n].pos, std::move(message), std::move(hint));
  }
}

void Checker::check_reachability(const std::vector<bool>& graph_reachable) {
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    const Node& node = s.nodes[n];
    const char* code = node.is_ending() ? "unreachable-ending" : "unreachable-node";
    const char* what = node.is_ending() ? "ending" : "node";
    if (!graph_reachable[n]) {
      add(Severity::Warning, code, node.pos,
          std::string("no path from the start reaches ") + what + " `" + node.id + "`",
          "add a choice whose `next` is `" + node.id + "`, or remove it");
      continue;
    }
    if (runs.empty() || reached(static_cast<int>(n))) continue;
    add(Severity::Warning, code, node.pos,
        std::string(what) + " `" + node.id +
            "` can never be reached: every choice leading to it is never available",
        "check the `when` conditions of the choices whose `next` is `" + node.id + "`");
  }
}

void Checker::check_key_actions(bool exact) {
  for (size_t k = 0; k < s.key_actions.size(); ++k) {
    bool listed = false;
    bool reachable = false;
    for (size_t n = 0; n < s.nodes.size(); ++n) {
      for (size_t c = 0; c < s.nodes[n].choices.size(); ++c) {
        const auto& ach = s.nodes[n].choices[c].achieves;
        if (std::find(ach.begin(), ach.end(), static_cast<int>(k)) == ach.end()) continue;
        listed = true;
        if (exact && available(static_cast<int>(n), static_cast<int>(c))) reachable = true;
      }
    }
    const KeyAction& ka = s.key_actions[k];
    if (!listed) {
      add(Severity::Warning, "key-action-never-achieved", ka.pos,
          "no choice achieves key action `" + ka.id + "`: it would always be a finding",
          "list `" + ka.id + "` under `achieves` on the choice that shows this practice");
    } else if (exact && !reachable) {
      add(Severity::Warning, "key-action-never-achieved", ka.pos,
          "key action `" + ka.id + "` can never be achieved: no choice that achieves it is "
          "ever available",
          "check the `when` conditions of the choices that list it under `achieves`");
    }
  }
}

void Checker::check_ending_claims() {
  if (!has_ending_claims(s)) return;
  std::vector<ClaimViolation> violations;
  for (Run& r : runs) collect_claim_violations(s, *r.space, r.audience, violations);
  std::vector<bool> refuted(s.nodes.size(), false);
  for (const ClaimViolation& v : violations) {
    refuted[v.ending] = true;
    const Node& node = s.nodes[v.ending];
    const PathClaim& claim = node.ending->claims[v.claim];
    std::string message = "ending `" + node.id + "` " + describe_claim(s, claim) +
                          ", but some path reaches it where that is false";
    if (runs.size() > 1 || runs.front().audience) message += " (for " + audience_list(v.audiences) + ")";
    std::string ids;
    for (const std::string& id : v.path) ids += (ids.empty() ? "" : ",") + id;
    std::string hint = "for example `auditsim play FILE --choose " +
                       (ids.empty() ? std::string("''") : ids) + "`";
    if (v.audiences.front()) hint.insert(hint.size() - 1, std::string(" --audience ") + audience_key(*v.audiences.front()));
    hint += "; change the choices that lead here, or the debrief and its claims";
    // A warning, not an error: the scenario still plays, so the author can replay the example.
    add(Severity::Warning, "ending-claim-not-guaranteed", claim.pos, std::move(message),
        std::move(hint));
  }
  if (!limit_hit()) return;
  // Claims not refuted in a partial search are not proved: say so rather than stay silent.
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    const Node& node = s.nodes[n];
    if (!node.ending || node.ending->claims.empty() || refuted[n]) continue;
    add(Severity::Warning, "ending-claim-unproved", node.ending->claims.front().pos,
        "the claims of ending `" + node.id + "` could not be proved: the scenario has too many "
        "distinct states to search them all",
        "use fewer number variables in conditions, or reset them with `set`");
  }
}

// The guide's rule: every high-priority key action must be achievable by both audiences, or the
// best path for one of them cannot reach the top rating.
void Checker::check_audience_key_actions() {
  if (runs.size() < 2) return;
  for (size_t k = 0; k < s.key_actions.size(); ++k) {
    const KeyAction& ka = s.key_actions[k];
    if (ka.priority != Priority::High) continue;
    std::vector<std::optional<Audience>> can, cannot;
    for (const Run& r : runs) {
      bool achievable = false;
      for (size_t n = 0; n < s.nodes.size() && !achievable; ++n) {
        for (size_t c = 0; c < s.nodes[n].choices.size() && !achievable; ++c) {
          const auto& ach = s.nodes[n].choices[c].achieves;
          achievable = std::find(ach.begin(), ach.end(), static_cast<int>(k)) != ach.end() &&
                       r.space->choice_available_somewhere(static_cast<int>(n), static_cast<int>(c));
        }
      }
      (achievable ? can : cannot).push_back(r.audience);
    }
    if (can.empty() || cannot.empty()) continue;
    add(Severity::Warning, "key-action-one-audience", ka.pos,
        "high-priority key action `" + ka.id + "` can be achieved by " + audience_list(can) +
            " but not by " + audience_list(cannot),
        "give " + audience_list(cannot) + " a choice that achieves it, or lower its priority: "
        "otherwise missing it caps their exercise rating whatever else they do");
  }
}

// The guide's rule: a pillar needs positive scores at several stages, or one decision decides
// its whole percentage. Counts the nodes where some choice that can be taken scores it.
// Only for scenarios of at least kGuideMinStages decisions (the guide's shortest teaching
// scenario): in a two-stage exercise one decision per pillar is the design, not a fault.
void Checker::check_pillar_stages(Pillar p) {
  constexpr size_t kGuideMinStages = 6;
  const auto stages = std::count_if(s.nodes.begin(), s.nodes.end(),
                                    [](const Node& n) { return !n.is_ending(); });
  if (static_cast<size_t>(stages) < kGuideMinStages) return;
  const bool exact = !runs.empty() && !limit_hit();
  int stage = -1;
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    for (size_t c = 0; c < s.nodes[n].choices.size(); ++c) {
      if (s.nodes[n].choices[c].score[p] <= 0) continue;
      if (exact && !available(static_cast<int>(n), static_cast<int>(c))) continue;
      if (stage >= 0 && stage != static_cast<int>(n)) return;
      stage = static_cast<int>(n);
    }
  }
  if (stage < 0) return;
  add(Severity::Warning, "pillar-scored-at-one-stage", s.nodes[stage].pos,
      std::string("only node `") + s.nodes[stage].id + "` scores " + pillar_name(p) +
          ": that one decision decides the whole " + pillar_name(p) + " percentage",
      std::string("give a positive `") + pillar_key(p) + "` score to good choices at other stages too");
}

// A branch of a conditional `next` that no reachable state takes is text nobody will read:
// its condition is false whenever the choice is taken, or an earlier branch always wins.
void Checker::check_branches() {
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    const auto& choices = s.nodes[n].choices;
    for (size_t c = 0; c < choices.size(); ++c) {
      const Choice& ch = choices[c];
      if (ch.branches.empty() || !available(static_cast<int>(n), static_cast<int>(c))) continue;
      for (size_t b = 0; b < ch.branches.size(); ++b) {
        if (branch_taken(static_cast<int>(n), static_cast<int>(c), static_cast<int>(b))) continue;
        const NextBranch& br = ch.branches[b];
        const std::string to = br.node >= 0 ? s.nodes[br.node].id : std::string("?");
        add(Severity::Warning, "next-branch-never-taken", br.pos,
            "choice `" + ch.id + "` never leads to `" + to + "`: in every state where it is "
            "taken, `" + br.when.text() + "` is false or an earlier condition holds",
            "check the condition, the order of the entries, and the `set`/`add` of the choices "
            "before it");
      }
    }
  }
}

// A document no stage shows and nothing releases is never seen by the players.
void Checker::check_evidence_shown() {
  std::vector<bool> shown(s.evidence.size(), false);
  const auto mark = [&](const std::vector<int>& ids) {
    for (int e : ids) {
      if (e >= 0 && static_cast<size_t>(e) < shown.size()) shown[e] = true;
    }
  };
  for (const Node& n : s.nodes) {
    mark(n.evidence);
    for (const Choice& c : n.choices) mark(c.releases);
  }
  for (const Inject& in : s.injects) mark(in.evidence);
  for (size_t e = 0; e < s.evidence.size(); ++e) {
    if (shown[e]) continue;
    add(Severity::Warning, "evidence-never-shown", s.evidence[e].pos,
        "evidence document `" + s.evidence[e].id + "` is never shown to the players",
        "list it under a node's `evidence`, an inject's `evidence` or a choice's `releases`, or "
        "remove it");
  }
}

namespace {

// The most decisions any path from the start can take, conditions ignored; nullopt with a loop.
std::optional<int64_t> most_decisions(const Scenario& s) {
  const size_t count = s.nodes.size();
  if (s.start < 0 || static_cast<size_t>(s.start) >= count) return std::nullopt;
  std::vector<int64_t> depth(count, -1);  // decisions taken on arrival, longest route so far
  std::vector<int> indegree(count, 0);
  for (const Node& n : s.nodes) {
    for (const Choice& c : n.choices) {
      c.for_each_target([&](int to) {
        if (to >= 0 && static_cast<size_t>(to) < count) ++indegree[to];
      });
    }
  }
  // Kahn's order over the whole graph: a node is final once every edge into it is seen.
  std::vector<int> ready;
  for (size_t n = 0; n < count; ++n) {
    if (indegree[n] == 0) ready.push_back(static_cast<int>(n));
  }
  depth[s.start] = 0;
  int64_t most = 0;
  size_t done = 0;
  while (!ready.empty()) {
    const int n = ready.back();
    ready.pop_back();
    ++done;
    if (depth[n] >= 0) most = std::max(most, depth[n]);
    for (const Choice& c : s.nodes[n].choices) {
      c.for_each_target([&](int to) {
        if (to < 0 || static_cast<size_t>(to) >= count) return;
        if (depth[n] >= 0) depth[to] = std::max(depth[to], depth[n] + 1);
        if (--indegree[to] == 0) ready.push_back(to);
      });
    }
  }
  if (done != count) return std::nullopt;
  return most;
}

}  // namespace

void Checker::check_injects(const std::vector<bool>& graph_reachable, bool acyclic) {
  const std::optional<int64_t> most = acyclic ? most_decisions(s) : std::nullopt;
  for (const Inject& in : s.injects) {
    std::string why, hint;
    if (in.audience &&
        std::find(s.audience.begin(), s.audience.end(), *in.audience) == s.audience.end()) {
      why = std::string("it is only for ") + audience_key(*in.audience) +
            ", who are not in the scenario's `audience`";
      hint = "remove the inject's `audience`, or add it to the scenario's";
    } else if (in.trigger == Inject::Trigger::After && in.since >= 0 &&
               static_cast<size_t>(in.since) < s.nodes.size() &&
               (!graph_reachable[in.since] || (!runs.empty() && !reached(in.since)))) {
      why = "its `since` node `" + s.nodes[in.since].id + "` can never be reached";
      hint = "count from a node the players arrive at";
    } else if (in.trigger == Inject::Trigger::AfterDecisions && most &&
               in.after_decisions > *most) {
      why = "no path takes " + std::to_string(in.after_decisions) + " decisions (the most is " +
            std::to_string(*most) + ")";
      hint = "lower `after_decisions`";
    }
    if (why.empty()) continue;
    add(Severity::Warning, "inject-never-fires", in.pos,
        "inject `" + in.id + "` can never fire: " + why, std::move(hint));
  }
}

void Checker::check_pillars() {
  for (Pillar p : kPillars) {
    bool scored = false;
    for (const Node& n : s.nodes) {
      for (const Choice& c : n.choices) scored |= c.score[p] > 0;
    }
    if (!scored) {
      add(Severity::Warning, "pillar-never-scored", SourcePos{},
          std::string("no choice scores ") + pillar_name(p) + ": it will be reported as "
          "\"not assessed\"",
          std::string("give a positive `") + pillar_key(p) + "` score to choices that show it");
      continue;
    }
    check_pillar_stages(p);
    if (runs.empty() || limit_hit()) continue;
    int64_t best = 0;
    bool any = false;
    for (const Run& r : runs) {
      if (r.root == kNoState || !r.space->values(r.root).viable) continue;
      best = any ? std::max(best, r.space->values(r.root).best[p])
                 : r.space->values(r.root).best[p];
      any = true;
    }
    if (any && best <= 0) {
      add(Severity::Warning, "pillar-never-scored", SourcePos{},
          std::string("no complete path scores ") + pillar_name(p) + " above zero: it will "
          "be reported as \"not assessed\"",
          "the choices that score it are unavailable or outweighed on every path");
    }
  }
}

}  // namespace

std::vector<Diagnostic> check_scenario(const Scenario& s, size_t max_states) {
  Checker ck{s, {}, {}};
  if (std::none_of(s.nodes.begin(), s.nodes.end(), [](const Node& n) { return n.is_ending(); })) {
    const SourcePos pos = s.start >= 0 && static_cast<size_t>(s.start) < s.nodes.size()
                              ? s.nodes[s.start].pos
                              : SourcePos{};
    ck.add(Severity::Error, "no-endings", pos, "the scenario has no ending node",
           "add a node with `ending: { outcome: ..., debrief: ... }` and lead choices to it");
  }
  const auto cycles = find_cycles(s);
  for (const auto& cyc : cycles) {
    ck.add(Severity::Error, "cycle", cyc.pos, cyc.message, cyc.hint);
  }
  const std::vector<bool> graph_reachable = graph_reachable_nodes(s);
  const bool exact = cycles.empty() && s.start >= 0 &&
                     static_cast<size_t>(s.start) < s.nodes.size();
  if (exact) {
    ck.explore_all(max_states);
    if (ck.limit_hit()) {
      ck.add(Severity::Warning, "analysis-limit", SourcePos{},
             "the scenario has too many distinct states to analyse exactly; maximum scores and "
             "reachability results are partial",
             "use fewer number variables in conditions, or reset them with `set`");
    }
    ck.check_stuck();
    ck.check_ending_claims();
  }
  const bool complete = exact && !ck.limit_hit();
  if (!complete) ck.runs.clear();
  ck.check_reachability(graph_reachable);
  if (complete) {
    for (size_t n = 0; n < s.nodes.size(); ++n) {
      if (!ck.reached(static_cast<int>(n))) continue;
      const Node& node = s.nodes[n];
      for (size_t c = 0; c < node.choices.size(); ++c) {
        if (ck.available(static_cast<int>(n), static_cast<int>(c))) continue;
        const Choice& ch = node.choices[c];
        std::string hint;
        if (ch.audience &&
            std::find(s.audience.begin(), s.audience.end(), *ch.audience) == s.audience.end()) {
          hint = std::string("it is only offered to ") + audience_key(*ch.audience) +
                 ", who are not in the scenario's `audience`";
        } else if (!ch.when.empty()) {
          hint = "its condition `" + ch.when.text() + "` is false in every state that reaches `" +
                 node.id + "`";
        }
        ck.add(Severity::Warning, "choice-never-available", ch.pos,
               "choice `" + ch.id + "` is never available", std::move(hint));
      }
    }
  }
  if (complete) ck.check_branches();
  ck.check_evidence_shown();
  ck.check_injects(graph_reachable, cycles.empty());
  ck.check_pillars();
  ck.check_key_actions(complete);
  if (complete) ck.check_audience_key_actions();
  if (complete) {
    std::vector<Diagnostic> text = check_conditional_text(s);
    ck.out.insert(ck.out.end(), text.begin(), text.end());
  }
  std::stable_sort(ck.out.begin(), ck.out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  });
  return std::move(ck.out);
}

}  // namespace auditsim
