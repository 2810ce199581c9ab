// Tests for the scenario loader: every malformed file in tests/data/bad is its own test case
// asserting its diagnostic code and line; then the shipped tutorial, hostile input, evidence
// files, and the small parsers the loader is built from.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "sim/diagnostics.hpp"
#include "sim/load.hpp"
#include "sim/load/text.hpp"
#include "sim/sha256.hpp"

using namespace auditsim;
namespace fs = std::filesystem;

namespace {

const std::string kData = AUDITSIM_TEST_DATA;
const std::string kScenarios = AUDITSIM_SCENARIOS_DIR;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(AUDITSIM_TEST_TMP) / "load_test" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The pointer is into `r`: keep the result alive while the pointer is used.
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

std::set<std::string>& covered_bad_files() {
  static std::set<std::string> names;
  return names;
}

void expect_bad_file(const std::string& name, const std::string& code, int line, int col = 0) {
  const std::string path = kData + "/bad/" + name + ".yaml";
  REQUIRE(fs::exists(path));
  const LoadResult r = load_scenario_file(path);
  INFO(all_diagnostics(r));
  const Diagnostic* d = find_code(r, code);
  REQUIRE(d != nullptr);
  CHECK(d->line == line);
  if (col > 0) CHECK(d->col == col);
  else if (line > 0) CHECK(d->col > 0);
  CHECK(d->file == path);
  CHECK_FALSE(d->message.empty());
  if (d->severity == Severity::Error) {
    CHECK_FALSE(r.ok());
    CHECK(r.scenario == nullptr);
  }
}

// A small valid scenario with one spot to splice extra lines into a choice.
std::string scenario_with_choice_lines(const std::string& variables, const std::string& choice) {
  return "format: auditsim/1\nid: t\ntitle: T\ntheme: licensing\nduration_minutes: 5\n"
         "summary: S\n" + variables + "start: a\nnodes:\n  a:\n    title: A\n    text: A\n"
         "    choices:\n      - id: c\n        text: C\n        feedback: F\n" + choice +
         "        next: b\n  b:\n    title: B\n    text: B\n"
         "    ending: { outcome: good, debrief: D }\n";
}

template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

// Each malformed file is its own test case, so CTest lists it by name.
#define BAD_FILE(name, code, line)                                                       \
  static const bool DOCTEST_ANONYMOUS(bad_file_registered_) =                            \
      covered_bad_files().insert(name).second;                                           \
  TEST_CASE("bad file: " name) { expect_bad_file(name, code, line); }

BAD_FILE("alias-bomb-billion-laughs", "alias-bomb", 9)
BAD_FILE("alias-self-reference", "alias-bomb", 8)
BAD_FILE("bad-format-version", "bad-format-version", 1)
BAD_FILE("bad-id-choice-with-space", "bad-id", 13)
BAD_FILE("bad-id-node-with-slash", "bad-id", 17)
BAD_FILE("bad-value-duration-minutes-zero", "bad-value", 5)
BAD_FILE("bad-value-inject-two-triggers", "bad-value", 22)
BAD_FILE("bad-value-inject-after-decisions-zero", "bad-value", 36)
BAD_FILE("bad-value-inject-audience", "bad-value", 37)
BAD_FILE("bad-value-integer-overflow", "bad-value", 8)
BAD_FILE("bad-value-score-out-of-range", "bad-value", 16)
BAD_FILE("bad-value-time-limit-unit", "bad-value", 12)
BAD_FILE("bad-value-time-limit-zero", "bad-value", 12)
BAD_FILE("bad-value-unknown-pillar", "bad-value", 9)
BAD_FILE("condition-syntax-in-conditional-next", "condition-syntax", 24)
BAD_FILE("condition-syntax-missing-operand", "condition-syntax", 18)
BAD_FILE("dead-end-node-without-choices", "dead-end", 18)
BAD_FILE("duplicate-id-choice-in-two-nodes", "duplicate-id", 21)
BAD_FILE("duplicate-id-evidence", "duplicate-id", 9)
BAD_FILE("duplicate-key-in-choice", "duplicate-key", 16)
BAD_FILE("duplicate-key-top-level", "duplicate-key", 7)
BAD_FILE("empty-file", "wrong-type", 0)
BAD_FILE("empty-text-feedback", "empty-text", 15)
BAD_FILE("ending-with-choices", "ending-with-choices", 20)
BAD_FILE("evidence-file-missing", "evidence-file-missing", 10)
BAD_FILE("evidence-outside-folder-absolute", "evidence-outside-folder", 10)
BAD_FILE("evidence-outside-folder-dotdot", "evidence-outside-folder", 10)
BAD_FILE("invalid-utf8-latin1-pound-sign", "invalid-utf8", 6)
BAD_FILE("missing-field-choice-next", "missing-field", 13)
BAD_FILE("missing-field-conditional-next-when", "missing-field", 24)
BAD_FILE("missing-field-inject-since-without-after", "missing-field", 37)
BAD_FILE("missing-field-inject-trigger", "missing-field", 22)
BAD_FILE("missing-field-on-timeout-without-time-limit", "missing-field", 12)
BAD_FILE("missing-field-title", "missing-field", 1)
BAD_FILE("needs-format-1.1-conditional-next", "needs-format-1.1", 24)
BAD_FILE("needs-format-1.1-inject-audience", "needs-format-1.1", 37)
BAD_FILE("next-after-otherwise", "next-after-otherwise", 25)
BAD_FILE("next-needs-otherwise", "next-needs-otherwise", 24)
BAD_FILE("too-deep-flow-brackets", "too-deep", 2)
BAD_FILE("type-mismatch-add-to-boolean", "type-mismatch", 18)
BAD_FILE("type-mismatch-set-number-to-true", "type-mismatch", 18)
BAD_FILE("undefined-choice-on-timeout", "undefined-choice", 13)
BAD_FILE("undefined-evidence-on-node", "undefined-evidence", 12)
BAD_FILE("undefined-evidence-in-releases", "undefined-evidence", 23)
BAD_FILE("undefined-key-action-in-achieves", "undefined-key-action", 16)
BAD_FILE("undefined-node-in-conditional-next", "undefined-node", 25)
BAD_FILE("undefined-node-inject-since", "undefined-node", 37)
BAD_FILE("undefined-node-in-visited", "undefined-node", 16)
BAD_FILE("undefined-node-next", "undefined-node", 16)
BAD_FILE("undefined-node-start", "undefined-node", 7)
BAD_FILE("undefined-variable-in-condition", "undefined-variable", 18)
BAD_FILE("undefined-variable-in-set", "undefined-variable", 18)
BAD_FILE("unknown-key-top-level", "unknown-key", 7)
BAD_FILE("unknown-key-typo-in-choice", "unknown-key", 16)
BAD_FILE("wrong-type-evidence-not-list", "wrong-type", 14)
BAD_FILE("wrong-type-score-is-decimal", "wrong-type", 16)
BAD_FILE("wrong-type-title-is-list", "wrong-type", 3)
BAD_FILE("wrong-type-variable-quoted-boolean", "wrong-type", 8)
BAD_FILE("wrong-type-variable-yes", "wrong-type", 8)
BAD_FILE("yaml-syntax-bad-indentation", "yaml-syntax", 12)
BAD_FILE("yaml-syntax-indented-one-space-too-far", "yaml-syntax", 12)
BAD_FILE("yaml-syntax-curly-quotes-around-value", "yaml-syntax", 7)
BAD_FILE("condition-variable-name-with-dash", "undefined-variable", 18)
BAD_FILE("duplicate-key-node-copied-not-renamed", "duplicate-key", 25)
BAD_FILE("bad-value-variable-out-of-range-used-later", "bad-value", 8)
BAD_FILE("duplicate-id-key-action", "duplicate-id", 9)
BAD_FILE("yaml-syntax-two-documents", "yaml-syntax", 21)
BAD_FILE("yaml-syntax-unclosed-bracket", "yaml-syntax", 17)
BAD_FILE("yaml-syntax-tab-indent", "yaml-syntax", 11)
BAD_FILE("yaml-syntax-unquoted-colon-in-text", "yaml-syntax", 12)
BAD_FILE("yaml-syntax-curly-closing-quote", "yaml-syntax", 23)
BAD_FILE("yaml-syntax-text-starts-with-bracket", "yaml-syntax", 12)
BAD_FILE("yaml-tag-binary", "unsupported-yaml", 4)
BAD_FILE("yaml-tag-local", "unsupported-yaml", 7)
BAD_FILE("yaml-tag-directive", "unsupported-yaml", 1)

// Format 1.1 text and named conditions: the column is asserted too, because these diagnostics
// point inside a condition or a text, often inside a `|` block.
#define BAD_FILE_AT(name, code, line, col)                                               \
  static const bool DOCTEST_ANONYMOUS(bad_file_registered_) =                            \
      covered_bad_files().insert(name).second;                                           \
  TEST_CASE("bad file: " name) { expect_bad_file(name, code, line, col); }

BAD_FILE_AT("needs-format-1.1-breaches-in-auditsim-1", "needs-format-1.1", 20, 9)
BAD_FILE_AT("undefined-key-action-in-ending-requires", "undefined-key-action", 29, 20)
BAD_FILE_AT("condition-cycle-named-conditions", "condition-cycle", 11, 31)
BAD_FILE_AT("condition-name-clash-with-variable", "condition-name-clash", 10, 3)
BAD_FILE_AT("condition-syntax-in-conditional-text", "condition-syntax", 15, 20)
BAD_FILE_AT("conditional-text-in-1.0-file", "conditional-text-in-1.0", 15, 7)
BAD_FILE_AT("needs-format-1.1-conditions", "needs-format-1.1", 9, 1)
BAD_FILE_AT("needs-format-1.1-text-per-audience", "needs-format-1.1", 14, 7)
BAD_FILE_AT("text-block-unbalanced-end-without-if", "text-block-unbalanced", 15, 22)
BAD_FILE_AT("text-block-unclosed", "text-block-unclosed", 15, 7)
BAD_FILE_AT("text-marker-unknown-word", "text-marker", 15, 12)
BAD_FILE_AT("text-too-complex-nine-deep", "text-too-complex", 13, 140)
BAD_FILE_AT("undefined-variable-in-conditional-text", "undefined-variable", 15, 28)
BAD_FILE_AT("unused-condition", "unused-condition", 11, 3)

TEST_CASE("every file in tests/data/bad has its own test case") {
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(kData + "/bad")) {
    if (e.path().extension() != ".yaml") continue;
    ++files;
    INFO(e.path().filename().string());
    CHECK(covered_bad_files().count(e.path().stem().string()) == 1);
  }
  CHECK(files == covered_bad_files().size());
  CHECK(files >= 30);
}

