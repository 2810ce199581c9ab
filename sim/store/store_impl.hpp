// Internals shared by the store's implementation files (not part of the public API).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/store/sqlite.hpp"
#include "sim/store/store.hpp"

namespace auditsim::store {

struct Store::Impl {
  std::filesystem::path path;
  Db db;
};

// What a read-only inspection of a file concluded.
struct Inspection {
  bool new_database = false;  // empty file or an SQLite file with no tables: safe to initialise
  int version = 0;
};

// Inspects an SQLite file without writing to it: header, application_id, user_version,
// quick_check. Throws StoreError (NotSqlite, Foreign, TooNew, Corrupt) for anything that must
// not be opened for writing. `what` names the file for messages ("The results database").
// A rollback journal left by a killed writer is rolled back first when `recover` is set (that
// is SQLite's normal crash recovery); otherwise it is reported as an Io error.
Inspection inspect_readonly(const std::filesystem::path& path, const std::string& what,
                            bool recover = true);

// Plain-words name of a file for messages.
std::string describe(const std::filesystem::path& p);

// Throws NotFound unless the session exists.
void require_session(Db& db, const std::string& session_id);

}  // namespace auditsim::store

namespace auditsim::store {

// A table holding rows that belong to one session, with the column naming the session and the
// columns that put its rows in a stable order. `sessions` itself is listed with its key.
struct SessionTable {
  const char* name;
  const char* session_col;
  const char* order_by;
};
inline constexpr SessionTable kSessionTables[] = {
    {"sessions", "uuid", "uuid"},
    {"session_participants", "session", "participant"},
    {"decisions", "session", "seq"},
    {"notes", "session", "uuid"},
    {"score_overrides", "session", "uuid"},
    {"actions", "session", "uuid"},
    {"inject_acks", "session", "inject"},
};

// Column names of `schema`.`table`, in declaration order.
std::vector<std::string> table_columns(Db& db, const std::string& schema, const std::string& table);
// Every table of `schema` (excluding SQLite's own), sorted by name.
std::vector<std::string> table_names(Db& db, const std::string& schema);
// "a, b, c"
std::string join_columns(const std::vector<std::string>& cols, const std::string& prefix = "");

// Creates an empty file with mode 0600 (and missing folders 0700); fails if it exists.
void create_private_file_exclusive(const std::filesystem::path& path);

// Removes a database file and its -wal/-shm/-journal companions (for files this process made).
void remove_db_files(const std::filesystem::path& path);

}  // namespace auditsim::store
