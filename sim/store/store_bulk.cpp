// Reading many full session records at once. load_session runs about ten queries per session;
// a scrutiny report over thousands of sessions instead runs one query per table here, each
// ordered by session id, and walks them side by side like a merge.
#include <map>
#include <optional>
#include <nlohmann/json.hpp>

#include "sim/store/audit_rows.hpp"
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

namespace {

// The ids as a JSON array for json_each(?1): one parameter however many sessions there are.
// Text that is not valid UTF-8 cannot be a stored id, so replacing it only makes it not match.
std::string ids_json(const std::vector<std::string>& ids) {
  return nlohmann::json(ids).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

constexpr const char* kSelected = "IN (SELECT value FROM json_each(?1)) ";
constexpr const char* kSelectedTable = "IN (SELECT uuid FROM temp.selected_sessions) ";

// From this many sessions on, a server reads each child table whole instead of session by
// session (see ServerBulkRead).
constexpr size_t kServerBulkFrom = 2000;

// A report over many sessions on PostgreSQL. Its planner takes a set-returning function to
// give 100 rows, so it would look up 100,000 sessions' decisions one session at a time through
// the index: 1.4 million scattered heap reads, about 9 s where scanning the table and sorting
// it takes about 2.5 s. So the ids go into a temporary table the planner has statistics for,
// and while the child tables' queries run, index scans are off for this transaction. Each query
// is a server cursor, planned when its first row is asked for, which each Rows does as it is
// made, so the switch is set before them and reset after (the sessions' own query, which walks
// the primary key, is first stepped after). Dropped with the read transaction.
class ServerBulkRead {
 public:
  ServerBulkRead(Db& db, const std::string& ids) : db_(db) {
    db_.exec("DROP TABLE IF EXISTS temp.selected_sessions");
    db_.exec("CREATE TEMP TABLE selected_sessions (uuid TEXT COLLATE \"C\" PRIMARY KEY) ON COMMIT DROP");
    Query fill = db_.query("INSERT INTO temp.selected_sessions SELECT DISTINCT value FROM json_each(?1)");
    fill->bind(1, ids);
    fill->step();
    db_.exec("ANALYZE temp.selected_sessions");
    db_.exec("SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off");
  }
  // The child tables have been read: the sessions' query may use the index again.
  void children_read() { db_.exec("RESET enable_indexscan; RESET enable_bitmapscan"); }

 private:
  Db& db_;
};

// Rows a server cursor hands over at a time: a batch of the decisions or of the sessions'
// saved states is a few MB, where the whole result for 100,000 sessions is about a GB.
constexpr int kServerBatch = 5000;

// One query's rows in a read: a cached statement with the ids as its parameter, or, when the
// ids are in the temporary table, a server cursor read in batches.
class BulkQuery {
 public:
  BulkQuery(Db& db, const std::string& sql, const std::string& ids) {
    if (ids.empty()) {
      cursor_ = db.cursor(sql, kServerBatch);
      stmt_ = cursor_.get();
    } else {
      cached_.emplace(*db.query(sql));  // the cached statement, reset when this goes
      stmt_ = &**cached_;
      stmt_->bind(1, ids);
    }
  }
  Stmt* operator->() { return stmt_; }
  Stmt& operator*() { return *stmt_; }

 private:
  std::unique_ptr<Stmt> cursor_;
  std::optional<Query> cached_;
  Stmt* stmt_ = nullptr;
};

// One child table's rows, ordered by session: `session_col` names the column holding the
// session id. take() hands over the rows of one session, skipping any of sessions before it.
class Rows {
 public:
  Rows(Db& db, const std::string& sql, const std::string& ids, int session_col)
      : q_(db, sql, ids), col_(session_col) {
    advance();
  }
  template <typename Fn>
  void take(const std::string& session, Fn&& read) {
    while (more_ && session_ < session) advance();
    while (more_ && session_ == session) {
      read(*q_);
      advance();
    }
  }

 private:
  void advance() {
    more_ = q_->step();
    if (more_) session_ = q_->column_text(col_);
  }
  BulkQuery q_;
  int col_;
  bool more_ = false;
  std::string session_;
};

}  // namespace

void Store::load_sessions(const std::vector<std::string>& ids,
                          const std::function<void(const SessionRecord&)>& visit) {
  if (ids.empty()) return;
  Db& db = impl_->db;
  ReadTransaction snapshot(db);
  const std::string json = ids_json(ids);
  std::optional<ServerBulkRead> server_bulk;
  if (db.is_postgres() && ids.size() >= kServerBulkFrom) server_bulk.emplace(db, json);
  // Either way the queries name the selected ids the same; only json_each takes a parameter.
  const char* const selected = server_bulk ? kSelectedTable : kSelected;
  const std::string param = server_bulk ? std::string() : json;
  // Every query is ordered by session id first, so the rows of one session arrive together
  // and in the same order as the sessions themselves; within a session, each keeps the order
  // load_session uses. The session id is the column after those the row reader takes.
  // The decision count is that of the decisions read below, not a query per session.
  BulkQuery sessions(db,
                     std::string("SELECT ") + kSummaryColsUncounted +
                         ", s.snapshot, s.audience, s.state_json" + kSummaryFrom + "WHERE s.uuid " +
                         selected + "ORDER BY s.uuid",
                     param);
  Rows participants(db,
                    "SELECT p.uuid, p.display_name, p.role, p.pseudonym, p.erased_at, sp.session "
                    "FROM session_participants sp JOIN participants p ON p.uuid = sp.participant "
                    "WHERE sp.session " + std::string(selected) +
                        "ORDER BY sp.session, p.display_name, p.uuid",
                    param, 5);
  Rows decisions(db,
                 std::string("SELECT ") + kDecisionColsWithoutState +
                     ", session FROM decisions WHERE session " +
                     selected + "ORDER BY session, seq",
                 param, 14);
  Rows notes(db,
             std::string("SELECT ") + kNoteCols + ", session FROM notes WHERE session " +
                 selected + "ORDER BY session, created_at, rowid",
             param, 7);
  Rows overrides(db,
                 std::string("SELECT ") + kOverrideCols +
                     ", session FROM score_overrides WHERE session " + selected +
                     "ORDER BY session, created_at, rowid",
                 param, 6);
  Rows actions(db,
               std::string(kActionCols) + "WHERE session " + selected +
                   "ORDER BY session, created_at, rowid",
               param, 1);
  // The desktop audit's rows, one query per table, as read_audit orders them.
  auto audit_rows = [&](const char* cols, int count, const char* table, const char* order) {
    return Rows(db,
                std::string("SELECT ") + cols + ", session FROM " + table + " WHERE session " +
                    selected + "ORDER BY session, " + order,
                param, count);
  };
  Rows checks = audit_rows(kCheckCols, kCheckColCount, "control_checks", kCheckOrder);
  Rows recommendations = audit_rows(kRecommendationCols, kRecommendationColCount,
                                    "recommendations", kRecommendationOrder);
  Rows responses = audit_rows(kResponseCols, kResponseColCount, "responses", "seq");
  Rows opinions = audit_rows(kOpinionCols, kOpinionColCount, "opinion_settings", "seq");
  Rows scope = audit_rows(kScopeCols, kScopeColCount, "audit_scope", "seq");
  Rows updates = audit_rows(kActionUpdateCols, kActionUpdateColCount, "action_updates", "seq");
  Rows acks(db,
            std::string("SELECT inject, acknowledged_at, session FROM inject_acks WHERE session ") +
                selected + "ORDER BY session, acknowledged_at, inject",
            param, 2);
  if (server_bulk) server_bulk->children_read();

  // Snapshots and events are shared by many sessions: each is read once. One record is reused
  // for every session, and its snapshot is only replaced when the next session's differs, so
  // a large scenario source is not copied per session.
  std::map<std::string, Snapshot> snapshots;
  std::map<std::string, std::optional<Event>> events;
  SessionRecord r;
  while (sessions->step()) {
    r.summary = read_summary(*sessions);
    const std::string sha = sessions->column_text(kSummaryColCount);
    r.audience = sessions->column_text(kSummaryColCount + 1);
    r.state_json = sessions->column_text(kSummaryColCount + 2);
    if (r.snapshot.sha256 != sha) {
      auto it = snapshots.find(sha);
      if (it == snapshots.end())
        it = snapshots.emplace(sha, find_snapshot(sha).value_or(Snapshot{})).first;
      r.snapshot = it->second;
    }
    r.event.reset();
    if (!r.summary.event_id.empty()) {
      auto it = events.find(r.summary.event_id);
      if (it == events.end())
        it = events.emplace(r.summary.event_id, find_event(r.summary.event_id)).first;
      r.event = it->second;
    }
    const std::string& id = r.summary.id;
    r.participants.clear();
    participants.take(id, [&](Stmt& q) { r.participants.push_back(read_participant(q)); });
    r.decisions.clear();
    decisions.take(id, [&](Stmt& q) { r.decisions.push_back(read_decision(q)); });
    r.summary.decisions = static_cast<int64_t>(r.decisions.size());
    r.notes.clear();
    notes.take(id, [&](Stmt& q) { r.notes.push_back(read_note(q)); });
    r.overrides.clear();
    overrides.take(id, [&](Stmt& q) { r.overrides.push_back(read_override(q)); });
    r.actions.clear();
    actions.take(id, [&](Stmt& q) { r.actions.push_back(read_action(q)); });
    r.inject_acks.clear();
    acks.take(id, [&](Stmt& q) { r.inject_acks.push_back({q.column_text(0), q.column_text(1)}); });
    audit::AuditRecord& a = r.audit;
    a = audit::AuditRecord{};
    checks.take(id, [&](Stmt& q) { a.checks.push_back(read_check(q)); });
    recommendations.take(id, [&](Stmt& q) { a.recommendations.push_back(read_recommendation(q)); });
    responses.take(id, [&](Stmt& q) { a.responses.push_back(read_response(q)); });
    opinions.take(id, [&](Stmt& q) { a.opinions.push_back(read_opinion(q)); });
    scope.take(id, [&](Stmt& q) { a.scope.push_back(read_scope(q)); });
    updates.take(id, [&](Stmt& q) { a.action_updates.push_back(read_action_update(q)); });
    visit(r);
  }
}

}  // namespace auditsim::store
