// Agreed recommendations become improvement-plan actions: what the command line and the desktop
// program add to the plan when a response agrees (or partly agrees) to a recommendation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/audit/record.hpp"
#include "sim/model.hpp"
#include "sim/store/records.hpp"

namespace auditsim::audit {

// The action a response makes of its recommendation, or nullopt: when the response is neither
// agreed nor partly agreed, the recommendation is withdrawn or not in `r`, or an action of `plan`
// already carries it out. The action is the recommendation's text; finding = the first finding's
// key action; owner and due date from that key action's current check; priority that key
// action's (medium when it answers no finding or `scenario` is null, the scenario no longer
// loading); recommendation = its id.
std::optional<store::ActionItem> action_for_response(const Scenario* scenario,
                                                     const std::string& session_id,
                                                     const AuditRecord& r,
                                                     const std::vector<store::ActionItem>& plan,
                                                     const Response& response);

}  // namespace auditsim::audit
