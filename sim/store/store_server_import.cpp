// An import into a server (a laptop's file pushed to the council's PostgreSQL after an evening).
// On SQLite the file is ATTACHed as import_src and the import's queries read it directly; a
// server cannot attach a file, so the file's tables are copied, once it has passed the same
// inspection, into temporary tables import_src_<table> of the server connection (with each
// row's SQLite rowid, which the audit merge orders by), and the same queries then read those
// (sim/store/sql_dialect.cpp turns import_src.t into pg_temp.import_src_t).
#include "sim/store/store_server_import.hpp"

#include <set>
#include <string>

#include "sim/store/store_impl.hpp"

namespace auditsim::store {

namespace {

// The tables SQLite keeps without a rowid (their key is their identity); their rows are
// numbered as they are read instead.
const std::set<std::string>& tables_without_rowid() {
  static const std::set<std::string> t = {"session_participants", "inject_acks",
                                          "event_redactions"};
  return t;
}

}  // namespace

void stage_import_source(Db& server, const std::filesystem::path& sqlite_file) {
  Db src = open_other_readonly(sqlite_file);
  ReadTransaction snapshot(src);
  const auto tables = table_names(src, "main");
  Transaction tx(server);
  for (const std::string& t : tables) {
    const auto cols = table_columns(src, "main", t);
    if (cols.empty()) continue;
    // Names come from a file that passed the shape check: each is one of this program's tables.
    server.exec("DROP TABLE IF EXISTS pg_temp.import_src_" + t);
    server.exec("CREATE TEMP TABLE import_src_" + t + " (LIKE " + t + " INCLUDING DEFAULTS)");
    const bool no_rowid = tables_without_rowid().count(t) > 0;
    Stmt read(src, "SELECT " + std::string(no_rowid ? "0" : "rowid") + ", " + join_columns(cols) +
                       " FROM main." + t);
    std::string placeholders = "?";
    for (size_t i = 0; i < cols.size(); ++i) placeholders += ", ?";
    const std::string insert = "INSERT INTO import_src." + t + "(rowid, " + join_columns(cols) +
                               ") VALUES(" + placeholders + ")";
    int64_t number = 0;
    while (read.step()) {
      Query q = server.query(insert);
      ++number;
      q->bind(1, no_rowid ? number : read.column_int(0));
      for (int c = 1; c <= static_cast<int>(cols.size()); ++c) {
        if (read.column_null(c)) {
          q->bind_null(c + 1);
        } else {
          q->bind(c + 1, read.column_text(c));
        }
      }
      q->run();
    }
  }
  tx.commit();
  server.clear_cache();
}

void drop_import_source(Db& server) noexcept {
  server.clear_cache();
  for (const std::string& t : server_tables())
    server.exec_noexcept("DROP TABLE IF EXISTS pg_temp.import_src_" + t);
}

}  // namespace auditsim::store
