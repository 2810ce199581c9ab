// The exact analysis, checked against brute-force enumeration of every path with the engine's
// own transitions (sim/state.hpp) on hand-built, random and generated scenarios.
#include "sim/analysis.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <set>

#include "scenario_builder.hpp"
#include "sim/check.hpp"
#include "sim/load.hpp"
#include "sim/state.hpp"
#include "tests/support/synthetic.hpp"

using namespace auditsim;
using auditsim::testing::ScenarioBuilder;

namespace {

// Everything analyse() reports, computed the slow way: every path, one at a time.
struct BruteForce {
  Score4 max, min;
  std::optional<ScoredPath> best, worst;
  std::vector<ScoredPath> paths;  // all of them, in choice order
  std::set<int> endings;
  std::vector<bool> node_reachable;
  std::vector<std::vector<bool>> choice_available;
};

BruteForce brute_force(const Scenario& s, std::optional<Audience> audience) {
  BruteForce bf;
  bf.node_reachable.assign(s.nodes.size(), false);
  for (const Node& n : s.nodes) bf.choice_available.emplace_back(n.choices.size(), false);
  std::vector<std::string> taken;
  Score4 score;
  std::function<void(const PlayState&)> walk = [&](const PlayState& st) {
    bf.node_reachable[st.node] = true;
    const Node& node = s.nodes[st.node];
    if (node.is_ending()) {
      ScoredPath p{taken, st.node, score};
      bf.endings.insert(st.node);
      if (bf.paths.empty()) {
        bf.max = bf.min = score;
        bf.best = bf.worst = p;
      } else {
        for (int i = 0; i < kPillarCount; ++i) {
          bf.max.v[i] = std::max(bf.max.v[i], score.v[i]);
          bf.min.v[i] = std::min(bf.min.v[i], score.v[i]);
        }
        if (score.total() > bf.best->score.total()) bf.best = p;
        if (score.total() < bf.worst->score.total()) bf.worst = p;
      }
      bf.paths.push_back(std::move(p));
      return;
    }
    for (size_t c = 0; c < node.choices.size(); ++c) {
      if (!choice_available(s, node.choices[c], st, audience)) continue;
      bf.choice_available[st.node][c] = true;
      taken.push_back(node.choices[c].id);
      score += node.choices[c].score;
      walk(apply_choice(s, st, static_cast<int>(c)));
      score -= node.choices[c].score;
      taken.pop_back();
    }
  };
  walk(initial_state(s));
  return bf;
}

// The best total from a state, the slow way; nullopt when no ending can be reached.
std::optional<int64_t> brute_best_total(const Scenario& s, const PlayState& st,
                                        std::optional<Audience> audience) {
  if (s.nodes[st.node].is_ending()) return 0;
  std::optional<int64_t> best;
  for (size_t c = 0; c < s.nodes[st.node].choices.size(); ++c) {
    const Choice& ch = s.nodes[st.node].choices[c];
    if (!choice_available(s, ch, st, audience)) continue;
    auto rest = brute_best_total(s, apply_choice(s, st, static_cast<int>(c)), audience);
    if (rest && (!best || *rest + ch.score.total() > *best)) best = *rest + ch.score.total();
  }
  return best;
}

void check_same_path(const ScoredPath& a, const ScoredPath& b) {
  CHECK(a.choices == b.choices);
  CHECK(a.ending == b.ending);
  CHECK(a.score == b.score);
}

void compare(const Scenario& s, std::optional<Audience> audience) {
  const BruteForce bf = brute_force(s, audience);
  AnalysisOptions opts;
  opts.audience = audience;
  const Analysis a = analyse(s, opts);
  CHECK_FALSE(a.state_limit_hit);
  CHECK(a.path_count == bf.paths.size());
  CHECK_FALSE(a.path_count_truncated);
  REQUIRE(a.paths.size() == std::min<size_t>(bf.paths.size(), opts.max_paths_listed));
  for (size_t i = 0; i < a.paths.size(); ++i) check_same_path(a.paths[i], bf.paths[i]);
  CHECK(a.paths_truncated == (bf.paths.size() > opts.max_paths_listed));
  REQUIRE(a.best.has_value() == bf.best.has_value());
  if (bf.best) {
    CHECK(a.max == bf.max);
    CHECK(a.min == bf.min);
    check_same_path(*a.best, *bf.best);
    check_same_path(*a.worst, *bf.worst);
  }
  CHECK(std::vector<int>(bf.endings.begin(), bf.endings.end()) == a.reachable_endings);
  CHECK(a.node_reachable == bf.node_reachable);
  CHECK(a.choice_ever_available == bf.choice_available);
}

// A random acyclic scenario: nodes point only forward; conditions, effects, audiences and
// conditional nexts drawn from a small vocabulary so that stuck states, dead branches and
// shared states all occur.
Scenario random_scenario(uint64_t seed, int decisions) {
  uint64_t x = seed * 0x9e3779b97f4a7c15ULL + 1;
  auto rnd = [&x](int n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return static_cast<int>(x % static_cast<uint64_t>(n));
  };
  ScenarioBuilder b("random-" + std::to_string(seed));
  b.boolean("b0", false);
  b.boolean("b1", rnd(2) == 1);
  b.number("n0", rnd(3));
  b.number("unread", 0);  // changed but never read: must not split states
  for (int i = 0; i < decisions; ++i) b.node("d" + std::to_string(i));
  b.ending("good", Outcome::Good);
  b.ending("poor", Outcome::Poor);
  b.ending("never", Outcome::Mixed);
  const char* conditions[] = {"b0", "not b1", "n0 >= 2", "b0 or n0 < 1", "visited(d1)",
                              "not visited(d2) and b1", "n0 - 1 == 1"};
  for (int i = 0; i < decisions; ++i) {
    const int choices = 1 + rnd(3);
    for (int c = 0; c < choices; ++c) {
      const int to = i + 1 + rnd(4);
      const std::string next = to < decisions ? "d" + std::to_string(to) : (rnd(2) ? "good" : "poor");
      Choice& ch = b.choice("d" + std::to_string(i), "d" + std::to_string(i) + "c" + std::to_string(c),
                            next,
                            {{Pillar::Pursue, rnd(7) - 3}, {Pillar::Prevent, rnd(5) - 1},
                             {Pillar::Protect, rnd(4)}, {Pillar::Prepare, rnd(9) - 4}});
      if (rnd(3) == 0) b.when(ch, conditions[rnd(7)]);
      if (rnd(4) == 0) b.set(ch, rnd(2) ? "b0" : "b1", rnd(2));
      if (rnd(4) == 0) b.add(ch, "n0", rnd(3) - 1);
      if (rnd(4) == 0) b.set(ch, "n0", rnd(3));
      if (rnd(2) == 0) b.add(ch, "unread", 1);
      if (rnd(6) == 0) ch.audience = rnd(2) ? Audience::Members : Audience::Staff;
      // A conditional next: branches read the state after this choice's own effects, and
      // may name the same node twice or the default's node.
      for (int branches = rnd(3) == 0 ? 1 + rnd(2) : 0; branches > 0; --branches) {
        const int target = i + 1 + rnd(4);
        const std::string node =
            target < decisions ? "d" + std::to_string(target) : (rnd(2) ? "good" : "poor");
        b.branch(ch, conditions[rnd(7)], node);
      }
    }
  }
  return b.raw();
}

// The random scenario with two key actions that choices achieve, achieve late or breach, and
// random `requires` / `forbids` claims on the endings, over key actions and conditions.
Scenario random_claims_scenario(uint64_t seed, int decisions) {
  Scenario s = random_scenario(seed, decisions);
  uint64_t x = seed * 0x2545f4914f6cdd1dULL + 7;
  auto rnd = [&x](int n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return static_cast<int>(x % static_cast<uint64_t>(n));
  };
  for (const char* id : {"ka0", "ka1", "ka2"}) {
    KeyAction k;
    k.id = id;
    k.text = id;
    s.key_actions.push_back(k);
  }
  for (Node& n : s.nodes) {
    for (Choice& c : n.choices) {
      if (rnd(4) == 0) c.achieves.push_back(rnd(3));
      if (rnd(5) == 0) c.achieves_late.push_back(rnd(3));
      if (rnd(6) == 0) c.breaches.push_back(rnd(3));
    }
  }
  ConditionNames names;
  names.variable = [&s](std::string_view v) { return s.find_variable(v); };
  names.node = [&s](std::string_view n) { return s.find_node(n); };
  names.variable_names = [] { return std::vector<std::string>{}; };
  names.node_names = [] { return std::vector<std::string>{}; };
  const char* conditions[] = {"b0", "n0 >= 1", "visited(d1)", "not b1 or n0 == 2", "visited(d3)"};
  for (Node& n : s.nodes) {
    if (!n.ending) continue;
    const int claims = rnd(4);
    for (int i = 0; i < claims; ++i) {
      PathClaim c;
      c.kind = static_cast<PathClaim::Kind>(rnd(4));
      c.required = rnd(2) == 0;
      if (c.kind == PathClaim::Kind::Condition) {
        auto parsed = parse_condition(conditions[rnd(5)], names);
        if (!parsed.condition) continue;  // visited(d3) in a scenario without d3
        c.condition = *parsed.condition;
      } else {
        c.key_action = rnd(3);
      }
      n.ending->claims.push_back(std::move(c));
    }
  }
  return s;
}

// Every (ending, claim) some path makes false, the slow way.
std::set<std::pair<int, size_t>> brute_claim_violations(const Scenario& s,
                                                        std::optional<Audience> audience) {
  std::set<std::pair<int, size_t>> out;
  const size_t n_ka = s.key_actions.size();
  std::vector<int> on_time(n_ka, 0), late(n_ka, 0), breached(n_ka, 0);
  std::function<void(const PlayState&)> walk = [&](const PlayState& st) {
    const Node& node = s.nodes[st.node];
    if (node.is_ending()) {
      for (size_t i = 0; i < node.ending->claims.size(); ++i) {
        const PathClaim& c = node.ending->claims[i];
        bool truth = false;
        switch (c.kind) {
          case PathClaim::Kind::Achieved: truth = on_time[c.key_action] || late[c.key_action]; break;
          case PathClaim::Kind::AchievedLate:
            truth = late[c.key_action] && !on_time[c.key_action];
            break;
          case PathClaim::Kind::Breached: truth = breached[c.key_action] > 0; break;
          case PathClaim::Kind::Condition:
            truth = c.condition.eval(ConditionInput{st.variables, st.visits});
            break;
        }
        if (truth != c.required) out.insert({st.node, i});
      }
      return;
    }
    for (size_t ci = 0; ci < node.choices.size(); ++ci) {
      const Choice& ch = node.choices[ci];
      if (!choice_available(s, ch, st, audience)) continue;
      for (int k : ch.achieves) ++on_time[k];
      for (int k : ch.achieves_late) ++late[k];
      for (int k : ch.breaches) ++breached[k];
      walk(apply_choice(s, st, static_cast<int>(ci)));
      for (int k : ch.achieves) --on_time[k];
      for (int k : ch.achieves_late) --late[k];
      for (int k : ch.breaches) --breached[k];
    }
  };
  walk(initial_state(s));
  return out;
}

// Follows a violation's path with the engine's transitions and checks it is a real path to the
// ending, on which the claim is false.
void check_violation_path(const Scenario& s, const ClaimViolation& v) {
  PlayState st = initial_state(s);
  const size_t n_ka = s.key_actions.size();
  std::vector<bool> on_time(n_ka), late(n_ka), breached(n_ka);
  for (const std::string& id : v.path) {
    const Node& node = s.nodes[st.node];
    int taken = -1;
    for (size_t ci = 0; ci < node.choices.size(); ++ci) {
      if (node.choices[ci].id == id) taken = static_cast<int>(ci);
    }
    REQUIRE_MESSAGE(taken >= 0, id);
    const Choice& ch = node.choices[taken];
    REQUIRE(choice_available(s, ch, st, v.audiences.front()));
    for (int k : ch.achieves) on_time[k] = true;
    for (int k : ch.achieves_late) late[k] = true;
    for (int k : ch.breaches) breached[k] = true;
    apply_choice_in_place(s, st, taken);
  }
  REQUIRE(st.node == v.ending);
  const PathClaim& c = s.nodes[v.ending].ending->claims[v.claim];
  bool truth = false;
  switch (c.kind) {
    case PathClaim::Kind::Achieved: truth = on_time[c.key_action] || late[c.key_action]; break;
    case PathClaim::Kind::AchievedLate: truth = late[c.key_action] && !on_time[c.key_action]; break;
    case PathClaim::Kind::Breached: truth = breached[c.key_action]; break;
    case PathClaim::Kind::Condition:
      truth = c.condition.eval(ConditionInput{st.variables, st.visits});
      break;
  }
  CHECK(truth != c.required);
}

}  // namespace

