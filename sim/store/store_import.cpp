// Merging another laptop's results database into this one.
//
// The other file is hostile until proven otherwise: it is inspected read-only (header,
// application_id, version, quick_check), must have exactly this program's tables and no views or
// triggers, and is ATTACHed read-only to a connection in defensive mode with trusted_schema=OFF.
// Sessions are keyed by UUID: new ones are copied with everything that hangs off them; ones that
// already exist are compared row by row and either counted as identical or reported as conflicts.
// Nothing already here is ever overwritten, so importing the same file twice changes nothing.
#include <cctype>
#include <map>
#include <set>
#include <utility>

#include "sim/store/schema.hpp"
#include "sim/store/store_impl.hpp"
#include "sim/store/store_redact.hpp"

namespace auditsim::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSrc = "import_src";

std::string file_uri(const fs::path& p) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file:";
  for (unsigned char c : p.string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xf];
    }
  }
  return out + "?mode=ro";
}

[[noreturn]] void foreign(const fs::path& p, const std::string& why) {
  throw StoreError(ErrorKind::Foreign, "The file to import " + describe(p) + " " + why +
                                           ". It was not imported and has not been changed.");
}

// The other file must look exactly like ours: same tables with the same columns, no views or
// triggers (which would run its own SQL when read).
void check_shape(Db& mine, Db& theirs, const fs::path& p) {
  if (theirs.scalar_int("SELECT count(*) FROM sqlite_schema WHERE type IN ('view', 'trigger')")
          .value_or(0) > 0) {
    foreign(p, "contains views or triggers that auditsim never creates");
  }
  auto names = table_names(mine, "main");
  if (table_names(theirs, "main") != names) foreign(p, "does not have auditsim's tables");
  for (const auto& t : names) {
    if (table_columns(theirs, "main", t) != table_columns(mine, "main", t)) {
      foreign(p, "has a table '" + t + "' that differs from auditsim's");
    }
  }
}

// An older file is upgraded in a private temporary copy; the original is never written.
fs::path upgraded_copy(const fs::path& other, const fs::path& beside) {
  fs::path tmp = beside.parent_path() / (".import-" + new_uuid() + ".db");
  create_private_file_exclusive(tmp);
  try {
    Db src = Db::open(other.string(), OpenMode::ReadOnly);
    Db dst = Db::open(tmp.string(), OpenMode::ReadWrite);
    backup(src, dst);
    migrate(dst);
  } catch (...) {
    remove_db_files(tmp);
    throw;
  }
  return tmp;
}

// Detaches the imported file and drops the temporary copy, whatever happens.
struct AttachGuard {
  Db& db;
  fs::path temp;
  ~AttachGuard() {
    db.exec_noexcept(std::string("DETACH ") + kSrc);
    if (!temp.empty()) remove_db_files(temp);
  }
};

using Prints = std::map<std::pair<std::string, std::string>, std::string>;

// Canonical text of every row of the overlapping sessions, per (session, table).
void fingerprint(Db& db, const std::string& schema, Prints& out) {
  for (const auto& t : kSessionTables) {
    auto cols = table_columns(db, "main", t.name);
    std::string expr;
    for (const auto& c : cols) {
      if (!expr.empty()) expr += " || char(31) || ";
      expr += "quote(" + c + ")";
    }
    Stmt q(db.handle(), "SELECT " + std::string(t.session_col) + ", " + expr + " FROM " + schema +
                            "." + t.name + " WHERE " + t.session_col +
                            " IN (SELECT uuid FROM temp.import_both) ORDER BY " + t.session_col +
                            ", " + t.order_by);
    while (q.step()) {
      std::string& s = out[{q.column_text(0), t.name}];
      s += q.column_text(1);
      s += '\x1e';
    }
  }
}

// Rows with the same key here and there but different content (events, participants, snapshots).
void shared_row_conflicts(Db& db, const char* table, const char* key_col, const char* kind,
                          std::vector<std::string> compare, ImportReport& report) {
  std::string diff;
  for (const auto& c : compare) {
    if (!diff.empty()) diff += " OR ";
    diff += "o." + c + " IS NOT m." + c;
  }
  Stmt q(db.handle(), std::string("SELECT o.") + key_col + " FROM " + kSrc + "." + table +
                          " o JOIN main." + table + " m ON m." + key_col + " = o." + key_col +
                          " WHERE " + diff + " ORDER BY o." + key_col);
  while (q.step()) {
    report.conflicts.push_back({kind, q.column_text(0),
                                std::string("the other file's ") + kind +
                                    " differs; this database's was kept"});
  }
}

}  // namespace

