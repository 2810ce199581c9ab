// The results store on a PostgreSQL server: what only a server has. Its refusals (another
// program's tables, a newer schema, an unreachable address), the two working roles, a laptop's
// file pushed to it afterwards, and erasure reaching every table. Runs only with the
// postgres_server fixture (AUDITSIM_TEST_PG); the other store tests run on both backends.
#include <doctest/doctest.h>

#include "sim/store/schema.hpp"
#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

StoreError refusal_of(const std::string& url) {
  try {
    Store::open(url);
  } catch (const StoreError& e) {
    return e;
  }
  FAIL("the store opened");
  return StoreError(ErrorKind::Internal, "");
}

}  // namespace

TEST_CASE("a database holding another program's tables is refused and left as it was") {
  fs::path dir = scratch_dir("pg-foreign");
  const std::string url = test_server_database(dir / "results.db");
  {
    Db raw = Db::open_postgres(url);
    raw.exec("CREATE TABLE invoices(id BIGINT PRIMARY KEY, supplier TEXT)");
    raw.exec("INSERT INTO invoices VALUES(1, 'Acme Ltd')");
  }
  StoreError e = refusal_of(url);
  CHECK(e.kind() == ErrorKind::Foreign);
  CHECK(std::string(e.what()).find("invoices") != std::string::npos);
  Db raw = Db::open_postgres(url);
  CHECK(raw.scalar_int("SELECT count(*) FROM information_schema.tables "
                       "WHERE table_schema = current_schema()") == 1);
  CHECK(raw.scalar_text("SELECT supplier FROM invoices") == "Acme Ltd");
}

TEST_CASE("a database set up by a newer auditsim is refused — an older one is upgraded") {
  fs::path dir = scratch_dir("pg-versions");
  const std::string url = test_server_database(dir / "results.db");
  { Store st = Store::open(url); }
  {
    Db raw = Db::open_postgres(url);
    raw.exec("UPDATE auditsim_schema SET version = " + std::to_string(kSchemaVersion + 1));
  }
  StoreError e = refusal_of(url);
  CHECK(e.kind() == ErrorKind::TooNew);
  {
    // Back to version 8: the last two steps are undone by hand, as an older program left it.
    Db raw = Db::open_postgres(url);
    raw.exec("UPDATE auditsim_schema SET version = 8; DROP TABLE device_votes; "
             "ALTER TABLE erasures DROP COLUMN lrs_dropped, DROP COLUMN lrs_voids_queued");
  }
  Store st = Store::open(url);
  CHECK(st.check().schema_version == kSchemaVersion);
  CHECK(st.check().ok());
  std::string id = start_sample_session(st, "Evening");
  DecisionRecord d = sample_decision("n", "refer");
  st.record_decision(id, d, "{}");
  st.record_device_votes(id, d.seq, {});
  CHECK(st.erase_participant("Cllr Jane Smith").participants == 1);  // with version 10's record
}

TEST_CASE("an unreachable server is refused in plain words and the password never shown") {
  StoreError e = refusal_of("postgresql://auditsim_owner:s3cret-Pass@127.0.0.1:1/auditsim");
  CHECK(e.kind() == ErrorKind::Io);
  const std::string what = e.what();
  CHECK(what.find("could not be reached") != std::string::npos);
  CHECK(what.find("s3cret-Pass") == std::string::npos);
}

TEST_CASE("what one copy records is committed and seen by another copy at once") {
  fs::path dir = scratch_dir("pg-two-copies");
  const std::string url = test_server_database(dir / "results.db");
  Store a = Store::open(url);
  Store b = Store::open(url);
  std::string id = start_sample_session(a, "Evening");
  DecisionRecord d = sample_decision("first-complaint", "refer");
  a.record_decision(id, d, R"({"node":"second"})");
  auto seen = b.load_session(id);
  REQUIRE(seen);
  REQUIRE(seen->decisions.size() == 1);
  CHECK(seen->decisions[0].choice_id == "refer");
  CHECK(seen->state_json == R"({"node":"second"})");
}

