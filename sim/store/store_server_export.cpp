// An export of one event from a server to a new SQLite file (a committee clerk's copy, or the
// evening's file for another laptop). A file is copied page by page with SQLite's backup API
// and then trimmed (store_maintain.cpp); a server cannot be copied that way, so the event's rows
// are copied table by table, parents first, into a new database this program has just made.
#include "sim/store/store_server_export.hpp"

#include <nlohmann/json.hpp>

#include "sim/store/store_impl.hpp"

namespace auditsim::store {

namespace {

// Copies the rows of `table` that `where` selects (it may use ?1, the events' ids as a JSON
// array) from `from` into `to`, column by column as the destination names them.
void copy_rows(Db& from, Db& to, const std::string& table, const std::string& where,
               const std::string& ids_json) {
  const auto cols = table_columns(to, "main", table);
  const std::string list = join_columns(cols);
  Stmt read(from, "SELECT " + list + " FROM " + table + " WHERE " + where);
  if (where.find("?1") != std::string::npos) read.bind(1, ids_json);
  std::string placeholders;
  for (size_t i = 0; i < cols.size(); ++i) placeholders += i ? ", ?" : "?";
  const std::string insert =
      "INSERT INTO " + table + "(" + list + ") VALUES(" + placeholders + ")";
  while (read.step()) {
    Query q = to.query(insert);
    for (int c = 0; c < static_cast<int>(cols.size()); ++c) {
      if (read.column_null(c)) {
        q->bind_null(c + 1);
      } else {
        q->bind(c + 1, read.column_text(c));
      }
    }
    q->run();
  }
}

}  // namespace

void export_from_server(Db& server, const std::vector<std::string>& event_ids, Db& file) {
  const std::string ids = nlohmann::json(event_ids).dump();
  const std::string events = "(SELECT value FROM json_each(?1))";
  const std::string sessions = "(SELECT uuid FROM sessions WHERE event IN " + events + ")";
  ReadTransaction snapshot(server);
  Transaction tx(file);
  copy_rows(server, file, "scenario_snapshots",
            "sha256 IN (SELECT snapshot FROM sessions WHERE event IN " + events + ")", ids);
  copy_rows(server, file, "events", "uuid IN " + events, ids);
  copy_rows(server, file, "participants",
            "uuid IN (SELECT participant FROM session_participants WHERE session IN " +
                sessions + ") OR uuid IN (SELECT author FROM notes WHERE session IN " + sessions +
                ")",
            ids);
  for (const auto& t : kSessionTables) {
    copy_rows(server, file, t.name,
              std::string(t.session_col) + " IN " + (std::string(t.name) == "sessions"
                                                         ? "(SELECT uuid FROM sessions WHERE "
                                                           "event IN " + events + ")"
                                                         : sessions),
              ids);
  }
  copy_rows(server, file, "event_redactions", "event IN " + events, ids);
  copy_rows(server, file, "front_sheets", "event IN " + events, ids);
  // Tombstones are ids only: they keep an erased person from coming back through this file.
  copy_rows(server, file, "erasures", "true", ids);
  tx.commit();
}

}  // namespace auditsim::store
