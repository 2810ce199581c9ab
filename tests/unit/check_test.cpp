// The static checker: graph-level bad files (tests/data/bad/graph), each its own test case, and
// hand-built scenarios for the cases a file cannot express easily.
#include "sim/check.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "scenario_builder.hpp"
#include "sim/load.hpp"
#include "tests/support/synthetic.hpp"

using namespace auditsim;
using auditsim::testing::ScenarioBuilder;
namespace fs = std::filesystem;

namespace {

const std::string kGraphData = std::string(AUDITSIM_TEST_DATA) + "/bad/graph";

std::set<std::string>& covered_graph_files() {
  static std::set<std::string> names;
  return names;
}

std::string all_diagnostics(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += format_diagnostic(d) + "\n";
  return out;
}

const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

// Loads a graph-level bad file (which must load without errors), checks it and returns the
// diagnostic with `code`, asserting its line and severity.
Diagnostic expect_graph_file(const std::string& name, const std::string& code, int line,
                             Severity severity) {
  const std::string path = kGraphData + "/" + name + ".yaml";
  REQUIRE(fs::exists(path));
  const LoadResult r = load_and_check(path);
  INFO(all_diagnostics(r.diagnostics));
  REQUIRE(r.scenario != nullptr);
  const Diagnostic* d = find_code(r.diagnostics, code);
  REQUIRE(d != nullptr);
  CHECK(d->line == line);
  if (line > 0) CHECK(d->col > 0);
  CHECK(d->severity == severity);
  CHECK(d->file == path);
  CHECK_FALSE(d->message.empty());
  CHECK_FALSE(d->hint.empty());
  return *d;
}

bool registered(const char* name) { return covered_graph_files().insert(name).second; }

std::vector<Diagnostic> codes_only(const Scenario& s) { return check_scenario(s); }

}  // namespace

#define GRAPH_FILE(name, code, line, severity, extra)                                   \
  static const bool DOCTEST_ANONYMOUS(graph_file_registered_) = registered(name);       \
  TEST_CASE("graph file: " name) {                                                      \
    const Diagnostic d = expect_graph_file(name, code, line, severity);                 \
    extra;                                                                              \
  }

GRAPH_FILE("cycle-between-two-nodes", "cycle", 22, Severity::Error,
           CHECK(d.message.find("first → second → first") != std::string::npos))
GRAPH_FILE("cycle-self-loop", "cycle", 19, Severity::Error,
           CHECK(d.message.find("wait → wait") != std::string::npos))
GRAPH_FILE("stuck-state-all-choices-conditional", "stuck-state", 25, Severity::Error,
           CHECK(d.hint.find("checked = false") != std::string::npos);
           CHECK(d.hint.find("choosing skip") != std::string::npos))
GRAPH_FILE("stuck-state-for-one-audience", "stuck-state", 11, Severity::Error,
           CHECK(d.message.find("for members") != std::string::npos);
           CHECK(d.message.find("staff") == std::string::npos);
           CHECK(d.hint.find("add one that members can take") != std::string::npos))
GRAPH_FILE("unreachable-node-orphan", "unreachable-node", 19, Severity::Warning,
           CHECK(d.message.find("forgotten") != std::string::npos))
GRAPH_FILE("unreachable-node-behind-impossible-condition", "unreachable-node", 25,
           Severity::Warning, CHECK(d.message.find("never available") != std::string::npos))
GRAPH_FILE("choice-never-available-condition-always-false", "choice-never-available", 29,
           Severity::Warning, CHECK(d.hint.find("trust > 80") != std::string::npos))
GRAPH_FILE("unreachable-ending", "unreachable-ending", 19, Severity::Warning,
           CHECK(d.message.find("good") != std::string::npos))
GRAPH_FILE("pillar-never-scored-prepare", "pillar-never-scored", 0, Severity::Warning,
           CHECK(d.message.find("Prepare") != std::string::npos))
