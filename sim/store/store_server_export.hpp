// Exporting one event from a server into a new SQLite results file (see the .cpp).
#pragma once

#include <string>
#include <vector>

#include "sim/store/db.hpp"

namespace auditsim::store {

// Copies the events with these ids, their sessions and everything that hangs off them from
// `server` into `file`, an empty results database at the current schema, in one transaction.
void export_from_server(Db& server, const std::vector<std::string>& event_ids, Db& file);

}  // namespace auditsim::store
