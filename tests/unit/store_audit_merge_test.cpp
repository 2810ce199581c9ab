// Import and export of the desktop audit: rows merged one by one in both directions, conflicts
// kept as here, and hostile rows refused before anything is imported. What is imported is always
// a laptop's SQLite file; the store receiving it is a file or a server database (open_test_store),
// given the laptop's session by importing the untouched file first, as a council's server gets it.
#include <doctest/doctest.h>

#include "sim/store/raw_connection.hpp"
#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

const char* const kAuditTables[] = {"control_checks", "recommendations", "responses",
                                    "opinion_settings", "audit_scope", "action_updates", "actions"};

// Row counts of the audit tables and sessions: what an import refused must leave as it was.
std::string counts(Store& st) {
  std::string out;
  for (const char* t : kAuditTables)
    out += std::to_string(raw_connection(st).scalar_int(std::string("SELECT count(*) FROM ") + t)
                              .value_or(-1)) + " ";
  return out + std::to_string(st.list_sessions().size());
}

audit::Recommendation recommendation(const std::string& text) {
  audit::Recommendation r;
  r.text = text;
  r.findings = {"independent-verification"};
  return r;
}

// A laptop's file: one audit session with a check, a recommendation and its response.
std::string record_audit_laptop(const fs::path& path) {
  Store st = Store::open(path);
  const std::string id = start_audit_session(st, "Audit committee", "Table 1", "Cllr Ann Laptop");
  audit::ControlCheck c = sample_check("independent-verification");
  st.record_control_check(id, c);
  audit::Recommendation r = recommendation("That Cabinet require a call-back");
  st.record_recommendation(id, r);
  audit::Response resp;
  resp.recommendation = r.id;
  resp.by = "Corporate Management Team";
  resp.text = "Agreed";
  resp.date = "2027-01-15";
  st.record_response(resp);
  return id;
}

// Rewrites `path` as a hostile program would: CHECKs and foreign keys off, then `sql`.
void tamper(const fs::path& path, const std::string& sql) {
  Db db = Db::open(path.string(), OpenMode::ReadWrite);
  db.exec("PRAGMA foreign_keys=OFF; PRAGMA ignore_check_constraints=ON;");
  db.exec(sql);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
}

// The store of `path` on this run's backend, holding what the laptop file `from` holds.
Store seeded_from(const fs::path& path, const fs::path& from) {
  Store st = open_test_store(path);
  ImportReport r = st.import_from(from);
  REQUIRE(r.sessions_added == 1);
  REQUIRE(r.conflicts.empty());
  return st;
}

}  // namespace

TEST_CASE("audit rows added to one session on two laptops merge both ways, and again changes nothing") {
  fs::path dir = scratch_dir("audit-merge");
  // B is the laptop's file; A, on either backend, got the same session from it before either
  // added anything. What goes back from A to B is A's export, as from a server.
  const std::string id = record_audit_laptop(dir / "b.db");
  {
    Store a = seeded_from(dir / "a.db", dir / "b.db");
    audit::ControlCheck c = sample_check("report-fraud", audit::ControlStatus::InPlace, "On A");
    a.record_control_check(id, c);
    audit::Recommendation r = recommendation("From A");
    a.record_recommendation(id, r);
    audit::OpinionSetting o;
    o.label = "Limited";
    o.reason = "One high-priority control not in place";
    a.record_opinion(id, o);
  }
  {
    Store b = Store::open(dir / "b.db");
    audit::ControlCheck c =
        sample_check("independent-verification", audit::ControlStatus::NotInPlace, "On B");
    b.record_control_check(id, c);
    audit::Recommendation r = recommendation("From B");
    b.record_recommendation(id, r);
    CHECK(r.number == 2);  // the same number as A's new one
    audit::AuditScope s;
    s.stage = audit::ReportStage::Final;
    b.record_audit_scope(id, s);
  }
  Store a = open_test_store(dir / "a.db");
  ImportReport r = a.import_from(dir / "b.db");
  CHECK(r.sessions_added == 0);
  CHECK(r.skipped_identical == 1);
  CHECK(r.conflicts.empty());
  CHECK(r.audit_rows_added == 3);
  audit::AuditRecord rec = a.load_audit(id);
  REQUIRE(rec.checks.size() == 3);
  CHECK(rec.checks[2].changed_by == "On B");  // appended after this laptop's own
  CHECK(rec.checks[2].seq == 3);
  const auto recs = audit::current_recommendations(rec);
  REQUIRE(recs.size() == 3);
  CHECK(recs[1].text == "From A");
  CHECK(recs[1].number == 2);
  CHECK(recs[2].text == "From B");
  CHECK(recs[2].number == 3);  // took the next free number
  CHECK(audit::current_scope(rec).stage == audit::ReportStage::Final);
  CHECK(a.check().ok());

  a.export_event("Audit committee", dir / "a-export.db");
  Store b = Store::open(dir / "b.db");
  ImportReport back = b.import_from(dir / "a-export.db");
  CHECK(back.conflicts.empty());
  CHECK(back.audit_rows_added == 3);  // A's check, recommendation and opinion
  CHECK(audit::current_recommendations(b.load_audit(id)).size() == 3);
  CHECK(b.load_audit(id).checks.size() == 3);  // the shared one, B's and A's

  const std::string before = counts(a);
  ImportReport again = a.import_from(dir / "b.db");
  CHECK(again.audit_rows_added == 0);
  CHECK(again.conflicts.empty());
  CHECK(again.skipped_identical == 1);
  CHECK(counts(a) == before);
  a.export_event("Audit committee", dir / "a-export-again.db");
  CHECK(b.import_from(dir / "a-export-again.db").audit_rows_added == 0);
}

