// Opening, creating and checking results databases.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "sim/store/schema.hpp"
#include "sim/store/schema_check.hpp"
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

namespace fs = std::filesystem;

std::string describe(const fs::path& p) { return "'" + p.string() + "'"; }

std::string special_file_kind(const fs::path& p) {
  struct stat st {};
  // stat, not open: opening a FIFO for reading blocks until something writes to it.
  if (::stat(p.c_str(), &st) != 0) return "";
  if (S_ISREG(st.st_mode)) return "";
  if (S_ISDIR(st.st_mode)) return "a folder";
  if (S_ISFIFO(st.st_mode)) return "a named pipe (FIFO)";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "a device";
  if (S_ISSOCK(st.st_mode)) return "a socket";
  return "not a regular file";
}

void refuse_special_file(const fs::path& p, const std::string& what) {
  std::string kind = special_file_kind(p);
  if (kind.empty()) return;
  throw StoreError(ErrorKind::Io, what + " " + describe(p) + " is " + kind +
                                      ", not a database file. Give the path of a results "
                                      "database file; nothing was read from it.");
}

std::string readonly_uri(const fs::path& p) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file:";
  for (unsigned char c : p.string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xf];
    }
  }
  out += "?mode=ro";
  // Reading a WAL file normally creates -wal and -shm beside it (and fails in a read-only
  // folder). When no other program has it open and its log holds nothing (no -shm, empty or no
  // -wal), everything is in the main file, and `immutable` reads it without creating anything.
  std::error_code ec;
  const fs::path wal(p.string() + "-wal"), shm(p.string() + "-shm");
  const bool wal_empty = !fs::exists(wal, ec) || fs::file_size(wal, ec) == 0;
  if (wal_empty && !fs::exists(shm, ec)) out += "&immutable=1";
  return out;
}

Db open_other_readonly(const fs::path& p) { return Db::open(readonly_uri(p), OpenMode::ReadOnly); }

namespace {

[[noreturn]] void refuse(ErrorKind kind, const std::string& msg) { throw StoreError(kind, msg); }

// The cause of a failed file-system call, in words, with what to do about it.
std::string os_failure(int err, const std::string& fix) {
  if (err == ENOSPC || err == EDQUOT) return "the disk is full. Free some space and try again.";
  return std::string(std::strerror(err)) + ". " + fix;
}

// Creates each missing folder on the way with mode 0700: the database holds personal data.
void make_private_dirs(const fs::path& dir) {
  if (dir.empty() || fs::exists(dir)) return;
  make_private_dirs(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    refuse(ErrorKind::Io, "Could not create the folder " + describe(dir) + ": " +
                              os_failure(errno, "Check the path and its permissions."));
  }
}

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// SQLite's page and reference checks of a file. A server checks its own pages and enforces every
// reference as rows are written, so there both hold by construction.
void file_checks(Db& db, CheckReport& r) {
  if (db.is_postgres()) {
    r.integrity_ok = true;
    r.foreign_keys_ok = true;
    return;
  }
  {
    Query q = db.query("PRAGMA quick_check");
    std::vector<std::string> lines;
    while (q->step()) lines.push_back(q->column_text(0));
    r.integrity_ok = lines.size() == 1 && lines[0] == "ok";
    if (!r.integrity_ok) {
      for (const auto& l : lines) r.problems.push_back("Integrity: " + l);
    }
  }
  Query q = db.query("PRAGMA foreign_key_check");
  r.foreign_keys_ok = true;
  while (q->step()) {
    r.foreign_keys_ok = false;
    r.problems.push_back("Broken reference: a row of " + q->column_text(0) + " (rowid " +
                         q->column_text(1) + ") refers to a missing row of " +
                         q->column_text(2));
  }
}

void run_checks(Db& db, CheckReport& r) {
  file_checks(db, r);
  SchemaInfo info = read_schema_info(db);
  r.schema_version = info.user_version;
  r.schema_ok = info.application_id == kApplicationId && info.user_version == kSchemaVersion;
  if (info.application_id != kApplicationId) {
    r.problems.push_back("The file is not tagged as an auditsim results database.");
  } else if (info.user_version != kSchemaVersion) {
    r.problems.push_back("Schema version " + std::to_string(info.user_version) +
                         ", expected " + std::to_string(kSchemaVersion) +
                         (info.user_version < kSchemaVersion
                              ? ": opening it with this version of auditsim upgrades it."
                              : ": it was written by a newer auditsim."));
  } else if (std::string diff = db.is_postgres() ? std::string()
                                                 : schema_difference(db, info.user_version);
             !diff.empty()) {
    r.schema_ok = false;
    r.problems.push_back("The file " + diff + ".");
  }
}

}  // namespace