TEST_CASE("a single decision: maxima per pillar come from different paths") {
  ScenarioBuilder b;
  b.node("start");
  b.ending("end-a", Outcome::Good);
  b.ending("end-b", Outcome::Poor);
  b.choice("start", "pursue-hard", "end-a", {{Pillar::Pursue, 5}, {Pillar::Protect, -2}});
  b.choice("start", "protect-first", "end-b", {{Pillar::Protect, 4}});
  const Scenario& s = b.raw();
  const Analysis a = analyse(s);
  CHECK(a.max[Pillar::Pursue] == 5);
  CHECK(a.max[Pillar::Protect] == 4);
  CHECK(a.min[Pillar::Protect] == -2);
  REQUIRE(a.best);
  CHECK(a.best->choices == std::vector<std::string>{"protect-first"});  // 4 > 3
  CHECK(a.worst->choices == std::vector<std::string>{"pursue-hard"});
  CHECK(a.path_count == 2);
  CHECK(a.reachable_endings == std::vector<int>{1, 2});
  compare(s, std::nullopt);
}

TEST_CASE("ties are broken by choice order") {
  ScenarioBuilder b;
  b.node("start");
  b.ending("end", Outcome::Good);
  b.choice("start", "first", "end", {{Pillar::Pursue, 2}});
  b.choice("start", "second", "end", {{Pillar::Prevent, 2}});
  const Analysis a = analyse(b.raw());
  CHECK(a.best->choices == std::vector<std::string>{"first"});
  CHECK(a.worst->choices == std::vector<std::string>{"first"});
  CHECK(a.max == Score4{{2, 2, 0, 0}});
}

