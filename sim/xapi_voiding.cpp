#include "sim/xapi_voiding.hpp"

#include <nlohmann/json.hpp>

#include "sim/uuid.hpp"
#include "sim/xapi_words.hpp"

namespace auditsim {

using nlohmann::json;

std::string xapi_registration(const std::string& session_id) {
  return is_uuid(session_id) ? session_id : name_uuid("registration/" + session_id);
}

std::string xapi_voiding_id(const std::string& statement_id) {
  return name_uuid("voided/" + statement_id);
}

std::optional<VoidingStatement> xapi_voiding_statement(const std::string& original_json,
                                                       const std::string& timestamp) {
  const json original = json::parse(original_json, nullptr, false);
  if (!original.is_object() || !original.contains("id") || !original["id"].is_string())
    return std::nullopt;
  const std::string original_id = original["id"];
  VoidingStatement v;
  v.id = xapi_voiding_id(original_id);
  json s = {{"id", v.id},
            {"version", "1.0.3"},
            {"verb", xapi::verb("voided")},
            {"object", {{"objectType", "StatementRef"}, {"id", original_id}}},
            {"timestamp", timestamp}};
  // The same pseudonymous actor the original names: the voiding says nothing more about anyone.
  if (original.contains("actor")) s["actor"] = original["actor"];
  v.json = s.dump(-1, ' ', false, json::error_handler_t::replace);
  return v;
}

}  // namespace auditsim
