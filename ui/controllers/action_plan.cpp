#include "ui/controllers/action_plan.hpp"

#include <algorithm>

#include "sim/audit/audit.hpp"
#include "sim/dates.hpp"

namespace auditsim::ui {

namespace {
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
}  // namespace

ActionPlanController::ActionPlanController(AuditWorkspace& ws) : ws_(&ws) {}

std::vector<PlanRow> ActionPlanController::rows() const {
  std::vector<PlanRow> out;
  const auto recs = audit::current_recommendations(ws_->record());
  for (const store::ActionItem& a : ws_->actions()) {
    PlanRow row;
    row.item = a;
    row.overdue = audit::action_overdue(a.due_date, store::key(a.status), ws_->today());
    for (const audit::Recommendation& r : recs)
      if (!a.recommendation.empty() && r.id == a.recommendation)
        row.recommendation = "R" + std::to_string(r.number);
    for (const KeyAction& k : ws_->scenario().key_actions)
      if (k.id == a.finding) row.finding = k.text;
    for (const audit::ActionUpdate& u : ws_->record().action_updates)
      if (u.action == a.id) row.updates.push_back(u);
    out.push_back(std::move(row));
  }
  return out;
}

int ActionPlanController::overdue_count() const {
  int n = 0;
  for (const store::ActionItem& a : ws_->actions())
    if (audit::action_overdue(a.due_date, store::key(a.status), ws_->today())) ++n;
  return n;
}

std::optional<store::ActionItem> ActionPlanController::find(const std::string& id) const {
  for (const store::ActionItem& a : ws_->actions())
    if (a.id == id) return a;
  return std::nullopt;
}

bool ActionPlanController::update(store::ActionItem a, std::string* error) {
  if (!ws_->write("The action was not changed: ", error,
                  [&](store::Store& db) { db.update_action(a); }))
    return false;
  return ws_->reload(error);
}

std::string& ActionPlanController::owner_field(const std::string& id) {
  auto it = owners_.find(id);
  if (it != owners_.end()) return it->second;
  const auto a = find(id);
  return owners_[id] = a ? a->owner : std::string();
}

bool ActionPlanController::save_owner(const std::string& id, std::string* error) {
  auto a = find(id);
  if (!a) return false;
  const std::string owner = owner_field(id);
  if (blank(owner)) {
    if (error) *error = "An action needs an owner: the officer or role who will carry it out.";
    return false;
  }
  if (a->owner == owner) return true;
  a->owner = owner;
  if (!update(*a, error)) return false;
  owners_.erase(id);
  return true;
}

bool ActionPlanController::set_due_date(const std::string& id, const std::string& due,
                                        std::string* error) {
  auto a = find(id);
  if (!a) return false;
  if (!due.empty() && !is_iso_date(due)) {
    if (error) *error = not_a_date_message("The due date", due);
    return false;
  }
  if (a->due_date == due) return true;
  a->due_date = due;
  return update(*a, error);
}

void ActionPlanController::start_monitoring() {
  monitoring = true;
  if (blank(review)) review = "Monitoring review, " + ws_->today();
  drafts_.clear();
}

UpdateDraft& ActionPlanController::update_draft(const std::string& id) {
  auto it = drafts_.find(id);
  if (it != drafts_.end()) return it->second;
  UpdateDraft d;
  if (auto a = find(id)) d.status = static_cast<int>(a->status);
  return drafts_[id] = d;
}

bool ActionPlanController::record_update(const std::string& id, std::string* error) {
  if (!find(id)) {
    if (error) *error = "That action is no longer in the plan.";
    return false;
  }
  UpdateDraft& d = update_draft(id);
  if (blank(d.note)) {
    if (error) *error = "Say what the review found (the progress, or why there is none) before recording it.";
    return false;
  }
  if (!ws_->check_recorded_by(error)) return false;
  audit::ActionUpdate u;
  u.action = id;
  u.status = store::key(static_cast<store::ActionStatus>(std::clamp(d.status, 0, 2)));
  u.note = d.note;
  u.review = review;
  u.updated_by = ws_->recorded_by;
  if (!ws_->write("The update was not recorded: ", error,
                  [&](store::Store& db) { db.record_action_update(u); }))
    return false;
  drafts_.erase(id);
  return ws_->reload(error);
}

}  // namespace auditsim::ui