TEST_CASE("suggestions: unknown keys, node ids and variables get a did-you-mean hint") {
  CHECK(find_code(load_scenario_file(kData + "/bad/unknown-key-typo-in-choice.yaml"), "unknown-key")
            ->hint == "did you mean `feedback`?");
  CHECK(find_code(load_scenario_file(kData + "/bad/undefined-node-start.yaml"), "undefined-node")
            ->hint == "did you mean `first`?");
  CHECK(find_code(load_scenario_file(kData + "/bad/undefined-variable-in-set.yaml"),
                  "undefined-variable")->hint == "did you mean `trust`?");
  CHECK(find_code(load_scenario_file(kData + "/bad/bad-value-unknown-pillar.yaml"), "bad-value")
            ->hint == "did you mean `protect`?");
}

TEST_CASE("tutorial: loads cleanly with every part of the format filled in") {
  const std::string path = kScenarios + "/examples/tutorial-supplier-bank-details.yaml";
  const LoadResult r = load_scenario_file(path);
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  const Scenario& s = *r.scenario;
  CHECK(s.format == "auditsim/1.1");
  CHECK(s.id == "tutorial-supplier-bank-details");
  CHECK(s.duration_minutes == 30);
  CHECK(s.audience == std::vector<Audience>{Audience::Members, Audience::Staff});
  CHECK(s.classification == Classification::PartA);

  // Source kept byte for byte, with its fingerprint.
  const std::string bytes = read_file(path);
  CHECK(s.source_text == bytes);
  CHECK(s.source_path == path);
  CHECK(s.source_sha256 == sha256_hex(bytes));
  CHECK(s.source_sha256.size() == 64);
  CHECK(s.source_sha256.find_first_not_of("0123456789abcdef") == std::string::npos);

  int endings = 0, decisions = 0;
  std::set<Outcome> outcomes;
  for (const Node& n : s.nodes) {
    if (n.is_ending()) {
      ++endings;
      outcomes.insert(n.ending->outcome);
    } else {
      ++decisions;
      for (const Choice& c : n.choices) CHECK(c.next >= 0);
    }
  }
  CHECK(endings == 4);  // good, two kinds of mixed, poor
  CHECK(outcomes.size() == 3);
  CHECK(decisions >= 5);
  REQUIRE(s.start >= 0);
  CHECK(s.nodes[static_cast<size_t>(s.start)].id == "email-arrives");

  const Node& first = s.nodes[static_cast<size_t>(s.find_node("email-arrives"))];
  CHECK(first.time_limit_seconds == 300);
  REQUIRE(first.on_timeout >= 0);
  // The timeout is what happens when nobody decides: the email waits in the inbox.
  CHECK(first.choices[static_cast<size_t>(first.on_timeout)].id == "leave-for-team-leader");
  CHECK(first.evidence.size() == 3);

  // Evidence inline and from a file inside the scenario's folder.
  const Evidence& master = s.evidence[static_cast<size_t>(s.find_evidence("supplier-master-record"))];
  CHECK(master.file == "evidence/supplier-master-record.md");
  CHECK(master.text.find("Supplier master record") != std::string::npos);
  CHECK(s.evidence[static_cast<size_t>(s.find_evidence("change-request-email"))].file.empty());

  // One inject of each trigger kind.
  std::set<Inject::Trigger> triggers;
  for (const Inject& i : s.injects) triggers.insert(i.trigger);
  CHECK(triggers.size() == 3);

  // Every pillar scored positively somewhere; a visited() condition; a variable read.
  Score4 best;
  bool reads_visits = false, reads_variable = false;
  for (const Node& n : s.nodes)
    for (const Choice& c : n.choices) {
      for (Pillar p : kPillars) best[p] = std::max(best[p], c.score[p]);
      reads_visits = reads_visits || !c.when.nodes_visited_read().empty();
    }
  for (const Inject& i : s.injects) reads_variable = reads_variable || !i.when.variables_read().empty();
  for (Pillar p : kPillars) CHECK(best[p] > 0);
  CHECK(reads_visits);
  CHECK(reads_variable);

  const auto [node, choice] = s.find_choice("call-known-number");
  REQUIRE(node >= 0);
  const Choice& call = s.nodes[static_cast<size_t>(node)].choices[static_cast<size_t>(choice)];
  CHECK(call.score[Pillar::Protect] == 3);
  REQUIRE(call.effects.size() == 1);
  CHECK(s.variables[static_cast<size_t>(call.effects[0].variable)].id == "verified");
  CHECK(call.effects[0].value == 1);
  CHECK(s.key_actions[static_cast<size_t>(call.achieves.at(0))].priority == Priority::High);
  CHECK(s.learning_objectives.size() == 4);
  CHECK(s.learning_objectives[0].key_actions.size() == 1);

  // The worked example for control questions: every key action asks one about the real council,
  // ending in a question mark, with a role (not a person) as owner and the risk it guards against.
  for (const KeyAction& k : s.key_actions) {
    INFO(k.id);
    REQUIRE(k.control);
    CHECK(k.control->question.back() == '?');
    CHECK_FALSE(k.control->owner.empty());
    CHECK_FALSE(k.control->risk.empty());
  }

  // The 1.1 parts the header comment promises: text per audience, a members-only and an
  // officers-only choice, a conditional next, a released document, proved ending claims and a
  // named condition.
  bool per_audience = false, members_only = false, staff_only = false, branches = false,
       releases = false, claims = false;
  for (const Node& n : s.nodes) {
    per_audience = per_audience || n.audience_text[0].has_value();
    claims = claims || (n.ending && !n.ending->claims.empty());
    for (const Choice& c : n.choices) {
      members_only = members_only || (c.audience && *c.audience == Audience::Members);
      staff_only = staff_only || (c.audience && *c.audience == Audience::Staff);
      branches = branches || !c.branches.empty();
      releases = releases || !c.releases.empty();
    }
  }
  CHECK(per_audience);
  CHECK(members_only);
  CHECK(staff_only);
  CHECK(branches);
  CHECK(releases);
  CHECK(claims);
  CHECK(s.conditions.size() == 1);
}

