// Builds small Scenario objects directly in C++ for engine and scoring tests, so those tests
// exercise the engine alone rather than the loader as well.
#pragma once

#include <doctest/doctest.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <utility>

#include "sim/condition.hpp"
#include "sim/model.hpp"

namespace auditsim::testing {

class ScenarioBuilder {
 public:
  explicit ScenarioBuilder(std::string id = "test-scenario") {
    s_.format = "auditsim/1";
    s_.id = std::move(id);
    s_.title = "Test scenario";
  }

  int number(const std::string& name, int64_t initial) {
    return add_variable(name, initial, Variable::Kind::Number);
  }
  int boolean(const std::string& name, bool initial) {
    return add_variable(name, initial ? 1 : 0, Variable::Kind::Boolean);
  }

  // Declares a node; the first declared node is the start unless start() says otherwise.
  int node(const std::string& id, int64_t time_limit_seconds = 0) {
    Node n;
    n.id = id;
    n.title = id;
    n.text = "Text of " + id;
    n.time_limit_seconds = time_limit_seconds;
    s_.nodes.push_back(std::move(n));
    if (s_.start < 0) s_.start = 0;
    return static_cast<int>(s_.nodes.size()) - 1;
  }
  int ending(const std::string& id, Outcome outcome) {
    const int n = node(id);
    s_.nodes[n].ending = Ending{outcome, "Debrief for " + id, {}};
    return n;
  }
  void start(const std::string& node_id) { s_.start = s_.find_node(node_id); }

  // Adds a choice to `from` leading to `to`; returns it for further settings.
  Choice& choice(const std::string& from, const std::string& id, const std::string& to,
                 std::initializer_list<std::pair<Pillar, int64_t>> score = {}) {
    Node& n = s_.nodes.at(index(from));
    Choice c;
    c.id = id;
    c.text = "Option " + id;
    c.feedback = "Feedback for " + id;
    c.next = index(to);
    for (const auto& [p, v] : score) c.score[p] = v;
    n.choices.push_back(std::move(c));
    return n.choices.back();
  }
  void when(Choice& c, const std::string& text) { c.when = condition(text); }
  void set(Choice& c, const std::string& var, int64_t value) { effect(c, var, value, Assignment::Op::Set); }
  void add(Choice& c, const std::string& var, int64_t value) { effect(c, var, value, Assignment::Op::Add); }
  void on_timeout(const std::string& node_id, const std::string& choice_id) {
    Node& n = s_.nodes.at(index(node_id));
    for (size_t i = 0; i < n.choices.size(); ++i) {
      if (n.choices[i].id == choice_id) n.on_timeout = static_cast<int>(i);
    }
    REQUIRE(n.on_timeout >= 0);
  }

  int key_action(const std::string& id, Pillar p, Priority prio) {
    KeyAction k;
    k.id = id;
    k.pillar = p;
    k.priority = prio;
    k.text = "Criterion " + id;
    k.management_action = "Action for " + id;
    s_.key_actions.push_back(std::move(k));
    return static_cast<int>(s_.key_actions.size()) - 1;
  }
  void achieves(Choice& c, const std::string& key_action_id) {
    const int k = s_.find_key_action(key_action_id);
    REQUIRE(k >= 0);
    c.achieves.push_back(k);
  }
  void achieves_late(Choice& c, const std::string& key_action_id) {
    c.achieves_late.push_back(key_action_index(key_action_id));
  }
  void breaches(Choice& c, const std::string& key_action_id) {
    c.breaches.push_back(key_action_index(key_action_id));
  }
  // An ending claim (1.1 `requires` when `required`, else `forbids`) about a key action.
  void claim(const std::string& ending_id, PathClaim::Kind kind, bool required,
             const std::string& key_action_id) {
    Node& n = s_.nodes.at(index(ending_id));
    REQUIRE(n.ending.has_value());
    n.ending->claims.push_back(PathClaim{kind, required, key_action_index(key_action_id), {}, {}});
  }
  // An ending claim about a condition.
  void claim_condition(const std::string& ending_id, bool required, const std::string& text) {
    Node& n = s_.nodes.at(index(ending_id));
    REQUIRE(n.ending.has_value());
    n.ending->claims.push_back(
        PathClaim{PathClaim::Kind::Condition, required, -1, condition(text), {}});
  }
  int objective(const std::string& id, Pillar p, std::initializer_list<const char*> kas = {}) {
    LearningObjective o;
    o.id = id;
    o.pillar = p;
    o.text = "Objective " + id;
    for (const char* k : kas) {
      const int i = s_.find_key_action(k);
      REQUIRE(i >= 0);
      o.key_actions.push_back(i);
    }
    s_.learning_objectives.push_back(std::move(o));
    return static_cast<int>(s_.learning_objectives.size()) - 1;
  }