TEST_CASE("the recording role records but may not erase — the reporting role erases everywhere") {
  fs::path dir = scratch_dir("pg-roles");
  const fs::path file = dir / "results.db";
  { Store owner = open_test_store(file); }  // the owner sets the schema up and grants
  const std::string name = "Cllr Philippa Oddname";
  std::string id;
  {
    Store rec = Store::open(test_server_database_as(file, "auditsim_recorder"));
    id = start_sample_session(rec, "Evening", "Table 1", name);
    DecisionRecord d = sample_decision("n", "refer");
    d.dissent = name + " disagreed";
    rec.record_decision(id, d, "{}");
    Note n;
    n.text = "Agreed with " + name;
    std::string note = rec.record_note(id, n);
    rec.update_note(id, note, "Agreed with " + name + " on the referral", false);
    try {
      rec.erase_participant(name);
      FAIL("the recording role erased a person");
    } catch (const StoreError& e) {
      INFO(std::string(e.what()));
      CHECK(e.kind() == ErrorKind::Io);
      CHECK(std::string(e.what()).find("role") != std::string::npos);
    }
    // Refused whole: nothing of the erasure was kept.
    CHECK(stored_text(rec, file).find(name) != std::string::npos);
  }
  Store rep = Store::open(test_server_database_as(file, "auditsim_reporter"));
  EraseReport r = rep.erase_participant(name);
  CHECK(r.participants == 1);
  CHECK(r.text_replacements >= 2);
  CHECK(stored_text(rep, file).find(name) == std::string::npos);
  CHECK(stored_text(rep, file).find("Oddname") == std::string::npos);
  auto rec = rep.load_session(id);
  REQUIRE(rec);
  CHECK(rec->participants[0].erased);
}

TEST_CASE("a laptop's file pushed to the server afterwards is imported once, however often sent") {
  fs::path dir = scratch_dir("pg-push");
  std::string id;
  {
    Store laptop = Store::open(dir / "laptop.db");
    id = start_sample_session(laptop, "Evening");
    for (int i = 0; i < 5; ++i) {
      DecisionRecord d = sample_decision("n" + std::to_string(i), "refer");
      laptop.record_decision(id, d, "{}");
    }
    Note n;
    n.text = "Table 1 asked about the tenancy";
    laptop.record_note(id, n);
  }
  Store server = open_test_store(dir / "server.db");
  ImportReport first = server.import_from(dir / "laptop.db");
  CHECK(first.sessions_added == 1);
  CHECK(first.conflicts.empty());
  ImportReport again = server.import_from(dir / "laptop.db");
  CHECK(again.sessions_added == 0);
  CHECK(again.skipped_identical == 1);
  CHECK(again.conflicts.empty());
  auto rec = server.load_session(id);
  REQUIRE(rec);
  CHECK(rec->decisions.size() == 5);
  CHECK(rec->notes.size() == 1);
  Store copy = Store::open(dir / "laptop.db");
  auto original = copy.load_session(id);
  REQUIRE(original);
  CHECK(original->decisions.size() == rec->decisions.size());
  CHECK(original->decisions[4].recorded_at == rec->decisions[4].recorded_at);
}

TEST_CASE("an event exported from the server is a results file holding that event and no other") {
  fs::path dir = scratch_dir("pg-export");
  Store server = open_test_store(dir / "server.db");
  std::string kept = start_sample_session(server, "Licensing evening", "Table 1", "Cllr Ann Keep");
  DecisionRecord d = sample_decision("n", "refer");
  server.record_decision(kept, d, "{}");
  Note n;
  n.text = "Asked about the late licence";
  server.record_note(kept, n);
  start_sample_session(server, "Procurement evening", "Table 1", "Cllr Bob Other");
  ExportReport r = server.export_event("Licensing evening", dir / "licensing.db");
  CHECK(r.sessions == 1);
  CHECK_THROWS_AS(server.export_event("Licensing evening", dir / "licensing.db"), StoreError);
  Store file = Store::open(dir / "licensing.db");
  CHECK(file.check().ok());
  auto sessions = file.list_sessions();
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].id == kept);
  auto rec = file.load_session(kept);
  REQUIRE(rec);
  CHECK(rec->decisions.size() == 1);
  CHECK(rec->notes.size() == 1);
  CHECK_FALSE(file.find_participant("Cllr Bob Other"));
  CHECK_FALSE(file.find_event("Procurement evening"));
}
