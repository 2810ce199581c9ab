// A thin RAII layer over the SQLite C API: a connection (Db) with a prepared-statement cache,
// statements with typed bind/step/column, and a transaction that rolls back unless committed.
// Every failure becomes a StoreError carrying SQLite's code and a message in plain words.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/store/error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace auditsim::store {

// Turns an SQLite result code into a StoreError; `context` says what was being done.
[[noreturn]] void throw_sqlite(int code, std::string_view context, std::string_view detail);

// A prepared statement. Columns and parameters are 0-based and 1-based, as in SQLite.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int index, int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Stmt& bind(int index, std::string_view value);
  Stmt& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Stmt& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Stmt& bind_null(int index);
  // Binds NULL when empty: optional foreign keys.
  Stmt& bind_or_null(int index, std::string_view value);
  // Binds every argument in order, starting at parameter 1.
  template <typename... Args>
  Stmt& bind_all(const Args&... args) {
    int i = 0;
    (bind(++i, args), ...);
    return *this;
  }

  bool step();  // true while a row is available
  void run();   // steps to completion, ignoring rows
  void reset();

  int64_t column_int(int col) const;
  std::string column_text(int col) const;  // "" for NULL
  bool column_null(int col) const;
  int column_count() const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
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

// One connection. Set up with the store's pragmas: see Db::open.
class Db {
 public:
  // Opens an existing file (never creates one). ReadWrite connections get WAL, synchronous=FULL,
  // foreign keys, secure_delete; every connection waits up to 10 s for a lock (see
  // wait_for_lock in sqlite.cpp) and gets defensive mode and trusted_schema=OFF.
  static Db open(const std::string& path, OpenMode mode);
  Db(Db&& other) noexcept;
  Db& operator=(Db&& other) noexcept;
  ~Db();

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

  // Runs SQL with no parameters (may hold several statements).
  void exec(std::string_view sql);
  // The same, ignoring errors: for clean-up in destructors. Returns false on failure.
  bool exec_noexcept(const std::string& sql) noexcept;
  // A cached prepared statement, reset and with bindings cleared.
  Query query(std::string_view sql);
  // The first column of the first row as an integer, or nullopt when there is no row.
  std::optional<int64_t> scalar_int(std::string_view sql);
  std::optional<std::string> scalar_text(std::string_view sql);
  // Drops every cached statement (needed before closing or detaching a schema).
  void clear_cache();
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t changes() const;
  // Reads `n` bytes at `offset` of the main file through SQLite's own file handle, so no extra
  // descriptor is opened and closed (which would drop this process's POSIX locks).
  std::string read_file_bytes(int64_t offset, int n, int64_t* file_size);

  int transaction_depth() const { return depth_; }

 private:
  friend class Transaction;
  friend class ReadTransaction;
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, std::unique_ptr<Stmt>, std::less<>> cache_;
  int depth_ = 0;
};

// BEGIN IMMEDIATE (or a SAVEPOINT when nested); rolls back in the destructor unless committed.
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

// Copies the whole of `from` into `to` with the online backup API (page by page, consistent,
// and written through `to`'s own journal so it is durable when this returns).
void backup(Db& from, Db& to);

// A consistent read snapshot across several queries (BEGIN DEFERRED ... COMMIT); does nothing
// inside an open transaction.
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
