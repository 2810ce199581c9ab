// Versioning and refusal: migrations from every earlier version, and bad files left untouched.
#include <doctest/doctest.h>
#include <fcntl.h>

#include <random>

#include "sim/store/schema.hpp"
#include "sim/store/raw_connection.hpp"
#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

// A results database with a few sessions, closed (WAL checkpointed into the main file).
fs::path make_db(const fs::path& dir) {
  fs::path path = dir / "results.db";
  Store st = Store::open(path);
  for (int i = 0; i < 5; ++i) {
    std::string id = start_sample_session(st, "Evening", "Table " + std::to_string(i));
    for (int d = 0; d < 10; ++d) {
      DecisionRecord rec = sample_decision("node-" + std::to_string(d), "choice");
      st.record_decision(id, rec, std::string(500, 'x'));
    }
  }
  return path;
}

// Opening must fail with `kind` and leave the file byte-for-byte as it was.
void expect_refused(const fs::path& path, ErrorKind kind, const std::string& words) {
  std::string before = file_bytes(path);
  try {
    Store::open(path);
    FAIL("a bad file must be refused");
  } catch (const StoreError& e) {
    CHECK(e.kind() == kind);
    CHECK(std::string(e.what()).find(words) != std::string::npos);
    CHECK(std::string(e.what()).find("has not been changed") != std::string::npos);
  }
  CheckReport r = Store::check_file(path);
  CHECK_FALSE(r.ok());
  CHECK_FALSE(r.problems.empty());
  CHECK(sha256_hex(file_bytes(path)) == sha256_hex(before));
}

void set_pragma(const fs::path& path, const std::string& pragma) {
  Db db = Db::open(path.string(), OpenMode::ReadWrite);
  db.exec(pragma);
}

}  // namespace

TEST_CASE("a version 1 file is upgraded step by step and keeps every record") {
  fs::path dir = scratch_dir("migrate-v1");
  fs::path path = dir / "old.db";
  ::close(::open(path.c_str(), O_CREAT | O_WRONLY, 0600));
  std::string sha = sample_snapshot().sha256;
  {
    Db db = Db::open(path.string(), OpenMode::ReadWrite);
    db.exec("PRAGMA journal_mode=WAL");
    migrate(db, 1);
    CHECK(db.scalar_int("PRAGMA user_version") == 1);
    CHECK(db.scalar_int("SELECT count(*) FROM sqlite_schema WHERE name = 'actions'") == 0);
    Query q = db.query(
        "INSERT INTO scenario_snapshots VALUES(?, 'cuckooing', '1', 'T', 'part-a', 'src', 'now')");
    q->bind(1, sha).run();
    db.exec("INSERT INTO events VALUES('e1', 'Old evening', '2023-01-01', 'training-evening', "
            "'F', 'now')");
    db.exec("INSERT INTO sessions(uuid, event, snapshot, mode, started_at, state_json) VALUES("
            "'11111111-1111-4111-8111-111111111111', 'e1', '" + sha + "', 'group', 'now', '{}')");
    db.exec("INSERT INTO decisions(session, seq, node, choice, kind, recorded_at) VALUES("
            "'11111111-1111-4111-8111-111111111111', 1, 'a', 'b', 'decision', 'now')");
  }
  CHECK_FALSE(Store::check_file(path).schema_ok);  // checking does not upgrade
  Store st = Store::open(path);
  CHECK(st.check().ok());
  CHECK(st.check().schema_version == kSchemaVersion);
  auto rec = st.load_session("11111111");
  REQUIRE(rec);
  CHECK(rec->decisions.size() == 1);
  CHECK(rec->event->name == "Old evening");
  ActionItem a;
  a.session_id = rec->summary.id;
  a.action = "Added after the upgrade";
  st.add_action(a);
  CHECK(st.list_actions(rec->summary.id).size() == 1);
}

TEST_CASE("a version 3 file is upgraded so a teams run's tables share a run id") {
  fs::path dir = scratch_dir("migrate-v3");
  fs::path path = dir / "v3.db";
  ::close(::open(path.c_str(), O_CREAT | O_WRONLY, 0600));
  std::string id;
  {
    Db db = Db::open(path.string(), OpenMode::ReadWrite);
    db.exec("PRAGMA journal_mode=WAL");
    migrate(db, 3);
    CHECK(db.scalar_int("PRAGMA user_version") == 3);
  }
  {
    Store st = Store::open(path);
    CHECK(st.check().schema_version == kSchemaVersion);
    id = start_sample_session(st, "Evening");
  }
  Store st = Store::open(path);
  auto rec = st.load_session(id);
  REQUIRE(rec);
  CHECK(rec->summary.run.empty());  // a session of no run
  CHECK(rec->summary.run_position == 0);
  // New tables of a run keep their run and place.
  SessionStart start;
  start.mode = Mode::Teams;
  start.team = "Table 2";
  start.run = "run-1";
  start.run_position = 1;
  start.state_json = "{}";
  const std::string table = st.start_session(sample_snapshot(), start);
  SessionFilter f;
  f.run = "run-1";
  auto run = st.list_sessions(f);
  REQUIRE(run.size() == 1);
  CHECK(run[0].id == table);
  CHECK(run[0].run_position == 1);
}

