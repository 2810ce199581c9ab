// Path tests written in YAML: reading a tests file (every id resolved against its scenario, each
// problem at its line with a code and a hint), running each kind of test, and saying what was
// expected and what happened when one fails. The data is in tests/data/scenario-tests/, each
// file named for what it breaks.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/autoplay.hpp"
#include "sim/load.hpp"
#include "sim/scenario_tests.hpp"
#include "tests/support/run_process.hpp"

using namespace auditsim;

namespace {

const std::string kDir = std::string(AUDITSIM_TEST_DATA) + "/scenario-tests";

std::string data(const std::string& name) { return kDir + "/" + name; }

TestsFile loaded(const std::string& name) {
  TestsLoadResult r = load_tests_file(data(name));
  for (const Diagnostic& d : r.diagnostics) INFO(format_diagnostic(d));
  REQUIRE(r.ok());
  return *r.file;
}

const Diagnostic* find(const TestsLoadResult& r, const std::string& code) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

bool mentions(const TestOutcome& o, const std::string& words) {
  return std::any_of(o.failures.begin(), o.failures.end(),
                     [&](const std::string& f) { return f.find(words) != std::string::npos; });
}

}  // namespace

TEST_CASE("tests files are named NAME.tests.yaml beside NAME.yaml") {
  CHECK(is_tests_file("a/flat-12.tests.yaml"));
  CHECK(is_tests_file("flat-12.tests.yml"));
  CHECK_FALSE(is_tests_file("a/flat-12.yaml"));
  CHECK_FALSE(is_tests_file("a/.tests.yaml"));
  CHECK_FALSE(is_tests_file("a/flat-12.tests.json"));
  CHECK(scenario_for_tests_file("a/flat-12.tests.yaml") == "a/flat-12.yaml");
  CHECK(scenario_for_tests_file("a/flat-12.tests.yml") == "a/flat-12.yml");
  CHECK(tests_file_for_scenario("a/flat-12.yaml") == "a/flat-12.tests.yaml");
}

TEST_CASE("find_tests_files finds only tests files, sorted") {
  const auto files = find_tests_files(kDir);
  REQUIRE_FALSE(files.empty());
  CHECK(std::is_sorted(files.begin(), files.end()));
  for (const auto& f : files) CHECK(is_tests_file(f));
  CHECK(std::find(files.begin(), files.end(), data("passing.tests.yaml")) != files.end());
  CHECK(std::find(files.begin(), files.end(), data("two-routes.yaml")) == files.end());
}

TEST_CASE("every kind of expectation and property passes when it is true") {
  const TestsFile f = loaded("passing.tests.yaml");
  CHECK(f.scenario->id == "two-routes");
  const auto outcomes = run_tests(f);
  REQUIRE(outcomes.size() == 8);
  for (const TestOutcome& o : outcomes) {
    INFO(o.name);
    for (const std::string& m : o.failures) INFO(m);
    CHECK(o.passed);
  }
  CHECK(outcomes[0].path == std::vector<std::string>{"verify", "tell"});
  CHECK(outcomes[1].path == std::vector<std::string>{"skip", "ignore"});
}

TEST_CASE("a wrong ending fails, saying what was expected, what happened and the path") {
  const auto outcomes = run_tests(loaded("wrong-ending.tests.yaml"));
  REQUIRE(outcomes.size() == 1);
  const TestOutcome& o = outcomes[0];
  CHECK_FALSE(o.passed);
  CHECK(mentions(o, "expected ending `ending-poor`, got `ending-good`"));
  CHECK(mentions(o, "expected outcome poor, got good"));
  CHECK(mentions(o, "expected the exercise rating Fair or worse, got Strong (100.0%)"));
  CHECK(o.path == std::vector<std::string>{"verify", "tell"});
  CHECK(o.pos.line == 4);
}

