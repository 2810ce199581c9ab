// The improvement plan of one audit: each action with its owner, due date and status, overdue
// ones flagged against the workspace's "today", and the monitoring review (the six-month
// follow-up) that records each action's progress with a note. No ImGui here.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "ui/controllers/audit_workspace.hpp"

namespace auditsim::ui {

// One action as the screen shows it.
struct PlanRow {
  store::ActionItem item;
  bool overdue = false;
  std::string recommendation;  // "R2" when it carries out a members' recommendation
  std::string finding;         // the key action's text it answers, when there is one
  std::vector<audit::ActionUpdate> updates;  // its progress updates, oldest first
};

// A progress update being typed at a monitoring review.
struct UpdateDraft {
  int status = 0;  // index of store::ActionStatus
  std::string note;
};

class ActionPlanController {
 public:
  explicit ActionPlanController(AuditWorkspace& ws);

  // Every action of the session, in the order they were added.
  std::vector<PlanRow> rows() const;
  int overdue_count() const;

  // The owner as being typed for one action (starting from the stored one).
  std::string& owner_field(const std::string& action_id);
  // Changes an action's owner (as typed in its field) or due date (a real date, or empty).
  // False with `error`; a refused owner stays in its field.
  bool save_owner(const std::string& action_id, std::string* error);
  bool set_due_date(const std::string& action_id, const std::string& due, std::string* error);

  // Monitoring review: each action's status updated with a note, all under one review's name.
  bool monitoring = false;
  std::string review;  // "Monitoring review, 2027-06-10"; set from today when the mode opens
  void start_monitoring();
  // The update typed for one action, starting from its current status.
  UpdateDraft& update_draft(const std::string& action_id);
  // Records the update (the action's status changes with it). A note is required: a review
  // says what was found. False with `error`; the draft is kept.
  bool record_update(const std::string& action_id, std::string* error);

 private:
  std::optional<store::ActionItem> find(const std::string& id) const;
  bool update(store::ActionItem a, std::string* error);
  AuditWorkspace* ws_;
  std::map<std::string, UpdateDraft> drafts_;
  std::map<std::string, std::string> owners_;  // owner fields being typed, by action id
};

}  // namespace auditsim::ui
