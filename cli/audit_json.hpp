// The desktop audit's records as JSON for `auditsim audit ... --json`: one shape per record,
// shared by the write commands (which print what they recorded) and `audit show`.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/audit/audit.hpp"
#include "sim/store/records.hpp"

namespace auditsim::cli {

nlohmann::json check_json(const audit::ControlCheck& c);
nlohmann::json recommendation_json(const audit::Recommendation& r);
nlohmann::json response_json(const audit::Response& r);
nlohmann::json opinion_setting_json(const audit::OpinionSetting& o);
nlohmann::json scope_json(const audit::AuditScope& s);
nlohmann::json action_update_json(const audit::ActionUpdate& u);
// `overdue` judged by the caller (audit::action_overdue).
nlohmann::json action_json(const store::ActionItem& a, bool overdue);
nlohmann::json finding_json(const Scenario& s, const audit::AuditFinding& f);

// Prints JSON as every command does: indented, text that is not UTF-8 replaced.
void print_json(const nlohmann::json& j);

}  // namespace auditsim::cli