TEST_CASE("a choice not on offer for the audience fails at that choice, listing what was") {
  const auto outcomes = run_tests(loaded("choice-not-on-offer.tests.yaml"));
  REQUIRE(outcomes.size() == 1);
  CHECK_FALSE(outcomes[0].passed);
  CHECK(mentions(outcomes[0], "choice 2 `escalate` is not available at `report`; available: tell ignore"));
  CHECK(outcomes[0].path == std::vector<std::string>{"verify"});
}

TEST_CASE("a condition false at the end, a wrong finding, pillar and decision count each fail") {
  const auto outcomes = run_tests(loaded("condition-false-at-end.tests.yaml"));
  REQUIRE(outcomes.size() == 1);
  const TestOutcome& o = outcomes[0];
  CHECK_FALSE(o.passed);
  CHECK(o.failures.size() == 4);  // the expected finding tell-audit is there, so that one passes
  CHECK(mentions(o, "expected `reported` to hold at the end, but it does not"));
  CHECK(mentions(o, "expected no finding `check-first`, but it is one"));
  CHECK(mentions(o, "expected Protect 50.0% to 100.0%, got 0.0%"));
  CHECK(mentions(o, "expected 3 decisions, got 2"));
}

TEST_CASE("properties that do not hold fail with the audience and an example path") {
  const auto outcomes = run_tests(loaded("property-broken.tests.yaml"));
  REQUIRE(outcomes.size() == 3);
  for (const TestOutcome& o : outcomes) CHECK_FALSE(o.passed);
  CHECK(mentions(outcomes[0], "for members, the shortest path has 2 decisions, fewer than 3"));
  CHECK(mentions(outcomes[0], "for staff, the shortest path has 2 decisions, fewer than 3"));
  CHECK(outcomes[0].path.size() == 2);
  CHECK(mentions(outcomes[1], "`skip` instead of `verify` at decision 1 (`request`) misses a "
                              "high-priority key action but still earns Fair (50.0%), better than Weak"));
  CHECK(outcomes[1].path == std::vector<std::string>{"skip", "tell"});
  CHECK(mentions(outcomes[2], "for members, no complete path reaches the ending `ending-mixed`"));
}

TEST_CASE("an unknown choice id is an error at its line with a suggestion") {
  const TestsLoadResult r = load_tests_file(data("unknown-choice.tests.yaml"));
  CHECK_FALSE(r.ok());
  const Diagnostic* d = find(r, "undefined-choice");
  REQUIRE(d);
  CHECK(d->line == 5);
  CHECK(d->col == 23);
  CHECK(d->hint == "did you mean `tell`?");
}

TEST_CASE("unknown endings, key actions, ratings, variables and properties are errors at their lines") {
  const TestsLoadResult r = load_tests_file(data("unknown-ids.tests.yaml"));
  CHECK_FALSE(r.ok());
  const Diagnostic* ending = find(r, "undefined-node");
  REQUIRE(ending);
  CHECK(ending->line == 7);
  CHECK(ending->hint == "did you mean `ending-good`?");
  const Diagnostic* key = find(r, "undefined-key-action");
  REQUIRE(key);
  CHECK(key->line == 8);
  const Diagnostic* variable = find(r, "undefined-variable");
  REQUIRE(variable);
  CHECK(variable->line == 10);
  CHECK(variable->hint == "did you mean `verified`?");
  const Diagnostic* dup = find(r, "duplicate-id");
  REQUIRE(dup);
  CHECK(dup->line == 11);
  CHECK(dup->hint.find("line 4") != std::string::npos);
  size_t bad_values = 0;
  for (const Diagnostic& d : r.diagnostics) bad_values += d.code == "bad-value";
  CHECK(bad_values == 2);  // the rating and the property
}

TEST_CASE("a tests file that is not valid YAML is a yaml-syntax error with its position") {
  const TestsLoadResult r = load_tests_file(data("bad-yaml.tests.yaml"));
  CHECK_FALSE(r.file);
  const Diagnostic* d = find(r, "yaml-syntax");
  REQUIRE(d);
  CHECK(d->line > 0);
}

