// Telling a results server's address from a results file's path: the store opens one or the
// other, and the room file (host/room_file.hpp) goes beside a file but not beside a server.
#pragma once

#include <string>

namespace auditsim::store {

// True for a postgresql:// (or postgres://) address: the store is then on a server.
bool is_server_address(const std::string& where);

}  // namespace auditsim::store
