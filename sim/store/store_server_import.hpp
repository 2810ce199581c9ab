// Staging a results file's tables on a server connection for an import (see the .cpp).
#pragma once

#include <filesystem>

#include "sim/store/db.hpp"

namespace auditsim::store {

// Copies every table of the SQLite file (already inspected, shaped and upgraded) into
// pg_temp.import_src_<table> of `server`, replacing any left by an earlier import.
void stage_import_source(Db& server, const std::filesystem::path& sqlite_file);
// Drops them again; never throws (used on every way out of an import).
void drop_import_source(Db& server) noexcept;

}  // namespace auditsim::store
