// Running a scenario's path tests. A path case is played through the real engine and scored by
// the real scoring rules, so a test checks exactly what players and reports will see; the
// properties reuse the balance figures, which are exact over the state space.
#include "sim/scenario_tests.hpp"

#include <cstdio>
#include <map>

#include "sim/autoplay.hpp"
#include "sim/balance.hpp"
#include "sim/engine.hpp"
#include "sim/scoring.hpp"

namespace auditsim {

namespace {

std::string percent_text(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", p);
  return buf;
}

std::string range_text(const Bounds<int64_t>& b) {
  if (b.min && b.max && *b.min == *b.max) return std::to_string(*b.min);
  if (b.min && b.max) return std::to_string(*b.min) + " to " + std::to_string(*b.max);
  if (b.min) return "at least " + std::to_string(*b.min);
  return "at most " + std::to_string(b.max.value_or(0));
}

std::string percent_range_text(const Bounds<double>& b) {
  if (b.min && b.max && *b.min == *b.max) return percent_text(*b.min);
  return percent_text(b.min.value_or(0)) + " to " + percent_text(b.max.value_or(100));
}

std::string who(std::optional<Audience> a) {
  return a ? std::string("for ") + audience_key(*a) : std::string("for every audience together");
}

const std::string& label(int level) {
  static const RatingScale scale;
  return scale.labels[static_cast<size_t>(level)];
}

bool has_finding(const Result& r, int k) {
  for (const Finding& f : r.findings)
    if (f.key_action == k) return true;
  return false;
}

bool achieved(const Result& r, int k) {
  for (int a : r.achieved_key_actions)
    if (a == k) return true;
  return false;
}

// Plays the case's path; false (with the failure recorded) when it could not be played.
bool play_case(const ScenarioTest& t, Session& session, TestOutcome& out) {
  switch (t.play) {
    case ScenarioTest::Play::Choices: {
      if (auto stop = play_choices(session, t.choices)) {
        std::string msg = "choice " + std::to_string(stop->index + 1) + " `" + stop->choice + "`";
        if (stop->ended_early) {
          msg += " comes after the scenario ended at `" + stop->node + "`";
        } else {
          msg += " is not available at `" + stop->node + "`; available:";
          for (const std::string& a : stop->available) msg += " " + a;
        }
        out.failures.push_back(msg);
        return false;
      }
      return true;
    }
    case ScenarioTest::Play::Best:
    case ScenarioTest::Play::Worst: {
      const auto a = cached_analysis(session.scenario_ptr(), session.audience());
      const auto& p = t.play == ScenarioTest::Play::Best ? a->best : a->worst;
      if (!p) {
        out.failures.push_back("no complete path exists " + who(session.audience()));
        return false;
      }
      play_choices(session, p->choices);
      return true;
    }
    case ScenarioTest::Play::Random:
      play_random(session, t.seed);
      return true;
  }
  return true;
}

void check_path(const Scenario& s, const PathExpectations& x, const Session& session,
                const Result& r, TestOutcome& out) {
  auto fail = [&](std::string m) { out.failures.push_back(std::move(m)); };
  const Node& at = session.current_node();
  if (x.ending) {
    const std::string& want = s.nodes[static_cast<size_t>(*x.ending)].id;
    if (!session.finished()) fail("expected ending `" + want + "`, but play stopped at the stage `" + at.id + "`");
    else if (session.state().node != *x.ending) fail("expected ending `" + want + "`, got `" + at.id + "`");
  }
  if (x.outcome) {
    if (!r.outcome) fail(std::string("expected outcome ") + outcome_key(*x.outcome) + ", but no ending was reached");
    else if (*r.outcome != *x.outcome)
      fail(std::string("expected outcome ") + outcome_key(*x.outcome) + ", got " + outcome_key(*r.outcome));
  }
  const std::string why = cap_reason(r);
  const std::string got =
      r.rating + " (" + percent_text(r.overall_percent) + (why.empty() ? ")" : ", capped: " + why + ")");
  if (x.rating_at_least && r.rating_level > *x.rating_at_least)
    fail("expected the exercise rating " + label(*x.rating_at_least) + " or better, got " + got);
  if (x.rating_at_most && r.rating_level < *x.rating_at_most)
    fail("expected the exercise rating " + label(*x.rating_at_most) + " or worse, got " + got);
  for (int k : x.findings) {
    if (has_finding(r, k)) continue;
    const std::string& id = s.key_actions[static_cast<size_t>(k)].id;
    fail("expected the finding `" + id + "`, but " +
         (achieved(r, k) ? "the key action was achieved"
                         : "it is not held against this audience (no choice open to it achieves it)"));
  }
  for (int k : x.no_findings)
    if (has_finding(r, k)) fail("expected no finding `" + s.key_actions[static_cast<size_t>(k)].id + "`, but it is one");
  for (Pillar p : kPillars) {
    const auto& want = x.pillars[static_cast<size_t>(p)];
    if (!want) continue;
    const PillarResult& pr = r.pillars[static_cast<size_t>(p)];
    if (!pr.assessed) fail(std::string("expected ") + pillar_name(p) + " " + percent_range_text(*want) + ", but it is not assessed (no path can score it)");
    else if (!want->contains(pr.percent))
      fail(std::string("expected ") + pillar_name(p) + " " + percent_range_text(*want) + ", got " + percent_text(pr.percent));
  }
  if (x.decisions) {
    const auto n = static_cast<int64_t>(session.effective_decisions().size());
    if (!x.decisions->contains(n))
      fail("expected " + range_text(*x.decisions) + " decisions, got " + std::to_string(n));
  }
  if (x.holds) {
    const PlayState& st = session.state();
    if (!x.holds->eval({st.variables, st.visits}))
      fail("expected `" + x.holds->text() + "` to hold at the end, but it does not");
  }
}

TestOutcome run_path(const TestsFile& f, const ScenarioTest& t) {
  TestOutcome out;
  out.audience = t.audience;
  ManualClock clock;
  Session session(f.scenario, clock, t.audience);
  const bool played = play_case(t, session, out);
  out.path = choices_taken(session);
  if (played) check_path(*f.scenario, t.expect, session, score_session(session, ScoringConfig{}), out);
  return out;
}

// Path shapes are shared by the properties of one file: computing one explores the state space.
class Shapes {
 public:
  explicit Shapes(const Scenario& s) : s_(s) {}
  const PathShape& get(Audience a) {
    auto it = cache_.find(a);
    if (it == cache_.end()) it = cache_.emplace(a, path_shape(s_, a)).first;
    return it->second;
  }

