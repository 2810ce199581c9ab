#include "sim/audit/plan.hpp"

#include <algorithm>

namespace auditsim::audit {

std::optional<store::ActionItem> action_for_response(const Scenario* scenario,
                                                     const std::string& session_id,
                                                     const AuditRecord& r,
                                                     const std::vector<store::ActionItem>& plan,
                                                     const Response& response) {
  if (response.response == ResponseKind::NotAgreed) return std::nullopt;
  const bool planned = std::any_of(plan.begin(), plan.end(), [&](const store::ActionItem& a) {
    return a.recommendation == response.recommendation;
  });
  if (planned) return std::nullopt;
  const std::vector<Recommendation> recs = current_recommendations(r);
  const auto rec = std::find_if(recs.begin(), recs.end(), [&](const Recommendation& x) {
    return x.id == response.recommendation;
  });
  if (rec == recs.end() || rec->withdrawn) return std::nullopt;

  store::ActionItem a;
  a.session_id = session_id;
  a.action = rec->text;
  a.recommendation = rec->id;
  a.priority = priority_key(Priority::Medium);
  if (rec->findings.empty()) return a;
  a.finding = rec->findings.front();
  for (const ControlCheck& c : current_checks(r))
    if (c.key_action == a.finding) {
      a.owner = c.owner;
      a.due_date = c.due_date;
    }
  if (scenario) {
    const int k = scenario->find_key_action(a.finding);
    if (k >= 0) a.priority = priority_key(scenario->key_actions[static_cast<size_t>(k)].priority);
  }
  return a;
}

}  // namespace auditsim::audit