TEST_CASE("conditions and variables are respected") {
  ScenarioBuilder b;
  b.boolean("referred", false);
  b.number("trust", 50);
  b.node("start");
  b.node("middle");
  b.ending("good", Outcome::Good);
  b.ending("poor", Outcome::Poor);
  b.set(b.choice("start", "refer", "middle", {{Pillar::Protect, 3}}), "referred", 1);
  b.add(b.choice("start", "wait", "middle", {{Pillar::Protect, -2}}), "trust", -20);
  b.when(b.choice("middle", "visit", "good", {{Pillar::Pursue, 10}}), "referred and trust >= 40");
  b.choice("middle", "close", "poor", {{Pillar::Prepare, 1}});
  const Scenario& s = b.raw();
  const Analysis a = analyse(s);
  CHECK(a.max[Pillar::Pursue] == 10);
  CHECK(a.best->choices == std::vector<std::string>{"refer", "visit"});
  CHECK(a.best->score.total() == 13);
  CHECK(a.path_count == 3);  // refer-visit, refer-close, wait-close
  compare(s, std::nullopt);
}

TEST_CASE("stuck states are not complete paths") {
  ScenarioBuilder b;
  b.boolean("ok", false);
  b.node("start");
  b.node("gate");
  b.ending("end", Outcome::Good);
  b.set(b.choice("start", "prepare", "gate", {{Pillar::Prepare, 1}}), "ok", 1);
  b.choice("start", "rush", "gate", {{Pillar::Pursue, 9}});
  b.when(b.choice("gate", "through", "end"), "ok");
  const Analysis a = analyse(b.raw());
  CHECK(a.path_count == 1);
  CHECK(a.max[Pillar::Pursue] == 0);  // the rushed path never ends
  CHECK(a.best->choices == std::vector<std::string>{"prepare", "through"});
  CHECK(a.choice_ever_available[0][1]);
}

