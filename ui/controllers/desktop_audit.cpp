#include "ui/controllers/desktop_audit.hpp"

namespace auditsim::ui {

const char* audit_page_name(AuditPage p) {
  switch (p) {
    case AuditPage::ControlChecks: return "Control checks";
    case AuditPage::Recommendations: return "Recommendations";
    case AuditPage::ActionPlan: return "Action plan";
    case AuditPage::Opinion: return "Opinion and report";
  }
  return "";
}

std::unique_ptr<DesktopAudit> DesktopAudit::open(store::Store& db, const std::string& session_id,
                                                 const audit::OpinionDefinitions& defs,
                                                 const std::string& today, std::string* error) {
  auto ws = AuditWorkspace::open(db, session_id, today, error);
  if (!ws) return nullptr;
  return std::unique_ptr<DesktopAudit>(new DesktopAudit(std::move(ws), defs));
}

// The controllers keep a reference to the workspace, which lives on the heap: moving the
// unique_ptr into ws_ before they are built keeps that reference valid.
DesktopAudit::DesktopAudit(std::unique_ptr<AuditWorkspace> ws, const audit::OpinionDefinitions& defs)
    : ws_(std::move(ws)), checks_(*ws_), recommendations_(*ws_), plan_(*ws_), opinion_(*ws_, defs) {}

}  // namespace auditsim::ui