 private:
  const Scenario& s_;
  std::map<Audience, PathShape> cache_;
};

void check_property(const TestsFile& f, const ScenarioTest& t, Audience a, Shapes& shapes,
                    TestOutcome& out) {
  const Scenario& s = *f.scenario;
  auto fail = [&](std::string m, const std::vector<std::string>& path = {}) {
    out.failures.push_back(who(a) + ", " + m);
    if (out.path.empty()) out.path = path;
  };
  switch (t.property) {
    case ScenarioTest::Property::EndingsReachable: {
      const PathShape& shape = shapes.get(a);
      if (!shape.complete) return fail("the scenario has too many states to prove every ending reachable");
      for (size_t n = 0; n < s.nodes.size(); ++n) {
        if (!s.nodes[n].is_ending()) continue;
        const auto& r = shape.reachable_endings;
        if (std::find(r.begin(), r.end(), static_cast<int>(n)) == r.end())
          fail("no complete path reaches the ending `" + s.nodes[n].id + "`");
      }
      return;
    }
    case ScenarioTest::Property::Decisions: {
      const PathShape& shape = shapes.get(a);
      if (!shape.complete) return fail("the scenario has too many states to count every path's decisions");
      const auto fewest = static_cast<int64_t>(shape.min_decisions);
      const auto most = static_cast<int64_t>(shape.max_decisions);
      if (t.decisions.min && fewest < *t.decisions.min)
        fail("the shortest path has " + std::to_string(fewest) + " decisions, fewer than " +
                 std::to_string(*t.decisions.min), shape.shortest.choices);
      if (t.decisions.max && most > *t.decisions.max)
        fail("the longest path has " + std::to_string(most) + " decisions, more than " +
                 std::to_string(*t.decisions.max), shape.longest.choices);
      return;
    }
    case ScenarioTest::Property::OneMistake: {
      const OneMistakeTable table = one_mistake_table(f.scenario, a);
      for (const Mistake& m : table.rows) {
        if (!m.missed_high || m.rating_level >= t.one_mistake_at_most) continue;
        fail("`" + m.instead + "` instead of `" + m.best_choice + "` at decision " +
                 std::to_string(m.decision) + " (`" + s.nodes[static_cast<size_t>(m.node)].id +
                 "`) misses a high-priority key action but still earns " + m.rating + " (" +
                 percent_text(m.overall_percent) + "), better than " + label(t.one_mistake_at_most),
             m.path);
      }
      return;
    }
    case ScenarioTest::Property::BestReachesMaximum: {
      const auto analysis = cached_analysis(f.scenario, a);
      if (!analysis || !analysis->best) return fail("no complete path exists");
      for (Pillar p : kPillars) {
        if (analysis->max[p] <= 0) continue;  // not assessed: there is no maximum to reach
        if (analysis->best->score[p] < analysis->max[p])
          fail("the best path earns " + std::string(pillar_name(p)) + " " +
                   std::to_string(analysis->best->score[p]) + " of a possible " +
                   std::to_string(analysis->max[p]), analysis->best->choices);
      }
      return;
    }
  }
}

}  // namespace

std::vector<TestOutcome> run_tests(const TestsFile& file) {
  std::vector<TestOutcome> out;
  if (!file.scenario) return out;
  Shapes shapes(*file.scenario);
  for (const ScenarioTest& t : file.tests) {
    TestOutcome o;
    if (t.kind == ScenarioTest::Kind::Path) {
      o = run_path(file, t);
    } else {
      o.audience = t.audience;
      const std::vector<Audience> audiences =
          t.audience ? std::vector<Audience>{*t.audience} : audiences_of(*file.scenario);
      for (Audience a : audiences) check_property(file, t, a, shapes, o);
    }
    o.name = t.name;
    o.pos = t.pos;
    o.passed = o.failures.empty();
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace auditsim
