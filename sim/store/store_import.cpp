// Merging another laptop's results database into this one.
//
// The other file is hostile until proven otherwise: it is inspected read-only (header,
// application_id, version, quick_check), must have exactly this program's tables and no views or
// triggers, and is ATTACHed read-only to a connection in defensive mode with trusted_schema=OFF.
// Sessions are keyed by UUID: new ones are copied with everything that hangs off them; ones that
// already exist are compared row by row and either counted as identical or reported as conflicts.
// The desktop audit's rows, and the improvement actions of sessions already here, are merged
// one by one instead (audit_import.cpp): what was added on either laptop is kept.
// Nothing already here is ever overwritten, so importing the same file twice changes nothing.
#include <map>
#include <optional>
#include <set>
#include <utility>

#include <sqlite3.h>

#include "sim/sha256.hpp"
#include "sim/store/audit_import.hpp"
#include "sim/store/schema.hpp"
#include "sim/store/schema_check.hpp"
#include "sim/store/store_impl.hpp"
#include "sim/store/store_redact.hpp"
#include "sim/store/store_server_import.hpp"

namespace auditsim::store {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSrc = "import_src";

constexpr const char* kWhat = "the file to import";

[[noreturn]] void foreign(const fs::path& p, const std::string& why) {
  throw StoreError(ErrorKind::Foreign, "Import refused: the file to import " + describe(p) + " " +
                                           why + ". Nothing was imported; the file has not been "
                                                 "changed.");
}

// Every refusal says that the other file was refused, names it and says why, and never blames
// this results database for what SQLite reported about the other file.
[[noreturn]] void refuse_other(const fs::path& p, const StoreError& e) {
  std::string why = e.what();
  const std::string named = std::string(kWhat) + " " + describe(p);
  if (why.rfind("Import refused: ", 0) == 0) throw e;
  if (why.rfind(named, 0) != 0) {
    why = named + " could not be read (" +
          (e.sqlite_code() ? std::string(sqlite3_errstr(e.sqlite_code())) : why) +
          "); the file has not been changed.";
  }
  throw StoreError(e.kind(), "Import refused: " + why + " Nothing was imported.", e.sqlite_code());
}

// The other file must be exactly this program's schema (inspection has compared it for its own
// version; this compares the copy that is read, which may have been upgraded).
void check_shape(Db& theirs, const fs::path& p) {
  if (std::string diff = schema_difference(theirs, kSchemaVersion); !diff.empty()) foreign(p, diff);
}

// A scenario snapshot is keyed by the sha256 of its text; one whose text does not match would
// replace the genuine scenario for every later session here that plays it.
void check_snapshots(Db& db, const fs::path& p) {
  Stmt q(db, std::string("SELECT sha256, scenario_id, source_text FROM ") + kSrc +
                          ".scenario_snapshots ORDER BY sha256");
  while (q.step()) {
    if (sha256_hex(q.column_text(2)) != q.column_text(0)) {
      foreign(p, "holds a copy of scenario '" + q.column_text(1) +
                     "' whose text does not match its sha256 key (" + q.column_text(0) +
                     "), so it has been altered");
    }
  }
}

// An older file is upgraded in a private temporary copy; the original is never written.
fs::path upgraded_copy(const fs::path& other, const fs::path& beside) {
  fs::path tmp = beside.parent_path() / (".import-" + new_uuid() + ".db");
  create_private_file_exclusive(tmp);
  try {
    std::optional<Db> src;
    try {
      src.emplace(open_other_readonly(other));
    } catch (const StoreError& e) {
      refuse_other(other, e);
    }
    Db dst = Db::open(tmp.string(), OpenMode::ReadWrite);
    backup(*src, dst);
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
    db.clear_cache();  // statements cached during the import may read the attached file
    if (db.is_postgres()) {
      drop_import_source(db);
    } else {
      db.exec_noexcept(std::string("DETACH ") + kSrc);
    }
    if (!temp.empty()) remove_db_files(temp);
  }
};

using Prints = std::map<std::pair<std::string, std::string>, std::string>;

// Canonical text of every row of the overlapping sessions, per (session, table).
void fingerprint(Db& db, const std::string& schema, Prints& out) {
  for (const auto& t : kSessionTables) {
    if (t.merge != Merge::Whole) continue;
    auto cols = table_columns(db, "main", t.name);
    std::string expr;
    for (const auto& c : cols) {
      if (!expr.empty()) expr += " || char(31) || ";
      expr += "quote(" + c + ")";
    }
    Stmt q(db, "SELECT " + std::string(t.session_col) + ", " + expr + " FROM " + schema +
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
  Stmt q(db, std::string("SELECT o.") + key_col + " FROM " + kSrc + "." + table +
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
  if (!fs::exists(other, ec)) {
    throw StoreError(ErrorKind::Io, "Import refused: the file to import " + describe(other) +
                                        " does not exist. Nothing was imported.");
  }
  if (fs::equivalent(other, impl_->path, ec)) {
    throw StoreError(ErrorKind::Invalid, "Import refused: " + describe(other) +
                                             " is this results database itself.");
  }
  Inspection in;
  try {
    in = inspect_readonly(other, kWhat, false);
  } catch (const StoreError& e) {
    refuse_other(other, e);
  }
  ImportReport report;
  if (in.new_database) return report;  // an empty database holds nothing to import

  Db& db = impl_->db;
  fs::path source = other;
  fs::path temp;
  // An upgraded copy is made beside this database, or in the temporary folder for a server.
  const fs::path beside = db.is_postgres() ? fs::temp_directory_path() / "auditsim-import"
                                           : impl_->path;
  if (in.version < kSchemaVersion) source = temp = upgraded_copy(other, beside);
  try {
    Db theirs = open_other_readonly(source);
    check_shape(theirs, other);
  } catch (const StoreError& e) {
    if (!temp.empty()) remove_db_files(temp);
    refuse_other(other, e);
  } catch (...) {
    if (!temp.empty()) remove_db_files(temp);
    throw;
  }

  try {
    if (db.is_postgres()) {
      stage_import_source(db, source);
    } else {
      Stmt attach(db, std::string("ATTACH ? AS ") + kSrc);
      attach.bind(1, readonly_uri(source));
      attach.run();
    }
  } catch (const StoreError& e) {
    if (!temp.empty()) remove_db_files(temp);
    refuse_other(other, e);
  }
  AttachGuard guard{db, temp};
  check_snapshots(db, other);

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
  // Every row is copied with a plain INSERT, so one that breaks a NOT NULL, CHECK, UNIQUE or
  // foreign-key rule stops the import (rolled back) instead of being dropped unnoticed. Parents
  // already here are skipped by key and kept as they are.
  auto copy = [&](const std::string& table, const std::string& where) {
    auto cols = join_columns(table_columns(db, "main", table));
    try {
      db.exec("INSERT INTO main." + table + "(" + cols + ") SELECT " + cols + " FROM " + src +
              "." + table + " WHERE " + where);
    } catch (const StoreError& e) {
      if (e.kind() != ErrorKind::Invalid) throw;
      foreign(other, "has a row of '" + table + "' that breaks auditsim's rules (" +
                         (db.is_postgres() ? std::string(e.what())
                                           : std::string(sqlite3_errmsg(db.handle()))) +
                         ")");
    }
  };
  auto not_here = [&](const std::string& table, const std::string& key) {
    return " AND " + key + " NOT IN (SELECT " + key + " FROM main." + table + ")";
  };
  // Parents first, so the foreign keys hold at every step.
  copy("scenario_snapshots",
       "sha256 IN (SELECT snapshot FROM " + src + ".sessions WHERE uuid IN " + new_sessions +
           ")" + not_here("scenario_snapshots", "sha256"));
  copy("events", "uuid IN (SELECT event FROM " + src + ".sessions WHERE uuid IN " +
                     new_sessions + ")" + not_here("events", "uuid"));
  copy("participants", "(uuid IN (SELECT participant FROM " + src +
                           ".session_participants WHERE session IN " + new_sessions +
                           ") OR uuid IN (SELECT author FROM " + src +
                           ".notes WHERE session IN " + new_sessions + "))" +
                           not_here("participants", "uuid"));
  for (const auto& t : kSessionTables) {
    if (t.merge != Merge::Audit) copy(t.name, std::string(t.session_col) + " IN " + new_sessions);
  }
  merge_audit(db, src, report, [&](const std::string& why) { foreign(other, why); });
  import_redactions(db, src, report);
  // Erasures here stand, in the new sessions and in the rows just merged into sessions here.
  keep_erased_out(db, src,
                  "(SELECT uuid FROM temp.import_new UNION SELECT uuid FROM temp.import_touched)",
                  report);
  report.sessions_added =
      static_cast<int>(db.scalar_int("SELECT count(*) FROM temp.import_new").value_or(0));

  Prints mine, theirs;
  fingerprint(db, "main", mine);
  fingerprint(db, src, theirs);
  Stmt both(db, "SELECT uuid FROM temp.import_both ORDER BY uuid");
  while (both.step()) {
    std::string id = both.column_text(0);
    std::string differs;
    for (const auto& t : kSessionTables) {
      if (t.merge != Merge::Whole) continue;
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
  db.exec("DELETE FROM temp.import_new; DELETE FROM temp.import_both; "
          "DELETE FROM temp.import_touched;");
  tx.commit();
  return report;
}

}  // namespace auditsim::store