void create_private_file_exclusive(const fs::path& path) {
  make_private_dirs(path.parent_path());
  int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    refuse(ErrorKind::Io,
           "Could not create " + describe(path) + ": " +
               os_failure(errno, "Choose a new file name in a folder you may write."));
  }
  ::close(fd);
}

void remove_db_files(const fs::path& path) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    fs::remove(fs::path(path.string() + suffix), ec);
  }
}

std::vector<std::string> table_columns(Db& db, const std::string& schema,
                                       const std::string& table) {
  std::vector<std::string> cols;
  if (db.is_postgres()) {
    // The server's tables carry the rowid column SQLite keeps hidden; it is never copied.
    Query q = db.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?1 AND "
        "table_schema = CASE WHEN ?2 = 'main' THEN current_schema() ELSE ?2 END AND "
        "column_name <> 'rowid' ORDER BY ordinal_position");
    q->bind_all(table, schema);
    while (q->step()) cols.push_back(q->column_text(0));
    return cols;
  }
  Query q = db.query("SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid");
  q->bind_all(table, schema);
  while (q->step()) cols.push_back(q->column_text(0));
  return cols;
}

std::vector<std::string> event_ids(Db& db, const std::string& event) {
  std::vector<std::string> ids;
  Query q = db.query("SELECT uuid FROM events WHERE uuid = ?1 OR name = ?1 ORDER BY uuid");
  q->bind(1, event);
  while (q->step()) ids.push_back(q->column_text(0));
  if (ids.empty()) throw StoreError(ErrorKind::NotFound, "There is no event called '" + event + "'.");
  return ids;
}

