#include "sim/store/sqlite.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <random>
#include <string>
#include <thread>

namespace auditsim::store {

namespace {

// Long enough to ride out another laptop's or process's write, short enough that a stuck
// writer is reported instead of freezing the program.
constexpr int kBusyTimeoutMs = 10000;

// Waiting for a lock another process holds. SQLite's own busy_timeout backs off to sleeping
// 100 ms between attempts, while a process that has just committed asks again within
// microseconds; with a dozen processes recording at once the lock is free only for moments and
// a long waiter kept missing them until its timeout ran out ("database is locked"). Every
// waiter here tries again after a short random pause (0.5 to 2 ms), so each has an even chance
// at every release, until the deadline.
int wait_for_lock(void*, int attempt) {
  using clock = std::chrono::steady_clock;
  thread_local clock::time_point started;
  thread_local std::minstd_rand jitter(static_cast<unsigned>(
      clock::now().time_since_epoch().count() ^ (static_cast<long>(::getpid()) << 16)));
  if (attempt == 0) started = clock::now();
  if (clock::now() - started >= std::chrono::milliseconds(kBusyTimeoutMs)) return 0;
  std::this_thread::sleep_for(std::chrono::microseconds(500 + jitter() % 1500));
  return 1;
}

std::string plain_words(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "The results database is in use by another program that did not finish in time. "
             "Close other copies of auditsim and try again.";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "The results database is damaged. Restore it from a backup or an export; "
             "auditsim has not changed it.";
    case SQLITE_FULL:
      return "The disk is full. Free some space and try again; nothing was recorded.";
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return "The results database cannot be written. Check that the file and its folder "
             "belong to you and are not read-only.";
    case SQLITE_CANTOPEN:
      return "The results database could not be opened. Check that the folder exists and "
             "that you may read and write it.";
    case SQLITE_IOERR:
      return "Reading or writing the results database failed. Check the disk and try again.";
    case SQLITE_CONSTRAINT:
      return "The store refused a record that breaks its rules.";
    default:
      return "The results database reported an unexpected error.";
  }
}

ErrorKind kind_of(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return ErrorKind::Busy;
    case SQLITE_CORRUPT: return ErrorKind::Corrupt;
    case SQLITE_NOTADB: return ErrorKind::NotSqlite;
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR: return ErrorKind::Io;
    case SQLITE_CONSTRAINT: return ErrorKind::Invalid;
    default: return ErrorKind::Internal;
  }
}

// The code to report for the last failure on `db`: an I/O error whose cause was a full disk
// (ENOSPC, or a quota: EDQUOT) is reported as SQLITE_FULL, so the user reads "The disk is full"
// rather than a vague read/write failure. SQLite records the system error of a failed
// statement but not of a failed COMMIT, so `errno_after` (errno just after the call, cleared
// before it) is the fallback.
int failure_code(sqlite3* db, int errno_after = 0) {
  int code = sqlite3_extended_errcode(db);
  int sys = sqlite3_system_errno(db);
  if (sys == 0) sys = errno_after;
  if ((code & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT)) return SQLITE_FULL;
  return code;
}

}  // namespace

void throw_sqlite(int code, std::string_view context, std::string_view detail) {
  std::string msg = plain_words(code);
  msg += " (";
  msg += context;
  if (!detail.empty()) {
    msg += ": ";
    msg += detail;
  }
  msg += ")";
  throw StoreError(kind_of(code), msg, code);
}

// ---------------------------------------------------------------------------------------------
// The SQLite statement and connection