GRAPH_FILE("key-action-never-achieved-not-listed", "key-action-never-achieved", 9,
           Severity::Warning, CHECK(d.message.find("No choice achieves") != std::string::npos))
GRAPH_FILE("key-action-never-achieved-behind-impossible-choice", "key-action-never-achieved",
           10, Severity::Warning, CHECK(d.message.find("can never be") != std::string::npos))
GRAPH_FILE("no-endings-two-nodes-in-a-loop", "no-endings", 10, Severity::Error, (void)d)
GRAPH_FILE("ending-claim-not-guaranteed-one-path-of-many", "ending-claim-not-guaranteed", 56,
           Severity::Warning, CHECK(d.col == 22);
           CHECK(d.message.find("`good` requires `refused or not reviewed`") != std::string::npos);
           CHECK(d.hint.find("--choose grant,review`") != std::string::npos))
GRAPH_FILE("pillar-scored-at-one-stage-prevent", "pillar-scored-at-one-stage", 11,
           Severity::Warning, CHECK(d.col == 3);
           CHECK(d.message.find("Only node `s1` scores Prevent") != std::string::npos))
GRAPH_FILE("key-action-one-audience-high-priority", "key-action-one-audience", 10,
           Severity::Warning, CHECK(d.col == 5);
           CHECK(d.message.find("achieved by staff but not by members") != std::string::npos))
GRAPH_FILE("next-branch-never-taken-condition-false", "next-branch-never-taken", 33,
           Severity::Warning, CHECK(d.message.find("trust > 80") != std::string::npos);
           CHECK(d.message.find("`act-now` never leads to `poor`") != std::string::npos))
GRAPH_FILE("next-branch-never-taken-shadowed", "next-branch-never-taken", 41, Severity::Warning,
           CHECK(d.message.find("earlier condition") != std::string::npos))
GRAPH_FILE("cycle-through-conditional-next", "cycle", 33, Severity::Error,
           CHECK(d.message.find("first → first") != std::string::npos))
GRAPH_FILE("evidence-never-shown", "evidence-never-shown", 14, Severity::Warning,
           CHECK(d.message.find("forgotten-letter") != std::string::npos))
GRAPH_FILE("inject-never-fires-audience-absent", "inject-never-fires", 49, Severity::Warning,
           CHECK(d.message.find("only for members") != std::string::npos))
GRAPH_FILE("inject-never-fires-too-many-decisions", "inject-never-fires", 48, Severity::Warning,
           CHECK(d.message.find("the most is 1") != std::string::npos))
GRAPH_FILE("text-block-never-shown", "text-block-never-shown", 15, Severity::Warning,
           CHECK(d.col == 7);
           CHECK(d.message.find("{{if objected}}") != std::string::npos))
GRAPH_FILE("text-block-always-shown", "text-block-always-shown", 32, Severity::Warning,
           CHECK(d.col == 9);
           CHECK(d.message.find("{{else}} part is never read") != std::string::npos))

TEST_CASE("every file in tests/data/bad/graph has its own test case") {
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(kGraphData)) {
    if (e.path().extension() != ".yaml") continue;
    ++files;
    INFO(e.path().filename().string());
    CHECK(covered_graph_files().count(e.path().stem().string()) == 1);
  }
  CHECK(files == covered_graph_files().size());
}

TEST_CASE("a file with a loop gets no state-dependent diagnostics") {
  const LoadResult r = load_and_check(kGraphData + "/cycle-between-two-nodes.yaml");
  INFO(all_diagnostics(r.diagnostics));
  CHECK(find_code(r.diagnostics, "stuck-state") == nullptr);
  CHECK(find_code(r.diagnostics, "choice-never-available") == nullptr);
  CHECK(find_code(r.diagnostics, "unreachable-node") == nullptr);
}

TEST_CASE("the impossible condition is reported on the choice as well as the node") {
  const LoadResult r =
      load_and_check(kGraphData + "/unreachable-node-behind-impossible-condition.yaml");
  const Diagnostic* d = find_code(r.diagnostics, "choice-never-available");
  REQUIRE(d != nullptr);
  CHECK(d->line == 20);
  CHECK(d->hint.find("`referred`") != std::string::npos);
}

