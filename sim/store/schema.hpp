// The results database schema and its migrations: an ordered list of steps, each run in its own
// transaction, with `PRAGMA user_version` recording how many have been applied.
#pragma once

#include <cstdint>

#include "sim/store/sqlite.hpp"

namespace auditsim::store {

// `PRAGMA application_id` of every results database: "ADSM" (Audit Desktop SiMulator).
inline constexpr int32_t kApplicationId = 0x4144534D;
// The schema version this program writes; files with a higher user_version are refused.
inline constexpr int kSchemaVersion = 10;

// What a read-only look at a file found.
struct SchemaInfo {
  int32_t application_id = 0;
  int user_version = 0;
  bool empty = true;  // no tables at all: a new database
};

// Reads application_id, user_version and whether any table exists.
SchemaInfo read_schema_info(Db& db);

// Applies migration steps until user_version == target (target <= kSchemaVersion). Each step
// runs in its own BEGIN IMMEDIATE transaction and re-reads the version inside it, so two
// processes opening the same new file at once do not both apply a step.
void migrate(Db& db, int target = kSchemaVersion);

}  // namespace auditsim::store
