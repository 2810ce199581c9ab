// Import (merge) from another laptop's database, and export of one event.
#include <doctest/doctest.h>
#include <fcntl.h>

#include "sim/store/schema.hpp"
#include "sim/store/raw_connection.hpp"
#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

// A laptop's database with `n` sessions of `event`, each with decisions, a note and an action.
std::vector<std::string> record_laptop(Store& st, const std::string& event, int n,
                                       const std::string& team_prefix) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    std::string id = start_sample_session(st, event, team_prefix + std::to_string(i),
                                          "Cllr " + team_prefix + std::to_string(i));
    for (int d = 1; d <= 3; ++d) {
      DecisionRecord rec = sample_decision("node-" + std::to_string(d), "choice-" + team_prefix);
      st.record_decision(id, rec, "{\"d\":" + std::to_string(d) + "}");
    }
    Note note;
    note.text = "Table " + team_prefix + " asked about the tenancy";
    st.record_note(id, note);
    ActionItem a;
    a.session_id = id;
    a.action = "Brief housing officers";
    st.add_action(a);
    ids.push_back(id);
  }
  return ids;
}

}  // namespace

TEST_CASE("importing adds new sessions with everything recorded, and a second import changes nothing") {
  fs::path dir = scratch_dir("import");
  Store mine = open_test_store(dir / "mine.db");
  record_laptop(mine, "March evening", 2, "Mine ");
  std::vector<std::string> theirs_ids;
  {
    Store theirs = Store::open(dir / "theirs.db");
    theirs_ids = record_laptop(theirs, "March evening", 3, "Theirs ");
  }
  std::string before = sha256_hex(file_bytes(dir / "theirs.db"));
  ImportReport r = mine.import_from(dir / "theirs.db");
  CHECK(r.sessions_added == 3);
  CHECK(r.skipped_identical == 0);
  CHECK(r.conflicts.empty());
  CHECK(sha256_hex(file_bytes(dir / "theirs.db")) == before);  // the source is never written
  CHECK(mine.list_sessions().size() == 5);
  CHECK(mine.list_sessions({"March evening", std::nullopt}).size() == 5);
  auto rec = mine.load_session(theirs_ids[1]);
  REQUIRE(rec);
  CHECK(rec->decisions.size() == 3);
  CHECK(rec->notes.size() == 1);
  CHECK(rec->actions.size() == 1);
  CHECK(rec->participants.size() == 1);
  CHECK(rec->state_json == "{\"d\":3}");
  CHECK(rec->snapshot.source_text == sample_snapshot().source_text);
  CHECK(mine.check().ok());

  auto ids = [&] {
    std::string all;
    for (const auto& s : mine.list_sessions()) all += s.id + ",";
    return all;
  };
  std::string after_first = ids();
  int64_t decisions = auditsim::store::raw_connection(mine).scalar_int("SELECT count(*) FROM decisions").value_or(0);
  ImportReport again = mine.import_from(dir / "theirs.db");
  CHECK(again.sessions_added == 0);
  CHECK(again.skipped_identical == 3);
  CHECK(again.conflicts.empty());
  CHECK(auditsim::store::raw_connection(mine).scalar_int("SELECT count(*) FROM decisions") == decisions);
  CHECK(ids() == after_first);
}

TEST_CASE("a session that differs in the other file is reported as a conflict, not overwritten") {
  fs::path dir = scratch_dir("import-conflict");
  std::string id;
  {
    Store theirs = Store::open(dir / "theirs.db");
    id = record_laptop(theirs, "Evening", 1, "T")[0];
  }
  // This laptop starts with the same session (imported), then records one more decision.
  Store mine = open_test_store(dir / "mine.db");
  REQUIRE(mine.import_from(dir / "theirs.db").sessions_added == 1);
  DecisionRecord extra = sample_decision("node-4", "later");
  mine.record_decision(id, extra, "{\"d\":4}");
  ImportReport r = mine.import_from(dir / "theirs.db");
  CHECK(r.sessions_added == 0);
  CHECK(r.skipped_identical == 0);
  REQUIRE(r.conflicts.size() == 1);
  CHECK(r.conflicts[0].kind == "session");
  CHECK(r.conflicts[0].id == id);
  CHECK(r.conflicts[0].detail.find("decisions") != std::string::npos);
  auto rec = mine.load_session(id);
  CHECK(rec->decisions.size() == 4);
  CHECK(rec->state_json == "{\"d\":4}");
}