TEST_CASE("a version 2 file is upgraded to keep evidence files with its snapshots") {
  fs::path dir = scratch_dir("migrate-v2");
  fs::path path = dir / "v2.db";
  ::close(::open(path.c_str(), O_CREAT | O_WRONLY, 0600));
  std::string sha = sample_snapshot().sha256;
  {
    Db db = Db::open(path.string(), OpenMode::ReadWrite);
    db.exec("PRAGMA journal_mode=WAL");
    migrate(db, 2);
    CHECK(db.scalar_int("PRAGMA user_version") == 2);
    Query q = db.query(
        "INSERT INTO scenario_snapshots VALUES(?, 'licensing', '1', 'T', 'part-a', 'src', 'now')");
    q->bind(1, sha).run();
  }
  Store st = Store::open(path);
  CHECK(st.check().schema_version == kSchemaVersion);
  auto snap = st.find_snapshot(sha);
  REQUIRE(snap);
  CHECK(snap->source_text == "src");
  CHECK(snap->evidence_files == "{}");
}

TEST_CASE("a version 3 file is upgraded with redaction lists and keeps its erasures as tombstones") {
  fs::path dir = scratch_dir("migrate-v3");
  fs::path path = dir / "v3.db";
  ::close(::open(path.c_str(), O_CREAT | O_WRONLY, 0600));
  {
    Db db = Db::open(path.string(), OpenMode::ReadWrite);
    db.exec("PRAGMA journal_mode=WAL");
    migrate(db, 3);
    CHECK(db.scalar_int("PRAGMA user_version") == 3);
    CHECK(db.scalar_int("SELECT count(*) FROM sqlite_schema WHERE name = 'erasures'") == 0);
    db.exec("INSERT INTO events VALUES('e1', 'Old evening', '2023-01-01', 'training-evening', "
            "'F', 'now')");
    db.exec("INSERT INTO participants VALUES('p1', 'Participant AAAAAA', 'member', "
            "'Participant AAAAAA', '2024-01-01T00:00:00.000Z', 'now')");
    db.exec("INSERT INTO participants VALUES('p2', 'Kept Person', 'staff', 'Participant BBBBBB', "
            "NULL, 'now')");
  }
  Store st = Store::open(path);
  CHECK(st.check().ok());
  CHECK(st.check().schema_version == kSchemaVersion);
  // The person erased before the upgrade has a tombstone; the other has none.
  CHECK(auditsim::store::raw_connection(st).scalar_int("SELECT count(*) FROM erasures WHERE participant = 'p1'") == 1);
  CHECK(auditsim::store::raw_connection(st).scalar_int("SELECT count(*) FROM erasures") == 1);
  st.add_redaction("Old evening", "Mrs Resident");
  CHECK(st.list_redactions("Old evening") == std::vector<std::string>{"Mrs Resident"});
}

TEST_CASE("a version 5 file is upgraded to hold the desktop audit and keeps its improvement plan") {
  fs::path dir = scratch_dir("migrate-v5");
  fs::path path = dir / "v5.db";
  ::close(::open(path.c_str(), O_CREAT | O_WRONLY, 0600));
  const Snapshot snap = audit_snapshot();
  {
    Db db = Db::open(path.string(), OpenMode::ReadWrite);
    db.exec("PRAGMA journal_mode=WAL");
    migrate(db, 5);
    CHECK(db.scalar_int("PRAGMA user_version") == 5);
    CHECK(db.scalar_int("SELECT count(*) FROM sqlite_schema WHERE name = 'control_checks'") == 0);
    Query q = db.query(
        "INSERT INTO scenario_snapshots VALUES(?, 'supplier-bank-details', '1', 'T', 'part-a', ?, "
        "'now', '{}')");
    q->bind(1, snap.sha256).bind(2, snap.source_text).run();
    db.exec("INSERT INTO sessions(uuid, snapshot, mode, started_at) VALUES("
            "'55555555-5555-4555-8555-555555555555', '" + snap.sha256 + "', 'group', 'now')");
    db.exec("INSERT INTO actions(uuid, session, action_text, created_at, updated_at) VALUES("
            "'a5', '55555555-5555-4555-8555-555555555555', 'Brief the team', 'now', 'now')");
  }
  Store st = Store::open(path);
  CHECK(st.check().ok());
  CHECK(st.check().schema_version == kSchemaVersion);
  auto rec = st.load_session("55555555");
  REQUIRE(rec);
  REQUIRE(rec->actions.size() == 1);
  CHECK(rec->actions[0].recommendation.empty());
  CHECK(rec->audit.empty());
  audit::ControlCheck c = sample_check("report-fraud");
  st.record_control_check(rec->summary.id, c);
  audit::ActionUpdate u;
  u.action = "a5";  // a whole id is found whatever its length
  u.status = "done";
  st.record_action_update(u);
  CHECK(st.list_actions(rec->summary.id)[0].status == ActionStatus::Done);
  CHECK(st.load_audit("55555555").checks.size() == 1);
}