TEST_CASE("an audit row with the same id and other content is a conflict, kept as here") {
  fs::path dir = scratch_dir("audit-merge-conflict");
  const std::string id = record_audit_laptop(dir / "theirs.db");
  Store mine = seeded_from(dir / "mine.db", dir / "theirs.db");
  tamper(dir / "theirs.db", "UPDATE control_checks SET evidence = 'Changed over there'");
  ImportReport r = mine.import_from(dir / "theirs.db");
  REQUIRE(r.conflicts.size() == 1);
  CHECK(r.conflicts[0].kind == "control check");
  CHECK(r.conflicts[0].detail.find("this database's was kept") != std::string::npos);
  CHECK(r.audit_rows_added == 0);
  REQUIRE(mine.load_audit(id).checks.size() == 1);
  CHECK(mine.load_audit(id).checks[0].evidence.find("Supplier master-file") == 0);
}

TEST_CASE("improvement actions made after play on another laptop are merged, status from their updates") {
  fs::path dir = scratch_dir("audit-merge-actions");
  const std::string id = record_audit_laptop(dir / "laptop.db");
  seeded_from(dir / "main.db", dir / "laptop.db");
  std::string action_id;
  {
    Store laptop = Store::open(dir / "laptop.db");
    ActionItem a;
    a.session_id = id;
    a.finding = "independent-verification";
    a.action = "Require a call-back";
    a.recommendation = laptop.load_audit(id).recommendations[0].id;
    action_id = laptop.add_action(a);
    audit::ActionUpdate u;
    u.action = action_id;
    u.status = "done";
    u.review = "Six-month monitoring";
    laptop.record_action_update(u);
  }
  Store main = open_test_store(dir / "main.db");
  ActionItem own;
  own.session_id = id;
  own.action = "Brief the accounts payable team";
  main.add_action(own);
  ImportReport r = main.import_from(dir / "laptop.db");
  CHECK(r.conflicts.empty());
  CHECK(r.audit_rows_added == 2);  // the action and its update
  const auto actions = main.list_actions(id);
  REQUIRE(actions.size() == 2);
  bool merged = false;
  for (const ActionItem& a : actions)
    if (a.id == action_id) {
      merged = true;
      CHECK(a.status == ActionStatus::Done);
      CHECK(a.recommendation == main.load_audit(id).recommendations[0].id);
    }
  CHECK(merged);
  CHECK(main.import_from(dir / "laptop.db").audit_rows_added == 0);
  CHECK(main.check().ok());
  // The same action with another owner there is a conflict; the one here is kept.
  tamper(dir / "laptop.db", "UPDATE actions SET owner = 'Someone else'");
  ImportReport changed = main.import_from(dir / "laptop.db");
  bool conflict = false;
  for (const ImportConflict& c : changed.conflicts) conflict |= c.kind == "action" && c.id == action_id;
  CHECK(conflict);
  for (const ActionItem& a : main.list_actions(id)) CHECK(a.owner != "Someone else");
  // An action whose due date is not a date refuses the file.
  tamper(dir / "laptop.db", "UPDATE actions SET due_date = '2027-02-30'");
  CHECK_THROWS_AS(main.import_from(dir / "laptop.db"), StoreError);
}

