// Path tests an author writes in YAML beside a scenario (`NAME.tests.yaml` next to `NAME.yaml`):
// cases that play a path (listed choices, best, worst or seeded random) and check where it ends
// and how it scores, and properties that need no path (every ending reachable, the number of
// decisions, what one mistake costs, the best path reaching every maximum).
// The file format is in docs/scenario-tests.md.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/condition.hpp"
#include "sim/diagnostics.hpp"
#include "sim/model.hpp"

namespace auditsim {

// An inclusive range; a side left out is open.
template <typename T>
struct Bounds {
  std::optional<T> min, max;
  bool contains(T v) const { return (!min || v >= *min) && (!max || v <= *max); }
};

// What a played path must show. Rating levels index the default scale (0 = Strong).
struct PathExpectations {
  std::optional<int> ending;              // node index
  std::optional<Outcome> outcome;
  std::optional<int> rating_at_least;    // this level or better (a lower index)
  std::optional<int> rating_at_most;     // this level or worse
  std::vector<int> findings;              // key actions that must be findings
  std::vector<int> no_findings;           // key actions that must not be
  std::array<std::optional<Bounds<double>>, kPillarCount> pillars;  // percentages
  std::optional<Bounds<int64_t>> decisions;
  std::optional<Condition> holds;         // must be true in the final state
};

struct ScenarioTest {
  std::string name;
  SourcePos pos;
  // Unset: a path case plays with every audience's choices on offer, as `auditsim play` does
  // without --audience; a property is checked for each audience the scenario declares.
  std::optional<Audience> audience;

  enum class Kind { Path, Property } kind = Kind::Path;

  // Path cases.
  enum class Play { Choices, Best, Worst, Random } play = Play::Choices;
  std::vector<std::string> choices;
  uint64_t seed = 0;
  PathExpectations expect;

  // Properties.
  enum class Property { EndingsReachable, Decisions, OneMistake, BestReachesMaximum };
  Property property = Property::EndingsReachable;
  Bounds<int64_t> decisions;        // Property::Decisions: every complete path within these
  int one_mistake_at_most = 3;      // Property::OneMistake: the rating level at or below
};

struct TestsFile {
  std::string path;           // the tests file as given
  std::string scenario_path;  // the scenario it tests
  ScenarioPtr scenario;
  std::vector<ScenarioTest> tests;
};

struct TestsLoadResult {
  std::optional<TestsFile> file;  // unset when errors prevented reading it
  std::vector<Diagnostic> diagnostics;  // the tests file's and its scenario's problems
  bool ok() const { return file && !has_errors(diagnostics); }
};

// Whether a path names a tests file (ends in `.tests.yaml` or `.tests.yml`).
bool is_tests_file(const std::string& path);
// `dir/NAME.tests.yaml` -> `dir/NAME.yaml` (the same extension).
std::string scenario_for_tests_file(const std::string& tests_path);
// `dir/NAME.yaml` -> `dir/NAME.tests.yaml` (the same extension).
std::string tests_file_for_scenario(const std::string& scenario_path);
// Every tests file under a folder, recursively and sorted (schema and evidence folders skipped).
std::vector<std::string> find_tests_files(const std::string& folder);

// Reads a tests file and the scenario it names, resolving every choice, node, key action and
// condition against it; each problem is a diagnostic at its line. Never throws for bad content.
TestsLoadResult load_tests_file(const std::string& path);

// One test's result. `failures` says, for each expectation not met, what was expected and what
// happened; `path` is the path played (for a property, the example that broke it).
struct TestOutcome {
  std::string name;
  SourcePos pos;
  bool passed = true;
  std::vector<std::string> failures;
  std::optional<Audience> audience;      // for a path case, the audience played
  std::vector<std::string> path;
};

// Runs every test of a loaded file, in order. The rating uses the default scale and weights,
// whatever a council's settings say, so a test means the same on every machine.
std::vector<TestOutcome> run_tests(const TestsFile& file);

}  // namespace auditsim