TEST_CASE("no complete path at all gives empty results, not garbage") {
  ScenarioBuilder b;
  b.node("start");
  b.node("dead");
  b.choice("start", "go", "dead");
  const Analysis a = analyse(b.raw());
  CHECK(a.path_count == 0);
  CHECK_FALSE(a.best.has_value());
  CHECK(a.paths.empty());
  CHECK(a.max == Score4{});
  CHECK(a.node_reachable == std::vector<bool>{true, true});
}

TEST_CASE("audience filters choices") {
  ScenarioBuilder b;
  b.node("start");
  b.ending("end", Outcome::Good);
  b.choice("start", "members-only", "end", {{Pillar::Pursue, 5}}).audience = Audience::Members;
  b.choice("start", "staff-only", "end", {{Pillar::Prevent, 3}}).audience = Audience::Staff;
  const Scenario& s = b.raw();
  CHECK(analyse(s).path_count == 2);
  AnalysisOptions members;
  members.audience = Audience::Members;
  const Analysis m = analyse(s, members);
  CHECK(m.path_count == 1);
  CHECK(m.max[Pillar::Prevent] == 0);
  CHECK(m.choice_ever_available[0] == std::vector<bool>{true, false});
  compare(s, Audience::Staff);
}

TEST_CASE("path counting saturates and listing stops at the limits") {
  // A ladder of 40 two-way decisions has 2^40 paths.
  ScenarioBuilder b;
  for (int i = 0; i < 40; ++i) b.node("n" + std::to_string(i));
  b.ending("end", Outcome::Good);
  for (int i = 0; i < 40; ++i) {
    const std::string next = i + 1 < 40 ? "n" + std::to_string(i + 1) : "end";
    b.choice("n" + std::to_string(i), "n" + std::to_string(i) + "-x", next, {{Pillar::Pursue, 1}});
    b.choice("n" + std::to_string(i), "n" + std::to_string(i) + "-y", next, {{Pillar::Prevent, 1}});
  }
  AnalysisOptions opts;
  opts.max_paths_listed = 5;
  opts.path_count_bound = 1'000'000;
  const Analysis a = analyse(b.raw(), opts);
  CHECK(a.path_count == 1'000'000);
  CHECK(a.path_count_truncated);
  CHECK(a.paths.size() == 5);
  CHECK(a.paths_truncated);
  CHECK(a.max == Score4{{40, 40, 0, 0}});
  CHECK(a.states_explored == 41);  // nothing is read, so each node is one state
  opts.path_count_bound = std::numeric_limits<uint64_t>::max();
  CHECK(analyse(b.raw(), opts).path_count == (1ULL << 40));
}

