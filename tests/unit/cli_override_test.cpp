// `auditsim override`: a facilitator's score adjustment is recorded with its reason, refused
// without one, and shown by the reports (docs/cli.md).
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"

#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_process.hpp"

using auditsim::test::run_process;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using auditsim::test::kTutorial;

// A database with one finished tutorial session; returns its id.
std::string played_session(const fs::path& db) {
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial, "--auto", "worst",
                        "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["session_id"].get<std::string>();
}

}  // namespace

TEST_CASE("override records an adjustment with its reason and the reports show it") {
  const fs::path db = auditsim::test::fresh_scratch_dir("cli-override-ok") / "results.db";
  const std::string id = played_session(db);
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "override", id.substr(0, 8),
                        "--pillar", "protect", "--points", "2", "--reason",
                        "The table named the verification step aloud", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["session"] == id);
  CHECK(j["pillar"] == "protect");
  CHECK(j["points"] == 2);
  CHECK(j["pillar_total"] == 2);
  // A second adjustment adds up.
  r = run_process({AUDITSIM_BINARY, "--db", db.string(), "override", id, "--pillar", "protect",
                   "--points", "-1", "--reason", "Second thoughts", "--json"});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["pillar_total"] == 1);
  r = run_process({AUDITSIM_BINARY, "--db", db.string(), "report", "--session", id, "--format",
                   "md", "--part", "b"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("The table named the verification step aloud") != std::string::npos);
  CHECK(r.out.find("Second thoughts") != std::string::npos);
}

TEST_CASE("override refuses a missing reason, zero points, an unknown pillar or session") {
  const fs::path db = auditsim::test::fresh_scratch_dir("cli-override-bad") / "results.db";
  const std::string id = played_session(db);
  auto run = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args{AUDITSIM_BINARY, "--db", db.string(), "override"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_process(args);
  };
  auto blank = run({id, "--pillar", "protect", "--points", "2", "--reason", "  "});
  CHECK(blank.exit_code == 2);
  CHECK(blank.err.find("reason") != std::string::npos);
  auto zero = run({id, "--pillar", "protect", "--points", "0", "--reason", "x"});
  CHECK(zero.exit_code == 2);
  auto pillar = run({id, "--pillar", "protection", "--points", "1", "--reason", "x"});
  CHECK(pillar.exit_code == 2);
  CHECK(pillar.err.find("pursue, prevent, protect or prepare") != std::string::npos);
  auto unknown = run({"ffffffff", "--pillar", "protect", "--points", "1", "--reason", "x"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("There is no session ffffffff") != std::string::npos);
}
