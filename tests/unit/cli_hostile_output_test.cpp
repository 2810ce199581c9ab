// What the command line prints and writes when scenarios, names and notes are hostile: no raw
// control characters reach the terminal, special files are refused at once, report files are
// private and never written through a planted link, and `sessions` / `show` say what the
// database holds (newest first, votes, rationale and dissent).
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/test_files.hpp"

using auditsim::test::file_bytes;
using auditsim::test::kTutorial;
using auditsim::test::run_process;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kEscapes = std::string(AUDITSIM_TEST_DATA) + "/cli/terminal-escapes-in-text.yaml";

fs::path scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("cli-hostile-" + name);
}

// Nothing that a terminal would act on: ESC, BEL, a lone CR, DEL, C1 controls, bidi overrides.
void check_terminal_safe(const std::string& printed) {
  CHECK(printed.find('\x1b') == std::string::npos);
  CHECK(printed.find('\a') == std::string::npos);
  CHECK(printed.find('\x7f') == std::string::npos);
  CHECK(printed.find("\xC2\x9B") == std::string::npos);
  CHECK(printed.find("\xE2\x80\xAE") == std::string::npos);
  for (size_t at = printed.find('\r'); at != std::string::npos; at = printed.find('\r', at + 1))
    CHECK(at + 1 < printed.size());
}

template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// A team session of the tutorial with a split vote, a rationale and a dissent on its first
// decision, recorded as the program records one.
std::string record_team_session(const fs::path& db_path) {
  auditsim::LoadResult loaded = auditsim::load_scenario_file(kTutorial);
  REQUIRE(loaded.scenario);
  auditsim::store::Store db = auditsim::store::Store::open(db_path);
  auditsim::ManualClock clock;
  auditsim::Session session(loaded.scenario, clock);
  auditsim::RecordingSetup setup;
  setup.mode = auditsim::store::Mode::Teams;
  setup.team = "Table 3";
  auditsim::SessionRecorder recorder(db, session, setup);
  const auditsim::Node& node = session.current_node();
  REQUIRE(node.choices.size() >= 2);
  auditsim::GroupInput g;
  g.votes[node.choices[0].id] = 3;
  g.votes[node.choices[1].id] = 2;
  g.rationale = "Majority: check with the supplier first";
  g.dissent = "Two wanted to \x1b[2Jescalate at once";
  session.choose(0, g);
  recorder.sync(session);
  return recorder.session_id();
}

}  // namespace

TEST_CASE("interactive play prints no raw escape sequence from the scenario") {
  const auto r = run_process({AUDITSIM_BINARY, "play", kEscapes, "--no-record"}, "1\n1\n1\n");
  INFO(r.err);
  REQUIRE(r.out.find("What do you do?") != std::string::npos);
  check_terminal_safe(r.out);
  check_terminal_safe(r.err);
  // The characters are shown, not hidden: ESC as its control picture, C1 as \u009B.
  CHECK(r.out.find("\xE2\x90\x9B]0;owned") != std::string::npos);
  CHECK(r.out.find("\\u009B2J") != std::string::npos);
  // The carriage return cannot move the cursor back over choice 1: the choice is one line.
  CHECK(r.out.find("  1. Pay the fraudster 1. Phone the number on file\n") != std::string::npos);
}

TEST_CASE("validate prints no raw escape sequence and warns about a bidi override") {
  const std::string bidi = std::string(AUDITSIM_TEST_DATA) + "/warn/bidi-override-in-choice.yaml";
  const auto r = run_process({AUDITSIM_BINARY, "validate", bidi, kEscapes});
  check_terminal_safe(r.out);
  check_terminal_safe(r.err);
  CHECK(r.out.find("bidi-control") != std::string::npos);
  CHECK(r.out.find("U+202E") != std::string::npos);
}

TEST_CASE("validate refuses a FIFO or a folder as a scenario at once") {
  const fs::path dir = scratch("validate-fifo");
  REQUIRE(::mkfifo((dir / "s.yaml").c_str(), 0600) == 0);
  auditsim::test::ProcessResult r;
  const double took = seconds([&] {
    r = run_process({AUDITSIM_BINARY, "validate", (dir / "s.yaml").string()});
  });
  CHECK(took < 10.0);
  CHECK(r.exit_code != 0);
  CHECK(r.out.find("named pipe (FIFO)") != std::string::npos);
  r = run_process({AUDITSIM_BINARY, "play", "/dev/zero", "--no-record"});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("device") != std::string::npos);
}

TEST_CASE("sessions lists newest first and --limit keeps the most recent") {
  const fs::path db = scratch("sessions-order") / "results.db";
  std::vector<std::string> played;
  for (int i = 0; i < 3; ++i) {
    const auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial,
                                "--auto", "best", "--json"});
    REQUIRE(r.exit_code == 0);
    played.push_back(json::parse(r.out)["session_id"]);
  }
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "sessions", "--json"});
  REQUIRE(r.exit_code == 0);
  json list = json::parse(r.out);
  REQUIRE(list.size() == 3);
  CHECK(list[0]["id"] == played[2]);
  CHECK(list[2]["id"] == played[0]);
  r = run_process({AUDITSIM_BINARY, "--db", db.string(), "sessions", "--json", "--limit", "2"});
  list = json::parse(r.out);
  REQUIRE(list.size() == 2);
  CHECK(list[0]["id"] == played[2]);
  CHECK(list[1]["id"] == played[1]);
  r = run_process({AUDITSIM_BINARY, "--db", db.string(), "sessions", "--limit", "1"});
  CHECK(r.out.find(played[2].substr(0, 8)) != std::string::npos);
  CHECK(r.out.find(played[0].substr(0, 8)) == std::string::npos);
}