TEST_CASE("ways to play that contradict each other are refused, each with its own message") {
  const TestsLoadResult r = load_tests_file(data("mixed-up-keys.tests.yaml"));
  CHECK_FALSE(r.ok());
  std::vector<std::pair<int, std::string>> got;
  for (const Diagnostic& d : r.diagnostics) got.emplace_back(d.line, d.code);
  const std::vector<std::pair<int, std::string>> want{{6, "bad-value"},      // play and choices
                                                      {8, "missing-field"},  // random, no seed
                                                      {13, "bad-value"},     // seed with best
                                                      {14, "bad-value"},     // [4, 2]
                                                      {14, "unknown-key"}};  // endng
  CHECK(got == want);
}

TEST_CASE("a scenario with errors stops its tests, and its own errors follow") {
  const TestsLoadResult r = load_tests_file(data("scenario-with-errors.tests.yaml"));
  CHECK_FALSE(r.file);
  const Diagnostic* d = find(r, "scenario-not-loaded");
  REQUIRE(d);
  CHECK(d->line == 2);
  const Diagnostic* cause = find(r, "undefined-node");
  REQUIRE(cause);
  CHECK(cause->file.find("broken-scenario.yaml") != std::string::npos);
}

TEST_CASE("a tests file that does not exist is an io-error") {
  const TestsLoadResult r = load_tests_file(data("no-such.tests.yaml"));
  CHECK_FALSE(r.file);
  CHECK(find(r, "io-error"));
}

TEST_CASE("random play with a seed repeats, and is the path auditsim play --auto random takes") {
  const TestsFile f = loaded("passing.tests.yaml");
  ManualClock clock;
  Session a(f.scenario, clock), b(f.scenario, clock);
  play_random(a, 7);
  play_random(b, 7);
  CHECK(choices_taken(a) == choices_taken(b));
  const auto cli = test::run_process({AUDITSIM_BINARY, "play", "--no-record", data("two-routes.yaml"),
                                      "--auto", "random:7", "--json"});
  REQUIRE(cli.exit_code == 0);
  const auto played = nlohmann::json::parse(cli.out);
  std::vector<std::string> cli_path;
  for (const auto& d : played["decisions"]) cli_path.push_back(d["choice"]);
  REQUIRE(cli_path.size() == 2);
  CHECK(cli_path == choices_taken(a));
}

TEST_CASE("auditsim test prints PASS and FAIL lines and the totals, and exits 1 on a failure") {
  const auto r = test::run_process({AUDITSIM_BINARY, "test", data("passing.tests.yaml"),
                                    data("wrong-ending.tests.yaml")});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("PASS  Best play checks and reports\n") != std::string::npos);
  CHECK(r.out.find("FAIL  Best play is wrongly expected to end poorly\n") != std::string::npos);
  CHECK(r.out.find("      path: verify > tell\n") != std::string::npos);
  CHECK(r.out.size() >= 19);
  CHECK(r.out.substr(r.out.size() - 19) == "8 passed, 1 failed\n");
}

TEST_CASE("auditsim test exits 0 when every test passes, given the scenario or its tests file") {
  CHECK(test::run_process({AUDITSIM_BINARY, "test", data("passing.tests.yaml")}).exit_code == 0);
  const auto beside = test::run_process({AUDITSIM_BINARY, "test",
                                         std::string(AUDITSIM_SCENARIOS_DIR) + "/examples/tutorial-supplier-bank-details.yaml"});
  CHECK(beside.exit_code == 0);
  CHECK(beside.out.find(" passed, 0 failed\n") != std::string::npos);
}

