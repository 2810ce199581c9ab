// A scenario written from docs/scenario-format.md alone, checked through the command line as its
// author would: it validates with no diagnostics, every pillar can be scored, every ending is
// reachable, and a scripted play through it records the expected ending.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "tests/support/run_process.hpp"

using auditsim::test::run_process;
using nlohmann::json;

namespace {

const std::string kScenario = std::string(AUDITSIM_TEST_DATA) + "/good/newcomer-county-lines.yaml";
const std::string kFormatDoc = std::string(AUDITSIM_SCENARIOS_DIR) + "/../docs/scenario-format.md";

// The first ```yaml block after `heading` in a Markdown file, or "" when there is none.
std::string yaml_block_after(const std::string& path, const std::string& heading) {
  std::ifstream in(path);
  std::stringstream all;
  all << in.rdbuf();
  const std::string text = all.str();
  const size_t at = text.find(heading);
  if (at == std::string::npos) return "";
  const std::string open = "```yaml\n";
  const size_t start = text.find(open, at);
  if (start == std::string::npos) return "";
  const size_t end = text.find("```", start + open.size());
  if (end == std::string::npos) return "";
  return text.substr(start + open.size(), end - start - open.size());
}

}  // namespace

TEST_CASE("newcomer scenario: validate reports no errors and no warnings") {
  auto r = run_process({AUDITSIM_BINARY, "validate", "--json", kScenario});
  CHECK(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["errors"] == 0);
  CHECK(j["warnings"] == 0);
  REQUIRE(j["files"].size() == 1);
  CHECK(j["files"][0]["ok"] == true);
  CHECK(j["files"][0]["scenario"] == "newcomer-county-lines");
  CHECK(j["files"][0]["diagnostics"].empty());
}

TEST_CASE("newcomer scenario: every pillar can be scored and three endings are reachable") {
  for (const char* audience : {"", "members", "staff"}) {
    CAPTURE(audience);
    std::vector<std::string> args{AUDITSIM_BINARY, "paths", "--json", kScenario};
    if (*audience) args.insert(args.end(), {"--audience", audience});
    auto r = run_process(args);
    REQUIRE(r.exit_code == 0);
    json j = json::parse(r.out);
    for (const char* pillar : {"pursue", "prevent", "protect", "prepare"}) {
      CAPTURE(pillar);
      CHECK(j["max"][pillar].get<int>() > 0);
      // The best path reaches every pillar's maximum, so full marks are possible.
      CHECK(j["best"]["score"][pillar] == j["max"][pillar]);
    }
    std::set<std::string> endings;
    for (const auto& e : j["reachable_endings"]) endings.insert(e.get<std::string>());
    CHECK(endings.size() >= 3);
    CHECK(endings.count("ending-good") == 1);
    CHECK(endings.count("ending-mixed") == 1);
    CHECK(endings.count("ending-poor") == 1);
    CHECK(j["best"]["ending"] == "ending-good");
    CHECK(j["worst"]["ending"] == "ending-poor");
  }
}

TEST_CASE("newcomer scenario: a missed missing report leads through the variant stage to a mixed ending") {
  // log-absent and respect-refusal raise `harm` and visit found-out-of-town, so the paired
  // condition at the last stage offers only the late review.
  auto r = run_process({AUDITSIM_BINARY, "play", "--no-record", "--json", "--audience", "staff",
                        "--choose",
                        "log-absent,respect-refusal,treat-as-victim,intel-form,s-need-to-know,"
                        "panel-and-nrm,joint-visit,licence-training,practice-review-late",
                        kScenario});
  REQUIRE(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["finished"] == true);
  CHECK(j["ending"] == "ending-mixed");
  CHECK(j["outcome"] == "mixed");

  // On that path the good-ending choice is not offered: choosing it stops the script (exit 1).
  auto refused = run_process({AUDITSIM_BINARY, "play", "--no-record", "--audience", "staff",
                              "--choose",
                              "log-absent,respect-refusal,treat-as-victim,intel-form,s-need-to-know,"
                              "panel-and-nrm,joint-visit,licence-training,practice-review",
                              kScenario});
  CHECK(refused.exit_code == 1);
}

TEST_CASE("newcomer scenario: the smallest valid scenario in docs/scenario-format.md is clean") {
  const std::string yaml = yaml_block_after(kFormatDoc, "## The smallest valid scenario");
  REQUIRE(yaml.find("format: auditsim/1") != std::string::npos);
  const std::filesystem::path dir = std::filesystem::path(AUDITSIM_TEST_TMP) / "newcomer";
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "my-first-scenario.yaml").string();
  std::ofstream(file) << yaml;
  auto r = run_process({AUDITSIM_BINARY, "validate", "--json", file});
  CHECK(r.exit_code == 0);
  json j = json::parse(r.out);
  CHECK(j["errors"] == 0);
  CHECK(j["warnings"] == 0);
}
