// Terminal play as the docs describe it, run as a player would: injects at the start, while
// nobody types and on arrival; time that runs out; evidence numbers that stay with their
// document; Markdown through the reports' renderer; the inject list scripted play prints.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/support/run_process.hpp"

using auditsim::test::run_process;
using nlohmann::json;

namespace {

const std::string kScenario =
    std::string(AUDITSIM_TEST_DATA) + "/cli/injects-at-start-timed-and-on-arrival.yaml";

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Plays with `input` on standard input, all of it there from the start.
std::string play(const std::string& input) {
  auto r = run_process({AUDITSIM_BINARY, "play", kScenario, "--no-record"}, input);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

// Plays with lines typed after pauses: the shell sleeps between them, as a player thinks.
std::string play_slowly(const std::string& script) {
  const std::string command =
      "(" + script + ") | '" + std::string(AUDITSIM_BINARY) + "' play '" + kScenario + "' --no-record";
  auto r = run_process({"/bin/sh", "-c", command});
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("injects that fire at the start appear, after the first stage's text") {
  const std::string out = play("q\n");
  const size_t stage = out.find("A licence application has arrived.");
  REQUIRE(stage != std::string::npos);
  for (const char* title : {">>> The opening call", ">>> On arrival", ">>> Already true"}) {
    INFO(title);
    CHECK(out.find(title) > stage);
    CHECK(out.find(title) < out.find("What do you do?"));
  }
  CHECK(out.find("new evidence: e2. The letter") != std::string::npos);
}

TEST_CASE("a timed inject appears when it arrives, while the player has typed nothing") {
  const std::string out = play_slowly("sleep 2; echo q");
  const size_t inject = out.find(">>> The press call");
  REQUIRE(inject != std::string::npos);
  // Shown at the prompt, which is then offered again, before the quit's summary.
  CHECK(out.find("Choose 1-2", inject) < out.find("Result so far"));
}

TEST_CASE("with input already there, play does not wait for timers and stays the same") {
  const std::string a = play("1\n1\n"), b = play("1\n1\n");
  CHECK(a == b);
  CHECK(a.find("The press call") == std::string::npos);  // nobody waited a second
  CHECK(a.find("Time is up") == std::string::npos);
}

TEST_CASE("a time limit without on_timeout says once that time is up, and waits for the room") {
  const std::string out = play_slowly("echo 1; sleep 3; echo 1");
  CHECK(count(out, "Time is up for this stage (1 s)") == 1);
  CHECK(out.find("Time is up") > out.find("Plan it."));
  CHECK(out.find("You chose: Finish") > out.find("Time is up"));
  CHECK(out.find("Outcome: good") != std::string::npos);
}

TEST_CASE("undoing a choice takes back its inject, which appears again when the stage is reached") {
  const std::string out = play("1\nu\nmisheard\n1\nq\n");
  CHECK(count(out, ">>> The planners") == 2);
  CHECK(count(out, ">>> On arrival") == 1);  // fired at the start, not by the undone choice
}

TEST_CASE("a document keeps its number for the whole session, through an undo") {
  // The plan is e3 on the first route; after the undo the note arrives and is e4, not e3.
  const std::string out = play("1\nu\nback\n2\ne\ne3\nq\n");
  CHECK(out.find("e3. The plan") != std::string::npos);
  CHECK(out.find("e4. The note") != std::string::npos);
  CHECK(out.find("e3. The note") == std::string::npos);
  CHECK(out.find("Document e3 is no longer in play") != std::string::npos);
  const size_t list = out.find("Documents so far:");
  REQUIRE(list != std::string::npos);
  CHECK(out.find("e1. The memo", list) < out.find("e2. The letter", list));
  CHECK(out.find("e2. The letter", list) < out.find("e4. The note", list));
}

TEST_CASE("Markdown is shown formatted for the terminal, through the reports' renderer") {
  const std::string out = play("e1\nq\n");
  CHECK(out.find("Memo\n====") != std::string::npos);
  CHECK(out.find("Read _this_, *all of it*, and the guide <https://example.org/guide>; `code` too.") !=
        std::string::npos);
  CHECK(out.find("1. one\n2. two\n   \u2022 nested") != std::string::npos);
  CHECK(out.find("name  value\n----  -----\n\u00e9     10") != std::string::npos);
  CHECK(out.find("**") == std::string::npos);
  CHECK(out.find("# Memo") == std::string::npos);
}

TEST_CASE("scripted play lists the injects fired and the evidence released") {
  auto r = run_process({AUDITSIM_BINARY, "play", kScenario, "--no-record", "--choose",
                        "plan-first,finish-plan"});
  REQUIRE(r.exit_code == 0);
  const size_t injects = r.out.find("Injects fired");
  REQUIRE(injects != std::string::npos);
  CHECK(r.out.find("0 s at `decide`: opening", injects) != std::string::npos);
  CHECK(r.out.find("0 s at `planning`: planners", injects) != std::string::npos);
  CHECK(r.out.find("press") == std::string::npos);  // scripted play takes no time
  const size_t evidence = r.out.find("Evidence released");
  REQUIRE(evidence != std::string::npos);
  CHECK(r.out.find("e3. plan \u2014 The plan", evidence) != std::string::npos);
  CHECK(r.out.find("note", evidence) == std::string::npos);
}

TEST_CASE("--json lists the injects fired and the evidence released, with their numbers") {
  auto r = run_process({AUDITSIM_BINARY, "play", kScenario, "--no-record", "--choose",
                        "note-first", "--json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  std::vector<std::string> fired;
  for (const auto& in : j["injects_fired"]) fired.push_back(in["id"]);
  CHECK(fired == std::vector<std::string>{"arrival", "already", "opening"});
  CHECK(j["injects_fired"][0]["node"] == "decide");
  CHECK(j["injects_fired"][0]["at_ms"] == 0);
  REQUIRE(j["evidence_released"].size() == 3);
  CHECK(j["evidence_released"][2]["number"] == 3);
  CHECK(j["evidence_released"][2]["evidence"] == "note");
  CHECK(j["evidence_released"][2]["title"] == "The note");
}
