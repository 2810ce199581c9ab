// The front sheet of each event's committee paper. Kept as JSON so erasure rewrites a person's
// name wherever it was typed (store_redact.cpp lists the column with the other free text).
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

void Store::save_front_sheet(const std::string& event, const FrontSheet& sheet) {
  if (std::string problem = front_sheet_problem(sheet); !problem.empty())
    throw StoreError(ErrorKind::Invalid, problem);
  Db& db = impl_->db;
  const std::string body = front_sheet_to_json(sheet);
  const std::string now = now_utc();
  // One transaction: every laptop's event of that name gets the sheet, or none does.
  batch([&] {
    for (const std::string& id : event_ids(db, event)) {
      Query q = db.query(
          "INSERT INTO front_sheets(event, body, updated_at) VALUES(?, ?, ?) ON CONFLICT(event) "
          "DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at");
      q->bind_all(id, body, now).run();
    }
  });
}

std::optional<FrontSheet> Store::load_front_sheet(const std::string& event) {
  Db& db = impl_->db;
  // By name, the most recently saved of the events of that name (they are saved together).
  event_ids(db, event);  // NotFound when there is no such event
  Query q = db.query(
      "SELECT f.body FROM front_sheets f JOIN events e ON e.uuid = f.event "
      "WHERE e.uuid = ?1 OR e.name = ?1 ORDER BY f.updated_at DESC, f.event LIMIT 1");
  q->bind(1, event);
  if (!q->step()) return std::nullopt;
  FrontSheet sheet;
  if (!front_sheet_from_json(q->column_text(0), sheet))
    throw StoreError(ErrorKind::Invalid, "The front sheet saved for '" + event +
                                             "' cannot be read. Save it again from a front sheet file.");
  return sheet;
}

}  // namespace auditsim::store
