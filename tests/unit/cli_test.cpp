// The auditsim command line, run as a user would: exit codes, output formats, scripted play.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <unistd.h>

#include "tests/support/run_process.hpp"

using auditsim::test::run_process;
using nlohmann::json;

namespace {

using auditsim::test::kTutorial;
const std::string kMissingNode = std::string(AUDITSIM_TEST_DATA) + "/cli/next-names-missing-node.yaml";

// play records into the default database: each test gets its own, never the user's real one
// (which another version of auditsim may have upgraded, and which must not fill with tests).
std::vector<std::string> private_data() {
  static const std::string dir =
      auditsim::test::fresh_scratch_dir("cli-test-data-" + std::to_string(::getpid())).string();
  return {"XDG_DATA_HOME=" + dir};
}

}  // namespace

TEST_CASE("validate: the shipped scenarios are clean and exit 0") {
  auto r = run_process({AUDITSIM_BINARY, "validate", AUDITSIM_SCENARIOS_DIR});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find(": error:") == std::string::npos);
  CHECK(r.out.find(": warning:") == std::string::npos);
}

TEST_CASE("validate: an error prints file:line:col and its code, and exits 1") {
  auto r = run_process({AUDITSIM_BINARY, "validate", kMissingNode});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find(kMissingNode + ":17:15:") != std::string::npos);
  CHECK(r.out.find(": error: ") != std::string::npos);
  CHECK(r.out.find("[undefined-node]") != std::string::npos);
}

