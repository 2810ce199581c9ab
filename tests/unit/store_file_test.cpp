// The results store as an SQLite file: what only a file has (its permissions, its journal mode,
// the default path under XDG_DATA_HOME). The rest of the store's tests run on both backends.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <map>

#include "sim/store/schema.hpp"
#include "sim/store/raw_connection.hpp"
#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

TEST_CASE("a new database is created owner-only, in a private folder, tagged and versioned") {
  fs::path dir = scratch_dir("create");
  fs::path path = dir / "nested" / "auditsim" / "results.db";
  Store st = Store::open(path);
  struct stat sb {};
  REQUIRE(::stat(path.c_str(), &sb) == 0);
  CHECK((sb.st_mode & 0777) == 0600);
  REQUIRE(::stat(path.parent_path().c_str(), &sb) == 0);
  CHECK((sb.st_mode & 0777) == 0700);
  CHECK(auditsim::store::raw_connection(st).scalar_text("PRAGMA journal_mode") == "wal");
  CHECK(st.check().ok());
  CHECK(st.check().schema_version == kSchemaVersion);
  // The -wal file inherits the database file's permissions.
  start_sample_session(st, "Evening");
  REQUIRE(::stat((path.string() + "-wal").c_str(), &sb) == 0);
  CHECK((sb.st_mode & 0777) == 0600);
}

TEST_CASE("enum keys round-trip and the default path follows XDG") {
  for (auto k : {EventKind::TrainingEvening, EventKind::DesktopAudit, EventKind::ELearning}) {
    CHECK(parse_event_kind(key(k)) == k);
  }
  CHECK(parse_mode("teams") == Mode::Teams);
  CHECK_FALSE(parse_mode("duo"));
  CHECK(parse_action_status("in-progress") == ActionStatus::InProgress);
  ::setenv("XDG_DATA_HOME", "/tmp/xdg-test", 1);
  CHECK(default_db_path() == fs::path("/tmp/xdg-test/auditsim/results.db"));
  ::setenv("XDG_DATA_HOME", "relative/ignored", 1);
  ::setenv("HOME", "/home/clerk", 1);
  CHECK(default_db_path() == fs::path("/home/clerk/.local/share/auditsim/results.db"));
  std::string u = new_uuid();
  CHECK(u.size() == 36);
  CHECK(u[14] == '4');
  CHECK(u != new_uuid());
}
