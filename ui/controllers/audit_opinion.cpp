#include "ui/controllers/audit_opinion.hpp"

#include <algorithm>

namespace auditsim::ui {

namespace {
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
}  // namespace

AuditOpinionController::AuditOpinionController(AuditWorkspace& ws, audit::OpinionDefinitions defs)
    : ws_(&ws), defs_(std::move(defs)) {
  reset_scope_form();
}

audit::Opinion AuditOpinionController::opinion() const {
  return audit::assess_opinion(ws_->scenario(), ws_->record(), defs_);
}

bool AuditOpinionController::record_opinion(std::string* error) {
  const int levels = static_cast<int>(defs_.labels.size());
  if (set_level < 0 || set_level >= levels) {
    if (error) *error = "Choose the opinion you give first.";
    return false;
  }
  if (blank(reason)) {
    if (error)
      *error = "Give the reason for the opinion you set: the report prints it beside the one "
               "proposed from the checks.";
    return false;
  }
  if (!ws_->check_recorded_by(error)) return false;
  audit::OpinionSetting o;
  o.label = defs_.labels[static_cast<size_t>(set_level)];
  o.reason = reason;
  o.set_by = ws_->recorded_by;
  if (!ws_->write("The opinion was not recorded: ", error,
                  [&](store::Store& db) { db.record_opinion(ws_->session_id(), o); }))
    return false;
  set_level = -1;
  reason.clear();
  return ws_->reload(error);
}

audit::AuditScope AuditOpinionController::scope() const { return audit::current_scope(ws_->record()); }

void AuditOpinionController::reset_scope_form() {
  const audit::AuditScope s = scope();
  controls_tested = s.controls_tested;
  testing_note = s.testing_note;
}

bool AuditOpinionController::scope_form_changed() const {
  const audit::AuditScope s = scope();
  return s.controls_tested != controls_tested || s.testing_note != testing_note;
}

bool AuditOpinionController::record_scope(audit::AuditScope s, std::string* error) {
  if (!ws_->check_recorded_by(error)) return false;
  s.seq = 0;
  s.changed_by = ws_->recorded_by;
  s.changed_at.clear();
  if (!ws_->write("The report's scope was not recorded: ", error,
                  [&](store::Store& db) { db.record_audit_scope(ws_->session_id(), s); }))
    return false;
  return ws_->reload(error);
}

bool AuditOpinionController::save_scope(std::string* error) {
  if (controls_tested && blank(testing_note)) {
    if (error)
      *error = "Say how the controls were tested (a walk-through, a sample of transactions...): "
               "the report's limitations paragraph quotes it.";
    return false;
  }
  audit::AuditScope s = scope();
  s.controls_tested = controls_tested;
  s.testing_note = testing_note;
  return record_scope(s, error);
}

bool AuditOpinionController::issue_final(std::string* error) {
  audit::AuditScope s = scope();
  if (s.stage == audit::ReportStage::Final) return true;
  s.stage = audit::ReportStage::Final;
  return record_scope(s, error);
}

bool AuditOpinionController::reopen_draft(std::string* error) {
  audit::AuditScope s = scope();
  if (s.stage == audit::ReportStage::Draft) return true;
  s.stage = audit::ReportStage::Draft;
  s.report_version += 1;  // the draft of the next version: the final one issued stays as it was
  return record_scope(s, error);
}

std::string AuditOpinionController::limitations() const {
  const audit::Opinion o = opinion();
  return audit::scope_and_limitations(scope(), o.checks_recorded,
                                      static_cast<int>(ws_->scenario().key_actions.size()));
}

}  // namespace auditsim::ui
