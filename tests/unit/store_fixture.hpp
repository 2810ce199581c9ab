// Shared helpers of the store tests: scratch files, sample records, file bytes.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <cstdlib>
#include <iterator>
#include <map>
#include <vector>
#include <string>

#include "sim/sha256.hpp"
#include "sim/store/db.hpp"
#include "sim/store/store.hpp"
#include "tests/support/server_database.hpp"

namespace auditsim::testing {

namespace fs = std::filesystem;

// A fresh, empty scratch folder for one test: AUDITSIM_TEST_TMP/store/<name>-<pid>.
inline fs::path scratch_dir(const std::string& name) {
  fs::path dir = fs::path(AUDITSIM_TEST_TMP) / "store" / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void write_bytes(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << bytes;
}

// The store tests run twice: on SQLite files, and on a PostgreSQL server when the postgres
// fixture has started one (tests/postgres/pg-server) and CTest sets AUDITSIM_TEST_PG to its
// superuser address. Then every results file a test names is a database of its own on that
// server, made empty the first time the test opens it and the same database when it reopens
// the file; files the test writes to import or export stay SQLite files.
inline const char* test_server() {
  const char* url = std::getenv("AUDITSIM_TEST_PG");
  return url && *url ? url : nullptr;
}
inline bool on_test_server() { return test_server() != nullptr; }

// The server address for a results file of a test, creating its database on first use.
inline std::string test_server_database(const fs::path& file) {
  // The same database each time the test opens the same file; made empty the first time. Its
  // schema's owner connects, as a council's IT would the first time.
  static std::map<std::string, std::string> made;
  const std::string name = "t_" + sha256_hex(fs::absolute(file).string()).substr(0, 20);
  auto it = made.find(name);
  if (it == made.end()) it = made.emplace(name, test::fresh_server_database(test_server(), name)).first;
  return it->second;
}

// The store of a test's results file, on whichever backend this run tests.
inline store::Store open_test_store(const fs::path& file) {
  if (!on_test_server()) return store::Store::open(file);
  return store::Store::open(test_server_database(file));
}

// The same database as another role (auditsim_recorder, auditsim_reporter).
inline std::string test_server_database_as(const fs::path& file, const std::string& role) {
  return test::as_server_role(test_server_database(file), role);
}

// Everything the store holds, to search for a name that must be gone: the file's bytes and its
// WAL on SQLite; on a server, every row of every table as text.
inline std::string stored_text(store::Store& st, const fs::path& file) {
  if (!on_test_server()) return file_bytes(file) + file_bytes(file.string() + "-wal");
  store::Db db = store::Db::open_postgres(st.path().string());
  std::vector<std::string> tables;
  {
    store::Query q = db.query("SELECT table_name FROM information_schema.tables "
                              "WHERE table_schema = current_schema()");
    while (q->step()) tables.push_back(q->column_text(0));
  }
  std::string all;
  for (const auto& t : tables) {
    store::Stmt q(db, "SELECT t::text FROM " + t + " t");
    while (q.step()) all += q.column_text(0) + "\n";
  }
  return all;
}

// A scenario snapshot whose sha256 really is the hash of its source.
inline store::Snapshot sample_snapshot(const std::string& id = "cuckooing-millbrook-court",
                                       const std::string& extra = "") {
  store::Snapshot s;
  s.scenario_id = id;
  s.version = "1.0";
  s.title = "Flat 12, Millbrook Court";
  s.classification = "part-a";
  s.source_text = "format: auditsim/1\nid: " + id + "\ntitle: Flat 12, Millbrook Court\n" + extra;
  s.sha256 = sha256_hex(s.source_text);
  return s;
}

// A decision with recognisable content.
inline store::DecisionRecord sample_decision(const std::string& node, const std::string& choice,
                                             int protect = 3) {
  store::DecisionRecord d;
  d.node_id = node;
  d.choice_id = choice;
  d.time_taken_ms = 42000;
  d.votes_json = R"({")" + choice + R"(":4,"wait":1})";
  d.offered = {choice, "wait"};
  d.rationale = "The signs fit cuckooing";
  d.dissent = "One member wanted to wait";
  d.delta = {1, 0, protect, 0};
  d.state_after = R"({"node":")" + node + R"("})";
  return d;
}

// A snapshot of a scenario with three key actions, for the desktop audit's checks.
inline store::Snapshot audit_snapshot() {
  return sample_snapshot("supplier-bank-details",
                         "key_actions:\n"
                         "  - id: independent-verification\n    priority: high\n"
                         "  - id: report-fraud\n    priority: high\n"
                         "  - id: callback-procedure\n    priority: medium\n");
}

// Starts a session with one participant and event; returns its id.
inline std::string start_sample_session(store::Store& st, const std::string& event_name,
                                        const std::string& team = "Table 1",
                                        const std::string& person = "Cllr Jane Smith",
                                        const store::Snapshot& snapshot = sample_snapshot()) {
  store::Event ev;
  ev.name = event_name;
  ev.date = "2024-03-12";
  ev.kind = store::EventKind::TrainingEvening;
  ev.facilitator = "Chief EHO";
  store::Event e = st.find_or_create_event(ev);
  store::SessionStart start;
  start.event_id = e.id;
  start.mode = store::Mode::Group;
  start.team = team;
  start.audience = "members";
  start.participant_ids.push_back(st.create_participant(person, store::Role::Member));
  start.state_json = R"({"node":"first-complaint"})";
  return st.start_session(snapshot, start);
}

// A session of audit_snapshot() with one participant and event; returns its id.
inline std::string start_audit_session(store::Store& st, const std::string& event_name,
                                       const std::string& team = "Table 1",
                                       const std::string& person = "Cllr Jane Smith") {
  return start_sample_session(st, event_name, team, person, audit_snapshot());
}

// A check with recognisable content.
inline audit::ControlCheck sample_check(const std::string& key_action,
                                        audit::ControlStatus status = audit::ControlStatus::Partly,
                                        const std::string& by = "Chief Internal Auditor") {
  audit::ControlCheck c;
  c.key_action = key_action;
  c.status = status;
  c.evidence = "Supplier master-file procedure seen; no call-back recorded for two changes";
  c.evidence_ref = "AP procedure note 4.2 (2024)";
  c.owner = "Head of Finance";
  c.due_date = "2027-03-31";
  c.changed_by = by;
  return c;
}

}  // namespace auditsim::testing
