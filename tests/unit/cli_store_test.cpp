// The recording commands end to end: play records, sessions lists, resume continues, show,
// export, import, erase-participant and check-db behave as docs/cli.md says.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/support/run_process.hpp"

using auditsim::test::run_process;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using auditsim::test::kTutorial;
using auditsim::test::file_bytes;

fs::path scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("cli-store-" + name);
}

json run_json(const std::vector<std::string>& args) {
  auto r = run_process(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::string first_choice_ids(int n) {
  json best = run_json({AUDITSIM_BINARY, "paths", "--json", kTutorial})["best"];
  std::string ids;
  for (int i = 0; i < n && i < static_cast<int>(best["choices"].size()); ++i)
    ids += (ids.empty() ? "" : ",") + best["choices"][i].get<std::string>();
  return ids;
}


}  // namespace

TEST_CASE("play records a session that sessions lists with its event") {
  fs::path db = scratch("list") / "results.db";
  json result = run_json({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial, "--auto",
                          "best", "--json", "--event", "Members evening", "--participant",
                          "Cllr Jane Hughes:member"});
  REQUIRE(result.contains("session_id"));
  json list = run_json({AUDITSIM_BINARY, "--db", db.string(), "sessions", "--json"});
  REQUIRE(list.size() == 1);
  CHECK(list[0]["id"] == result["session_id"]);
  CHECK(list[0]["scenario"] == "tutorial-supplier-bank-details");
  CHECK(list[0]["event"] == "Members evening");
  CHECK(list[0]["status"] == "finished");
  CHECK(!list[0]["started_at"].get<std::string>().empty());
  const bool owner_only = (fs::status(db).permissions() & fs::perms::all) ==
                          (fs::perms::owner_read | fs::perms::owner_write);
  CHECK(owner_only);
}

TEST_CASE("an interrupted session resumes at the same node and finishes like an unbroken one") {
  fs::path db = scratch("resume") / "results.db";
  json partial = run_json({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial, "--choose",
                           first_choice_ids(2), "--json"});
  CHECK(partial["finished"] == false);
  std::string id = partial["session_id"];

  json resumed = run_json({AUDITSIM_BINARY, "--db", db.string(), "resume", id.substr(0, 8),
                           "--auto", "best", "--json"});
  json unbroken = run_json({AUDITSIM_BINARY, "play", kTutorial, "--auto", "best", "--json",
                            "--no-record"});
  CHECK(resumed["finished"] == true);
  CHECK(resumed["score"] == unbroken["score"]);
  CHECK(resumed["decisions"].size() == unbroken["decisions"].size());

  json shown = run_json({AUDITSIM_BINARY, "--db", db.string(), "show", id, "--json"});
  CHECK(shown["status"] == "finished");
  CHECK(shown["decisions"].size() == unbroken["decisions"].size());
}

TEST_CASE("resume refuses an unknown id with exit 1") {
  fs::path db = scratch("unknown") / "results.db";
  run_json({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial, "--auto", "best", "--json"});
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "resume", "ffffffff"});
  CHECK(r.exit_code == 1);
}

TEST_CASE("a file that is not a database is refused and left unchanged") {
  fs::path db = scratch("notdb") / "results.db";
  std::ofstream(db) << "These are the minutes of the meeting, not a database.\n";
  std::string before = file_bytes(db);
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial, "--auto", "best"});
  CHECK(r.exit_code == 2);
  CHECK(!r.err.empty());
  CHECK(file_bytes(db) == before);
  CHECK(run_process({AUDITSIM_BINARY, "--db", db.string(), "check-db"}).exit_code == 1);
  CHECK(file_bytes(db) == before);
}

TEST_CASE("check-db passes on a healthy database") {
  fs::path db = scratch("check") / "results.db";
  run_json({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial, "--auto", "best", "--json"});
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "check-db"});
  CHECK(r.exit_code == 0);
}

TEST_CASE("export then import into another database — importing twice changes nothing") {
  fs::path dir = scratch("merge");
  fs::path a = dir / "laptop-a.db", b = dir / "laptop-b.db", out = dir / "evening.db";
  run_json({AUDITSIM_BINARY, "--db", a.string(), "play", kTutorial, "--auto", "best", "--json",
            "--event", "Evening", "--mode", "teams", "--team", "Table 1"});
  run_json({AUDITSIM_BINARY, "--db", a.string(), "play", kTutorial, "--auto", "worst", "--json",
            "--event", "Other"});
  REQUIRE(run_process({AUDITSIM_BINARY, "--db", a.string(), "export", "--event", "Evening", "-o",
                       out.string()}).exit_code == 0);
  CHECK(run_json({AUDITSIM_BINARY, "--db", out.string(), "sessions", "--json"}).size() == 1);

  run_json({AUDITSIM_BINARY, "--db", b.string(), "play", kTutorial, "--auto", "random:3", "--json"});
  REQUIRE(run_process({AUDITSIM_BINARY, "--db", b.string(), "import", out.string()}).exit_code == 0);
  CHECK(run_json({AUDITSIM_BINARY, "--db", b.string(), "sessions", "--json"}).size() == 2);
  REQUIRE(run_process({AUDITSIM_BINARY, "--db", b.string(), "import", out.string()}).exit_code == 0);
  CHECK(run_json({AUDITSIM_BINARY, "--db", b.string(), "sessions", "--json"}).size() == 2);
}

