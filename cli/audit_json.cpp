#include "cli/audit_json.hpp"

#include <iostream>

namespace auditsim::cli {

using nlohmann::json;

json check_json(const audit::ControlCheck& c) {
  return json{{"seq", c.seq},
              {"key_action", c.key_action},
              {"status", audit::key(c.status)},
              {"status_label", audit::label(c.status)},
              {"evidence", c.evidence},
              {"evidence_ref", c.evidence_ref},
              {"owner", c.owner},
              {"due_date", c.due_date},
              {"condition", c.condition},
              {"criteria", c.criteria},
              {"cause", c.cause},
              {"effect", c.effect},
              {"changed_by", c.changed_by},
              {"changed_at", c.changed_at}};
}

json recommendation_json(const audit::Recommendation& r) {
  return json{{"id", r.id},
              {"number", r.number},
              {"version", r.version},
              {"to", audit::key(r.to)},
              {"to_label", audit::label(r.to)},
              {"addressee", r.addressee},
              {"text", r.text},
              {"findings", r.findings},
              {"withdrawn", r.withdrawn},
              {"changed_by", r.changed_by},
              {"changed_at", r.changed_at}};
}

json response_json(const audit::Response& r) {
  return json{{"id", r.id},
              {"recommendation", r.recommendation},
              {"seq", r.seq},
              {"by", r.by},
              {"response", audit::key(r.response)},
              {"response_label", audit::label(r.response)},
              {"text", r.text},
              {"date", r.date},
              {"recorded_at", r.recorded_at}};
}

json opinion_setting_json(const audit::OpinionSetting& o) {
  return json{{"seq", o.seq},
              {"label", o.label},
              {"reason", o.reason},
              {"set_by", o.set_by},
              {"set_at", o.set_at}};
}

json scope_json(const audit::AuditScope& s) {
  return json{{"seq", s.seq},
              {"controls_tested", s.controls_tested},
              {"testing_note", s.testing_note},
              {"stage", audit::key(s.stage)},
              {"report_version", s.report_version},
              {"changed_by", s.changed_by},
              {"changed_at", s.changed_at}};
}

json action_update_json(const audit::ActionUpdate& u) {
  return json{{"seq", u.seq},
              {"action", u.action},
              {"status", u.status},
              {"note", u.note},
              {"review", u.review},
              {"updated_by", u.updated_by},
              {"updated_at", u.updated_at}};
}

json action_json(const store::ActionItem& a, bool overdue) {
  return json{{"id", a.id},
              {"finding", a.finding},
              {"action", a.action},
              {"owner", a.owner},
              {"due_date", a.due_date},
              {"priority", a.priority},
              {"status", store::key(a.status)},
              {"recommendation", a.recommendation},
              {"overdue", overdue}};
}

json finding_json(const Scenario& s, const audit::AuditFinding& f) {
  const bool known = f.key_action >= 0 && f.key_action < static_cast<int>(s.key_actions.size());
  return json{{"key_action", known ? s.key_actions[static_cast<size_t>(f.key_action)].id : ""},
              {"priority", priority_key(f.priority)},
              {"status", audit::key(f.status)},
              {"question", f.question},
              {"condition", f.condition},
              {"criteria", f.criteria},
              {"cause", f.cause},
              {"effect", f.effect},
              {"owner", f.owner},
              {"due_date", f.due_date},
              {"evidence", f.evidence},
              {"evidence_ref", f.evidence_ref}};
}

void print_json(const json& j) {
  std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
}

}  // namespace auditsim::cli