TEST_CASE("auditsim test refuses to pass when nothing ran or a file does not load") {
  const auto none = test::run_process({AUDITSIM_BINARY, "test", data("empty.tests.yaml")});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("no tests found") != std::string::npos);
  const auto no_tests_beside = test::run_process({AUDITSIM_BINARY, "test", data("broken-scenario.yaml")});
  CHECK(no_tests_beside.exit_code == 2);
  CHECK(no_tests_beside.err.find("no tests file beside it") != std::string::npos);
  const auto missing = test::run_process({AUDITSIM_BINARY, "test", data("no-such-folder")});
  CHECK(missing.exit_code == 2);
  const auto bad = test::run_process({AUDITSIM_BINARY, "test", data("unknown-choice.tests.yaml")});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("unknown-choice.tests.yaml:5:23: error: No choice has the id `tel`. [undefined-choice]") !=
        std::string::npos);
  CHECK(bad.err.find("could not be loaded") != std::string::npos);
}

TEST_CASE("auditsim test --json gives every test's result and the totals") {
  const auto r = test::run_process({AUDITSIM_BINARY, "test", "--json", data("wrong-ending.tests.yaml")});
  CHECK(r.exit_code == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["passed"] == 0);
  CHECK(j["failed"] == 1);
  const auto& t = j["files"][0]["tests"][0];
  CHECK(t["passed"] == false);
  CHECK(t["line"] == 4);
  CHECK(t["audience"] == "members");
  CHECK(t["path"] == nlohmann::json::array({"verify", "tell"}));
  CHECK(t["failures"].size() == 3);
}

TEST_CASE("validate skips tests files in a folder and checks one named on its own") {
  const auto folder = test::run_process({AUDITSIM_BINARY, "validate", "--json", std::string(AUDITSIM_SCENARIOS_DIR)});
  CHECK(folder.exit_code == 0);
  const auto checked = nlohmann::json::parse(folder.out);
  // Every scenario file under scenarios/ is checked, and none of the tests files beside them.
  REQUIRE(checked["files"].size() == find_scenario_files(AUDITSIM_SCENARIOS_DIR).size());
  REQUIRE(checked["files"].size() >= 7);
  for (const auto& f : checked["files"])
    CHECK_FALSE(is_tests_file(f["file"].get<std::string>()));
  CHECK(test::run_process({AUDITSIM_BINARY, "validate", data("passing.tests.yaml")}).exit_code == 0);
  const auto bad = test::run_process({AUDITSIM_BINARY, "validate", data("unknown-choice.tests.yaml")});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.find("[undefined-choice]") != std::string::npos);
}

TEST_CASE("a scenario path naming a folder stops the tests with the reason") {
  const TestsLoadResult r = load_tests_file(data("scenario-is-a-folder.tests.yaml"));
  CHECK_FALSE(r.file);
  CHECK(find(r, "scenario-not-loaded"));
  const Diagnostic* io = find(r, "io-error");
  REQUIRE(io);
  CHECK(io->message.find("folder") != std::string::npos);
}

TEST_CASE("auditsim test prints a hostile test name harmlessly") {
  const auto r = test::run_process({AUDITSIM_BINARY, "test", data("escape-sequence-in-name.tests.yaml")});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find('\x1b') == std::string::npos);
  CHECK(r.out.find("FAIL  Clears the screen") != std::string::npos);
}

TEST_CASE("the exercise rating is read under its own names and under the older opinion names") {
  const TestsFile f = loaded("rating-names-new-and-old.tests.yaml");
  const auto outcomes = run_tests(f);
  REQUIRE(outcomes.size() == 4);
  for (const TestOutcome& o : outcomes) {
    INFO(o.name);
    for (const std::string& m : o.failures) INFO(m);
    CHECK(o.passed);
  }
  // A label that is neither is an error that names the ratings, or the nearest older label.
  const TestsLoadResult bad = load_tests_file(data("unknown-ids.tests.yaml"));
  bool named = false;
  for (const Diagnostic& d : bad.diagnostics)
    if (d.code == "bad-value" && d.message.find("is not an exercise rating") != std::string::npos)
      named = d.hint == "did you mean `Substantial`?";
  CHECK(named);
}
