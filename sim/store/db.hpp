// The store's connection to its database, whichever kind it is: the embedded SQLite file (the
// default, one laptop) or a council's PostgreSQL server (sim/store/postgres.cpp). The store's
// queries are written once, in SQLite's SQL; a PostgreSQL connection translates each one on
// first use (sim/store/sql_dialect.hpp). Statements have typed bind/step/column, a connection
// caches them, and a transaction rolls back unless committed. Every failure becomes a
// StoreError with a message in plain words.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "sim/store/error.hpp"

struct sqlite3;

namespace auditsim::store {

// Which kind of database a connection talks to.
enum class Backend { Sqlite, Postgres };

// One prepared statement of one backend. Columns are 0-based, parameters 1-based.
class StmtBackend {
 public:
  virtual ~StmtBackend() = default;
  virtual void bind_int(int index, int64_t value) = 0;
  virtual void bind_text(int index, std::string_view value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;  // true while a row is available
  virtual void reset() = 0;  // back to the start, bindings cleared
  virtual int64_t column_int(int col) const = 0;
  virtual std::string column_text(int col) const = 0;  // "" for NULL
  virtual bool column_null(int col) const = 0;
  virtual int column_count() const = 0;
};

// One open connection of one backend.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Backend backend() const = 0;
  virtual std::unique_ptr<StmtBackend> prepare(std::string_view sql) = 0;
  // A query without parameters whose rows arrive `batch` at a time, so a query over a whole
  // table never sits in memory at once. SQLite steps through its rows anyway: a statement.
  virtual std::unique_ptr<StmtBackend> cursor(std::string_view sql, int batch) {
    (void)batch;
    return prepare(sql);
  }
  virtual void exec(std::string_view sql) = 0;  // may hold several statements
  virtual bool exec_noexcept(const std::string& sql) noexcept = 0;
  virtual int64_t changes() const = 0;  // rows changed by the last INSERT, UPDATE or DELETE
  // What opens a writing transaction: SQLite takes its write lock up front (BEGIN IMMEDIATE);
  // PostgreSQL takes the store's advisory lock, so writers queue exactly as they do on SQLite.
  virtual std::string begin_write_sql() const = 0;
  virtual std::string begin_read_sql() const = 0;
  virtual sqlite3* sqlite_handle() const { return nullptr; }
};

class Db;

// A prepared statement, of whichever backend its connection is.
class Stmt {
 public:
  Stmt(Db& db, std::string_view sql);
  explicit Stmt(std::unique_ptr<StmtBackend> impl) : impl_(std::move(impl)) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int index, int64_t value) { impl_->bind_int(index, value); return *this; }
  Stmt& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Stmt& bind(int index, std::string_view value) { impl_->bind_text(index, value); return *this; }
  Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Stmt& bind_null(int index) { impl_->bind_null(index); return *this; }
  // Binds NULL when empty: optional foreign keys.
  Stmt& bind_or_null(int index, std::string_view value) {
    return value.empty() ? bind_null(index) : bind(index, value);
  }
  // Binds every argument in order, starting at parameter 1.
  template <typename... Args>
  Stmt& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  bool step() { return impl_->step(); }
  void run() {
    while (step()) {
    }
  }
  void reset() { impl_->reset(); }

  int64_t column_int(int col) const { return impl_->column_int(col); }
  std::string column_text(int col) const { return impl_->column_text(col); }
  bool column_null(int col) const { return impl_->column_null(col); }
  int column_count() const { return impl_->column_count(); }

 private:
  std::unique_ptr<StmtBackend> impl_;
};

// A cached statement in use: resets it (releasing its read snapshot) when it goes out of scope.
class Query {
 public:
  explicit Query(Stmt& s) : s_(&s) {}
  ~Query() { s_->reset(); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Stmt* operator->() { return s_; }
  Stmt& operator*() { return *s_; }

 private:
  Stmt* s_;
};

// How a connection is opened.
enum class OpenMode { ReadOnly, ReadWrite };

// One connection. SQLite files are opened with Db::open (sqlite.cpp), PostgreSQL servers with
// Db::open_postgres (postgres.cpp).
class Db {
 public:
  // Opens an existing SQLite file (never creates one). ReadWrite connections get WAL,
  // synchronous=FULL, foreign keys, secure_delete; every connection waits up to 10 s for a lock
  // and gets defensive mode and trusted_schema=OFF.
  static Db open(const std::string& path, OpenMode mode);
  // Connects to a PostgreSQL server by its postgresql:// address (libpq's URI form).
  static Db open_postgres(const std::string& url);
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  ~Db();

  Backend backend() const { return conn_->backend(); }
  bool is_postgres() const { return backend() == Backend::Postgres; }
  // The SQLite connection, for the SQLite-only parts (inspection, backup, import's ATTACH).
  // Throws Internal on a PostgreSQL connection: a call there is a bug.
  sqlite3* handle() const;
  // The file's path, or the server's address with any password removed.
  const std::string& path() const { return path_; }

  // Runs SQL with no parameters (may hold several statements).
  void exec(std::string_view sql) { conn_->exec(sql); }
  // The same, ignoring errors: for clean-up in destructors. Returns false on failure.
  bool exec_noexcept(const std::string& sql) noexcept { return conn_->exec_noexcept(sql); }
  // A cached prepared statement, reset and with bindings cleared.
  Query query(std::string_view sql);
  // A query without parameters read in batches of `batch` rows (Connection::cursor), not
  // cached. On PostgreSQL it must run inside a transaction (a server cursor lives in one) and
  // the server plans it when its first row is asked for.
  std::unique_ptr<Stmt> cursor(std::string_view sql, int batch) {
    return std::make_unique<Stmt>(conn_->cursor(sql, batch));
  }
  // The first column of the first row as an integer, or nullopt when there is no row.
  std::optional<int64_t> scalar_int(std::string_view sql);
  std::optional<std::string> scalar_text(std::string_view sql);
  // Drops every cached statement (needed before closing or detaching a schema).
  void clear_cache() { cache_.clear(); }
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t changes() const { return conn_->changes(); }
  // Reads `n` bytes at `offset` of the main SQLite file through SQLite's own file handle, so no
  // extra descriptor is opened and closed (which would drop this process's POSIX locks).
  std::string read_file_bytes(int64_t offset, int n, int64_t* file_size);

  int transaction_depth() const { return depth_; }
  Connection& connection() { return *conn_; }

 private:
  friend class Transaction;
  friend class ReadTransaction;
  Db(std::unique_ptr<Connection> conn, std::string path)
      : conn_(std::move(conn)), path_(std::move(path)) {}
  // Declared before the cache so that statements are destroyed before their connection.
  std::unique_ptr<Connection> conn_;
  std::string path_;
  std::map<std::string, std::unique_ptr<Stmt>, std::less<>> cache_;
  int depth_ = 0;
};

// A writing transaction (a SAVEPOINT when nested); rolls back in the destructor unless
// committed.
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Db& db_;
  bool nested_;
  bool done_ = false;
};

// A consistent read snapshot across several queries; does nothing inside an open transaction.
class ReadTransaction {
 public:
  explicit ReadTransaction(Db& db);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Db& db_;
  bool active_;
};

}  // namespace auditsim::store