TEST_CASE("the state limit stops exploration and says so") {
  ScenarioBuilder b;
  b.number("x", 0);
  for (int i = 0; i < 30; ++i) b.node("n" + std::to_string(i));
  b.ending("end", Outcome::Good);
  for (int i = 0; i < 30; ++i) {
    const std::string next = i + 1 < 30 ? "n" + std::to_string(i + 1) : "end";
    b.add(b.choice("n" + std::to_string(i), "a" + std::to_string(i), next), "x", 1);
    b.when(b.choice("n" + std::to_string(i), "b" + std::to_string(i), next), "x >= 0");
  }
  AnalysisOptions opts;
  opts.max_states = 100;
  const Analysis a = analyse(b.raw(), opts);
  CHECK(a.state_limit_hit);
  CHECK(a.states_explored <= 100);
  // x is read everywhere, so node i has i + 1 states; the ending reads nothing and has one.
  CHECK(analyse(b.raw()).states_explored == 30 * 31 / 2 + 1);
}

TEST_CASE("a 5,000-node chain is analysed without deep recursion") {
  ScenarioBuilder b;
  b.boolean("flag", false);
  const int n = 5000;
  for (int i = 0; i < n; ++i) b.node("n" + std::to_string(i));
  b.ending("end", Outcome::Good);
  for (int i = 0; i < n; ++i) {
    const std::string id = "n" + std::to_string(i);
    const std::string next = i + 1 < n ? "n" + std::to_string(i + 1) : "end";
    b.set(b.choice(id, id + "-set", next, {{Pillar::Protect, 1}}), "flag", i % 2);
    b.when(b.choice(id, id + "-if", next, {{Pillar::Pursue, 1}}), "flag");
  }
  AnalysisOptions opts;
  opts.path_count_bound = 1000;
  const Analysis a = analyse(b.raw(), opts);
  CHECK(a.path_count == 1000);
  CHECK(a.best->choices.size() == static_cast<size_t>(n));
  CHECK(a.max[Pillar::Protect] == n);
}