TEST_CASE("tutorial: passes every static check") {
  const LoadResult r = load_and_check(kScenarios + "/examples/tutorial-supplier-bank-details.yaml");
  INFO(all_diagnostics(r));
  CHECK(r.ok());
  CHECK(r.diagnostics.empty());
}

TEST_CASE("warn file: a choice that both achieves and breaches a key action") {
  const std::string path = kData + "/warn/key-action-conflict-achieves-and-breaches.yaml";
  const LoadResult r = load_scenario_file(path);
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics[0];
  CHECK(d.code == "key-action-conflict");
  CHECK(d.severity == Severity::Warning);
  CHECK(d.line == 22);
  CHECK(d.col == 19);
  CHECK(d.message.find("`keep-confidential`") != std::string::npos);
}

TEST_CASE("good files: breaches, late achievement and ending claims are read as written") {
  const LoadResult r = load_and_check(kData + "/good/ending-claims-proved.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  const Scenario& s = *r.scenario;
  const int refer = s.find_key_action("refer-safeguarding");
  const int keep = s.find_key_action("keep-intelligence-safe");
  const auto [bn, bc] = s.find_choice("mention-police");
  CHECK(s.nodes[bn].choices[bc].breaches == std::vector<int>{keep});
  const auto [fn, fc] = s.find_choice("refer-late");
  CHECK(s.nodes[fn].choices[fc].achieves_late == std::vector<int>{refer});
  const auto& claims = s.nodes[s.find_node("protected")].ending->claims;
  REQUIRE(claims.size() == 4);
  CHECK(claims[0].kind == PathClaim::Kind::Achieved);
  CHECK(claims[0].required);
  CHECK(claims[0].key_action == refer);
  CHECK(claims[1].key_action == keep);
  CHECK(claims[2].kind == PathClaim::Kind::AchievedLate);
  CHECK_FALSE(claims[2].required);
  CHECK(claims[3].kind == PathClaim::Kind::Breached);
  CHECK_FALSE(claims[3].required);
  const auto& compromised = s.nodes[s.find_node("compromised")].ending->claims;
  REQUIRE(compromised.size() == 2);
  CHECK(compromised[1].kind == PathClaim::Kind::Condition);
  CHECK(compromised[1].condition.text() == "tipped_off");
  CHECK(compromised[1].pos.line > 0);
}

TEST_CASE("format 1.1 keys for findings are refused in an auditsim/1 file, each at its key") {
  const std::string file = kData + "/good/ending-claims-proved.yaml";
  std::string text;
  {
    std::ifstream in(file);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  text.replace(text.find("format: auditsim/1.1"), 20, "format: auditsim/1");
  const LoadResult r = load_scenario_text(text, "as-format-1.yaml");
  std::set<std::string> what;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.code == "needs-format-1.1") what.insert(d.message.substr(0, d.message.find(" is part")));
  }
  CHECK(what == std::set<std::string>{"`achieves_late`", "`breaches`", "`requires` under `ending`",
                                      "`forbids` under `ending`"});
}

