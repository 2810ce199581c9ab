#include "sim/store/audit_rows.hpp"

#include <nlohmann/json.hpp>

namespace auditsim::store {

audit::ControlCheck read_check(Stmt& q) {
  audit::ControlCheck c;
  c.seq = q.column_int(0);
  c.key_action = q.column_text(1);
  c.status = audit::parse_control_status(q.column_text(2)).value_or(audit::ControlStatus::NotKnown);
  c.evidence = q.column_text(3);
  c.evidence_ref = q.column_text(4);
  c.owner = q.column_text(5);
  c.due_date = q.column_text(6);
  c.condition = q.column_text(7);
  c.criteria = q.column_text(8);
  c.cause = q.column_text(9);
  c.effect = q.column_text(10);
  c.changed_by = q.column_text(11);
  c.changed_at = q.column_text(12);
  return c;
}

audit::Recommendation read_recommendation(Stmt& q) {
  audit::Recommendation r;
  r.id = q.column_text(0);
  r.version = q.column_int(1);
  r.number = q.column_int(2);
  r.to = audit::parse_addressee(q.column_text(3)).value_or(audit::Addressee::Cabinet);
  r.addressee = q.column_text(4);
  r.text = q.column_text(5);
  parse_findings(q.column_text(6), r.findings);
  r.withdrawn = q.column_int(7) != 0;
  r.changed_by = q.column_text(8);
  r.changed_at = q.column_text(9);
  return r;
}

audit::Response read_response(Stmt& q) {
  audit::Response r;
  r.id = q.column_text(0);
  r.recommendation = q.column_text(1);
  r.seq = q.column_int(2);
  r.by = q.column_text(3);
  r.response = audit::parse_response_kind(q.column_text(4)).value_or(audit::ResponseKind::Agreed);
  r.text = q.column_text(5);
  r.date = q.column_text(6);
  r.recorded_at = q.column_text(7);
  return r;
}

audit::OpinionSetting read_opinion(Stmt& q) {
  audit::OpinionSetting o;
  o.seq = q.column_int(0);
  o.label = q.column_text(1);
  o.reason = q.column_text(2);
  o.set_by = q.column_text(3);
  o.set_at = q.column_text(4);
  return o;
}

audit::AuditScope read_scope(Stmt& q) {
  audit::AuditScope s;
  s.seq = q.column_int(0);
  s.controls_tested = q.column_int(1) != 0;
  s.testing_note = q.column_text(2);
  s.stage = audit::parse_report_stage(q.column_text(3)).value_or(audit::ReportStage::Draft);
  s.report_version = q.column_int(4);
  s.changed_by = q.column_text(5);
  s.changed_at = q.column_text(6);
  return s;
}

audit::ActionUpdate read_action_update(Stmt& q) {
  audit::ActionUpdate u;
  u.seq = q.column_int(0);
  u.action = q.column_text(1);
  u.status = q.column_text(2);
  u.note = q.column_text(3);
  u.review = q.column_text(4);
  u.updated_by = q.column_text(5);
  u.updated_at = q.column_text(6);
  return u;
}

std::string findings_json(const std::vector<std::string>& findings) {
  return nlohmann::json(findings).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool parse_findings(const std::string& json, std::vector<std::string>& out) {
  out.clear();
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_array()) return false;
  for (const auto& v : j) {
    if (!v.is_string()) return false;
    out.push_back(v.get<std::string>());
  }
  return true;
}

audit::AuditRecord read_audit(Db& db, const std::string& session, const std::string& schema) {
  audit::AuditRecord r;
  // The schema name cannot be bound; it is always one of this program's own identifiers.
  auto rows = [&](const char* cols, const char* table, const char* order, auto&& read) {
    Query q = db.query(std::string("SELECT ") + cols + " FROM " + schema + "." + table +
                       " WHERE session = ? ORDER BY " + order);
    q->bind(1, session);
    while (q->step()) read(*q);
  };
  rows(kCheckCols, "control_checks", kCheckOrder,
       [&](Stmt& q) { r.checks.push_back(read_check(q)); });
  rows(kRecommendationCols, "recommendations", kRecommendationOrder,
       [&](Stmt& q) { r.recommendations.push_back(read_recommendation(q)); });
  rows(kResponseCols, "responses", "seq",
       [&](Stmt& q) { r.responses.push_back(read_response(q)); });
  rows(kOpinionCols, "opinion_settings", "seq",
       [&](Stmt& q) { r.opinions.push_back(read_opinion(q)); });
  rows(kScopeCols, "audit_scope", "seq", [&](Stmt& q) { r.scope.push_back(read_scope(q)); });
  rows(kActionUpdateCols, "action_updates", "seq",
       [&](Stmt& q) { r.action_updates.push_back(read_action_update(q)); });
  return r;
}

}  // namespace auditsim::store