TEST_CASE("analysis matches brute force on random scenarios") {
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    const Scenario s = random_scenario(seed, 4 + static_cast<int>(seed % 9));
    INFO("seed " << seed);
    compare(s, std::nullopt);
    compare(s, Audience::Members);
    compare(s, Audience::Staff);
  }
}

TEST_CASE("ending claims are proved exactly: the same violations as brute force, real paths") {
  for (uint64_t seed = 1; seed <= 150; ++seed) {
    Scenario s = random_claims_scenario(seed, 4 + static_cast<int>(seed % 9));
    INFO("seed " << seed);
    // Without a listed audience one exploration serves everyone; with both, one per audience.
    for (bool per_audience : {false, true}) {
      s.audience = per_audience ? std::vector<Audience>{Audience::Members, Audience::Staff}
                                : std::vector<Audience>{};
      const ClaimProof proof = prove_ending_claims(s);
      CHECK(proof.complete);
      std::set<std::pair<int, size_t>> found;
      for (const ClaimViolation& v : proof.violations) {
        found.insert({v.ending, v.claim});
        check_violation_path(s, v);
      }
      std::set<std::pair<int, size_t>> expected;
      bool audience_specific = false;
      for (const Node& n : s.nodes) {
        for (const Choice& c : n.choices) audience_specific |= c.audience.has_value();
      }
      if (per_audience && audience_specific) {
        for (Audience a : s.audience) {
          const auto v = brute_claim_violations(s, a);
          expected.insert(v.begin(), v.end());
        }
      } else {
        expected = brute_claim_violations(s, std::nullopt);
      }
      CHECK(found == expected);
    }
    // Tracking claims must not change what the checker finds about anything else. (Hints may
    // name another example route: claims split states, so a state can be first reached another way.)
    Scenario plain = s;
    for (Node& n : plain.nodes) {
      if (n.ending) n.ending->claims.clear();
    }
    const auto findings = [](const std::vector<Diagnostic>& ds) {
      std::vector<std::string> out;
      for (const Diagnostic& d : ds) {
        if (d.code.rfind("ending-claim", 0) == 0) continue;
        out.push_back(d.code + " " + std::to_string(d.line) + ":" + std::to_string(d.col) + " " +
                      d.message);
      }
      return out;
    };
    CHECK(findings(check_scenario(s)) == findings(check_scenario(plain)));
  }
}

TEST_CASE("unread variables and dead visited flags do not multiply states") {
  ScenarioBuilder b;
  b.number("count", 0);
  b.boolean("early", false);
  for (int i = 0; i < 20; ++i) b.node("n" + std::to_string(i));
  b.ending("end", Outcome::Good);
  for (int i = 0; i < 20; ++i) {
    const std::string id = "n" + std::to_string(i);
    const std::string next = i + 1 < 20 ? "n" + std::to_string(i + 1) : "end";
    b.add(b.choice(id, id + "-a", next), "count", 1);
    b.set(b.choice(id, id + "-b", next), "early", 1);
  }
  // `early` is read only at n1, so beyond n1 it is forgotten.
  b.when(b.choice("n1", "n1-c", "n2"), "early");
  const Analysis a = analyse(b.raw());
  CHECK(a.states_explored == 1 + 2 + 19);  // n0, n1 twice, n2..n19 and the ending
  CHECK(a.path_count == 5ULL << 18);  // n0-a then 2 ways at n1, or n0-b then 3; then 2 each
}

