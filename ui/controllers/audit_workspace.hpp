// One recorded session's desktop audit as the audit screens share it: the scenario as played,
// everything recorded about the council's own controls, and the improvement plan. Each screen's
// controller writes through the store and then reloads, so every screen shows what is stored.
// No ImGui here.
#pragma once

#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "sim/audit/record.hpp"
#include "sim/engine.hpp"
#include "sim/store/store.hpp"

namespace auditsim::ui {

// "2026-03-12T19:04:05.123Z" as "2026-03-12 19:04 UTC" (other text is returned as it is).
std::string short_time(const std::string& iso);

class AuditWorkspace {
 public:
  // Reads a recorded session (id or unique prefix) and rebuilds its scenario from the stored
  // snapshot. Null with `error` in plain words when it cannot. `today` (YYYY-MM-DD) is the date
  // overdue actions are judged against and responses default to.
  static std::unique_ptr<AuditWorkspace> open(store::Store& db, const std::string& session_id,
                                              const std::string& today, std::string* error);

  store::Store& db() { return *db_; }
  // Runs one write to the results store; when the store refuses it, `error` is `failed`
  // followed by the store's reason, and the answer is false.
  template <class Write>
  bool write(const std::string& failed, std::string* error, Write&& write_to) {
    try {
      write_to(*db_);
      return true;
    } catch (const std::exception& e) {
      if (error) *error = failed + e.what();
      return false;
    }
  }
  const std::string& session_id() const { return session_id_; }
  const Scenario& scenario() const { return *scenario_; }
  // "The verge contract", with the team in teams play: "The verge contract: Team 2".
  const std::string& title() const { return title_; }
  // The event it belongs to ("Audit committee, 2026-03-12"), or empty.
  const std::string& event_name() const { return event_name_; }
  // True when the session's event is a desktop audit (not a training evening or e-learning).
  bool desktop_audit() const { return desktop_audit_; }
  const audit::AuditRecord& record() const { return record_; }
  const std::vector<store::ActionItem>& actions() const { return actions_; }
  const std::string& today() const { return today_; }
  void set_today(std::string today) { today_ = std::move(today); }
  // Increases on every reload, so a screen can tell its cached view is stale.
  int revision() const { return revision_; }

  // Who each change is recorded as: the event's facilitator, else whoever recorded the last
  // change; the auditor can type another name.
  std::string recorded_by;
  // False with a message when no name is given: every change is kept with who made it.
  bool check_recorded_by(std::string* error) const;

  // Re-reads the audit record and the actions after a write; false with `error` when the store
  // cannot be read (what was shown before stays).
  bool reload(std::string* error);

 private:
  AuditWorkspace() = default;
  store::Store* db_ = nullptr;
  std::string session_id_;
  ScenarioPtr scenario_;
  std::string title_, event_name_;
  bool desktop_audit_ = false;
  audit::AuditRecord record_;
  std::vector<store::ActionItem> actions_;
  std::string today_;
  int revision_ = 0;
};

// Whether the debrief (or Results) offers a recorded session's audit, and how: a desktop audit's
// next step after the story, or available in any group session (solo e-learning has no room of
// officers to answer for the council's controls).
enum class AuditOffer { None, Available, NextStep };
AuditOffer audit_offer(bool recorded, store::Mode mode, bool desktop_audit_event);

}  // namespace auditsim::ui