  int inject_after(const std::string& id, int64_t seconds) {
    Inject& in = add_inject(id);
    in.trigger = Inject::Trigger::After;
    in.after_seconds = seconds;
    return static_cast<int>(s_.injects.size()) - 1;
  }
  int inject_on_enter(const std::string& id, const std::string& node_id) {
    Inject& in = add_inject(id);
    in.trigger = Inject::Trigger::OnEnter;
    in.node = index(node_id);
    return static_cast<int>(s_.injects.size()) - 1;
  }
  int inject_when(const std::string& id, const std::string& cond) {
    Inject& in = add_inject(id);
    in.trigger = Inject::Trigger::When;
    in.when = condition(cond);
    return static_cast<int>(s_.injects.size()) - 1;
  }

  // Format 1.1 flow: a branch of a conditional `next` (tried in the order added, before the
  // choice's own `next`), evidence a choice releases, and the 1.1 inject triggers.
  void branch(Choice& c, const std::string& cond, const std::string& to) {
    NextBranch b;
    b.when = condition(cond);
    b.node = index(to);
    c.branches.push_back(std::move(b));
  }
  int evidence(const std::string& id) {
    Evidence e;
    e.id = id;
    e.title = "Document " + id;
    e.text = "Text of " + id;
    s_.evidence.push_back(std::move(e));
    return static_cast<int>(s_.evidence.size()) - 1;
  }
  void releases(Choice& c, const std::string& evidence_id) {
    const int e = s_.find_evidence(evidence_id);
    REQUIRE(e >= 0);
    c.releases.push_back(e);
  }
  int inject_since(const std::string& id, int64_t seconds, const std::string& node_id) {
    const int i = inject_after(id, seconds);
    s_.injects[i].since = index(node_id);
    return i;
  }
  int inject_after_decisions(const std::string& id, int64_t decisions) {
    Inject& in = add_inject(id);
    in.trigger = Inject::Trigger::AfterDecisions;
    in.after_decisions = decisions;
    return static_cast<int>(s_.injects.size()) - 1;
  }

  Scenario& raw() { return s_; }
  // Each built scenario gets its own stand-in hash, as distinct sources would, unless the test
  // set one itself through raw().
  ScenarioPtr build() const {
    static int serial = 0;
    Scenario copy = s_;
    if (copy.source_sha256.empty()) copy.source_sha256 = "built-" + std::to_string(++serial);
    return std::make_shared<const Scenario>(std::move(copy));
  }

 private:
  int add_variable(const std::string& name, int64_t initial, Variable::Kind kind) {
    Variable v;
    v.id = name;
    v.kind = kind;
    v.initial = initial;
    s_.variables.push_back(std::move(v));
    return static_cast<int>(s_.variables.size()) - 1;
  }
  int key_action_index(const std::string& id) const {
    const int k = s_.find_key_action(id);
    REQUIRE_MESSAGE(k >= 0, "no key action " << id);
    return k;
  }
  int index(const std::string& node_id) const {
    const int n = s_.find_node(node_id);
    REQUIRE_MESSAGE(n >= 0, "no node " << node_id);
    return n;
  }
  void effect(Choice& c, const std::string& var, int64_t value, Assignment::Op op) {
    Assignment a;
    a.variable = s_.find_variable(var);
    REQUIRE(a.variable >= 0);
    a.op = op;
    a.value = value;
    c.effects.push_back(a);
  }
  Inject& add_inject(const std::string& id) {
    Inject in;
    in.id = id;
    in.title = id;
    in.text = "Inject " + id;
    s_.injects.push_back(std::move(in));
    return s_.injects.back();
  }
  Condition condition(const std::string& text) const {
    ConditionNames names;
    names.variable = [this](std::string_view v) { return s_.find_variable(v); };
    names.node = [this](std::string_view n) { return s_.find_node(n); };
    names.variable_names = [] { return std::vector<std::string>{}; };
    names.node_names = [] { return std::vector<std::string>{}; };
    ConditionParseResult r = parse_condition(text, names);
    REQUIRE_MESSAGE(r.condition.has_value(), "bad condition: " << text);
    return *r.condition;
  }

  Scenario s_;
};

}  // namespace auditsim::testing
