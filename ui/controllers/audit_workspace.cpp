#include "ui/controllers/audit_workspace.hpp"

#include "sim/recording.hpp"

namespace auditsim::ui {

std::string short_time(const std::string& iso) {
  if (iso.size() >= 16 && iso[10] == 'T') return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
  return iso;
}

std::unique_ptr<AuditWorkspace> AuditWorkspace::open(store::Store& db, const std::string& session_id,
                                                     const std::string& today, std::string* error) {
  auto fail = [&](std::string why) {
    if (error) *error = std::move(why);
    return nullptr;
  };
  std::unique_ptr<AuditWorkspace> w(new AuditWorkspace);
  w->db_ = &db;
  w->today_ = today;
  try {
    std::optional<store::SessionRecord> rec = db.load_session(session_id);
    if (!rec) return fail("There is no recorded session " + session_id + ".");
    std::string why;
    w->scenario_ = scenario_from_snapshot(rec->snapshot, &why);
    if (!w->scenario_)
      return fail("The scenario this session played can no longer be read: " + why);
    w->session_id_ = rec->summary.id;
    w->title_ = rec->summary.scenario_title.empty() ? w->scenario_->title : rec->summary.scenario_title;
    if (!rec->summary.team.empty()) w->title_ += ": " + rec->summary.team;
    if (rec->event) {
      w->event_name_ = rec->event->name + (rec->event->date.empty() ? "" : ", " + rec->event->date);
      w->desktop_audit_ = rec->event->kind == store::EventKind::DesktopAudit;
      w->recorded_by = rec->event->facilitator;
    }
  } catch (const std::exception& e) {
    return fail(std::string("The session could not be read: ") + e.what());
  }
  if (!w->reload(error)) return nullptr;
  // No facilitator named for the event: whoever recorded the audit last is likely at the
  // keyboard again.
  if (w->recorded_by.empty())
    for (const audit::ControlCheck& c : w->record_.checks)
      if (!c.changed_by.empty()) w->recorded_by = c.changed_by;
  return w;
}

bool AuditWorkspace::check_recorded_by(std::string* error) const {
  if (recorded_by.find_first_not_of(" \t") != std::string::npos) return true;
  if (error)
    *error = "Type your name (or your role) in \"Recorded by\" first: every change to the audit is "
             "kept with who made it and when.";
  return false;
}

bool AuditWorkspace::reload(std::string* error) {
  try {
    audit::AuditRecord record = db_->load_audit(session_id_);
    std::vector<store::ActionItem> actions = db_->list_actions(session_id_);
    record_ = std::move(record);
    actions_ = std::move(actions);
  } catch (const std::exception& e) {
    if (error) *error = std::string("The audit could not be read from the results database: ") + e.what();
    return false;
  }
  ++revision_;
  return true;
}

AuditOffer audit_offer(bool recorded, store::Mode mode, bool desktop_audit_event) {
  if (!recorded) return AuditOffer::None;
  if (desktop_audit_event) return AuditOffer::NextStep;
  return mode == store::Mode::Solo ? AuditOffer::None : AuditOffer::Available;
}

}  // namespace auditsim::ui
