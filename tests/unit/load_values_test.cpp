// Values inside a valid document: conditions, variables, ids and keys written twice, and the
// values YAML would read as numbers or booleans.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/unit/load_fixture.hpp"

using namespace auditsim;
using namespace auditsim::load_fixture;

TEST_CASE("conditions: errors point at the column inside the scalar") {
  const std::string vars = "variables:\n  trust: 50\n";
  SUBCASE("plain scalar") {
    const auto r = load_scenario_text(
        scenario_with_choice_lines(vars, "        when: trust >= 40 and budget > 0\n"), "t.yaml");
    const Diagnostic* d = find_code(r, "undefined-variable");
    REQUIRE(d);
    CHECK(d->line == 18);
    CHECK(d->col == 31);
  }
  SUBCASE("quoted scalar") {
    const auto r = load_scenario_text(
        scenario_with_choice_lines(vars, "        when: \"trust >= 40 and budget > 0\"\n"), "t.yaml");
    const Diagnostic* d = find_code(r, "undefined-variable");
    REQUIRE(d);
    CHECK(d->col == 32);
  }
  SUBCASE("a valid condition resolves its names") {
    const auto r = load_scenario_text(
        scenario_with_choice_lines(vars, "        when: trust >= 40 and not visited(b)\n"), "t.yaml");
    INFO(all_diagnostics(r));
    REQUIRE(r.ok());
    const Choice& c = r.scenario->nodes[0].choices[0];
    CHECK(c.when.text() == "trust >= 40 and not visited(b)");
    CHECK(c.when.variables_read() == std::vector<int>{0});
    CHECK(c.when.nodes_visited_read() == std::vector<int>{1});
  }
  SUBCASE("an empty condition is refused") {
    const auto r = load_scenario_text(scenario_with_choice_lines(vars, "        when:\n"), "t.yaml");
    CHECK(find_code(r, "condition-syntax"));
  }
}

TEST_CASE("variables: booleans only as true/false, integers only as plain whole numbers") {
  auto load_vars = [](const std::string& v) {
    return load_scenario_text(scenario_with_choice_lines("variables:\n" + v, ""), "t.yaml");
  };
  CHECK(load_vars("  flag: true\n").ok());
  CHECK(load_vars("  n: -12\n").ok());
  CHECK(find_code(load_vars("  flag: 'false'\n"), "wrong-type"));
  CHECK(find_code(load_vars("  flag: on\n"), "wrong-type"));
  CHECK(find_code(load_vars("  flag: No\n"), "wrong-type"));
  CHECK(find_code(load_vars("  n: 2.0\n"), "wrong-type"));
  CHECK(find_code(load_vars("  n: '5'\n"), "wrong-type"));
  CHECK(find_code(load_vars("  n: 1e3\n"), "wrong-type"));
  CHECK(find_code(load_vars("  n: 9223372036854775808\n"), "bad-value"));
  CHECK(find_code(load_vars("  2fast: 1\n"), "bad-id"));
  const auto r = load_vars("  flag: false\n  n: 7\n");
  REQUIRE(r.ok());
  CHECK(r.scenario->variables[0].kind == Variable::Kind::Boolean);
  CHECK(r.scenario->variables[1].kind == Variable::Kind::Number);
  CHECK(r.scenario->variables[1].initial == 7);
}

TEST_CASE("duplicate keys are found in large maps too") {
  std::string nodes;
  for (int i = 0; i < 40; ++i)
    nodes += "  n" + std::to_string(i) + ":\n    title: N\n    text: N\n"
             "    ending: { outcome: good, debrief: D }\n";
  nodes += "  n7:\n    title: Again\n    text: N\n    ending: { outcome: good, debrief: D }\n";
  const std::string text = "format: auditsim/1\nid: t\ntitle: T\ntheme: x\nduration_minutes: 5\n"
                           "summary: S\nstart: n0\nnodes:\n" + nodes;
  const auto r = load_scenario_text(text, "t.yaml");
  const Diagnostic* d = find_code(r, "duplicate-key");
  REQUIRE(d);
  CHECK(d->line == 9 + 40 * 4);
  CHECK(d->hint.find("line 37") != std::string::npos);
}

TEST_CASE("a variable started as `yes` is reported once, not again wherever it is used") {
  const std::string text = R"(format: auditsim/1
id: yes-variable
title: A variable written as yes
theme: licensing
duration_minutes: 5
summary: The variable is read by a condition and set by a choice.
variables:
  referred: yes
start: decide
nodes:
  decide:
    title: Decide
    text: Decide.
    choices:
      - id: refer
        text: Refer
        score: { protect: 1 }
        set: { referred: true }
        when: not referred
        feedback: Referred.
        next: done
      - id: wait
        text: Wait
        feedback: Waited.
        next: done
  done:
    title: Done
    text: Done.
    ending: { outcome: good, debrief: That is all. }
)";
  LoadResult r = load_scenario_text(text, "yes-variable.yaml");
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "wrong-type");
  CHECK(r.diagnostics[0].line == 8);
  CHECK(r.diagnostics[0].hint.find("true") != std::string::npos);
}

TEST_CASE("a condition naming a variable with `-` is one error suggesting the declared name") {
  const Diagnostic d = sole_diagnostic("condition-variable-name-with-dash", "undefined-variable", 18, 19);
  CHECK(d.message == "`lender-tipped` is not a variable name: names cannot contain `-`.");
  CHECK(d.hint == "did you mean `lender_tipped`?");
}

TEST_CASE("a node key written twice is reported before the undefined node it causes") {
  const LoadResult r = load_scenario_file(kData + "/bad/duplicate-key-node-copied-not-renamed.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == "duplicate-key");
  CHECK(r.diagnostics[0].line == 25);
  CHECK(r.diagnostics[0].col == 3);
  CHECK(r.diagnostics[0].hint.find("line 17") != std::string::npos);
  CHECK(r.diagnostics[1].code == "undefined-node");
  CHECK(r.diagnostics[1].line == 24);
  CHECK(r.diagnostics[1].hint ==
        "node `second` is written twice (again on line 25): if that one was meant to be `end`, "
        "rename it");
}

TEST_CASE("a variable refused for its range is still declared: one error, not one per use") {
  const Diagnostic d = sole_diagnostic("bad-value-variable-out-of-range-used-later", "bad-value", 8, 11);
  CHECK(d.hint.find("1000000000000") != std::string::npos);
}

TEST_CASE("a key action id used twice points to the first one, as choices do") {
  const Diagnostic d = sole_diagnostic("duplicate-id-key-action", "duplicate-id", 9, 11);
  CHECK(d.message == "Two key actions have the id `verify`.");
  CHECK(d.hint.find("the first is on line 8") != std::string::npos);
}

TEST_CASE("values YAML would read as numbers or booleans are text, and `when: true` always holds") {
  const LoadResult r = load_scenario_file(kData + "/good/scalars-yaml-reads-as-numbers-and-booleans.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  CHECK(r.scenario->title == "1984");
  CHECK(r.scenario->version == "2");
  CHECK(r.scenario->nodes[0].title == "2024");
  CHECK(r.scenario->nodes[0].choices[0].when.text() == "true");
}
