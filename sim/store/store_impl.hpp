// Internals shared by the store's implementation files (not part of the public API).
#pragma once

#include <filesystem>
#include <string>

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
// not be opened for writing. `what` names the file for messages ("the results database").
Inspection inspect_readonly(const std::filesystem::path& path, const std::string& what);

// Plain-words name of a file for messages.
std::string describe(const std::filesystem::path& p);

// Throws NotFound unless the session exists.
void require_session(Db& db, const std::string& session_id);

}  // namespace auditsim::store
