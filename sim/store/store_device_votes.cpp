// Councillors' own votes from their devices, kept with the group decision they led to.
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

void Store::record_device_votes(const std::string& session_id, int64_t decision_seq,
                                const std::vector<DeviceVoteRecord>& votes) {
  Db& db = impl_->db;
  Transaction tx(db);
  require_session(db, session_id);
  {
    Query q = db.query("SELECT 1 FROM decisions WHERE session = ? AND seq = ?");
    q->bind_all(session_id, decision_seq);
    if (!q->step())
      throw StoreError(ErrorKind::NotFound, "Session " + session_id + " has no decision " +
                                                std::to_string(decision_seq) + ".");
  }
  for (const DeviceVoteRecord& v : votes) {
    Query q = db.query(
        "INSERT INTO device_votes(session, decision_seq, device, team, stage, choice, reason, "
        "dissent, voted_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind_all(session_id, decision_seq, v.device, v.team, v.stage, v.choice, v.reason,
                v.dissent, v.voted_at.empty() ? now_utc() : v.voted_at)
        .run();
  }
  tx.commit();
}

int64_t Store::latest_decision_seq(const std::string& session_id) {
  Query q = impl_->db.query("SELECT coalesce(max(seq), 0) FROM decisions WHERE session = ?");
  q->bind(1, session_id);
  q->step();
  return q->column_int(0);
}

std::vector<DeviceVoteRecord> Store::device_votes(const std::string& session_id) {
  Query q = impl_->db.query(
      "SELECT decision_seq, device, team, stage, choice, reason, dissent, voted_at "
      "FROM device_votes WHERE session = ? ORDER BY decision_seq, device");
  q->bind(1, session_id);
  std::vector<DeviceVoteRecord> out;
  while (q->step()) {
    DeviceVoteRecord r;
    r.decision_seq = q->column_int(0);
    r.device = q->column_text(1);
    r.team = q->column_text(2);
    r.stage = q->column_text(3);
    r.choice = q->column_text(4);
    r.reason = q->column_text(5);
    r.dissent = q->column_text(6);
    r.voted_at = q->column_text(7);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace auditsim::store
