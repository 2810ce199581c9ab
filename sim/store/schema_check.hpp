// The exact shape of a results database, derived from the migrations themselves: a file must
// hold this program's tables, indexes and nothing else (no triggers, views or extra tables,
// which would run the file's own SQL or hide data), so every reader can trust what it queries.
#pragma once

#include <string>
#include <vector>

#include "sim/store/sqlite.hpp"

namespace auditsim::store {

// One row of sqlite_schema, with its SQL text normalised (runs of white space outside quotes
// become one space), so only a difference in meaning counts.
struct SchemaObject {
  std::string type, name, tbl_name, sql;
  bool operator==(const SchemaObject&) const = default;
};

// Every object of `schema` ("main", or an attached name), sorted by type and name.
std::vector<SchemaObject> read_schema_objects(Db& db, const std::string& schema = "main");

// The objects a database at `version` holds: the migrations up to `version` applied to an
// in-memory database (computed once per version), so a new migration needs no edit here.
const std::vector<SchemaObject>& expected_schema(int version);

// Empty when `schema` of `db` is exactly that of `version`; otherwise what differs, in words
// that can follow the file's name ("contains a trigger 'x' that auditsim never creates").
std::string schema_difference(Db& db, int version, const std::string& schema = "main");

}  // namespace auditsim::store
