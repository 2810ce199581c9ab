// How the members' recommendations reach the improvement plan: one that the council agrees to
// (or partly agrees to) becomes an action with an owner, a due date and a status, tracked until
// it is done. The desktop program and the command line both use these, so an agreed
// recommendation gives the same action whichever way the response was recorded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/audit/record.hpp"
#include "sim/model.hpp"
#include "sim/store/records.hpp"

namespace auditsim::audit {

// Whether a response of this kind puts the recommendation into the improvement plan.
bool response_makes_action(ResponseKind r);

// The action an agreed recommendation becomes: the recommendation's words; the owner and the
// target date from the current check of the first finding it answers (else the body it is
// addressed to, and no date); that key action's priority (else medium). Not stored: the caller
// adds it (Store::add_action).
store::ActionItem action_for_recommendation(const Scenario& s, const AuditRecord& r,
                                            const Recommendation& rec,
                                            const std::string& session_id);

// The action already carrying out this recommendation, if any (one action per recommendation:
// a second agreeing body does not add another).
std::optional<store::ActionItem> action_of_recommendation(
    const std::vector<store::ActionItem>& actions, const std::string& recommendation_id);

}  // namespace auditsim::audit
