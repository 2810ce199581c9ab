// The SQLite backend of the store's connection (sim/store/db.hpp): the file's pragmas, its
// locking, its errors in plain words, and the SQLite-only operations the store uses for files
// (the online backup of an export).
#pragma once

#include <string_view>

#include "sim/store/db.hpp"

namespace auditsim::store {

// Turns an SQLite result code into a StoreError; `context` says what was being done.
[[noreturn]] void throw_sqlite(int code, std::string_view context, std::string_view detail);

// Copies the whole of `from` into `to` with the online backup API (page by page, consistent,
// and written through `to`'s own journal so it is durable when this returns). Both SQLite.
void backup(Db& from, Db& to);

}  // namespace auditsim::store