TEST_CASE("erase-participant leaves no trace of the name in the file") {
  fs::path db = scratch("erase") / "results.db";
  run_json({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial, "--auto", "best", "--json",
            "--participant", "Cllr Bronwen Pryce-Llewellyn:member", "--participant",
            "Sam Officer:staff"});
  const bool recorded =
      file_bytes(db).find("Pryce-Llewellyn") != std::string::npos ||
      file_bytes(fs::path(db.string() + "-wal")).find("Pryce-Llewellyn") != std::string::npos;
  CHECK(recorded);
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "erase-participant",
                        "Cllr Bronwen Pryce-Llewellyn"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(file_bytes(db).find("Pryce-Llewellyn") == std::string::npos);
  if (fs::exists(db.string() + "-wal"))
    CHECK(file_bytes(fs::path(db.string() + "-wal")).find("Pryce-Llewellyn") == std::string::npos);
  CHECK(run_process({AUDITSIM_BINARY, "--db", db.string(), "check-db"}).exit_code == 0);
}

TEST_CASE("a session resumes from its stored snapshot after the scenario folder is deleted") {
  fs::path dir = scratch("deleted");
  fs::path copy = dir / "pack";
  fs::copy(fs::path(AUDITSIM_SCENARIOS_DIR) / "examples", copy, fs::copy_options::recursive);
  fs::path db = dir / "results.db";
  const std::string file = (copy / "tutorial-supplier-bank-details.yaml").string();
  json partial = run_json({AUDITSIM_BINARY, "--db", db.string(), "play", file, "--choose",
                           first_choice_ids(1), "--json"});
  fs::remove_all(copy);
  json resumed = run_json({AUDITSIM_BINARY, "--db", db.string(), "resume",
                           partial["session_id"].get<std::string>(), "--auto", "best", "--json"});
  CHECK(resumed["finished"] == true);
  CHECK(resumed["scenario_sha256"] == partial["scenario_sha256"]);
}

TEST_CASE("play refuses an event date that is not a date, and records nothing") {
  const fs::path dir = scratch("bad-date");
  const std::string db = (dir / "results.db").string();
  for (const char* bad : {"next Friday", "2026-02-30", "12/03/2026"}) {
    CAPTURE(bad);
    auto r = run_process({AUDITSIM_BINARY, "--db", db, "play", kTutorial, "--auto", "best",
                          "--event", "Spring evening", "--event-date", bad});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("is not a date") != std::string::npos);
    CHECK(r.err.find("YYYY-MM-DD") != std::string::npos);
  }
  auto list = run_process({AUDITSIM_BINARY, "--db", db, "sessions", "--json"});
  CHECK(list.out.find("Spring evening") == std::string::npos);
}

TEST_CASE("play in teams mode takes the evening's event and the team's name") {
  const fs::path dir = scratch("teams-event");
  const std::string db = (dir / "results.db").string();
  auto r = run_process({AUDITSIM_BINARY, "--db", db, "play", kTutorial, "--auto", "best", "--mode",
                        "teams", "--team", "Red"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--event") != std::string::npos);
  r = run_process({AUDITSIM_BINARY, "--db", db, "play", kTutorial, "--auto", "best", "--mode",
                   "teams", "--team", "Red", "--event", "Spring evening"});
  CHECK(r.exit_code == 0);
}

TEST_CASE("erase-participant says exactly what it removed, and event redact keeps a list") {
  fs::path db = scratch("erase-message") / "results.db";
  run_json({AUDITSIM_BINARY, "--db", db.string(), "play", kTutorial, "--auto", "best", "--json",
            "--event", "Evening", "--participant", "Ann Smith:member", "--participant",
            "Ann Smithers:staff"});
  auto r = run_process({AUDITSIM_BINARY, "--db", db.string(), "erase-participant", "Ann Smith"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Erased 1 participant(s), now Participant ") != std::string::npos);
  CHECK(r.out.find("0 note(s) they wrote") != std::string::npos);
  CHECK(r.out.find("no longer occurs in the database file") != std::string::npos);
  // Ann Smithers is untouched and can be erased in turn.
  CHECK(run_process({AUDITSIM_BINARY, "--db", db.string(), "erase-participant", "Ann Smithers"})
            .exit_code == 0);

  auto add = run_process({AUDITSIM_BINARY, "--db", db.string(), "event", "redact", "Evening",
                          "--add", "Olu Okafor", "--add", "Mrs Resident"});
  INFO(add.err);
  CHECK(add.exit_code == 0);
  CHECK(add.out.find("  Mrs Resident\n  Olu Okafor\n") != std::string::npos);
  auto rm = run_process({AUDITSIM_BINARY, "--db", db.string(), "event", "redact", "Evening",
                         "--remove", "Olu Okafor"});
  CHECK(rm.exit_code == 0);
  CHECK(rm.out.find("Olu Okafor\n  ") == std::string::npos);
  CHECK(rm.out.find("  Mrs Resident\n") != std::string::npos);
  auto missing = run_process({AUDITSIM_BINARY, "--db", db.string(), "event", "redact", "No such"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("There is no event called 'No such'") != std::string::npos);
}