TEST_CASE("shipped scenarios and the tutorial pass every graph check") {
  for (const auto& path : find_scenario_files(AUDITSIM_SCENARIOS_DIR)) {
    INFO(path);
    const LoadResult r = load_and_check(path);
    INFO(all_diagnostics(r.diagnostics));
    CHECK(r.ok());
    for (const char* code : {"cycle", "stuck-state", "unreachable-node", "unreachable-ending",
                             "choice-never-available", "no-endings", "analysis-limit"}) {
      CHECK(find_code(r.diagnostics, code) == nullptr);
    }
  }
}

TEST_CASE("generated scenarios are clean") {
  for (int decisions : {1, 2, 5, 40, 300}) {
    INFO("decisions " << decisions);
    const LoadResult r = load_scenario_text(make_synthetic_scenario_yaml(decisions, 11), "s.yaml");
    REQUIRE(r.ok());
    const auto ds = check_scenario(*r.scenario);
    INFO(all_diagnostics(ds));
    CHECK(ds.empty());
  }
}

TEST_CASE("stuck states at several nodes are each reported, with a route") {
  ScenarioBuilder b;
  b.number("level", 0);
  b.node("a");
  b.node("b");
  b.node("c");
  b.ending("end", Outcome::Good);
  b.add(b.choice("a", "up", "b", {{Pillar::Pursue, 1}, {Pillar::Prevent, 1}}), "level", 1);
  b.choice("a", "stay", "b", {{Pillar::Protect, 1}, {Pillar::Prepare, 1}});
  b.when(b.choice("b", "b-next", "c"), "level >= 0");
  b.when(b.choice("c", "c-end", "end"), "level == 1");
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  const Diagnostic* d = find_code(ds, "stuck-state");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("`c`") != std::string::npos);
  CHECK(d->hint.find("level = 0") != std::string::npos);
  CHECK(d->hint.find("stay → b-next") != std::string::npos);
  CHECK(d->message.find("for ") == std::string::npos);  // no audience-specific choices
}

TEST_CASE("a choice for an audience the scenario does not list is never available") {
  ScenarioBuilder b;
  b.node("a");
  b.ending("end", Outcome::Good);
  b.choice("a", "all", "end",
           {{Pillar::Pursue, 1}, {Pillar::Prevent, 1}, {Pillar::Protect, 1}, {Pillar::Prepare, 1}});
  b.choice("a", "staff-only", "end").audience = Audience::Staff;
  b.raw().audience = {Audience::Members};
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  const Diagnostic* d = find_code(ds, "choice-never-available");
  REQUIRE(d != nullptr);
  CHECK(d->hint.find("only offered to staff") != std::string::npos);
}

TEST_CASE("a pillar scored only on a path that cannot finish is never scored") {
  ScenarioBuilder b;
  b.boolean("ok", false);
  b.node("a");
  b.node("b");
  b.ending("end", Outcome::Good);
  b.choice("a", "safe", "b", {{Pillar::Pursue, 1}, {Pillar::Prevent, 1}, {Pillar::Protect, 1}});
  b.choice("a", "risky", "end", {{Pillar::Prepare, 2}, {Pillar::Pursue, -5}});
  b.choice("b", "finish", "end", {{Pillar::Prepare, -3}});
  auto ds = codes_only(b.raw());
  CHECK(find_code(ds, "pillar-never-scored") == nullptr);  // risky gives prepare +2

  b.when(b.raw().nodes[0].choices[1], "ok");  // now risky is never offered
  ds = codes_only(b.raw());
  INFO(all_diagnostics(ds));
  const Diagnostic* d = find_code(ds, "pillar-never-scored");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("Prepare") != std::string::npos);
  CHECK(d->message.find("No complete path") != std::string::npos);
}