TEST_CASE("ending claims of the wrong shape are reported, never trusted") {
  std::string good;
  {
    std::ifstream in(kData + "/good/ending-claims-proved.yaml");
    good.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const std::string original = "      requires:\n        achieved_late: [refer-safeguarding]\n";
  REQUIRE(good.find(original) != std::string::npos);
  const std::pair<const char*, const char*> cases[] = {
      {"requires: 5", "wrong-type"},
      {"requires: { achieved: 5 }", "wrong-type"},
      {"forbids: { breached: [[x]] }", "wrong-type"},
      {"requires: { conditions: [\"\"] }", "condition-syntax"},
      {"requires: { conditions: [\"referred and\"] }", "condition-syntax"},
      {"requires: { conditions: [\"refered\"] }", "undefined-variable"},
      {"requires: { sometimes: [refer-safeguarding] }", "unknown-key"},
      {"forbids: { achieved: [refer-safeguardin] }", "undefined-key-action"}};
  for (const auto& [lines, code] : cases) {
    CAPTURE(lines);
    std::string text = good;
    text.replace(text.find(original), original.size(), std::string("      ") + lines + "\n");
    const LoadResult r = load_scenario_text(text, "claims.yaml");
    CHECK_FALSE(r.ok());
    const Diagnostic* d = find_code(r, code);
    REQUIRE(d != nullptr);
    CHECK(d->line == 101);
  }
}

TEST_CASE("good files: minimal scenario takes the documented defaults") {
  const LoadResult r = load_scenario_file(kData + "/good/minimal.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  const Scenario& s = *r.scenario;
  CHECK(s.version == "1");
  CHECK(s.author.empty());
  CHECK(s.audience.size() == 2);
  CHECK(s.classification == Classification::PartA);
  CHECK(s.nodes.size() == 2);
  CHECK(s.nodes[0].time_limit_seconds == 0);
  CHECK(s.nodes[0].on_timeout == -1);
  CHECK(s.nodes[0].choices[0].when.empty());
  CHECK(s.nodes[0].pos.line == 10);
  CHECK(s.nodes[0].choices[0].pos.line == 14);
}

TEST_CASE("good files: anchors and aliases share content without tripping the alias guard") {
  const LoadResult r = load_scenario_file(kData + "/good/anchors-and-aliases.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  const Node& n = r.scenario->nodes[0];
  REQUIRE(n.choices.size() == 2);
  CHECK(n.choices[0].score == n.choices[1].score);
  CHECK(n.choices[1].score[Pillar::Protect] == 2);
  CHECK(n.choices[1].feedback == "Both options are equally sound here.");
  CHECK(n.time_limit_seconds == 5400);
  CHECK(n.on_timeout == 1);
  CHECK(r.scenario->injects[0].after_seconds == 90);
  CHECK(r.scenario->injects[1].trigger == Inject::Trigger::When);
}

TEST_CASE("good files: a byte order mark and CRLF line endings are fine") {
  const LoadResult r = load_scenario_file(kData + "/good/crlf-and-bom.yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.ok());
  CHECK(r.scenario->id == "crlf-and-bom");
  CHECK(r.scenario->title == "Saved by a Windows editor");
  CHECK(r.scenario->nodes[0].text == "One choice.");
}

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

TEST_CASE("YAML errors point at the character, counting columns in characters") {
  auto syntax_at = [](const std::string& text) {
    const auto r = load_scenario_text(text, "t.yaml");
    INFO(all_diagnostics(r));
    const Diagnostic* d = find_code(r, "yaml-syntax");
    REQUIRE(d);
    CHECK_FALSE(r.ok());
    return std::pair{d->line, d->col};
  };
  // A control character is not allowed anywhere in YAML text.
  CHECK(syntax_at("format: auditsim/1\nid: t\ntitle: A\x01" "B\n") == std::pair{3, 9});
  // The é is two bytes but one column; a byte order mark is not a column at all.
  CHECK(syntax_at("title: \"caf\xc3\xa9\" : x\n") == std::pair{1, 15});
  CHECK(syntax_at("\xef\xbb\xbftitle: \"caf\xc3\xa9\" : x\n") == std::pair{1, 15});
  CHECK(syntax_at("a: &x 1\nb: *y\n") == std::pair{2, 4});  // an alias with no anchor
}

TEST_CASE("hostile input: bounded time, a diagnostic, never an exception") {
  const fs::path dir = scratch("hostile");
  auto load = [](const fs::path& p) {
    LoadResult r;
    const double t = seconds([&] { CHECK_NOTHROW(r = load_scenario_file(p.string())); });
    CHECK(t < 5.0);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.diagnostics.empty());
    return r;
  };
  SUBCASE("a 60 MB file is refused before it is read") {
    const fs::path p = dir / "huge.yaml";
    {
      std::ofstream out(p, std::ios::binary);
      const std::string line = "key: value that repeats to fill the file\n";
      for (size_t written = 0; written < 60u * 1024 * 1024; written += line.size()) out << line;
    }
    CHECK(find_code(load(p), "file-too-large"));
    CHECK(find_code(load_scenario_text(std::string(6 * 1024 * 1024, 'a'), "big.yaml"),
                    "file-too-large"));
  }
  SUBCASE("10,000 levels of nesting, flow and block") {
    write_file(dir / "flow.yaml", "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
    write_file(dir / "maps.yaml", [] {
      std::string s;
      for (int i = 0; i < 10000; ++i) s += "{a: ";
      return s + "1" + std::string(10000, '}') + "\n";
    }());
    std::string dashes;
    for (int i = 0; i < 10000; ++i) dashes += "- ";
    write_file(dir / "dashes.yaml", dashes + "x\n");
    std::string indented;
    for (int i = 0; i < 100; ++i) indented += std::string(static_cast<size_t>(i), ' ') + "k:\n";
    write_file(dir / "indented.yaml", indented);
    for (const char* f : {"flow.yaml", "maps.yaml", "dashes.yaml", "indented.yaml"}) {
      INFO(f);
      const LoadResult r = load(dir / f);  // kept alive: d points into it
      const Diagnostic* d = find_code(r, "too-deep");
      REQUIRE(d);
      CHECK(d->line >= 1);
    }
  }
  SUBCASE("billion laughs") {
    std::string s = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 12; ++i) {
      s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int k = 0; k < 10; ++k) s += (k ? ", *a" : "*a") + std::to_string(i - 1);
      s += "]\n";
    }
    write_file(dir / "laughs.yaml", s);
    CHECK(find_code(load(dir / "laughs.yaml"), "alias-bomb"));
  }
  SUBCASE("empty, blank and comment-only files") {
    for (const std::string text : {"", "   \n\n", "# just a comment\n", "~\n"}) {
      write_file(dir / "empty.yaml", text);
      CHECK(find_code(load(dir / "empty.yaml"), "wrong-type"));
    }
  }
  SUBCASE("binary garbage and Latin-1 text") {
    std::string junk;
    uint32_t x = 12345;
    for (int i = 0; i < 65536; ++i) {
      x = x * 1664525u + 1013904223u;
      junk += static_cast<char>(x >> 24);
    }
    write_file(dir / "junk.yaml", junk);
    CHECK(find_code(load(dir / "junk.yaml"), "invalid-utf8"));
    write_file(dir / "latin1.yaml", "format: auditsim/1\ntitle: Caf\xe9 licensing\n");
    const LoadResult r = load(dir / "latin1.yaml");
    const Diagnostic* d = find_code(r, "invalid-utf8");
    REQUIRE(d);
    CHECK(d->line == 2);
    CHECK(d->col == 11);
  }
  SUBCASE("random printable text never throws") {
    uint32_t x = 99;
    const std::string alphabet = "ab:- \n[]{},&*!|>'\"#?%@`0123456789";
    for (int round = 0; round < 300; ++round) {
      std::string text;
      for (int i = 0; i < 200; ++i) {
        x = x * 1664525u + 1013904223u;
        text += alphabet[(x >> 16) % alphabet.size()];
      }
      CHECK_NOTHROW(load_scenario_text(text, "random.yaml"));
    }
  }
  SUBCASE("missing files, folders and special files") {
    CHECK(find_code(load(dir / "no-such-file.yaml"), "io-error"));
    CHECK(find_code(load(dir), "io-error"));
    // Refused as a device before anything is read.
    if (fs::exists("/dev/zero")) CHECK(find_code(load("/dev/zero"), "io-error"));
  }
}

TEST_CASE("evidence files stay inside the scenario's folder") {
  const fs::path dir = scratch("evidence");
  const fs::path pack = dir / "pack";
  write_file(pack / "evidence" / "memo.md", "# Memo\nInside the folder.\n");
  write_file(dir / "outside.md", "secret\n");
  auto with_file = [&](const std::string& file) {
    const std::string text = scenario_with_choice_lines(
        "evidence:\n  - id: doc\n    title: Doc\n    file: " + file + "\n", "");
    write_file(pack / "s.yaml", text);
    return load_scenario_file((pack / "s.yaml").string());
  };
  SUBCASE("a file inside is read") {
    const auto r = with_file("evidence/memo.md");
    INFO(all_diagnostics(r));
    REQUIRE(r.ok());
    CHECK(r.scenario->evidence[0].text == "# Memo\nInside the folder.\n");
  }
  SUBCASE("a path through .. that comes back inside is fine") {
    CHECK(with_file("evidence/../evidence/memo.md").ok());
  }
  SUBCASE("escaping with .., an absolute path or a symbolic link is refused") {
    CHECK(find_code(with_file("../outside.md"), "evidence-outside-folder"));
    CHECK(find_code(with_file((dir / "outside.md").string()), "evidence-outside-folder"));
    std::error_code ec;
    fs::create_symlink(dir / "outside.md", pack / "evidence" / "link.md", ec);
    fs::create_directory_symlink(dir, pack / "evidence" / "up", ec);
    if (!ec) {
      CHECK(find_code(with_file("evidence/link.md"), "evidence-outside-folder"));
      CHECK(find_code(with_file("evidence/up/outside.md"), "evidence-outside-folder"));
    }
  }
  SUBCASE("missing, oversized and non-UTF-8 files") {
    CHECK(find_code(with_file("evidence/nothing.md"), "evidence-file-missing"));
    CHECK(find_code(with_file("evidence"), "evidence-not-a-file"));
    write_file(pack / "evidence" / "big.md", std::string(1024 * 1024 + 1, 'x'));
    CHECK(find_code(with_file("evidence/big.md"), "file-too-large"));
    write_file(pack / "evidence" / "latin1.md", "ok\nna\xefve\n");
    const LoadResult r = with_file("evidence/latin1.md");
    const Diagnostic* d = find_code(r, "invalid-utf8");
    REQUIRE(d);
    CHECK(d->message.find("line 2, column 3") != std::string::npos);
  }
}

TEST_CASE("find_scenario_files: recursive, sorted, skipping schema and evidence folders and tests files") {
  const fs::path dir = scratch("library");
  for (const char* f : {"b.yaml", "a/c.yml", "a/b.yaml", "schema/s.yaml", "evidence/e.yaml",
                        "a/evidence/deep.yaml", "notes.txt", "a/d.json", "b.tests.yaml",
                        "a/c.tests.yml"})
    write_file(dir / f, "x: 1\n");
  const auto files = find_scenario_files(dir.string());
  REQUIRE(files.size() == 3);
  CHECK(files[0] == (dir / "a/b.yaml").string());
  CHECK(files[1] == (dir / "a/c.yml").string());
  CHECK(files[2] == (dir / "b.yaml").string());
  CHECK(find_scenario_files((dir / "missing").string()).empty());

  const auto shipped = find_scenario_files(kScenarios);
  CHECK(std::find(shipped.begin(), shipped.end(),
                  kScenarios + "/examples/tutorial-supplier-bank-details.yaml") != shipped.end());
  for (const auto& f : shipped) CHECK(f.find("/schema/") == std::string::npos);
}

// A chain of `n` decisions with 3 choices each, every choice with a score, an effect and a
// condition: everything the loader resolves by id.
static std::string chain_of_decisions(int n) {
  std::string text = "format: auditsim/1\nid: big\ntitle: Big\ntheme: x\nduration_minutes: 60\n"
                     "summary: S\nvariables: { v: 0 }\nstart: n0\nnodes:\n";
  for (int i = 0; i < n; ++i) {
    const std::string next = i + 1 < n ? "n" + std::to_string(i + 1) : "end";
    text += "  n" + std::to_string(i) + ":\n    title: T\n    text: T\n    choices:\n";
    for (int c = 0; c < 3; ++c)
      text += "      - { id: c" + std::to_string(i) + "-" + std::to_string(c) +
              ", text: C, feedback: F, score: { protect: " + std::to_string(c) +
              " }, add: { v: 1 }, when: v >= 0, next: " + next + " }\n";
  }
  return text + "  end:\n    title: E\n    text: E\n    ending: { outcome: good, debrief: D }\n";
}

TEST_CASE("loading stays linear: four times the decisions take about four times as long") {
  // The fastest of three loads of each size, so one slow run on a busy machine does not count.
  auto fastest_load = [](int n) {
    const std::string text = chain_of_decisions(n);
    double best = 1e9;
    for (int run = 0; run < 3; ++run) {
      LoadResult r;
      best = std::min(best, seconds([&] { r = load_scenario_text(text, "big.yaml"); }));
      INFO(all_diagnostics(r));
      REQUIRE(r.ok());
      REQUIRE(r.scenario->nodes.size() == static_cast<size_t>(n + 1));
    }
    return best;
  };
  const double small = fastest_load(1'500);
  const double large = fastest_load(6'000);
  MESSAGE("1,500 decisions in " << small << " s, 6,000 in " << large << " s (ratio "
                                << large / small << ")");
  // Linear work gives a ratio near 4; a lookup that scans every node per reference gives 16.
  CHECK(large < 8 * small);
}

TEST_CASE("helpers: SHA-256 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  Sha256 split;  // the same digest fed in uneven pieces
  split.update("abcdbcdecdefdefgefghfghighijhij");
  split.update("kijkljklmklmnlmnomnopnopq");
  const auto digest = split.finish();
  CHECK(digest[0] == 0x24);
  CHECK(digest[31] == 0xc1);
}

TEST_CASE("helpers: diagnostics format and suggestions") {
  Diagnostic d{Severity::Error, "unknown-key", "s.yaml", 3, 5, "`scroe` is not a key.", "did you mean `score`?"};
  CHECK(format_diagnostic(d) ==
        "s.yaml:3:5: error: `scroe` is not a key. [unknown-key]\n  hint: did you mean `score`?");
  d.line = 0;
  d.hint.clear();
  d.severity = Severity::Warning;
  CHECK(format_diagnostic(d) == "s.yaml: warning: `scroe` is not a key. [unknown-key]");
  CHECK_FALSE(has_errors({d}));
  d.severity = Severity::Error;
  CHECK(has_errors({d}));

  const std::vector<std::string> keys{"score", "set", "add", "feedback", "next", "when"};
  CHECK(closest_match("scroe", keys) == "score");
  CHECK(closest_match("Feedbak", keys) == "feedback");
  CHECK(closest_match("nxet", keys) == "next");
  CHECK(closest_match("banana", keys).empty());
  CHECK(closest_match("", keys).empty());
  // A shortened key is suggested by its start when no spelling is close.
  CHECK(closest_match("duration", {"duration_minutes", "summary"}) == "duration_minutes");
  CHECK(closest_match("sum", {"summary"}).empty());
}

TEST_CASE("helpers: durations, integers, ids and UTF-8") {
  using namespace auditsim::load_detail;
  CHECK(parse_duration("90") == 90);
  CHECK(parse_duration("90s") == 90);
  CHECK(parse_duration("5m") == 300);
  CHECK(parse_duration("1h30m") == 5400);
  CHECK(parse_duration("1h 30m 5s") == 5405);
  CHECK_FALSE(parse_duration("30m1h"));
  CHECK_FALSE(parse_duration("5 minutes"));
  CHECK_FALSE(parse_duration("-5"));
  CHECK_FALSE(parse_duration("1.5h"));
  CHECK_FALSE(parse_duration("m"));
  CHECK_FALSE(parse_duration(""));

  int64_t v = 0;
  CHECK(parse_int64("-9223372036854775808", v) == IntParse::Ok);
  CHECK(v == INT64_MIN);
  CHECK(parse_int64("9223372036854775807", v) == IntParse::Ok);
  CHECK(parse_int64("9223372036854775808", v) == IntParse::OutOfRange);
  CHECK(parse_int64("1.0", v) == IntParse::NotInteger);
  CHECK(parse_int64("-", v) == IntParse::NotInteger);

  CHECK(is_valid_id("ending-good_2.v1"));
  CHECK_FALSE(is_valid_id("-leading-dash"));
  CHECK_FALSE(is_valid_id("has space"));
  CHECK_FALSE(is_valid_id(std::string(65, 'a')));
  CHECK(is_valid_variable_name("_tenant_trust2"));
  CHECK_FALSE(is_valid_variable_name("tenant-trust"));

  CHECK_FALSE(find_invalid_utf8("plain ASCII, £ and \xf0\x9f\x98\x80"));
  CHECK(find_invalid_utf8("\xc0\xaf")->col == 1);            // overlong '/'
  CHECK(find_invalid_utf8("ab\xed\xa0\x80")->col == 3);      // a UTF-16 surrogate
  CHECK(find_invalid_utf8("x\n\xf4\x90\x80\x80")->line == 2);  // above U+10FFFF
  CHECK(find_invalid_utf8("\xe2\x82")->col == 1);            // truncated
}

TEST_CASE("helpers: pillar, priority, audience and outcome keys round-trip") {
  for (Pillar p : kPillars) CHECK(parse_pillar(pillar_key(p)) == p);
  CHECK(std::string(pillar_name(Pillar::Prepare)) == "Prepare");
  CHECK_FALSE(parse_pillar("Pursue"));
  for (Priority p : {Priority::High, Priority::Medium, Priority::Low})
    CHECK(parse_priority(priority_key(p)) == p);
  for (Audience a : {Audience::Members, Audience::Staff}) CHECK(parse_audience(audience_key(a)) == a);
  for (Outcome o : {Outcome::Good, Outcome::Mixed, Outcome::Poor})
    CHECK(parse_outcome(outcome_key(o)) == o);
  CHECK(std::string(severity_key(Severity::Note)) == "note");
}

TEST_CASE("the JSON schema for editors matches the format's keys") {
  const auto schema = nlohmann::json::parse(read_file(kScenarios + "/schema/auditsim-1.schema.json"));
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK(schema["additionalProperties"] == false);
  std::set<std::string> top;
  for (const auto& [k, v] : schema["properties"].items()) top.insert(k);
  CHECK(top == std::set<std::string>{"format", "id", "title", "version", "author", "theme",
                                     "audience", "duration_minutes", "classification", "summary",
                                     "learning_objectives", "variables", "evidence", "key_actions",
                                     "start", "nodes", "injects", "conditions"});
  std::set<std::string> choice;
  for (const auto& [k, v] : schema["definitions"]["choice"]["properties"].items()) choice.insert(k);
  CHECK(choice == std::set<std::string>{"id", "text", "score", "set", "add", "achieves", "when",
                                        "audience", "feedback", "next", "achieves_late",
                                        "breaches", "releases"});
  std::set<std::string> ending;
  for (const auto& [k, v] : schema["definitions"]["ending"]["properties"].items()) ending.insert(k);
  CHECK(ending == std::set<std::string>{"outcome", "debrief", "requires", "forbids"});
  std::set<std::string> claims;
  for (const auto& [k, v] : schema["definitions"]["ending_claims"]["properties"].items())
    claims.insert(k);
  CHECK(claims == std::set<std::string>{"achieved", "achieved_late", "breached", "conditions"});
  std::set<std::string> inject;
  for (const auto& [k, v] : schema["definitions"]["inject"]["properties"].items()) inject.insert(k);
  CHECK(inject == std::set<std::string>{"id", "title", "from", "text", "after", "on_enter", "when",
                                        "evidence", "since", "after_decisions", "audience"});
  const std::string tutorial = read_file(kScenarios + "/examples/tutorial-supplier-bank-details.yaml");
  CHECK(tutorial.rfind("# yaml-language-server: $schema=../schema/auditsim-1.schema.json\n", 0) == 0);
}

TEST_CASE("text with an unquoted colon gets a hint to quote it") {
  std::string text = scenario_with_choice_lines("", "");
  const std::string anchor = "    text: A\n";
  text.insert(text.find(anchor) + anchor.size(), "    discuss:\n      - Which is it: a crime?\n");
  const auto r = load_scenario_text(text, "t.yaml");
  const Diagnostic* d = find_code(r, "wrong-type");
  REQUIRE(d);
  CHECK(d->line == 13);
  CHECK(d->hint.find("quoted") != std::string::npos);
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

TEST_CASE("YAML syntax errors name the mistake authors really make") {
  auto hint_of = [](const std::string& name) {
    LoadResult r = load_scenario_file(std::string(AUDITSIM_TEST_DATA) + "/bad/" + name + ".yaml");
    REQUIRE(!r.diagnostics.empty());
    return r.diagnostics.front().hint;
  };
  CHECK(hint_of("yaml-syntax-tab-indent").find("tab") != std::string::npos);
  CHECK(hint_of("yaml-syntax-unquoted-colon-in-text").find("must be quoted") != std::string::npos);
  // The error surfaces at the end of the file; the hint points back at line 7.
  CHECK(hint_of("yaml-syntax-curly-closing-quote").find("line 7") != std::string::npos);
  CHECK(hint_of("yaml-syntax-text-starts-with-bracket").find("[") != std::string::npos);
}

namespace {

// The only diagnostic of a bad file, after checking its code and place.
Diagnostic sole_diagnostic(const std::string& name, const std::string& code, int line, int col) {
  const LoadResult r = load_scenario_file(kData + "/bad/" + name + ".yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics.front();
  CHECK(d.code == code);
  CHECK(d.line == line);
  CHECK(d.col == col);
  return d;
}

}  // namespace

TEST_CASE("a key indented one space too far gets the indentation hint, not the quoting one") {
  const Diagnostic d = sole_diagnostic("yaml-syntax-indented-one-space-too-far", "yaml-syntax", 12, 10);
  CHECK(d.hint.find("line 12 is indented 5 spaces, one space too far") != std::string::npos);
  CHECK(d.hint.find("(4 spaces)") != std::string::npos);
  CHECK(d.hint.find("quoted") == std::string::npos);
}

TEST_CASE("a key indented one space short is lined up with the keys just above it") {
  const Diagnostic d = sole_diagnostic("yaml-syntax-bad-indentation", "yaml-syntax", 12, 4);
  CHECK(d.hint.find("line 12 is indented 3 spaces, one space short") != std::string::npos);
  CHECK(d.hint.find("(4 spaces)") != std::string::npos);
}

TEST_CASE("text inside a `|` block keeps its own indentation without an indentation hint") {
  // The block's deeper lines are text, not keys; the real mistake is the unquoted colon below.
  const std::string text =
      "format: auditsim/1\nsummary: |\n  A block:\n     deeper: as text\n"
      "title: Note: this\n";
  const LoadResult r = load_scenario_text(text, "block.yaml");
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics.front().line == 5);
  CHECK(r.diagnostics.front().hint.find("must be quoted") != std::string::npos);
}

TEST_CASE("curly quotes around a value get a hint naming them") {
  const Diagnostic d = sole_diagnostic("yaml-syntax-curly-quotes-around-value", "yaml-syntax", 7, 15);
  CHECK(d.hint.find("line 7 puts the text in curly quotes (\u201c \u201d)") != std::string::npos);
  CHECK(d.hint.find("straight double quotes") != std::string::npos);
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
