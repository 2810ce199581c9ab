// The assurance opinion and the report's scope and status for one audit. The opinion is
// proposed from the control checks against the configured definitions; the auditor can set
// another, with a reason that is recorded. Scope says whether the controls were tested or only
// assessed by the group; the report is a draft until issued as final. No ImGui here.
#pragma once

#include <string>

#include "sim/audit/audit.hpp"
#include "ui/controllers/audit_workspace.hpp"

namespace auditsim::ui {

class AuditOpinionController {
 public:
  AuditOpinionController(AuditWorkspace& ws, audit::OpinionDefinitions defs);

  const audit::OpinionDefinitions& definitions() const { return defs_; }
  // The proposed opinion with its basis, and the auditor's setting if any.
  audit::Opinion opinion() const;

  // The auditor's own setting being typed: a level (index into the labels) and the reason.
  int set_level = -1;
  std::string reason;
  // Records the setting. A level and a reason are required. False with `error`.
  bool record_opinion(std::string* error);

  // The stored scope, and the form's copy of it.
  audit::AuditScope scope() const;
  bool controls_tested = false;
  std::string testing_note;
  // Reads the form's fields from the stored scope (on opening, and after a refusal).
  void reset_scope_form();
  bool scope_form_changed() const;
  // Records the form's scope (same stage and version). A tested scope needs a note saying how.
  bool save_scope(std::string* error);
  // Issues the report as final; issuing a final again after it was reopened raises the version.
  bool issue_final(std::string* error);
  // Reopens a final report as a draft of the next version.
  bool reopen_draft(std::string* error);
  // The scope and limitations paragraph every report prints, for the stored scope.
  std::string limitations() const;

 private:
  bool record_scope(audit::AuditScope s, std::string* error);
  AuditWorkspace* ws_;
  audit::OpinionDefinitions defs_;
};

}  // namespace auditsim::ui
