// Internals shared by the store's implementation files (not part of the public API).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/store/address.hpp"
#include "sim/store/sqlite.hpp"
#include "sim/store/store.hpp"

namespace auditsim::store {

struct Store::Impl {
  std::filesystem::path path;
  Db db;
  // The key actions of each scenario snapshot audited so far, by sha256 (a snapshot's text
  // never changes), so recording a check does not parse the scenario every time.
  std::map<std::string, std::set<std::string>> key_actions;
  // Set when an LRS is configured: statements are queued (store_outbox.cpp).
  std::optional<OutboxSettings> outbox;
  // A server's address as it was opened (path is the one shown in messages); empty for a file.
  std::string server_address = {};
};

// Opens the store on a PostgreSQL server (store_server.cpp).
Store open_server_store(const std::string& url);
// Every table the schema's steps make on a server, with its version table (auditsim_schema).
const std::set<std::string>& server_tables();

// What a read-only inspection of a file concluded.
struct Inspection {
  bool new_database = false;  // empty file or an SQLite file with no tables: safe to initialise
  int version = 0;
};

// Inspects an SQLite file without writing to it: header, application_id, user_version,
// quick_check. Throws StoreError (NotSqlite, Foreign, TooNew, Corrupt) for anything that must
// not be opened for writing. `what` names the file for messages ("The results database").
// A rollback journal left by a killed writer is rolled back first when `recover` is set (that
// is SQLite's normal crash recovery); otherwise it is reported as an Io error.
Inspection inspect_readonly(const std::filesystem::path& path, const std::string& what,
                            bool recover = true);

// Plain-words name of a file for messages.
std::string describe(const std::filesystem::path& p);

// "a folder", "a named pipe (FIFO)", "a device", ... or "" for a regular file or no file. Looks
// with stat() only: opening a FIFO would block.
std::string special_file_kind(const std::filesystem::path& p);
// Throws Io naming `what` when the path is a folder, FIFO, device or socket.
void refuse_special_file(const std::filesystem::path& p, const std::string& what);

// The URI that opens another program's or another laptop's file for reading only, creating
// nothing beside it (no -wal or -shm) whenever that is safe; see store_open.cpp.
std::string readonly_uri(const std::filesystem::path& p);
Db open_other_readonly(const std::filesystem::path& p);

// Throws NotFound unless the session exists.
void require_session(Db& db, const std::string& session_id);

// A row of a desktop-audit table or of the improvement plan, found by its id or a unique
// prefix of at least 4 characters, and the session it belongs to. `what` names it in the
// messages ("recommendation"). NotFound for none, Invalid for an ambiguous prefix.
struct AuditRowRef {
  std::string id, session;
};
AuditRowRef resolve_audit_row(Db& db, const std::string& table, const std::string& what,
                              const std::string& id_or_prefix);

}  // namespace auditsim::store

