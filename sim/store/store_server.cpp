// Opening the store on a council's PostgreSQL server (postgresql://…). The same guarantees as a
// file: the database is looked at before anything is written, one holding tables auditsim did
// not make is refused untouched, a newer schema is refused, an older one is upgraded by the same
// steps as a file (translated, sim/store/sql_dialect.hpp).
#include <algorithm>
#include <set>

#include "sim/store/schema.hpp"
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

const std::set<std::string>& server_tables() {
  static const std::set<std::string> t = {
      "auditsim_schema", "scenario_snapshots", "events", "participants", "sessions",
      "session_participants", "decisions", "notes", "score_overrides", "actions", "inject_acks",
      "event_redactions", "erasures", "control_checks", "recommendations", "responses",
      "opinion_settings", "audit_scope", "action_updates", "front_sheets", "xapi_outbox",
      "device_votes"};
  return t;
}

namespace {

void inspect_server(Db& db) {
  const std::string name = "The results database " + db.path();
  std::vector<std::string> foreign;
  {
    Query q = db.query("SELECT table_name FROM information_schema.tables "
                       "WHERE table_schema = current_schema() ORDER BY table_name");
    while (q->step()) {
      std::string t = q->column_text(0);
      if (!server_tables().count(t)) foreign.push_back(t);
    }
  }
  SchemaInfo info = read_schema_info(db);
  if (info.empty) return;
  if (info.application_id != kApplicationId || !foreign.empty()) {
    std::string which;
    for (size_t i = 0; i < foreign.size() && i < 5; ++i) which += (i ? ", " : "") + foreign[i];
    throw StoreError(ErrorKind::Foreign,
                     name + " holds tables auditsim did not make" +
                         (which.empty() ? std::string() : " (" + which + ")") +
                         ". Give auditsim a database (or a schema) of its own; nothing has been "
                         "changed.");
  }
  if (info.user_version > kSchemaVersion) {
    throw StoreError(ErrorKind::TooNew,
                     name + " was set up by a newer version of auditsim (schema " +
                         std::to_string(info.user_version) + "; this version knows up to " +
                         std::to_string(kSchemaVersion) + "). Update auditsim on this computer; "
                         "nothing has been changed.");
  }
}

// The two working roles' privileges (packaging/postgres/roles.sql makes the roles). Granted by
// the schema's owner every time it opens the store, so a new table of an upgrade is covered at
// once. The recorder may add and change what play records and read what resuming needs; it may
// not insert or change erasure tombstones nor rename participants, which are what erasure
// writes, and may delete only what a facilitator corrects during play (notes, actions and their
// updates) and statements an undo withdraws before they are sent. The
// reporter may do everything to the rows; neither may change the tables themselves.
void grant_roles(Db& db) {
  Query owner = db.query("SELECT tableowner = current_user FROM pg_tables "
                         "WHERE schemaname = current_schema() AND tablename = 'sessions'");
  if (!owner->step() || owner->column_int(0) == 0) return;
  Query roles = db.query("SELECT count(*) FROM pg_roles "
                         "WHERE rolname IN ('auditsim_recorder', 'auditsim_reporter')");
  if (!roles->step() || roles->column_int(0) != 2) return;
  // The version table is read by both and written only by the owner.
  std::string rows;
  for (const std::string& t : server_tables())
    if (t != "auditsim_schema") rows += (rows.empty() ? "" : ", ") + t;
  const std::string schema = db.scalar_text("SELECT current_schema()").value_or("public");
  db.exec("GRANT USAGE ON SCHEMA " + schema + " TO auditsim_recorder, auditsim_reporter;"
          "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema +
          " TO auditsim_recorder, auditsim_reporter;"
          "GRANT SELECT ON auditsim_schema TO auditsim_recorder, auditsim_reporter;"
          "GRANT SELECT, INSERT, UPDATE, DELETE ON " + rows + " TO auditsim_reporter;"
          "GRANT SELECT, INSERT, UPDATE ON " + rows + " TO auditsim_recorder;"
          "REVOKE INSERT, UPDATE ON erasures FROM auditsim_recorder;"
          "REVOKE UPDATE ON participants FROM auditsim_recorder;"
          "GRANT DELETE ON notes, actions, action_updates, xapi_outbox TO auditsim_recorder;");
}

}  // namespace

bool is_server_address(const std::string& where) {
  return where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0;
}

Store open_server_store(const std::string& url) {
  Db db = Db::open_postgres(url);
  inspect_server(db);
  migrate(db);
  grant_roles(db);
  return Store(std::make_unique<Store::Impl>(
      Store::Impl{std::filesystem::path(db.path()), std::move(db), {}, std::nullopt, url}));
}

}  // namespace auditsim::store
