// Export of one event and erasure of a person.
#include <set>

#include "sim/redact.hpp"
#include "sim/store/store_impl.hpp"
#include "sim/store/store_redact.hpp"
#include "sim/store/store_server_export.hpp"

namespace auditsim::store {

namespace fs = std::filesystem;

namespace {

// Copies only the rows of the kept events, deleting children before parents so foreign keys
// hold throughout.
void keep_only_events(Db& dst, const std::vector<std::string>& event_ids) {
  Transaction tx(dst);
  dst.exec("CREATE TEMP TABLE keep_events(uuid TEXT PRIMARY KEY)");
  for (const auto& id : event_ids) {
    Query q = dst.query("INSERT OR IGNORE INTO temp.keep_events VALUES(?)");
    q->bind(1, id).run();
  }
  dst.exec(
      "CREATE TEMP TABLE drop_sessions AS SELECT uuid FROM sessions "
      "WHERE event IS NULL OR event NOT IN (SELECT uuid FROM temp.keep_events)");
  for (auto it = std::rbegin(kSessionTables); it != std::rend(kSessionTables); ++it) {
    dst.exec(std::string("DELETE FROM ") + it->name + " WHERE " + it->session_col +
             " IN (SELECT uuid FROM temp.drop_sessions)");
  }
  dst.exec(
      "DELETE FROM event_redactions WHERE event NOT IN (SELECT uuid FROM temp.keep_events);"
      "DELETE FROM front_sheets WHERE event NOT IN (SELECT uuid FROM temp.keep_events);"
      "DELETE FROM events WHERE uuid NOT IN (SELECT uuid FROM temp.keep_events);"
      "DELETE FROM scenario_snapshots WHERE sha256 NOT IN (SELECT snapshot FROM sessions);"
      "DELETE FROM participants WHERE uuid NOT IN (SELECT participant FROM "
      "session_participants) AND uuid NOT IN (SELECT author FROM notes WHERE author IS NOT NULL);"
      "DROP TABLE temp.keep_events; DROP TABLE temp.drop_sessions;");
  tx.commit();
}

// Rewrites the file without free pages and empties the WAL. Returns false when another
// connection kept the checkpoint from completing (old pages may then remain in the -wal file).
bool compact(Db& db) {
  if (db.is_postgres()) {
    // VACUUM FULL rewrites each table, so erased text leaves no old row versions behind.
    db.exec("VACUUM FULL");
    return true;
  }
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.exec("VACUUM");
  Query q = db.query("PRAGMA wal_checkpoint(TRUNCATE)");
  return q->step() && q->column_int(0) == 0;
}

}  // namespace

ExportReport Store::export_event(const std::string& event, const fs::path& out_in) {
  fs::path out = fs::absolute(out_in).lexically_normal();
  std::error_code ec;
  if (fs::exists(out, ec)) {
    throw StoreError(ErrorKind::Invalid,
                     describe(out) + " already exists. Choose a new file name for the export.");
  }
  Db& db = impl_->db;
  const std::vector<std::string> ids = event_ids(db, event);
  ExportReport report;
  // A server cannot be copied page by page: its export is a new results file, made complete by
  // the store itself, then filled with the event's rows.
  if (db.is_postgres()) {
    Store made = Store::open(out);
  } else {
    create_private_file_exclusive(out);
  }
  try {
    Db dst = Db::open(out.string(), OpenMode::ReadWrite);
    if (db.is_postgres()) {
      export_from_server(db, ids, dst);
    } else {
      // A page-for-page consistent copy, then the other events are removed from the copy.
      backup(db, dst);
      keep_only_events(dst, ids);
    }
    // Vacuumed, so no bytes of other events or of old pages remain in it.
    compact(dst);
    report.sessions = static_cast<int>(dst.scalar_int("SELECT count(*) FROM sessions").value_or(0));
  } catch (...) {
    remove_db_files(out);
    throw;
  }
  report.bytes = static_cast<int64_t>(fs::file_size(out, ec));
  return report;
}

EraseReport Store::erase_participant(const std::string& name_or_id) {
  Db& db = impl_->db;
  if (db.transaction_depth() > 0) {
    throw StoreError(ErrorKind::Invalid, "A participant cannot be erased inside a batch.");
  }
  struct Person {
    std::string id, name, pseudonym;
  };
  std::vector<Person> people;
  {
    // By id, or by display name in any case and spacing ("ann  SMITH" is "Ann Smith").
    const std::string wanted = redact::fold_name(name_or_id);
    Query q = db.query(
        "SELECT uuid, display_name, pseudonym FROM participants WHERE erased_at IS NULL "
        "ORDER BY uuid");
    while (q->step()) {
      Person p{q->column_text(0), q->column_text(1), q->column_text(2)};
      if (p.id == name_or_id || (!wanted.empty() && redact::fold_name(p.name) == wanted)) people.push_back(std::move(p));
    }
  }
  if (people.empty()) {
    throw StoreError(ErrorKind::NotFound, "There is no participant '" + name_or_id +
                                              "' (or they have already been erased).");
  }
  EraseReport report;
  {
    Transaction tx(db);
    std::string now = now_utc();
    std::vector<redact::Person> names;
    for (const auto& p : people) {
      // Their own rows, by id.
      Query del = db.query("DELETE FROM notes WHERE author = ?");
      del->bind(1, p.id).run();
      report.notes_removed += static_cast<int>(db.changes());
      Query upd = db.query(
          "UPDATE participants SET display_name = pseudonym, erased_at = ? WHERE uuid = ?");
      upd->bind_all(now, p.id).run();
      // In the same transaction: the erasure and what it withdraws from the LRS go together, and
      // the tombstone records what that was.
      const int64_t dropped = report.statements_dropped, voids = report.voids_queued;
      withdraw_erased_statements(db, p.id, p.pseudonym, now, report);
      Query tomb = db.query(
          "INSERT INTO erasures(participant, erased_at, lrs_dropped, lrs_voids_queued) "
          "VALUES(?, ?, ?, ?) ON CONFLICT(participant) DO UPDATE SET erased_at = excluded.erased_at, "
          "lrs_dropped = erasures.lrs_dropped + excluded.lrs_dropped, "
          "lrs_voids_queued = erasures.lrs_voids_queued + excluded.lrs_voids_queued");
      tomb->bind_all(p.id, now, report.statements_dropped - dropped, report.voids_queued - voids).run();
      ++report.participants;
      report.pseudonyms.push_back(p.pseudonym);
      if (p.name != p.pseudonym) names.push_back({p.name, p.pseudonym});
    }
    // Their name in free text, in every form the Part A matcher knows. Scenario snapshots are
    // published content identified by their sha256 and hold no record of the person.
    redact_free_text(db, erasure_matcher(db, names), "", report);
    tx.commit();
  }
  report.file_scrubbed = compact(db);
  return report;
}

}  // namespace auditsim::store
