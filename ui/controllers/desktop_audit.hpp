// Everything the audit screens of one session hold: the shared workspace and each screen's own
// controller. The App keeps one while an audit is open and only navigates to it.
#pragma once

#include <memory>
#include <string>

#include "ui/controllers/action_plan.hpp"
#include "ui/controllers/audit_opinion.hpp"
#include "ui/controllers/audit_workspace.hpp"
#include "ui/controllers/control_checks.hpp"
#include "ui/controllers/recommendations.hpp"
#include "ui/controllers/report_export.hpp"

namespace auditsim::ui {

// The pages of the audit, in the order an audit is done.
enum class AuditPage { ControlChecks, Recommendations, ActionPlan, Opinion };
const char* audit_page_name(AuditPage p);

class DesktopAudit {
 public:
  // Opens the audit of a recorded session; null with `error` in plain words.
  static std::unique_ptr<DesktopAudit> open(store::Store& db, const std::string& session_id,
                                            const audit::OpinionDefinitions& defs,
                                            const std::string& today, std::string* error);

  AuditWorkspace& workspace() { return *ws_; }
  ControlChecksController& checks() { return checks_; }
  RecommendationsController& recommendations() { return recommendations_; }
  ActionPlanController& plan() { return plan_; }
  AuditOpinionController& opinion() { return opinion_; }
  AuditPage page = AuditPage::ControlChecks;
  // The audit feedback report's form on the opinion page.
  ReportExporter report;

 private:
  DesktopAudit(std::unique_ptr<AuditWorkspace> ws, const audit::OpinionDefinitions& defs);
  std::unique_ptr<AuditWorkspace> ws_;
  ControlChecksController checks_;
  RecommendationsController recommendations_;
  ActionPlanController plan_;
  AuditOpinionController opinion_;
};

}  // namespace auditsim::ui
