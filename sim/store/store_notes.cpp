// Correcting and taking back a facilitator's notes. A note is the facilitator's own working
// record, not a decision: it can be put right or removed, and a Part B note can be marked
// public (or the reverse) before a report is written.
#include <algorithm>
#include <cctype>

#include "sim/store/store_impl.hpp"

namespace auditsim::store {

namespace {

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

void require_note(Db& db, const std::string& session_id, const std::string& note_id) {
  require_session(db, session_id);
  Query q = db.query("SELECT 1 FROM notes WHERE uuid = ? AND session = ?");
  q->bind_all(note_id, session_id);
  if (!q->step()) throw StoreError(ErrorKind::NotFound, "Session " + session_id + " has no note " + note_id + ".");
}

}  // namespace

void Store::update_note(const std::string& session_id, const std::string& note_id,
                        const std::string& text, bool part_b) {
  if (blank(text)) throw StoreError(ErrorKind::Invalid, "A note needs some text; delete it instead.");
  Db& db = impl_->db;
  Transaction tx(db);
  require_note(db, session_id, note_id);
  Query q = db.query("UPDATE notes SET body = ?, part_b = ? WHERE uuid = ? AND session = ?");
  q->bind_all(text, part_b ? 1 : 0, note_id, session_id);
  q->run();
  tx.commit();
}

void Store::delete_note(const std::string& session_id, const std::string& note_id) {
  Db& db = impl_->db;
  Transaction tx(db);
  require_note(db, session_id, note_id);
  Query q = db.query("DELETE FROM notes WHERE uuid = ? AND session = ?");
  q->bind_all(note_id, session_id);
  q->run();
  tx.commit();
}

}  // namespace auditsim::store