TEST_CASE("validate: a path that does not exist exits 2") {
  auto r = run_process({AUDITSIM_BINARY, "validate", "/no/such/file.yaml"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no such file") != std::string::npos);
}

TEST_CASE("validate: no arguments is a usage error") {
  auto r = run_process({AUDITSIM_BINARY, "validate"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("validate --json lists each file with its diagnostics") {
  auto r = run_process({AUDITSIM_BINARY, "validate", "--json", kMissingNode});
  REQUIRE(r.exit_code == 1);
  json j = json::parse(r.out);
  CHECK(j["errors"].get<int>() >= 1);
  REQUIRE(j["files"].size() == 1);
  const json& d = j["files"][0]["diagnostics"][0];
  CHECK(d["code"] == "undefined-node");
  CHECK(d["line"] == 17);
  CHECK(d["col"] == 15);
  CHECK(d["severity"] == "error");
}

TEST_CASE("paths --json gives the maxima, the count and every path with its score") {
  auto r = run_process({AUDITSIM_BINARY, "paths", "--json", kTutorial});
  REQUIRE(r.exit_code == 0);
  json j = json::parse(r.out);
  for (const char* p : {"pursue", "prevent", "protect", "prepare"}) {
    CHECK(j["max"][p].get<int>() > 0);
  }
  CHECK(j["truncated"] == false);
  REQUIRE(j["paths"].size() == j["path_count"].get<size_t>());
  for (const json& p : j["paths"]) {
    CHECK(!p["choices"].empty());
    CHECK(p["ending"].is_string());
    CHECK(p["score"].contains("protect"));
  }
}

TEST_CASE("play --auto best reaches a good ending with the highest score") {
  auto r = run_process({AUDITSIM_BINARY, "play", kTutorial, "--auto", "best", "--json"},
                       "", private_data());
  REQUIRE(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["finished"] == true);
  CHECK(j["outcome"] == "good");
  auto paths = json::parse(run_process({AUDITSIM_BINARY, "paths", "--json", kTutorial}).out);
  CHECK(j["decisions"].size() == paths["best"]["choices"].size());
}

TEST_CASE("play --auto worst ends poorly without a Strong rating") {
  auto r = run_process({AUDITSIM_BINARY, "play", kTutorial, "--auto", "worst", "--json"},
                       "", private_data());
  REQUIRE(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["outcome"] == "poor");
  CHECK(j["rating"] != "Strong");
  CHECK(!j["findings"].empty());
}

TEST_CASE("play --choose follows the given choices and refuses one that is not offered") {
  auto best = json::parse(run_process({AUDITSIM_BINARY, "paths", "--json", kTutorial}).out)["best"];
  std::string ids;
  for (const json& c : best["choices"]) ids += (ids.empty() ? "" : ",") + c.get<std::string>();
  auto r = run_process({AUDITSIM_BINARY, "play", kTutorial, "--choose", ids, "--json"},
                       "", private_data());
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["ending"] == best["ending"]);

  auto bad = run_process({AUDITSIM_BINARY, "play", kTutorial, "--choose", "not-a-choice"},
                         "", private_data());
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("not-a-choice") != std::string::npos);
}

TEST_CASE("play prints breached and late findings as such, and --json gives each finding's kind") {
  const std::string file = std::string(AUDITSIM_TEST_DATA) + "/good/ending-claims-proved.yaml";
  const std::string path = "log-noise,mention-police,refer-late";
  auto text = run_process({AUDITSIM_BINARY, "play", file, "--choose", path}, "", private_data());
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("[medium] Achieved late: An adult safeguarding referral") != std::string::npos);
  CHECK(text.out.find("[medium] Breached: What the police shared") != std::string::npos);

  auto r = run_process({AUDITSIM_BINARY, "play", file, "--choose", path, "--json"}, "",
                       private_data());
  REQUIRE(r.exit_code == 0);
  const json findings = json::parse(r.out)["findings"];
  REQUIRE(findings.size() == 2);
  CHECK(findings[0]["key_action"] == "refer-safeguarding");
  CHECK(findings[0]["kind"] == "achieved-late");
  CHECK(findings[0]["priority"] == "medium");
  CHECK(findings[1]["key_action"] == "keep-intelligence-safe");
  CHECK(findings[1]["kind"] == "breached");
}

TEST_CASE("play --auto random:SEED is repeatable") {
  auto a = run_process({AUDITSIM_BINARY, "play", kTutorial, "--auto", "random:7", "--json"},
                       "", private_data());
  auto b = run_process({AUDITSIM_BINARY, "play", kTutorial, "--auto", "random:7", "--json"},
                       "", private_data());
  REQUIRE(a.exit_code == 0);
  CHECK(json::parse(a.out)["decisions"] == json::parse(b.out)["decisions"]);
}

TEST_CASE("interactive play reads numbered choices and shows the result") {
  std::string always_first;
  for (int i = 0; i < 50; ++i) always_first += "1\n";
  auto r = run_process({AUDITSIM_BINARY, "play", kTutorial}, always_first, private_data());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("What do you do?") != std::string::npos);
  CHECK(r.out.find("Exercise rating:") != std::string::npos);
}

TEST_CASE("interactive play asks again after input that is not a choice") {
  std::string input = "banana\n99\n";
  for (int i = 0; i < 50; ++i) input += "1\n";
  auto r = run_process({AUDITSIM_BINARY, "play", kTutorial}, input, private_data());
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Please type a number") != std::string::npos);
}

TEST_CASE("--help describes every command") {
  auto r = run_process({AUDITSIM_BINARY, "--help"});
  CHECK(r.exit_code == 0);
  for (const char* cmd : {"validate", "paths", "play"}) CHECK(r.out.find(cmd) != std::string::npos);
}

TEST_CASE("play --json lists the evidence released, with what released it") {
  const std::string flow = std::string(AUDITSIM_TEST_DATA) + "/good/format-1.1-flow.yaml";
  auto r = run_process({AUDITSIM_BINARY, "play", flow, "--choose", "tell-police,go-in", "--json"},
                       "", private_data());
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["ending"] == "tenant-talks");  // the conditional next took the trust branch
  const json& ev = j["evidence_released"];
  REQUIRE(ev.size() == 2);
  CHECK(ev[0]["evidence"] == "rent-account");
  CHECK(ev[0]["source"] == "stage");
  CHECK(ev[0]["node"] == "arrears");
  CHECK(ev[1]["evidence"] == "visit-note");
  CHECK(ev[1]["source"] == "choice");
  CHECK(ev[1]["choice"] == "tell-police");

  auto other = run_process({AUDITSIM_BINARY, "play", flow, "--choose", "ask-tenant,go-in", "--json"},
                           "", private_data());
  REQUIRE(other.exit_code == 0);
  const json k = json::parse(other.out);
  CHECK(k["ending"] == "lender-gone");
  CHECK(k["evidence_released"].size() == 1);
}

TEST_CASE("interactive play announces the document a choice hands over") {
  const std::string flow = std::string(AUDITSIM_TEST_DATA) + "/good/format-1.1-flow.yaml";
  auto r = run_process({AUDITSIM_BINARY, "play", flow, "--audience", "staff"}, "2\n1\n", private_data());
  CHECK(r.exit_code == 0);
  // Announced with the number it keeps for the rest of the session.
  CHECK(r.out.find("new evidence: e2. Housing officer's visit note (type e2 to read it)") !=
        std::string::npos);
  CHECK(r.out.find("The tenant talks") != std::string::npos);
  // The councillors' inject is not shown to officers.
  CHECK(r.out.find("The ward councillor rings") == std::string::npos);
  auto members = run_process({AUDITSIM_BINARY, "play", flow, "--audience", "members"}, "2\n1\n",
                             private_data());
  CHECK(members.out.find("The ward councillor rings") != std::string::npos);
}