TEST_CASE("a file from an older version is imported through an upgraded private copy") {
  fs::path dir = scratch_dir("import-v1");
  fs::path old = dir / "old.db";
  ::close(::open(old.c_str(), O_CREAT | O_WRONLY, 0600));
  std::string sha = sample_snapshot().sha256;
  {
    Db db = Db::open(old.string(), OpenMode::ReadWrite);
    migrate(db, 1);
    Query q = db.query(
        "INSERT INTO scenario_snapshots VALUES(?, 'c', '1', 'T', 'part-a', ?, 'now')");
    q->bind(1, sha).bind(2, sample_snapshot().source_text).run();
    db.exec("INSERT INTO sessions(uuid, snapshot, mode, started_at) VALUES("
            "'22222222-2222-4222-8222-222222222222', '" + sha + "', 'solo', 'now')");
  }
  std::string before = sha256_hex(file_bytes(old));
  Store mine = open_test_store(dir / "mine.db");
  CHECK(mine.import_from(old).sessions_added == 1);
  CHECK(sha256_hex(file_bytes(old)) == before);
  CHECK(mine.load_session("22222222"));
  for (const auto& e : fs::directory_iterator(dir)) {
    CHECK(e.path().filename().string().find(".import-") == std::string::npos);
  }
}

TEST_CASE("hostile or unusable files are refused before anything is imported") {
  fs::path dir = scratch_dir("import-hostile");
  Store mine = open_test_store(dir / "mine.db");
  record_laptop(mine, "Evening", 1, "M");
  fs::path evil = dir / "evil.db";
  {
    Store st = Store::open(evil);
    record_laptop(st, "Evening", 1, "E");
    auditsim::store::raw_connection(st).exec("CREATE VIEW spy AS SELECT * FROM participants");
  }
  CHECK_THROWS_AS(mine.import_from(evil), StoreError);
  fs::path junk = dir / "junk.db";
  write_bytes(junk, std::string(8192, 'j'));
  try {
    mine.import_from(junk);
    FAIL("junk must be refused");
  } catch (const StoreError& e) {
    CHECK(e.kind() == ErrorKind::NotSqlite);
  }
  CHECK_THROWS_AS(mine.import_from(dir / "missing.db"), StoreError);
  CHECK_THROWS_AS(mine.import_from(dir / "mine.db"), StoreError);
  CHECK(mine.list_sessions().size() == 1);
  CHECK(mine.check().ok());
}

TEST_CASE("export writes one event's sessions to a new file and nothing of the others") {
  fs::path dir = scratch_dir("export");
  Store st = open_test_store(dir / "results.db");
  auto march = record_laptop(st, "March evening", 2, "Marchteam ");
  record_laptop(st, "Audit committee", 2, "Auditteam ");
  ExportReport r = st.export_event("March evening", dir / "march.db");
  CHECK(r.sessions == 2);
  CHECK(r.bytes > 0);
  std::string bytes = file_bytes(dir / "march.db");
  CHECK(bytes.find("Marchteam") != std::string::npos);
  CHECK(bytes.find("Auditteam") == std::string::npos);
  CHECK(bytes.find("Audit committee") == std::string::npos);
  {
    Store copy = Store::open(dir / "march.db");
    CHECK(copy.check().ok());
    CHECK(copy.list_sessions().size() == 2);
    CHECK(copy.load_session(march[0])->decisions.size() == 3);
    CHECK(copy.list_participants().size() == 2);
  }
  CHECK_THROWS_AS(st.export_event("March evening", dir / "march.db"), StoreError);
  CHECK_THROWS_AS(st.export_event("No such event", dir / "none.db"), StoreError);
  CHECK_FALSE(fs::exists(dir / "none.db"));
  // The export merges back as identical.
  ImportReport back = st.import_from(dir / "march.db");
  CHECK(back.skipped_identical == 2);
  CHECK(back.conflicts.empty());
}

TEST_CASE("import carries a teams run's shared run id and each team's place") {
  fs::path dir = scratch_dir("merge-run");
  std::vector<std::string> ids;
  {
    Store laptop = Store::open(dir / "laptop.db");
    for (int i = 0; i < 2; ++i) {
      SessionStart start;
      start.mode = Mode::Teams;
      start.team = "Table " + std::to_string(i + 1);
      start.run = "run-of-the-evening";
      start.run_position = i;
      start.state_json = "{}";
      ids.push_back(laptop.start_session(sample_snapshot(), start));
    }
  }
  Store mine = open_test_store(dir / "mine.db");
  ImportReport r = mine.import_from(dir / "laptop.db");
  CHECK(r.sessions_added == 2);
  SessionFilter f;
  f.run = "run-of-the-evening";
  auto run = mine.list_sessions(f);
  REQUIRE(run.size() == 2);
  for (const auto& s : run) {
    const int64_t pos = s.id == ids[0] ? 0 : 1;
    CHECK(s.run_position == pos);
    CHECK(s.team == "Table " + std::to_string(pos + 1));
  }
}