namespace auditsim::store {

// How an import treats a table's rows (store_import.cpp).
enum class Merge {
  Whole,  // copied with a new session; for a session in both files, compared as a whole
  ByRow,  // copied with a new session; for one in both, new rows added (the improvement plan,
          // which grows after play as recommendations are agreed)
  Audit,  // the desktop audit's append-only rows: checked one by one and merged for every
          // session (store_audit_import.cpp)
};

// A table holding rows that belong to one session, with the column naming the session and the
// columns that put its rows in a stable order. `sessions` itself is listed with its key.
struct SessionTable {
  const char* name;
  const char* session_col;
  const char* order_by;
  Merge merge = Merge::Whole;
};
inline constexpr SessionTable kSessionTables[] = {
    {"sessions", "uuid", "uuid"},
    {"session_participants", "session", "participant"},
    {"decisions", "session", "seq"},
    {"device_votes", "session", "decision_seq, device"},
    {"notes", "session", "uuid"},
    {"score_overrides", "session", "uuid"},
    {"actions", "session", "uuid", Merge::ByRow},
    {"inject_acks", "session", "inject"},
    {"control_checks", "session", "seq", Merge::Audit},
    {"recommendations", "session", "number, uuid, version", Merge::Audit},
    {"responses", "session", "seq", Merge::Audit},
    {"opinion_settings", "session", "seq", Merge::Audit},
    {"audit_scope", "session", "seq", Merge::Audit},
    {"action_updates", "session", "seq", Merge::Audit},
};

// Row readers shared by the single-session and bulk reads (store_read.cpp). Each reads the
// columns of its k...Cols list below, starting at column 0.
constexpr const char* kSummaryCols =
    "s.uuid, sn.scenario_id, sn.title, coalesce(s.event, ''), coalesce(e.name, ''), "
    "s.status, s.started_at, coalesce(s.finished_at, ''), s.team, s.mode, "
    "(SELECT count(*) FROM decisions d WHERE d.session = s.uuid), s.run, s.run_position";
// The same with the decision count left as 0, for a read that counts the decisions it reads.
constexpr const char* kSummaryColsUncounted =
    "s.uuid, sn.scenario_id, sn.title, coalesce(s.event, ''), coalesce(e.name, ''), "
    "s.status, s.started_at, coalesce(s.finished_at, ''), s.team, s.mode, 0, s.run, s.run_position";
// How many columns read_summary takes; a query may select more after them.
constexpr int kSummaryColCount = 13;
constexpr const char* kSummaryFrom =
    " FROM sessions s JOIN scenario_snapshots sn ON sn.sha256 = s.snapshot "
    "LEFT JOIN events e ON e.uuid = s.event ";
inline std::string summary_select() {
  return std::string("SELECT ") + kSummaryCols + kSummaryFrom;
}
constexpr const char* kEventCols = "SELECT uuid, name, date, kind, facilitator FROM events ";
constexpr const char* kParticipantCols =
    "SELECT uuid, display_name, role, pseudonym, erased_at FROM participants ";
constexpr const char* kActionCols =
    "SELECT uuid, session, finding, action_text, owner, due_date, priority, status, "
    "recommendation FROM actions ";
constexpr const char* kDecisionCols =
    "seq, node, choice, kind, time_taken_ms, votes, rationale, dissent, pursue, prevent, "
    "protect, prepare, state_after, recorded_at";
// The same for the bulk reads: each decision's state after it is what undo and resuming need
// and no report reads, yet it is most of a session's bytes (a JSON copy of the engine's state
// per decision); load_sessions leaves it empty.
constexpr const char* kDecisionColsWithoutState =
    "seq, node, choice, kind, time_taken_ms, votes, rationale, dissent, pursue, prevent, "
    "protect, prepare, '', recorded_at";
constexpr const char* kNoteCols =
    "uuid, kind, node, body, part_b, coalesce(author, ''), created_at";
constexpr const char* kOverrideCols = "uuid, pillar, delta, reason, overridden_by, created_at";

SessionSummary read_summary(Stmt& q);
Event read_event(Stmt& q);
Participant read_participant(Stmt& q);
ActionItem read_action(Stmt& q);
DecisionRecord read_decision(Stmt& q);
Note read_note(Stmt& q);
ScoreOverride read_override(Stmt& q);

// Column names of `schema`.`table`, in declaration order.
std::vector<std::string> table_columns(Db& db, const std::string& schema, const std::string& table);
// The ids of the event with this id, or of every event with this name (names repeat across
// evenings); NotFound when there is none.
std::vector<std::string> event_ids(Db& db, const std::string& event);
// Every table of `schema` (excluding SQLite's own), sorted by name.
std::vector<std::string> table_names(Db& db, const std::string& schema);
// "a, b, c"
std::string join_columns(const std::vector<std::string>& cols, const std::string& prefix = "");

// Creates an empty file with mode 0600 (and missing folders 0700); fails if it exists.
void create_private_file_exclusive(const std::filesystem::path& path);

// Removes a database file and its -wal/-shm/-journal companions (for files this process made).
void remove_db_files(const std::filesystem::path& path);

}  // namespace auditsim::store
