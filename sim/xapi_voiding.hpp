// The parts of an xAPI statement the store itself needs, without the engine: a session's
// registration, and the `voided` statement that withdraws one the LRS already has. Undo
// (sim/xapi_queue.cpp) and erasure (sim/store/store_erase_outbox.cpp) void statements alike, under
// the same ids, so a statement withdrawn by both is voided once.
#pragma once

#include <optional>
#include <string>

namespace auditsim {

// The `context.registration` of every statement of a session: its id, or a name-based UUID
// made from it when the id is not a UUID.
std::string xapi_registration(const std::string& session_id);

// The id of the statement voiding `statement_id`: fixed, so voiding twice queues one statement.
std::string xapi_voiding_id(const std::string& statement_id);

struct VoidingStatement {
  std::string id;
  std::string json;
};
// The `voided` statement for `original_json` (same actor, the original's id as a StatementRef);
// nullopt when the original has no id to refer to.
std::optional<VoidingStatement> xapi_voiding_statement(const std::string& original_json,
                                                       const std::string& timestamp);

}  // namespace auditsim
