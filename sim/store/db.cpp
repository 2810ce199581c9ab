#include "sim/store/db.hpp"

namespace auditsim::store {

Stmt::Stmt(Db& db, std::string_view sql) : impl_(db.connection().prepare(sql)) {}

Db::Db(Db&& other) noexcept
    : conn_(std::move(other.conn_)), path_(std::move(other.path_)),
      cache_(std::move(other.cache_)), depth_(other.depth_) {}

Db& Db::operator=(Db&& other) noexcept {
  if (this != &other) {
    cache_.clear();  // statements go before the connection they belong to
    conn_ = std::move(other.conn_);
    path_ = std::move(other.path_);
    cache_ = std::move(other.cache_);
    depth_ = other.depth_;
  }
  return *this;
}

Db::~Db() { cache_.clear(); }

sqlite3* Db::handle() const {
  sqlite3* h = conn_ ? conn_->sqlite_handle() : nullptr;
  if (!h) {
    throw StoreError(ErrorKind::Internal,
                     "This operation works on an SQLite results file only, not on a server.");
  }
  return h;
}

Query Db::query(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(std::string(sql), std::make_unique<Stmt>(*this, sql)).first;
  }
  it->second->reset();
  return Query(*it->second);
}

std::optional<int64_t> Db::scalar_int(std::string_view sql) {
  Query q = query(sql);
  if (!q->step()) return std::nullopt;
  return q->column_int(0);
}

std::optional<std::string> Db::scalar_text(std::string_view sql) {
  Query q = query(sql);
  if (!q->step()) return std::nullopt;
  return q->column_text(0);
}

Transaction::Transaction(Db& db) : db_(db), nested_(db.depth_ > 0) {
  db_.exec(nested_ ? "SAVEPOINT nested" : db_.conn_->begin_write_sql());
  ++db_.depth_;
}

Transaction::~Transaction() {
  if (done_) return;
  --db_.depth_;
  // Rolling back cannot meaningfully fail here; errors are swallowed to keep destructors safe.
  db_.exec_noexcept(nested_ ? "ROLLBACK TO nested; RELEASE nested" : "ROLLBACK");
}

void Transaction::commit() {
  db_.exec(nested_ ? "RELEASE nested" : "COMMIT");
  --db_.depth_;
  done_ = true;
}

ReadTransaction::ReadTransaction(Db& db) : db_(db), active_(db.depth_ == 0) {
  if (active_) {
    db_.exec(db_.conn_->begin_read_sql());
    ++db_.depth_;
  }
}

ReadTransaction::~ReadTransaction() {
  if (!active_) return;
  --db_.depth_;
  // Nothing was written; COMMIT only releases the read snapshot.
  db_.exec_noexcept("COMMIT");
}

}  // namespace auditsim::store