TEST_CASE("a scenario without a valid start does not crash the checker") {
  ScenarioBuilder b;
  b.node("a");
  b.ending("end", Outcome::Good);
  b.choice("a", "go", "end", {{Pillar::Pursue, 1}});
  b.raw().start = -1;
  const auto ds = check_scenario(b.raw());
  CHECK(find_code(ds, "unreachable-node") != nullptr);
}

TEST_CASE("diagnostics come sorted by position") {
  const LoadResult r =
      load_and_check(kGraphData + "/unreachable-node-behind-impossible-condition.yaml");
  for (size_t i = 1; i < r.diagnostics.size(); ++i) {
    CHECK(r.diagnostics[i - 1].line <= r.diagnostics[i].line);
  }
}

// [SECTION] Format 1.1 flow

namespace {

// a --go (sets flag)--> [flag] b | otherwise c; b and c lead to the endings.
ScenarioBuilder branching_builder() {
  ScenarioBuilder b;
  b.boolean("flag", false);
  b.node("a");
  b.node("b");
  b.node("c");
  b.ending("end", Outcome::Good);
  Choice& go = b.choice("a", "go", "c",
                        {{Pillar::Pursue, 1}, {Pillar::Prevent, 1}, {Pillar::Protect, 1}, {Pillar::Prepare, 1}});
  b.set(go, "flag", 1);
  b.branch(go, "flag", "b");
  b.choice("b", "b-end", "end");
  b.choice("c", "c-end", "end");
  return b;
}

}  // namespace

TEST_CASE("a node reached only through a branch of a conditional next is reachable") {
  ScenarioBuilder b = branching_builder();
  b.choice("a", "skip", "c");  // `c` is reached this way; `b` only through go's branch
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  for (const Diagnostic& d : ds) CHECK(d.code != "unreachable-node");
  CHECK(find_code(ds, "next-branch-never-taken") == nullptr);
}

TEST_CASE("the otherwise of a conditional next that is never taken is not reported") {
  // `go` always sets the flag, so `c` is reached by no path: that is the unreachable-node
  // warning's to say, not a second one about the `otherwise`.
  ScenarioBuilder b = branching_builder();
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  CHECK(find_code(ds, "next-branch-never-taken") == nullptr);
  const Diagnostic* d = find_code(ds, "unreachable-node");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("`c`") != std::string::npos);
}

TEST_CASE("a stuck state behind a branch of a conditional next is found") {
  ScenarioBuilder b = branching_builder();
  b.when(b.raw().nodes[1].choices[0], "not flag");  // at b the flag is always set
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  const Diagnostic* d = find_code(ds, "stuck-state");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("`b`") != std::string::npos);
}

TEST_CASE("evidence shown only because a choice releases it is not reported") {
  ScenarioBuilder b = branching_builder();
  b.evidence("note");
  b.evidence("unused");
  b.releases(b.raw().nodes[0].choices[0], "note");
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  int never_shown = 0;
  for (const Diagnostic& d : ds) {
    if (d.code != "evidence-never-shown") continue;
    ++never_shown;
    CHECK(d.message.find("`unused`") != std::string::npos);
  }
  CHECK(never_shown == 1);
}

TEST_CASE("an inject timed since a node no path reaches never fires") {
  ScenarioBuilder b = branching_builder();
  b.inject_since("late", 30, "c");
  b.inject_since("fine", 30, "b");
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  int never = 0;
  for (const Diagnostic& d : ds) {
    if (d.code != "inject-never-fires") continue;
    ++never;
    CHECK(d.message.find("`late`") != std::string::npos);
  }
  CHECK(never == 1);
}

TEST_CASE("an after_decisions inject within the longest path is not reported") {
  ScenarioBuilder b = branching_builder();
  b.inject_after_decisions("second", 2);
  b.inject_after_decisions("third", 3);
  const auto ds = check_scenario(b.raw());
  INFO(all_diagnostics(ds));
  const Diagnostic* d = find_code(ds, "inject-never-fires");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("`third`") != std::string::npos);
  CHECK(d->message.find("the most is 2") != std::string::npos);
}
