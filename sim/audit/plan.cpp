#include "sim/audit/plan.hpp"

namespace auditsim::audit {

bool response_makes_action(ResponseKind r) { return r != ResponseKind::NotAgreed; }

store::ActionItem action_for_recommendation(const Scenario& s, const AuditRecord& r,
                                            const Recommendation& rec,
                                            const std::string& session_id) {
  store::ActionItem a;
  a.session_id = session_id;
  a.action = rec.text;
  a.recommendation = rec.id;
  // Who is asked to act, when no check names an owner: "Cabinet Member for Resources", else
  // the kind of body ("Cabinet").
  a.owner = rec.addressee.empty() ? label(rec.to) : rec.addressee;
  // The first finding the recommendation answers that the scenario still has (an imported
  // record may name one it does not).
  for (const std::string& ka : rec.findings) {
    int index = -1;
    for (size_t i = 0; i < s.key_actions.size(); ++i)
      if (s.key_actions[i].id == ka) index = static_cast<int>(i);
    if (index < 0) continue;
    a.finding = ka;
    a.priority = priority_key(s.key_actions[static_cast<size_t>(index)].priority);
    for (const ControlCheck& c : current_checks(r)) {
      if (c.key_action != ka) continue;
      if (!c.owner.empty()) a.owner = c.owner;
      a.due_date = c.due_date;
    }
    break;
  }
  return a;
}

std::optional<store::ActionItem> action_of_recommendation(
    const std::vector<store::ActionItem>& actions, const std::string& recommendation_id) {
  if (recommendation_id.empty()) return std::nullopt;
  for (const store::ActionItem& a : actions)
    if (a.recommendation == recommendation_id) return a;
  return std::nullopt;
}

}  // namespace auditsim::audit
