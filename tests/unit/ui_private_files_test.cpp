// The desktop program's own files: settings.json and exported reports are written owner-only
// where they hold names or Part B content, flushed before the rename, and never through a
// symbolic link someone planted where the file goes.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "tests/support/test_files.hpp"
#include "ui/controllers/report_export.hpp"
#include "sim/settings.hpp"

using namespace auditsim;
namespace fs = std::filesystem;

namespace {

bool owner_only(const fs::path& p) {
  return (fs::status(p).permissions() & fs::perms::all) ==
         (fs::perms::owner_read | fs::perms::owner_write);
}

std::string one_session(store::Store& db) {
  LoadResult lr = load_scenario_file(test::kTutorial);
  REQUIRE(lr.scenario);
  ManualClock clock;
  Session session(lr.scenario, clock);
  RecordingSetup setup;
  setup.participants.push_back({"Cllr Ann Jones", store::Role::Member});
  SessionRecorder recorder(db, session, setup);
  session.choose(session.available_choices().front(), GroupInput{});
  recorder.sync(session);
  return recorder.session_id();
}

}  // namespace

TEST_CASE("settings.json is written owner-only and never through a planted symbolic link") {
  const fs::path dir = test::fresh_scratch_dir("ui-private-settings");
  Settings s;
  s.council_name = "Kingsmere";
  std::string error;
  REQUIRE(save_settings(s, (dir / "settings.json").string(), &error));
  CHECK(owner_only(dir / "settings.json"));
  {
    std::ofstream victim(dir / "victim.txt");
    victim << "precious";
  }
  fs::create_symlink(dir / "victim.txt", dir / "linked.json");
  CHECK_FALSE(save_settings(s, (dir / "linked.json").string(), &error));
  CHECK(error.find("symbolic link") != std::string::npos);
  // The old writer's temporary name, planted as a link, receives nothing either.
  fs::create_symlink(dir / "victim.txt", dir / "other.json.tmp");
  REQUIRE(save_settings(s, (dir / "other.json").string(), &error));
  CHECK(test::file_bytes(dir / "victim.txt") == "precious");
}

TEST_CASE("an exported Part B report is owner-only and not written through a planted link") {
  const fs::path dir = test::fresh_scratch_dir("ui-private-report");
  store::Store db = store::Store::open(dir / "results.db");
  ui::ReportRequest r;
  r.subject = one_session(db);
  r.part = reports::Part::B;
  r.format = reports::Format::Html;
  r.path = (dir / "report-part-b.html").string();
  reports::ReportSettings settings;
  settings.part = reports::Part::B;
  CHECK(ui::write_report(db, r, settings) > 0);
  CHECK(owner_only(r.path));
  {
    std::ofstream victim(dir / "victim.txt");
    victim << "precious";
  }
  fs::create_symlink(dir / "victim.txt", dir / "linked.html");
  fs::create_symlink(dir / "victim.txt", dir / "planted.html.partial");
  r.path = (dir / "linked.html").string();
  CHECK_THROWS(ui::write_report(db, r, settings));
  r.path = (dir / "planted.html").string();
  CHECK(ui::write_report(db, r, settings) > 0);
  CHECK(test::file_bytes(dir / "victim.txt") == "precious");
}
