// Opening the results database for a command, with one clear message when it cannot be used.
#pragma once

#include <optional>
#include <string>

#include "sim/store/store.hpp"
#include "cli/commands.hpp"

namespace auditsim::cli {

// The database from --db, else the settings' shared results server, else the default file.
std::string db_path(const GlobalOptions& global);

// Opens (creating when absent) the database; on failure prints why and what to do, and returns
// nullopt. The file is never modified when it is refused.
std::optional<store::Store> open_store(const GlobalOptions& global);

// Prints a store failure as one message with the cause and what to do.
void print_store_error(const store::StoreError& e);

}  // namespace auditsim::cli
