// The 4P scoring model (docs/scoring.md). The exact maxima come from the analysis, which is the
// expensive part, so it is computed once per scenario and audience and kept in a small cache;
// scoring itself is then linear in the session's history.
#include "sim/scoring.hpp"

#include "sim/key_table.hpp"

#include <algorithm>
#include <mutex>

namespace auditsim {

namespace {

// One analysed scenario. The ScenarioPtr keeps the scenario alive as long as the entry, so the
// Continuations (which reference it) stay valid and a pointer match cannot be a reused address.
struct CacheEntry {
  ScenarioPtr scenario;
  std::optional<Audience> audience;
  std::shared_ptr<const Analysis> analysis;
  std::shared_ptr<Continuations> continuations;
};

constexpr size_t kCacheSize = 4;  // a library screen, a debrief and a report at once

std::mutex& cache_mutex() {
  static std::mutex m;
  return m;
}

std::vector<CacheEntry>& cache() {
  static std::vector<CacheEntry> c;
  return c;
}

bool same_scenario(const ScenarioPtr& a, const ScenarioPtr& b) {
  if (a.get() == b.get()) return true;
  // Two loads of the same file are the same scenario: the hash covers every byte of the source.
  return !a->source_sha256.empty() && a->source_sha256 == b->source_sha256 && a->id == b->id;
}

// Most recently used first. Caller holds the mutex.
CacheEntry& cached(const ScenarioPtr& scenario, std::optional<Audience> audience) {
  auto& c = cache();
  auto it = std::find_if(c.begin(), c.end(), [&](const CacheEntry& e) {
    return e.audience == audience && same_scenario(e.scenario, scenario);
  });
  if (it == c.end()) {
    CacheEntry e;
    e.scenario = scenario;
    e.audience = audience;
    AnalysisOptions opts;
    opts.audience = audience;
    opts.max_paths_listed = 0;  // only the maxima and availability are needed here
    e.analysis = std::make_shared<const Analysis>(analyse(*scenario, opts));
    e.continuations = std::make_shared<Continuations>(*scenario, audience);
    if (c.size() >= kCacheSize) c.pop_back();
    c.insert(c.begin(), std::move(e));
  } else if (it != c.begin()) {
    std::rotate(c.begin(), it, it + 1);
  }
  return c.front();
}

// Key actions some choice could achieve for this audience. A key action the session never had
// the chance to achieve is not held against it; when the analysis was cut short, every key
// action counts, since "never available" cannot be proved.
std::vector<bool> achievable_key_actions(const Scenario& s, const Analysis& a) {
  std::vector<bool> out(s.key_actions.size(), false);
  const bool complete = !a.state_limit_hit && a.choice_ever_available.size() == s.nodes.size();
  for (size_t n = 0; n < s.nodes.size(); ++n) {
    const auto& choices = s.nodes[n].choices;
    for (size_t c = 0; c < choices.size(); ++c) {
      const bool offered = !complete || (c < a.choice_ever_available[n].size() &&
                                         a.choice_ever_available[n][c]);
      if (!offered) continue;
      for (const auto* list : {&choices[c].achieves, &choices[c].achieves_late}) {
        for (int k : *list) {
          if (k >= 0 && static_cast<size_t>(k) < out.size()) out[k] = true;
        }
      }
    }
  }
  if (!complete) std::fill(out.begin(), out.end(), true);
  return out;
}

// What the decisions in effect did to each key action. On time wins over late; a breach stands
// whatever came before or after it.
struct KeyActionOutcome {
  bool on_time = false, late = false, breached = false;
};

std::vector<KeyActionOutcome> key_action_outcomes(const Session& session) {
  const Scenario& s = session.scenario();
  std::vector<KeyActionOutcome> out(s.key_actions.size());
  const auto mark = [&](const std::vector<int>& ks, bool KeyActionOutcome::*flag) {
    for (int k : ks) {
      if (k >= 0 && static_cast<size_t>(k) < out.size()) out[k].*flag = true;
    }
  };
  for (size_t h : session.effective_decisions()) {
    const HistoryEntry& e = session.history()[h];
    const Choice& c = s.nodes[e.node].choices[e.choice];
    mark(c.achieves, &KeyActionOutcome::on_time);
    mark(c.achieves_late, &KeyActionOutcome::late);
    mark(c.breaches, &KeyActionOutcome::breached);
  }
  return out;
}

Priority lowered(Priority p, int levels) {
  const int at = std::clamp(static_cast<int>(p) + std::max(levels, 0), 0,
                            static_cast<int>(Priority::Low));
  return static_cast<Priority>(at);
}

bool objective_met(const Scenario& s, const LearningObjective& o, const std::vector<bool>& done) {
  const auto achieved = [&](int k) {
    return k >= 0 && static_cast<size_t>(k) < done.size() && done[k];
  };
  if (!o.key_actions.empty()) return std::all_of(o.key_actions.begin(), o.key_actions.end(), achieved);
  for (size_t k = 0; k < s.key_actions.size(); ++k) {
    if (s.key_actions[k].pillar == o.pillar && done[k]) return true;
  }
  return false;
}

void score_pillars(const Session& session, const Analysis& analysis, const ScoringConfig& config,
                   Result& r) {
  double weighted = 0, weights = 0;
  for (Pillar p : kPillars) {
    PillarResult& pr = r.pillars[static_cast<int>(p)];
    pr.pillar = p;
    pr.raw = session.score()[p];
    pr.max = analysis.max[p];
    pr.assessed = pr.max > 0;
    if (!pr.assessed) continue;
    pr.percent = std::clamp(100.0 * static_cast<double>(pr.raw) / static_cast<double>(pr.max),
                            0.0, 100.0);
    const double w = std::max(0.0, config.weights[static_cast<int>(p)]);
    weighted += w * pr.percent;
    weights += w;
  }
  r.overall_percent = weights > 0 ? weighted / weights : 0.0;
}

void score_paths_not_taken(const Session& session, Continuations& cont, Result& r) {
  const Scenario& s = session.scenario();
  PlayState st = initial_state(s);
  for (size_t h : session.effective_decisions()) {
    const HistoryEntry& e = session.history()[h];
    PathNotTaken pnt;
    pnt.history_index = h;
    pnt.node = e.node;
    pnt.chosen = e.choice;
    const Node& n = s.nodes[st.node];
    int64_t best = 0;
    for (size_t c = 0; c < n.choices.size(); ++c) {
      const Choice& ch = n.choices[c];
      if (!choice_available(s, ch, st, session.audience())) continue;
      const int64_t value = ch.score.total() + cont.best_total(apply_choice(s, st, static_cast<int>(c)));
      if (static_cast<int>(c) == e.choice) {
        pnt.chosen_value = value;
      } else if (!pnt.best_alternative || value > best) {
        pnt.best_alternative = static_cast<int>(c);
        best = value;
      }
    }
    // An alternative is only "the path not taken" when it would have earned more.
    if (pnt.best_alternative && best > pnt.chosen_value) {
      pnt.alternative_value = best;
      pnt.alternative_score = n.choices[*pnt.best_alternative].score;
      // Pillar by pillar, the best path through each choice from here on.
      auto path_from = [&](int c) {
        return n.choices[static_cast<size_t>(c)].score + cont.best_path_score(apply_choice(s, st, c));
      };
      pnt.missed = path_from(*pnt.best_alternative) - path_from(e.choice);
    } else {
      pnt.best_alternative.reset();
      pnt.alternative_value = pnt.chosen_value;
    }
    r.paths_not_taken.push_back(pnt);
    apply_choice_in_place(s, st, e.choice);
  }
}

}  // namespace

namespace {
constexpr KeyTable<FindingKind, 3> kFindingKindKeys{{"missed", "breached", "achieved-late"}};
constexpr KeyTable<FindingKind, 3> kFindingKindLabels{{"Missed", "Breached", "Achieved late"}};
}  // namespace

const char* finding_kind_key(FindingKind k) { return kFindingKindKeys(k); }

const char* finding_kind_label(FindingKind k) { return kFindingKindLabels(k); }

Result score_session(const Session& session, const ScoringConfig& config,
                     const Analysis& analysis, Continuations& continuations) {
  const Scenario& s = session.scenario();
  Result r;
  score_pillars(session, analysis, config, r);

  const std::vector<KeyActionOutcome> outcomes = key_action_outcomes(session);
  const std::vector<bool> achievable = achievable_key_actions(s, analysis);
  std::vector<bool> done(s.key_actions.size(), false);
  for (size_t k = 0; k < outcomes.size(); ++k) {
    const Priority declared = s.key_actions[k].priority;
    std::optional<Finding> f;
    if (outcomes[k].breached) {
      f = Finding{static_cast<int>(k), declared, FindingKind::Breached};
    } else if (outcomes[k].on_time) {
      done[k] = true;
      r.achieved_key_actions.push_back(static_cast<int>(k));
    } else if (outcomes[k].late) {
      f = Finding{static_cast<int>(k), lowered(declared, config.late_priority_drop),
                  FindingKind::AchievedLate};
    } else if (achievable[k]) {
      f = Finding{static_cast<int>(k), declared, FindingKind::Missed};
    }
    if (!f) continue;
    r.findings.push_back(*f);
  }
  std::stable_sort(r.findings.begin(), r.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.priority < b.priority; });

  if (session.finished() && session.current_node().ending) {
    r.outcome = session.current_node().ending->outcome;
  }
  rate(r, config.scale);

  score_paths_not_taken(session, continuations, r);
  for (size_t i = 0; i < s.learning_objectives.size(); ++i) {
    if (objective_met(s, s.learning_objectives[i], done)) r.objectives_met.push_back(static_cast<int>(i));
  }
  return r;
}

Result score_session(const Session& session, const ScoringConfig& config) {
  // Continuations memoise as they go and are not thread-safe, so the whole call is serialised.
  std::lock_guard lock(cache_mutex());
  CacheEntry& e = cached(session.scenario_ptr(), session.audience());
  return score_session(session, config, *e.analysis, *e.continuations);
}

std::shared_ptr<const Analysis> cached_analysis(const ScenarioPtr& scenario,
                                                std::optional<Audience> audience) {
  if (!scenario) return nullptr;
  std::lock_guard lock(cache_mutex());
  return cached(scenario, audience).analysis;
}

void clear_scoring_cache() {
  std::lock_guard lock(cache_mutex());
  cache().clear();
}

}  // namespace auditsim
