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

  void explore_all() {
    bool audience_specific = false;
    for (const Node& n : s.nodes) {
      for (const Choice& c : n.choices) audience_specific |= c.audience.has_value();
    }
    std::vector<std::optional<Audience>> audiences;
    if (audience_specific && !s.audience.empty()) {
      for (Audience a : s.audience) audiences.emplace_back(a);
    } else {
      audiences.emplace_back(std::nullopt);
    }
    const AnalysisOptions defaults;
    for (auto a : audiences) {
      Run r;
      r.audience = a;
      r.space =
          std::make_unique<StateSpace>(s, a, defaults.max_states, defaults.path_count_bound);
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

  void check_stuck();
  void check_reachability(const std::vector<bool>& graph_reachable);
  void check_pillars();
  void check_key_actions(bool exact);
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

std::vector<Diagnostic> check_scenario(const Scenario& s) {
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
    ck.explore_all();
    if (ck.limit_hit()) {
      ck.add(Severity::Warning, "analysis-limit", SourcePos{},
             "the scenario has too many distinct states to analyse exactly; maximum scores and "
             "reachability results are partial",
             "use fewer number variables in conditions, or reset them with `set`");
    }
    ck.check_stuck();
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
  ck.check_pillars();
  ck.check_key_actions(complete);
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