TEST_CASE("a variable read only by a conditional next is kept until the branch reads it") {
  ScenarioBuilder b;
  b.boolean("early", false);
  b.number("count", 0);
  b.node("a");
  b.node("b");
  b.node("c");
  b.ending("good", Outcome::Good);
  b.ending("poor", Outcome::Poor);
  b.set(b.choice("a", "a-early", "b", {{Pillar::Protect, 1}}), "early", 1);
  b.choice("a", "a-late", "b");
  b.add(b.choice("b", "b-count", "c"), "count", 1);
  b.choice("b", "b-skip", "c");
  // Only this branch reads `early` (two decisions later) and `count` (after its own `add`).
  Choice& close = b.choice("c", "close", "poor", {{Pillar::Pursue, 1}});
  b.add(close, "count", 1);
  b.branch(close, "early and count >= 2", "good");
  const Scenario& s = b.raw();
  compare(s, std::nullopt);
  const Analysis a = analyse(s);
  CHECK(a.reachable_endings == std::vector<int>{s.find_node("good"), s.find_node("poor")});
  REQUIRE(a.best.has_value());
  CHECK(a.best->choices == std::vector<std::string>{"a-early", "b-count", "close"});
  CHECK(a.best->ending == s.find_node("good"));
}

TEST_CASE("continuations give the best remaining total from any state") {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    const Scenario s = random_scenario(seed, 6);
    INFO("seed " << seed);
    Continuations cont(s);
    // Walk along every first-available choice, checking each state on the way.
    PlayState st = initial_state(s);
    while (true) {
      const auto expected = brute_best_total(s, st, std::nullopt);
      CHECK(cont.best_total(st) == expected.value_or(0));
      const Node& node = s.nodes[st.node];
      int pick = -1;
      for (size_t c = 0; c < node.choices.size(); ++c) {
        if (choice_available(s, node.choices[c], st, std::nullopt)) pick = static_cast<int>(c);
      }
      if (pick < 0) break;
      st = apply_choice(s, st, pick);
    }
  }
}

TEST_CASE("continuations per pillar at an ending are zero") {
  ScenarioBuilder b;
  b.node("start");
  b.ending("end", Outcome::Good);
  b.choice("start", "go", "end", {{Pillar::Pursue, 3}, {Pillar::Prevent, -1}});
  const Scenario& s = b.raw();
  Continuations cont(s);
  const PlayState st = initial_state(s);
  CHECK(cont.best_per_pillar(st) == Score4{{3, -1, 0, 0}});
  CHECK(cont.best_total(st) == 2);
  CHECK(cont.best_per_pillar(apply_choice(s, st, 0)) == Score4{});
}

TEST_CASE("generated scenarios load cleanly and match brute force") {
  for (int decisions : {1, 2, 3, 6, 12, 18}) {
    for (uint64_t seed : {1ULL, 7ULL, 42ULL}) {
      INFO("decisions " << decisions << " seed " << seed);
      const std::string yaml = make_synthetic_scenario_yaml(decisions, seed);
      CHECK(yaml == make_synthetic_scenario_yaml(decisions, seed));
      LoadResult r = load_scenario_text(yaml, "synthetic.yaml");
      for (const auto& d : r.diagnostics) INFO(format_diagnostic(d));
      REQUIRE(r.ok());
      compare(*r.scenario, std::nullopt);
    }
  }
}

TEST_CASE("a generated 5,000-decision scenario is analysed quickly") {
  LoadResult r = load_scenario_text(make_synthetic_scenario_yaml(5000, 3), "synthetic.yaml");
  REQUIRE(r.ok());
  const auto t0 = std::chrono::steady_clock::now();
  const Analysis a = analyse(*r.scenario);
  const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0);
  MESSAGE("analysis of 5,000 decisions: " << ms.count() << " ms, " << a.states_explored
                                          << " states");
  CHECK_FALSE(a.state_limit_hit);
  CHECK(a.best.has_value());
  CHECK(a.reachable_endings.size() == 3);
  CHECK(a.paths.size() == AnalysisOptions{}.max_paths_listed);
  for (Pillar p : kPillars) CHECK(a.max[p] > 0);
}
