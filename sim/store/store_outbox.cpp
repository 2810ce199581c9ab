// The xAPI outbox: statements for the council's learning record store wait here until the LRS
// has them. Rows are kept after sending, so a statement id is never sent as new twice, and a
// refused one keeps the LRS's reason until its author has fixed the cause. Plain SQL only.
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

void Store::enable_outbox(const OutboxSettings& s) { impl_->outbox = s; }

void Store::disable_outbox() { impl_->outbox.reset(); }

const OutboxSettings* Store::outbox() const { return impl_->outbox ? &*impl_->outbox : nullptr; }

void Store::queue_statement(const std::string& statement_id, const std::string& json) {
  Db& db = impl_->db;
  Transaction tx(db);
  const std::string now = now_utc();
  Query q = db.query(
      "INSERT INTO xapi_outbox(statement_id, statement, state, attempts, next_attempt_at, "
      "queued_at) VALUES(?, ?, 'waiting', 0, ?, ?) ON CONFLICT(statement_id) DO NOTHING");
  q->bind_all(statement_id, json, now, now);
  q->run();
  tx.commit();
}

std::vector<OutboxStatement> Store::due_statements(const std::string& now, int limit) {
  Db& db = impl_->db;
  Query q = db.query(
      "SELECT statement_id, statement, attempts FROM xapi_outbox WHERE state = 'waiting' AND "
      "next_attempt_at <= ? ORDER BY queued_at, statement_id LIMIT ?");
  q->bind_all(now, static_cast<int64_t>(limit));
  std::vector<OutboxStatement> out;
  while (q->step()) out.push_back({q->column_text(0), q->column_text(1), q->column_int(2)});
  return out;
}

std::vector<std::string> Store::mark_sent(const std::vector<std::string>& ids, const std::string& at) {
  Db& db = impl_->db;
  Transaction tx(db);
  std::vector<std::string> gone;
  for (const std::string& id : ids) {
    Query q = db.query(
        "UPDATE xapi_outbox SET state = 'sent', attempts = attempts + 1, sent_at = ?, "
        "last_error = '' WHERE statement_id = ?");
    q->bind_all(at, id);
    q->run();
    if (db.changes() == 0) gone.push_back(id);
  }
  tx.commit();
  return gone;
}

WithdrawnStatement Store::withdraw_statement(const std::string& id) {
  Db& db = impl_->db;
  Transaction tx(db);
  WithdrawnStatement w;
  {
    Query q = db.query("SELECT state, statement FROM xapi_outbox WHERE statement_id = ?");
    q->bind(1, id);
    if (!q->step()) return w;  // the destructor ends the (empty) transaction
    if (q->column_text(0) == "sent") {
      w.was = WithdrawnStatement::Was::Sent;
      w.json = q->column_text(1);
      return w;
    }
  }
  Query del = db.query("DELETE FROM xapi_outbox WHERE statement_id = ?");
  del->bind(1, id);
  del->run();
  tx.commit();
  w.was = WithdrawnStatement::Was::Dropped;
  return w;
}

void Store::mark_refused(const std::string& id, const std::string& reason) {
  Db& db = impl_->db;
  Transaction tx(db);
  Query q = db.query(
      "UPDATE xapi_outbox SET state = 'refused', attempts = attempts + 1, last_error = ? "
      "WHERE statement_id = ?");
  q->bind_all(reason.substr(0, 10000), id);
  q->run();
  tx.commit();
}

void Store::mark_retry(const std::vector<std::string>& ids, const std::string& next_attempt_at,
                       const std::string& error) {
  Db& db = impl_->db;
  Transaction tx(db);
  for (const std::string& id : ids) {
    Query q = db.query(
        "UPDATE xapi_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? "
        "WHERE statement_id = ? AND state = 'waiting'");
    q->bind_all(next_attempt_at, error.substr(0, 10000), id);
    q->run();
  }
  tx.commit();
}

OutboxCounts Store::outbox_counts() {
  Db& db = impl_->db;
  ReadTransaction rt(db);
  OutboxCounts c;
  {
    Query q = db.query("SELECT state, count(*) FROM xapi_outbox GROUP BY state");
    while (q->step()) {
      const std::string state = q->column_text(0);
      const int64_t n = q->column_int(1);
      if (state == "waiting") c.waiting = n;
      else if (state == "sent") c.sent = n;
      else if (state == "refused") c.refused = n;
    }
  }
  {
    Query q = db.query(
        "SELECT min(queued_at), min(next_attempt_at) FROM xapi_outbox WHERE state = 'waiting'");
    if (q->step()) {
      c.oldest_waiting = q->column_text(0);
      c.next_attempt = q->column_text(1);
    }
  }
  {
    Query q = db.query(
        "SELECT last_error FROM xapi_outbox WHERE state = 'waiting' AND last_error <> '' "
        "ORDER BY next_attempt_at DESC LIMIT 1");
    if (q->step()) c.last_error = q->column_text(0);
  }
  return c;
}

std::vector<RefusedStatement> Store::refused_statements() {
  Db& db = impl_->db;
  Query q = db.query(
      "SELECT statement_id, last_error, statement FROM xapi_outbox WHERE state = 'refused' "
      "ORDER BY queued_at, statement_id");
  std::vector<RefusedStatement> out;
  while (q->step()) out.push_back({q->column_text(0), q->column_text(1), q->column_text(2)});
  return out;
}

int64_t Store::requeue_refused(const std::string& now) {
  Db& db = impl_->db;
  Transaction tx(db);
  Query q = db.query(
      "UPDATE xapi_outbox SET state = 'waiting', attempts = 0, next_attempt_at = ? "
      "WHERE state = 'refused'");
  q->bind(1, now);
  q->run();
  const int64_t n = db.changes();
  tx.commit();
  return n;
}

}  // namespace auditsim::store
