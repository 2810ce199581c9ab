// The results store's raw SQLite connection, for the store's own tests and benchmarks: they
// plant triggers, read pragmas and time bare inserts. Product code goes through Store.
#pragma once

#include "sim/store/sqlite.hpp"
#include "sim/store/store.hpp"

namespace auditsim::store {

Db& raw_connection(Store& store);

}  // namespace auditsim::store