TEST_CASE("a hostile file's audit rows are refused before anything is imported, for new and shared sessions") {
  struct Attack {
    const char* name;
    const char* sql;
    const char* words;
  };
  const Attack attacks[] = {
      {"bad-status", "UPDATE control_checks SET status = 'maybe'", "status is 'maybe'"},
      {"unknown-key-action", "UPDATE control_checks SET key_action = 'no-such-action'",
       "no key action 'no-such-action'"},
      {"ten-megabytes", "UPDATE control_checks SET evidence = hex(zeroblob(5242880))",
       "10485760 bytes long"},
      {"false-date", "UPDATE control_checks SET due_date = '2027-02-30'", "is not a date"},
      {"unknown-session",
       "INSERT INTO control_checks(uuid, session, seq, key_action, status, changed_at) VALUES("
       "'orphan', '99999999-9999-4999-8999-999999999999', 1, 'report-fraud', 'in-place', 'now')",
       "belonging to no session"},
      {"bad-addressee", "UPDATE recommendations SET addressed_to = 'the-mayor'",
       "addressed to 'the-mayor'"},
      {"findings-not-a-list", "UPDATE recommendations SET findings = '{\"a\": 1}'",
       "not a list of key actions"},
      {"unknown-finding", "UPDATE recommendations SET findings = '[\"no-such-action\"]'",
       "no key action 'no-such-action'"},
      {"blank-recommendation", "UPDATE recommendations SET body = '   '", "needs its text"},
      {"response-to-nothing", "UPDATE responses SET recommendation = 'ffffffff'",
       "answers recommendation ffffffff"},
      {"bad-response", "UPDATE responses SET response = 'yes'", "response is 'yes'"},
  };
  for (const Attack& attack : attacks) {
    CAPTURE(attack.name);
    fs::path dir = scratch_dir(std::string("audit-hostile-") + attack.name);
    record_audit_laptop(dir / "genuine.db");
    seeded_from(dir / "shared.db", dir / "genuine.db");  // holds the same session
    fs::copy_file(dir / "genuine.db", dir / "evil.db");
    tamper(dir / "evil.db", attack.sql);
    for (const char* target : {"fresh.db", "shared.db"}) {
      CAPTURE(target);
      Store st = open_test_store(dir / target);
      const std::string before = counts(st);
      try {
        st.import_from(dir / "evil.db");
        FAIL("a hostile file must be refused");
      } catch (const StoreError& e) {
        INFO(e.what());
        CHECK(e.kind() == ErrorKind::Foreign);
        CHECK(std::string(e.what()).find(attack.words) != std::string::npos);
        CHECK(std::string(e.what()).find("Nothing was imported") != std::string::npos);
      }
      CHECK(counts(st) == before);
      CHECK(st.check().ok());
      // Not poisoned: the genuine file still imports.
      CHECK(st.import_from(dir / "genuine.db").conflicts.empty());
    }
  }
}

TEST_CASE("export carries one event's audit rows and none of another's, and it merges back as identical") {
  fs::path dir = scratch_dir("audit-export");
  Store st = open_test_store(dir / "results.db");
  const std::string mine = start_audit_session(st, "Audit committee");
  const std::string other = start_audit_session(st, "Other committee", "Table 9");
  audit::ControlCheck c = sample_check("report-fraud");
  st.record_control_check(mine, c);
  audit::ControlCheck secret = sample_check("report-fraud");
  secret.evidence = "Evidence of the other committee only";
  st.record_control_check(other, secret);
  audit::Recommendation r = recommendation("Exported recommendation");
  st.record_recommendation(mine, r);
  ActionItem a;
  a.session_id = other;
  a.action = "Other committee's action";
  audit::ActionUpdate u;
  u.action = st.add_action(a);
  u.status = "done";
  st.record_action_update(u);

  ExportReport e = st.export_event("Audit committee", dir / "audit.db");
  CHECK(e.sessions == 1);
  CHECK(file_bytes(dir / "audit.db").find("Evidence of the other committee") == std::string::npos);
  {
    Store copy = Store::open(dir / "audit.db");
    CHECK(copy.check().ok());
    CHECK(copy.load_audit(mine).checks.size() == 1);
    CHECK(copy.load_audit(mine).recommendations.size() == 1);
  }
  ImportReport back = st.import_from(dir / "audit.db");
  CHECK(back.conflicts.empty());
  CHECK(back.skipped_identical == 1);
  CHECK(back.audit_rows_added == 0);
}