std::vector<std::string> table_names(Db& db, const std::string& schema) {
  std::vector<std::string> names;
  // The schema name cannot be bound; it is always one of this program's own identifiers.
  Stmt q(db, "SELECT name FROM \"" + schema +
                          "\".sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                          "ORDER BY name");
  while (q.step()) names.push_back(q.column_text(0));
  return names;
}

std::string join_columns(const std::vector<std::string>& cols, const std::string& prefix) {
  std::string out;
  for (const auto& c : cols) {
    if (!out.empty()) out += ", ";
    out += prefix + c;
  }
  return out;
}

namespace {

// A rollback journal left by a writer that died before finishing (for example while a new file
// was switched to WAL) must be rolled back before anything can read the file. That is SQLite's
// own crash recovery: it restores the last committed content and loses nothing committed.
void roll_back_hot_journal(const fs::path& path) {
  Db rw = Db::open(path.string(), OpenMode::ReadWrite);
  rw.scalar_int("SELECT count(*) FROM sqlite_schema");
}

bool is_hot_journal(const StoreError& e) { return e.sqlite_code() == SQLITE_READONLY_ROLLBACK; }

Inspection inspect_once(const fs::path& path, const std::string& what, bool own) {
  const std::string name = what + " " + describe(path);
  Db ro = own ? Db::open(path.string(), OpenMode::ReadOnly) : open_other_readonly(path);
  int64_t size = 0;
  std::string header = ro.read_file_bytes(0, 100, &size);
  if (size == 0) return Inspection{true, 0};  // SQLite treats an empty file as a new database
  if (size < 100 || std::memcmp(header.data(), "SQLite format 3", 16) != 0) {
    refuse(ErrorKind::NotSqlite, name + " is not an auditsim results database (it is not an "
                                        "SQLite file). Check the path; the file has not been "
                                        "changed.");
  }
  SchemaInfo info;
  std::vector<std::string> lines;
  try {
    info = read_schema_info(ro);
    Query q = ro.query("PRAGMA quick_check");
    while (q->step()) lines.push_back(q->column_text(0));
  } catch (const StoreError& e) {
    if (is_hot_journal(e) || (e.kind() != ErrorKind::Corrupt && e.kind() != ErrorKind::NotSqlite)) {
      throw;
    }
    refuse(ErrorKind::Corrupt, name + " is damaged and cannot be read. Restore it from a "
                                      "backup or an export; the file has not been changed.");
  }
  if (info.application_id != kApplicationId) {
    if (info.application_id == 0 && info.empty && info.user_version == 0) {
      return Inspection{true, 0};
    }
    refuse(ErrorKind::Foreign, name + " is an SQLite database made by another program, not an "
                                      "auditsim results database. Choose another file; it has "
                                      "not been changed.");
  }
  if (info.user_version > kSchemaVersion) {
    refuse(ErrorKind::TooNew, name + " was written by a newer version of auditsim (schema " +
                                  std::to_string(info.user_version) + "; this version knows " +
                                  "up to " + std::to_string(kSchemaVersion) + "). Update " +
                                  "auditsim to use it; the file has not been changed.");
  }
  if (lines.size() != 1 || lines[0] != "ok") {
    refuse(ErrorKind::Corrupt,
           name + " is damaged (" + (lines.empty() ? std::string("no result") : lines[0]) +
               "). Restore it from a backup or an export; the file has not been changed.");
  }
  // Exactly this program's schema for its version, nothing more: a foreign trigger would act
  // on every write, a view could hang or mislead every read, an extra table hides data.
  if (std::string diff = schema_difference(ro, info.user_version); !diff.empty()) {
    refuse(ErrorKind::Foreign, name + " " + diff + ". auditsim only uses a database whose "
                               "structure it made itself; restore it from a backup or an "
                               "export. The file has not been changed.");
  }
  return Inspection{false, info.user_version};
}

}  // namespace

Inspection inspect_readonly(const fs::path& path, const std::string& what, bool recover) {
  refuse_special_file(path, what);
  if (!recover) {
    // Read through `immutable` SQLite does not look at a rollback journal, so one left by a
    // writer that stopped is found here instead.
    std::error_code ec;
    const fs::path journal(path.string() + "-journal");
    if (fs::is_regular_file(journal, ec) && fs::file_size(journal, ec) > 0) {
      refuse(ErrorKind::Io, what + " " + describe(path) + " has an unfinished write from a "
                            "program that stopped. Open it with auditsim once to recover it.");
    }
  }
  try {
    return inspect_once(path, what, recover);
  } catch (const StoreError& e) {
    if (!is_hot_journal(e)) throw;
    if (!recover) {
      refuse(ErrorKind::Io, what + " " + describe(path) + " has an unfinished write from a "
                            "program that stopped. Open it with auditsim once to recover it.");
    }
  }
  roll_back_hot_journal(path);
  return inspect_once(path, what, recover);
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const fs::path& Store::path() const { return impl_->path; }
Db& raw_connection(Store& store) { return store.impl_->db; }

namespace {

// A new database is built complete (owner-only file, WAL, current schema) under a temporary
// name and then linked into place, so the real path never holds a half-made database, even if
// the program is killed while creating it. link() fails if another process got there first, in
// which case its database is used.
void create_database(const fs::path& path) {
  fs::path tmp = path.parent_path() / ("." + path.filename().string() + "." + new_uuid() + ".new");
  create_private_file_exclusive(tmp);
  try {
    Db db = Db::open(tmp.string(), OpenMode::ReadWrite);
    db.exec("PRAGMA journal_mode=WAL");
    migrate(db);
  } catch (...) {
    remove_db_files(tmp);
    throw;
  }
  int rc = ::link(tmp.c_str(), path.c_str());
  int err = errno;
  remove_db_files(tmp);
  if (rc != 0 && err != EEXIST) {
    refuse(ErrorKind::Io, "Could not create the results database " + describe(path) + ": " +
                              os_failure(err, "Check the folder's permissions."));
  }
  fsync_dir(path.parent_path());
}

// Temporary files of a creation that was killed part-way are removed once clearly abandoned.
void sweep_abandoned(const fs::path& path) {
  std::error_code ec;
  const std::string prefix = "." + path.filename().string() + ".";
  auto cutoff = fs::file_time_type::clock::now() - std::chrono::minutes(10);
  for (fs::directory_iterator it(path.parent_path(), ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) == 0 && name.find(".new") != std::string::npos &&
        fs::last_write_time(it->path(), ec) < cutoff) {
      fs::remove(it->path(), ec);
    }
  }
}

}  // namespace

Store Store::open(const fs::path& path) {
  if (is_server_address(path.string())) return open_server_store(path.string());
  fs::path abs = fs::absolute(path).lexically_normal();
  std::error_code ec;
  refuse_special_file(abs, "The results database");
  if (!fs::exists(abs, ec)) create_database(abs);
  sweep_abandoned(abs);
  // Look before writing: only a file that passes inspection is ever opened read-write.
  inspect_readonly(abs, "The results database");
  Db db = Db::open(abs.string(), OpenMode::ReadWrite);
  // WAL lets readers (reports, a second window) work while play records; it persists in the file.
  auto mode = db.scalar_text("PRAGMA journal_mode=WAL");
  if (!mode || *mode != "wal") {
    refuse(ErrorKind::Io, "The results database " + describe(abs) + " could not be switched to "
                          "write-ahead logging. Put it on a local disk, not a network share.");
  }
  migrate(db);
  return Store(std::make_unique<Impl>(Impl{abs, std::move(db), {}, std::nullopt}));
}

Store Store::open_reader() const {
  if (!impl_->server_address.empty()) {
    Db db = Db::open_postgres(impl_->server_address);
    return Store(std::make_unique<Impl>(
        Impl{impl_->path, std::move(db), {}, std::nullopt, impl_->server_address}));
  }
  // Read-only: a WAL file has its readers and one writer; this connection never writes.
  Db db = Db::open(impl_->path.string(), OpenMode::ReadOnly);
  return Store(std::make_unique<Impl>(Impl{impl_->path, std::move(db), {}, std::nullopt}));
}

CheckReport Store::check_file(const fs::path& path) {
  CheckReport r;
  try {
    fs::path abs = fs::absolute(path).lexically_normal();
    std::error_code ec;
    if (!fs::exists(abs, ec)) {
      r.opened = false;
      r.problems.push_back(describe(abs) + " does not exist.");
      return r;
    }
    Inspection in = inspect_readonly(abs, "The results database", false);
    if (in.new_database) {
      r.opened = false;
      r.problems.push_back(describe(abs) + " is empty: nothing has been recorded in it yet.");
      return r;
    }
    Db ro = open_other_readonly(abs);
    run_checks(ro, r);
  } catch (const StoreError& e) {
    r.opened = false;
    r.problems.push_back(e.what());
  }
  return r;
}

CheckReport Store::check() {
  CheckReport r;
  run_checks(impl_->db, r);
  return r;
}

void Store::batch(const std::function<void()>& fn) {
  Transaction tx(impl_->db);
  fn();
  tx.commit();
}

void require_session(Db& db, const std::string& session_id) {
  Query q = db.query("SELECT 1 FROM sessions WHERE uuid = ?");
  q->bind(1, session_id);
  if (!q->step()) throw StoreError(ErrorKind::NotFound, "There is no session " + session_id + ".");
}

}  // namespace auditsim::store