TEST_CASE("show prints the vote split with the choices' text, the rationale and the dissent") {
  const fs::path db = scratch("show-votes") / "results.db";
  const std::string id = record_team_session(db);
  auditsim::LoadResult tutorial = auditsim::load_scenario_file(kTutorial);
  const auditsim::Node& first = tutorial.scenario->nodes[tutorial.scenario->start];
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "show", id});
  INFO(r.out);
  REQUIRE(r.exit_code == 0);
  check_terminal_safe(r.out);
  CHECK(r.out.find("3 for \"" + first.choices[0].text + "\"") != std::string::npos);
  CHECK(r.out.find("2 for \"" + first.choices[1].text + "\"") != std::string::npos);
  CHECK(r.out.find("Majority: check with the supplier first") != std::string::npos);
  CHECK(r.out.find("escalate at once") != std::string::npos);

  r = run_process({AUDITSIM_BINARY, "--db", db.string(), "show", id, "--json"});
  REQUIRE(r.exit_code == 0);
  const json d = json::parse(r.out)["decisions"][0];
  CHECK(d["choice_text"] == first.choices[0].text);
  REQUIRE(d["votes"].size() == 2);
  CHECK(d["votes"][0]["choice"] == first.choices[0].id);
  CHECK(d["votes"][0]["text"] == first.choices[0].text);
  CHECK(d["votes"][0]["votes"] == 3);
  CHECK(d["votes"][1]["votes"] == 2);
  CHECK(d["rationale"] == "Majority: check with the supplier first");
  CHECK(d["dissent"] == "Two wanted to \x1b[2Jescalate at once");  // exact in JSON
}

TEST_CASE("a Part B report file is owner-only and a Part A one is not") {
  const fs::path dir = scratch("report-mode");
  const std::string db = (dir / "results.db").string();
  const std::string id = record_team_session(dir / "results.db");
  auto r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", id, "--part", "b",
                        "-o", (dir / "b.html").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK((fs::status(dir / "b.html").permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", id, "-o",
                   (dir / "a.html").string()});
  REQUIRE(r.exit_code == 0);
  CHECK((fs::status(dir / "a.html").permissions() & fs::perms::others_read) != fs::perms::none);
}

TEST_CASE("report is never written through a symbolic link planted at the target") {
  const fs::path dir = scratch("report-symlink");
  const std::string db = (dir / "results.db").string();
  const std::string id = record_team_session(dir / "results.db");
  {
    std::ofstream victim(dir / "victim.txt");
    victim << "precious";
  }
  fs::create_symlink(dir / "victim.txt", dir / "report.html");
  fs::create_symlink(dir / "victim.txt", dir / "other.html.partial");
  auto r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", id, "--part", "b",
                        "-o", (dir / "report.html").string()});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("symbolic link") != std::string::npos);
  // The old writer's temporary name: a link there must not receive the report either.
  r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", id, "--part", "b", "-o",
                   (dir / "other.html").string()});
  CHECK(r.exit_code == 0);
  CHECK(file_bytes(dir / "victim.txt") == "precious");
}

TEST_CASE("report --logo refuses /dev/zero and a FIFO at once") {
  const fs::path dir = scratch("report-logo");
  const std::string db = (dir / "results.db").string();
  const std::string id = record_team_session(dir / "results.db");
  REQUIRE(::mkfifo((dir / "logo.png").c_str(), 0600) == 0);
  for (const std::string& logo : {std::string("/dev/zero"), (dir / "logo.png").string()}) {
    auditsim::test::ProcessResult r;
    const double took = seconds([&] {
      r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", id, "--logo", logo,
                       "-o", (dir / "r.html").string()});
    });
    CHECK(took < 10.0);
    CHECK(r.exit_code != 0);
    CHECK(r.err.find("not an image file") != std::string::npos);
  }
}

TEST_CASE("a line break inside a choice's text cannot print as another choice") {
  const std::string file =
      std::string(AUDITSIM_TEST_DATA) + "/cli/line-break-in-choice-text-fakes-a-choice.yaml";
  const auto r = run_process({AUDITSIM_BINARY, "play", file, "--no-record"}, "1\n");
  INFO(r.out);
  REQUIRE(r.out.find("What do you do?") != std::string::npos);
  CHECK(r.out.find("\n  2. Phone") == std::string::npos);
  CHECK(r.out.find("1. Pay the new account 2. Phone the number on file first\n") != std::string::npos);
  CHECK(r.out.find("Choose 1-1 ") != std::string::npos);
}
