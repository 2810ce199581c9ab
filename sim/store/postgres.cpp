// The PostgreSQL backend of the store's connection (sim/store/db.hpp), through libpqxx.
// Queries arrive in SQLite's SQL and are translated once per statement (sql_dialect.hpp), then
// prepared on the server. Transactions are the store's own (BEGIN / SAVEPOINT / COMMIT sent on
// a libpqxx nontransaction), so nesting and rollback behave as they do on SQLite, and every
// writer first takes one advisory lock: writers queue as they do on an SQLite file, so the
// store's read-then-write steps (the next seq of a session) stay correct with many processes.
#include <pqxx/pqxx>

#include <cstdlib>
#include <string>
#include <vector>

#include "sim/store/db.hpp"
#include "sim/store/schema.hpp"
#include "sim/store/sql_dialect.hpp"

namespace auditsim::store {

namespace {

// The server's answer in plain words, by SQLSTATE class (PostgreSQL's appendix A).
[[noreturn]] void throw_postgres(const std::string& sqlstate, std::string_view context,
                                 const std::string& detail) {
  ErrorKind kind = ErrorKind::Internal;
  std::string words = "The results server reported an unexpected error.";
  const std::string cls = sqlstate.substr(0, 2);
  if (cls == "23") {
    kind = ErrorKind::Invalid;
    words = "The store refused a record that breaks its rules.";
  } else if (cls == "22") {
    kind = ErrorKind::Invalid;
    words = "The store refused a value the results server cannot hold.";
  } else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" ||
             sqlstate == "57014") {
    kind = ErrorKind::Busy;
    words = "The results server is busy with other copies of auditsim that did not finish in "
            "time. Try again.";
  } else if (sqlstate == "42501") {
    kind = ErrorKind::Io;
    words = "The database role this copy of auditsim connects as may not do this. Ask council "
            "IT for the role that may (docs/deployment.md: the recording and reporting roles).";
  } else if (cls == "53") {
    kind = ErrorKind::Io;
    words = "The results server is out of space or memory; nothing was recorded.";
  } else if (cls == "08" || cls == "57" || cls == "28") {
    kind = ErrorKind::Io;
    words = "The results server could not be reached or refused the connection. Check the "
            "address, the network and the database role.";
  }
  std::string msg = words + " (" + std::string(context);
  if (!detail.empty()) msg += ": " + detail;
  msg += ")";
  throw StoreError(kind, msg);
}

// One line of the server's message (libpq's end with a newline and sometimes a hint).
std::string first_line(const std::string& s) {
  auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

template <typename Fn>
auto guarded(std::string_view context, Fn&& fn) -> decltype(fn()) {
  // libpqxx does not always carry the SQLSTATE for a prepared statement's failure, but its
  // exception type says the class.
  try {
    return fn();
  } catch (const pqxx::insufficient_privilege& e) {
    throw_postgres("42501", context, first_line(e.what()));
  } catch (const pqxx::integrity_constraint_violation& e) {
    throw_postgres("23000", context, first_line(e.what()));
  } catch (const pqxx::data_exception& e) {
    throw_postgres("22000", context, first_line(e.what()));
  } catch (const pqxx::insufficient_resources& e) {
    throw_postgres("53000", context, first_line(e.what()));
  } catch (const pqxx::transaction_rollback& e) {
    throw_postgres("40001", context, first_line(e.what()));
  } catch (const pqxx::sql_error& e) {
    throw_postgres(e.sqlstate(), context, first_line(e.what()));
  } catch (const pqxx::broken_connection& e) {
    throw_postgres("08006", context, first_line(e.what()));
  } catch (const pqxx::failure& e) {
    throw_postgres("", context, first_line(e.what()));
  } catch (const pqxx::usage_error& e) {
    throw StoreError(ErrorKind::Internal, std::string("The store misused the results server (") +
                                              std::string(context) + ": " + e.what() + ")");
  }
}

// The password, if any, never reaches a message or a log.
std::string without_password(const std::string& url) {
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

class PgConnection;

// A column as an integer, as SQLite would give it: 0 for NULL, 1 and 0 for a boolean, a
// decimal truncated.
int64_t field_int(const pqxx::field& f) {
  if (f.is_null()) return 0;
  const char* t = f.c_str();
  if (t[0] == 't' && t[1] == '\0') return 1;
  if (t[0] == 'f' && t[1] == '\0') return 0;
  char* end = nullptr;
  long long v = std::strtoll(t, &end, 10);
  if (end && *end == '.') return static_cast<int64_t>(std::strtod(t, nullptr));
  return v;
}

// Reading the current row of a result, shared by a prepared statement and a cursor.
class PgRows : public StmtBackend {
 public:
  int64_t column_int(int col) const override { return field_int(result_[row_][col]); }
  std::string column_text(int col) const override {
    const pqxx::field f = result_[row_][col];
    if (f.is_null()) return {};
    return std::string(f.c_str(), f.size());
  }
  bool column_null(int col) const override { return result_[row_][col].is_null(); }
  int column_count() const override { return static_cast<int>(result_.columns()); }

 protected:
  pqxx::result result_;
  long row_ = -1;  // the row read; -1 before the first step
};

class PgStmt final : public PgRows {
 public:
  PgStmt(PgConnection& conn, std::string_view sql);
  ~PgStmt() override;

  void bind_int(int index, int64_t value) override { slot(index) = std::to_string(value); }
  void bind_text(int index, std::string_view value) override { slot(index) = std::string(value); }
  void bind_null(int index) override { slot(index).reset(); }
  bool step() override;
  void reset() override {
    result_ = pqxx::result();
    executed_ = false;
    row_ = -1;
    for (auto& p : params_) p.reset();
  }

 private:
  std::optional<std::string>& slot(int index) {
    if (index < 1) throw StoreError(ErrorKind::Internal, "A query parameter numbered below 1.");
    if (static_cast<size_t>(index) > params_.size()) params_.resize(static_cast<size_t>(index));
    return params_[static_cast<size_t>(index - 1)];
  }
  PgConnection& conn_;
  std::string name_;
  std::string sql_;
  std::vector<std::optional<std::string>> params_;
  bool prepared_ = false;
  bool executed_ = false;
};

// A server-side cursor: DECLARE on the first step, then FETCH `batch` rows at a time, so the
// client holds one batch of a large result rather than all of it (libpq keeps a whole result
// in memory). Takes no parameters; lives in the caller's transaction and is closed with it or
// when this goes.
class PgCursor final : public PgRows {
 public:
  PgCursor(PgConnection& conn, std::string_view sql, int batch);
  ~PgCursor() override { close(); }

  void bind_int(int, int64_t) override { no_parameters(); }
  void bind_text(int, std::string_view) override { no_parameters(); }
  void bind_null(int) override { no_parameters(); }
  bool step() override;
  void reset() override {
    close();
    result_ = pqxx::result();
    row_ = -1;
    done_ = false;
  }

 private:
  [[noreturn]] static void no_parameters() {
    throw StoreError(ErrorKind::Internal, "A cursor query was given a parameter.");
  }
  void close() noexcept;
  PgConnection& conn_;
  std::string name_;
  std::string sql_;
  int batch_;
  bool declared_ = false;
  bool done_ = false;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& url)
      : conn_(guarded("connecting to the results server", [&] {
          return std::make_unique<pqxx::connection>(url);
        })),
        tx_(std::make_unique<pqxx::nontransaction>(*conn_)) {
    // A writer waits for another as long as it would for an SQLite file's lock.
    exec("SET lock_timeout = '10s'; SET client_encoding = 'UTF8'");
  }
  ~PgConnection() override {
    tx_.reset();
    conn_.reset();
  }
  Backend backend() const override { return Backend::Postgres; }
  std::unique_ptr<StmtBackend> prepare(std::string_view sql) override {
    return std::make_unique<PgStmt>(*this, sql);
  }
  std::unique_ptr<StmtBackend> cursor(std::string_view sql, int batch) override {
    return std::make_unique<PgCursor>(*this, sql, batch);
  }
  void exec(std::string_view sql) override {
    guarded("running SQL", [&] {
      last_ = tx_->exec(to_postgres(sql));
      return 0;
    });
  }
  bool exec_noexcept(const std::string& sql) noexcept override {
    try {
      tx_->exec(to_postgres(sql));
      return true;
    } catch (...) {
      return false;
    }
  }
  int64_t changes() const override { return static_cast<int64_t>(last_.affected_rows()); }
  std::string begin_write_sql() const override {
    return "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kApplicationId) + ")";
  }
  // One snapshot for every query of a report, as SQLite's read transaction gives.
  std::string begin_read_sql() const override {
    return "BEGIN ISOLATION LEVEL REPEATABLE READ";
  }

  pqxx::connection& conn() { return *conn_; }
  pqxx::nontransaction& tx() { return *tx_; }
  std::string next_name() { return "auditsim_q" + std::to_string(++statements_); }
  void set_last(const pqxx::result& r) { last_ = r; }

 private:
  std::unique_ptr<pqxx::connection> conn_;
  std::unique_ptr<pqxx::nontransaction> tx_;
  pqxx::result last_;
  long statements_ = 0;
};

PgStmt::PgStmt(PgConnection& conn, std::string_view sql) : conn_(conn), name_(conn.next_name()) {
  int count = 0;
  sql_ = to_postgres(sql, &count);
  params_.resize(static_cast<size_t>(count));
}

PgStmt::~PgStmt() {
  if (!prepared_) return;
  try {
    conn_.conn().unprepare(name_);
  } catch (...) {
    // The connection may already be gone; the server forgets its statements with it.
  }
}

PgCursor::PgCursor(PgConnection& conn, std::string_view sql, int batch)
    : conn_(conn), name_(conn.next_name()), batch_(batch < 1 ? 1 : batch) {
  int count = 0;
  sql_ = to_postgres(sql, &count);
  if (count > 0) no_parameters();
}

bool PgCursor::step() {
  if (++row_ < static_cast<long>(result_.size())) return true;
  if (done_) return false;
  guarded("reading rows", [&] {
    if (!declared_) {
      conn_.tx().exec("DECLARE " + name_ + " NO SCROLL CURSOR FOR " + sql_);
      declared_ = true;
    }
    result_ = conn_.tx().exec("FETCH FORWARD " + std::to_string(batch_) + " FROM " + name_);
    return 0;
  });
  row_ = 0;
  // A short batch is the last: the next step need not ask again.
  if (static_cast<long>(result_.size()) < batch_) done_ = true;
  return !result_.empty();
}

void PgCursor::close() noexcept {
  if (!declared_) return;
  declared_ = false;
  // Ended already when its transaction was: then CLOSE fails, which is as good.
  try {
    conn_.tx().exec("CLOSE " + name_);
  } catch (...) {
  }
}

bool PgStmt::step() {
  if (!executed_) {
    guarded("running a query", [&] {
      if (!prepared_) {
        conn_.conn().prepare(name_, sql_);
        prepared_ = true;
      }
      std::vector<const char*> values;
      values.reserve(params_.size());
      for (const auto& p : params_) values.push_back(p ? p->c_str() : nullptr);
      result_ = conn_.tx().exec_prepared(name_, pqxx::prepare::make_dynamic_params(values));
      return 0;
    });
    conn_.set_last(result_);
    executed_ = true;
    row_ = -1;
  }
  ++row_;
  return row_ < static_cast<long>(result_.size());
}

}  // namespace

Db Db::open_postgres(const std::string& url) {
  return Db(std::make_unique<PgConnection>(url), without_password(url));
}

}  // namespace auditsim::store