TEST_CASE("an empty file and an empty SQLite database become results databases") {
  fs::path dir = scratch_dir("migrate-v0");
  fs::path empty = dir / "empty.db";
  ::close(::open(empty.c_str(), O_CREAT | O_WRONLY, 0600));
  CHECK(Store::open(empty).check().ok());
  fs::path blank = dir / "blank.db";
  ::close(::open(blank.c_str(), O_CREAT | O_WRONLY, 0600));
  set_pragma(blank, "PRAGMA page_size=4096; VACUUM");
  CHECK(Store::open(blank).check().ok());
}

TEST_CASE("a migration step is all or nothing") {
  fs::path dir = scratch_dir("migrate-atomic");
  fs::path path = dir / "r.db";
  ::close(::open(path.c_str(), O_CREAT | O_WRONLY, 0600));
  Db db = Db::open(path.string(), OpenMode::ReadWrite);
  migrate(db, 1);
  // A table in the way makes step 2 fail half-way; nothing of it may remain.
  db.exec("CREATE TABLE inject_acks(x)");
  CHECK_THROWS_AS(migrate(db, 2), StoreError);
  CHECK(db.scalar_int("PRAGMA user_version") == 1);
  CHECK(db.scalar_int("SELECT count(*) FROM sqlite_schema WHERE name = 'actions'") == 0);
}

TEST_CASE("a file from a newer version is refused unchanged") {
  fs::path path = make_db(scratch_dir("too-new"));
  set_pragma(path, "PRAGMA user_version=" + std::to_string(kSchemaVersion + 1));
  expect_refused(path, ErrorKind::TooNew, "newer version");
}

TEST_CASE("a file that is not SQLite is refused unchanged") {
  fs::path dir = scratch_dir("not-sqlite");
  fs::path path = dir / "minutes.db";
  write_bytes(path, std::string("Minutes of the Crime and Disorder Committee\n") +
                        std::string(5000, '.'));
  expect_refused(path, ErrorKind::NotSqlite, "not an SQLite file");
  fs::path tiny = dir / "tiny.db";
  write_bytes(tiny, "SQLite format 3");
  expect_refused(tiny, ErrorKind::NotSqlite, "not an SQLite file");
}

TEST_CASE("another program's SQLite database is refused unchanged") {
  fs::path dir = scratch_dir("foreign");
  fs::path path = dir / "other.db";
  ::close(::open(path.c_str(), O_CREAT | O_WRONLY, 0600));
  set_pragma(path, "CREATE TABLE contacts(name TEXT)");
  expect_refused(path, ErrorKind::Foreign, "another program");
  fs::path tagged = make_db(dir / "x");
  set_pragma(tagged, "PRAGMA application_id=1234");
  expect_refused(tagged, ErrorKind::Foreign, "another program");
}

TEST_CASE("a truncated file is refused unchanged") {
  fs::path dir = scratch_dir("truncated");
  fs::path path = make_db(dir);
  std::string bytes = file_bytes(path);
  REQUIRE(bytes.size() > 8 * 4096);
  write_bytes(path, bytes.substr(0, bytes.size() / 2));
  expect_refused(path, ErrorKind::Corrupt, "damaged");
  write_bytes(path, bytes.substr(0, 60));
  expect_refused(path, ErrorKind::NotSqlite, "not an SQLite file");
}

TEST_CASE("random bytes written into pages are detected and the file left unchanged") {
  fs::path dir = scratch_dir("random-bytes");
  fs::path clean = make_db(dir);
  std::string bytes = file_bytes(clean);
  std::mt19937 rng(2016);
  auto scribble = [&](std::string b, size_t from, size_t len) {
    for (size_t i = from; i < from + len && i < b.size(); ++i) b[i] = static_cast<char>(rng());
    return b;
  };
  SUBCASE("every page after the first") {
    write_bytes(clean, scribble(bytes, 4096, bytes.size()));
    expect_refused(clean, ErrorKind::Corrupt, "damaged");
  }
  SUBCASE("the page headers of a few pages") {
    std::string b = bytes;
    for (size_t page = 2; page < 6; ++page) b = scribble(b, page * 4096, 16);
    write_bytes(clean, b);
    expect_refused(clean, ErrorKind::Corrupt, "damaged");
  }
}