class SqliteStmt final : public StmtBackend {
 public:
  SqliteStmt(sqlite3* db, std::string_view sql) : db_(db) {
    int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) throw_sqlite(sqlite3_extended_errcode(db), "preparing a query",
                                      sqlite3_errmsg(db));
  }
  ~SqliteStmt() override { sqlite3_finalize(stmt_); }

  void bind_int(int index, int64_t value) override {
    check_bind(sqlite3_bind_int64(stmt_, index, value));
  }
  void bind_text(int index, std::string_view value) override {
    // SQLITE_TRANSIENT: callers pass temporaries; SQLite copies the text.
    check_bind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT,
                                   SQLITE_UTF8));
  }
  void bind_null(int index) override { check_bind(sqlite3_bind_null(stmt_, index)); }

  bool step() override {
    errno = 0;
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    int ext = failure_code(db_, errno);
    std::string detail = sqlite3_errmsg(db_);
    sqlite3_reset(stmt_);
    throw_sqlite(ext, "running a query", detail);
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  int64_t column_int(int col) const override { return sqlite3_column_int64(stmt_, col); }
  std::string column_text(int col) const override {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    if (!t) return {};
    return std::string(reinterpret_cast<const char*>(t),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
  }
  bool column_null(int col) const override {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
  }
  int column_count() const override { return sqlite3_column_count(stmt_); }

 private:
  void check_bind(int rc) {
    if (rc != SQLITE_OK) throw_sqlite(rc, "binding a value", sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override { sqlite3_close_v2(db_); }
  Backend backend() const override { return Backend::Sqlite; }
  std::unique_ptr<StmtBackend> prepare(std::string_view sql) override {
    return std::make_unique<SqliteStmt>(db_, sql);
  }
  void exec(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    errno = 0;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    const int errno_after = errno;
    if (rc != SQLITE_OK) {
      std::string detail = err ? err : "";
      sqlite3_free(err);
      throw_sqlite(failure_code(db_, errno_after), "running SQL", detail);
    }
  }
  bool exec_noexcept(const std::string& sql) noexcept override {
    return sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  int64_t changes() const override { return sqlite3_changes64(db_); }
  // IMMEDIATE takes the write lock up front, so the busy timeout applies here rather than as
  // an unrecoverable SQLITE_BUSY when a read later tries to upgrade to a write.
  std::string begin_write_sql() const override { return "BEGIN IMMEDIATE"; }
  std::string begin_read_sql() const override { return "BEGIN"; }
  sqlite3* sqlite_handle() const override { return db_; }

 private:
  sqlite3* db_;
};

// ---------------------------------------------------------------------------------------------
// Db

Db Db::open(const std::string& path, OpenMode mode) {
  sqlite3* raw = nullptr;
  // URI filenames are enabled only for ATTACH of imported files; callers pass absolute paths,
  // which SQLite never mistakes for URIs.
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX |
              (mode == OpenMode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail = raw ? sqlite3_errmsg(raw) : "out of memory";
    sqlite3_close_v2(raw);
    throw_sqlite(rc, "opening " + path, detail);
  }
  Db db(std::make_unique<SqliteConnection>(raw), path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_handler(raw, wait_for_lock, nullptr);
  // Every file is treated as possibly hostile: no schema tricks, no unsafe functions in views
  // or triggers.
  sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(raw, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  db.exec("PRAGMA trusted_schema=OFF");
  if (mode == OpenMode::ReadWrite) {
    db.exec("PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON; PRAGMA synchronous=FULL");
  }
  return db;
}

std::string Db::read_file_bytes(int64_t offset, int n, int64_t* file_size) {
  sqlite3* db = handle();
  sqlite3_file* f = nullptr;
  int rc = sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f);
  if (rc != SQLITE_OK || !f || !f->pMethods) throw_sqlite(SQLITE_CANTOPEN, "reading " + path_, "");
  sqlite3_int64 size = 0;
  rc = f->pMethods->xFileSize(f, &size);
  if (rc != SQLITE_OK) throw_sqlite(rc, "reading " + path_, "");
  if (file_size) *file_size = size;
  std::string out(static_cast<size_t>(n), '\0');
  rc = f->pMethods->xRead(f, out.data(), n, offset);
  // A short read zero-fills the rest, which is what a header check wants.
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) throw_sqlite(rc, "reading " + path_, "");
  return out;
}

void backup(Db& from, Db& to) {
  sqlite3_backup* b = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (!b) throw_sqlite(sqlite3_extended_errcode(to.handle()), "copying the database",
                       sqlite3_errmsg(to.handle()));
  int rc = sqlite3_backup_step(b, -1);
  int finish = sqlite3_backup_finish(b);
  if ((rc & 0xff) == SQLITE_IOERR && failure_code(to.handle()) == SQLITE_FULL) rc = SQLITE_FULL;
  if (rc != SQLITE_DONE) throw_sqlite(rc, "copying the database", sqlite3_errstr(rc));
  if (finish != SQLITE_OK) throw_sqlite(finish, "copying the database", sqlite3_errstr(finish));
}

}  // namespace auditsim::store
