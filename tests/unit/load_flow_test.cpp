// Loading the format 1.1 flow keys: a conditional `next`, `releases` on a choice, and an
// inject's `audience`, `since` and `after_decisions`. The one-mistake files are in load_bad_files_test.cpp
// (tests/data/bad); here, what a good file builds and the details of the messages.
#include <doctest/doctest.h>

#include <string>

#include "sim/diagnostics.hpp"
#include "sim/load.hpp"

using namespace auditsim;

namespace {

const std::string kData = AUDITSIM_TEST_DATA;

const Diagnostic* find_code(const LoadResult& r, const std::string& code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

std::string all_diagnostics(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

// A 1.1 scenario whose choice `go` gets `next_lines` (indented for a choice's keys) and whose
// injects list gets `inject_lines`.
std::string flow_scenario(const std::string& format, const std::string& next_lines,
                          const std::string& inject_lines = "") {
  return "format: " + format +
         "\nid: t\ntitle: T\ntheme: licensing\nduration_minutes: 5\nsummary: S\n"
         "variables: { warned: false }\n"
         "evidence:\n  - { id: memo, title: Memo, text: M }\n"
         "start: a\nnodes:\n  a:\n    title: A\n    text: A\n    evidence: [memo]\n"
         "    choices:\n      - id: go\n        text: C\n        feedback: F\n" +
         next_lines +
         "  b:\n    title: B\n    text: B\n    ending: { outcome: good, debrief: D }\n"
         "  c:\n    title: C\n    text: C\n    ending: { outcome: poor, debrief: D }\n" +
         (inject_lines.empty() ? "" : "injects:\n" + inject_lines);
}

}  // namespace

TEST_CASE("the good 1.1 flow file builds branches, releases and the 1.1 inject triggers") {
  const LoadResult r = load_and_check(kData + "/good/format-1.1-flow.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  const Scenario& s = *r.scenario;
  const auto [vn, vc] = s.find_choice("go-in");
  REQUIRE(vn >= 0);
  const Choice& go_in = s.nodes[vn].choices[vc];
  REQUIRE(go_in.branches.size() == 2);
  CHECK(go_in.branches[0].when.text() == "lender_tipped");
  CHECK(go_in.branches[0].node == s.find_node("lender-gone"));
  CHECK(go_in.branches[1].node == s.find_node("tenant-talks"));
  CHECK(go_in.branches[1].pos.line > go_in.branches[0].pos.line);
  CHECK(go_in.next == s.find_node("quiet-flat"));
  const auto [pn, pc] = s.find_choice("tell-police");
  CHECK(s.nodes[pn].choices[pc].releases == std::vector<int>{s.find_evidence("visit-note")});
  REQUIRE(s.injects.size() == 3);
  CHECK(s.injects[0].audience == Audience::Members);
  CHECK(s.injects[1].trigger == Inject::Trigger::After);
  CHECK(s.injects[1].since == s.find_node("visit"));
  CHECK(s.injects[1].after_seconds == 120);
  CHECK(s.injects[2].trigger == Inject::Trigger::AfterDecisions);
  CHECK(s.injects[2].after_decisions == 2);
}

TEST_CASE("a plain next is still one node id, with no branches, in both formats") {
  for (const char* format : {"auditsim/1", "auditsim/1.1"}) {
    const LoadResult r = load_scenario_text(flow_scenario(format, "        next: b\n"), "t.yaml");
    INFO(all_diagnostics(r));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    CHECK(r.scenario->nodes[0].choices[0].branches.empty());
    CHECK(r.scenario->nodes[0].choices[0].next == r.scenario->find_node("b"));
  }
}

TEST_CASE("an unknown node in a conditional next gets a did-you-mean") {
  const LoadResult r = load_scenario_text(
      flow_scenario("auditsim/1.1", "        next:\n          - { when: warned, node: bb }\n"
                                    "          - otherwise: cc\n"),
      "t.yaml");
  INFO(all_diagnostics(r));
  int undefined = 0;
  for (const auto& d : r.diagnostics) {
    if (d.code != "undefined-node") continue;
    ++undefined;
    CHECK(d.hint.find("did you mean") != std::string::npos);
  }
  CHECK(undefined == 2);  // the branch's node and the otherwise
}

TEST_CASE("a condition error in a conditional next points inside the condition") {
  const LoadResult r = load_scenario_file(kData + "/bad/condition-syntax-in-conditional-next.yaml");
  INFO(all_diagnostics(r));
  const Diagnostic* d = find_code(r, "condition-syntax");
  REQUIRE(d != nullptr);
  CHECK(d->line == 24);
  CHECK(d->col == 26);  // the single `=` in `when: tipped = true`
}

TEST_CASE("an otherwise entry with a condition of its own is refused") {
  const LoadResult r = load_scenario_text(
      flow_scenario("auditsim/1.1", "        next:\n          - { when: warned, otherwise: b }\n"),
      "t.yaml");
  INFO(all_diagnostics(r));
  CHECK_FALSE(r.ok());
  CHECK(find_code(r, "bad-value") != nullptr);
}

TEST_CASE("a conditional next that is not a list of maps is a wrong type, not a crash") {
  const LoadResult r = load_scenario_text(
      flow_scenario("auditsim/1.1", "        next: [b, c]\n"), "t.yaml");
  INFO(all_diagnostics(r));
  CHECK_FALSE(r.ok());
  CHECK(find_code(r, "wrong-type") != nullptr);
  CHECK(find_code(r, "next-needs-otherwise") != nullptr);
}

TEST_CASE("each 1.1 flow key in an auditsim/1 file asks for format 1.1 and names the key") {
  struct Case {
    const char* next_lines;
    const char* inject_lines;
    const char* named;
  };
  const Case cases[] = {
      {"        releases: [memo]\n        next: b\n", "", "`releases`"},
      {"        next: b\n", "  - { id: i, title: I, text: T, after: 0, audience: staff }\n",
       "`audience`"},
      {"        next: b\n", "  - { id: i, title: I, text: T, after: 5, since: a }\n", "`since`"},
      {"        next: b\n", "  - { id: i, title: I, text: T, after_decisions: 1 }\n",
       "`after_decisions`"},
  };
  for (const Case& c : cases) {
    INFO(c.named);
    const LoadResult r =
        load_scenario_text(flow_scenario("auditsim/1", c.next_lines, c.inject_lines), "t.yaml");
    INFO(all_diagnostics(r));
    const Diagnostic* d = find_code(r, "needs-format-1.1");
    REQUIRE(d != nullptr);
    CHECK(d->message.find(c.named) != std::string::npos);
    CHECK(d->line > 0);
    const LoadResult ok =
        load_scenario_text(flow_scenario("auditsim/1.1", c.next_lines, c.inject_lines), "t.yaml");
    INFO(all_diagnostics(ok));
    CHECK(ok.ok());
  }
}

TEST_CASE("after_decisions is one trigger: with after as well it is two") {
  const LoadResult r = load_scenario_text(
      flow_scenario("auditsim/1.1", "        next: b\n",
                    "  - { id: i, title: I, text: T, after: 5, after_decisions: 1 }\n"),
      "t.yaml");
  INFO(all_diagnostics(r));
  const Diagnostic* d = find_code(r, "bad-value");
  REQUIRE(d != nullptr);
  CHECK(d->hint.find("after_decisions") != std::string::npos);
}

namespace {

// A 1.1 scenario with one key action whose `control:` mapping is `control_lines` (indented for
// the key action's keys); the choice `go` achieves it.
std::string control_scenario(const std::string& format, const std::string& control_lines) {
  return "format: " + format +
         "\nid: t\ntitle: T\ntheme: procurement-fraud\nduration_minutes: 5\nsummary: S\n"
         "key_actions:\n  - id: verify\n    pillar: protect\n    priority: high\n"
         "    text: The change was verified by calling back on a number already held\n"
         "    management_action: Make call-back verification mandatory\n" +
         control_lines +
         "start: a\nnodes:\n  a:\n    title: A\n    text: A\n"
         "    choices:\n      - id: go\n        text: C\n        feedback: F\n"
         "        achieves: [verify]\n        next: b\n"
         "      - id: stop\n        text: D\n        feedback: F\n        next: c\n"
         "  b:\n    title: B\n    text: B\n    ending: { outcome: good, debrief: D }\n"
         "  c:\n    title: C\n    text: C\n    ending: { outcome: poor, debrief: D }\n";
}

}  // namespace

TEST_CASE("a key action's control question loads its question, owner and risk") {
  const LoadResult r = load_scenario_text(
      control_scenario("auditsim/1.1",
                       "    control:\n"
                       "      question: Do we call the supplier back on a number we hold?\n"
                       "      owner: Head of Finance\n"
                       "      risk: A payment is diverted to a fraudster\n"),
      "t.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  const KeyAction& k = r.scenario->key_actions.at(0);
  REQUIRE(k.control.has_value());
  CHECK(k.control->question == "Do we call the supplier back on a number we hold?");
  CHECK(k.control->owner == "Head of Finance");
  CHECK(k.control->risk == "A payment is diverted to a fraudster");
  CHECK(k.control->pos.line == 14);  // the mapping under `control:`
}

TEST_CASE("a key action without a control question has none, and the risk is optional") {
  const LoadResult none = load_scenario_text(control_scenario("auditsim/1.1", ""), "t.yaml");
  INFO(all_diagnostics(none));
  REQUIRE(none.ok());
  CHECK_FALSE(none.scenario->key_actions.at(0).control.has_value());
  const LoadResult no_risk = load_scenario_text(
      control_scenario("auditsim/1.1", "    control: { question: Q?, owner: Head of Finance }\n"),
      "t.yaml");
  INFO(all_diagnostics(no_risk));
  REQUIRE(no_risk.ok());
  CHECK(no_risk.scenario->key_actions.at(0).control->risk.empty());
}

TEST_CASE("a control question in an auditsim/1 file asks for format 1.1") {
  const LoadResult r = load_scenario_text(
      control_scenario("auditsim/1", "    control: { question: Q?, owner: Head of Finance }\n"),
      "t.yaml");
  const Diagnostic* d = find_code(r, "needs-format-1.1");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("`control`") != std::string::npos);
  CHECK(d->line == 13);
}

TEST_CASE("a control question without its owner, or with an unknown key, is refused in place") {
  const LoadResult no_owner = load_scenario_text(
      control_scenario("auditsim/1.1", "    control: { question: Q? }\n"), "t.yaml");
  CHECK_FALSE(no_owner.ok());
  const Diagnostic* missing = find_code(no_owner, "missing-field");
  REQUIRE(missing != nullptr);
  CHECK(missing->message.find("owner") != std::string::npos);
  CHECK(missing->line == 13);
  const LoadResult unknown = load_scenario_text(
      control_scenario("auditsim/1.1",
                       "    control: { question: Q?, owner: O, resposible: Head of Audit }\n"),
      "t.yaml");
  CHECK_FALSE(unknown.ok());
  CHECK(find_code(unknown, "unknown-key") != nullptr);
  const LoadResult not_a_map = load_scenario_text(
      control_scenario("auditsim/1.1", "    control: Do we check?\n"), "t.yaml");
  CHECK_FALSE(not_a_map.ok());
}