ImportReport Store::import_from(const fs::path& other_in) {
  fs::path other = fs::absolute(other_in).lexically_normal();
  std::error_code ec;
  if (!fs::is_regular_file(other, ec)) {
    throw StoreError(ErrorKind::Io, describe(other) + " does not exist or is not a file.");
  }
  if (fs::equivalent(other, impl_->path, ec)) {
    throw StoreError(ErrorKind::Invalid, describe(other) + " is this results database itself.");
  }
  Inspection in = inspect_readonly(other, "The file to import", false);
  ImportReport report;
  if (in.new_database) return report;  // an empty database holds nothing to import

  Db& db = impl_->db;
  fs::path source = other;
  fs::path temp;
  if (in.version < kSchemaVersion) source = temp = upgraded_copy(other, impl_->path);
  try {
    Db theirs = Db::open(source.string(), OpenMode::ReadOnly);
    check_shape(db, theirs, other);
  } catch (...) {
    if (!temp.empty()) remove_db_files(temp);
    throw;
  }

  {
    Stmt attach(db.handle(), std::string("ATTACH ? AS ") + kSrc);
    attach.bind(1, file_uri(source));
    attach.run();
  }
  AttachGuard guard{db, temp};

  Transaction tx(db);
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS import_new(uuid TEXT PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS import_both(uuid TEXT PRIMARY KEY);"
      "DELETE FROM temp.import_new; DELETE FROM temp.import_both;");
  db.exec(std::string("INSERT INTO temp.import_new SELECT uuid FROM ") + kSrc +
          ".sessions WHERE uuid NOT IN (SELECT uuid FROM main.sessions);"
          "INSERT INTO temp.import_both SELECT uuid FROM " + kSrc +
          ".sessions WHERE uuid IN (SELECT uuid FROM main.sessions);");

  shared_row_conflicts(db, "events", "uuid", "event", {"name", "date", "kind", "facilitator"},
                       report);
  shared_row_conflicts(db, "participants", "uuid", "participant",
                       {"display_name", "role", "pseudonym", "erased_at"}, report);
  shared_row_conflicts(db, "scenario_snapshots", "sha256", "snapshot",
                       {"scenario_id", "version", "title", "classification", "source_text", "evidence_files"},
                       report);

  const std::string src = kSrc;
  const std::string new_sessions = "(SELECT uuid FROM temp.import_new)";
  auto copy = [&](const std::string& table, const std::string& where) {
    auto cols = join_columns(table_columns(db, "main", table));
    db.exec("INSERT OR IGNORE INTO main." + table + "(" + cols + ") SELECT " + cols + " FROM " +
            src + "." + table + " WHERE " + where);
  };
  // Parents first, so the foreign keys hold at every step.
  copy("scenario_snapshots",
       "sha256 IN (SELECT snapshot FROM " + src + ".sessions WHERE uuid IN " + new_sessions + ")");
  copy("events", "uuid IN (SELECT event FROM " + src + ".sessions WHERE uuid IN " +
                     new_sessions + ")");
  copy("participants", "uuid IN (SELECT participant FROM " + src +
                           ".session_participants WHERE session IN " + new_sessions +
                           ") OR uuid IN (SELECT author FROM " + src +
                           ".notes WHERE session IN " + new_sessions + ")");
  for (const auto& t : kSessionTables) {
    copy(t.name, std::string(t.session_col) + " IN " + new_sessions);
  }
  import_redactions(db, src, report);
  keep_erased_out(db, src, new_sessions, report);  // erasures here stand
  report.sessions_added =
      static_cast<int>(db.scalar_int("SELECT count(*) FROM temp.import_new").value_or(0));

  Prints mine, theirs;
  fingerprint(db, "main", mine);
  fingerprint(db, src, theirs);
  Stmt both(db.handle(), "SELECT uuid FROM temp.import_both ORDER BY uuid");
  while (both.step()) {
    std::string id = both.column_text(0);
    std::string differs;
    for (const auto& t : kSessionTables) {
      std::pair<std::string, std::string> k{id, t.name};
      auto a = mine.find(k);
      auto b = theirs.find(k);
      std::string va = a == mine.end() ? std::string() : a->second;
      std::string vb = b == theirs.end() ? std::string() : b->second;
      if (va != vb) differs += std::string(differs.empty() ? "" : ", ") + t.name;
    }
    if (differs.empty()) {
      ++report.skipped_identical;
    } else {
      report.conflicts.push_back(
          {"session", id, "differs in " + differs + "; this database's copy was kept"});
    }
  }
  both.reset();
  db.exec("DELETE FROM temp.import_new; DELETE FROM temp.import_both;");
  tx.commit();
  return report;
}

}  // namespace auditsim::store
