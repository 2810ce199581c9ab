// The debrief's model: each team's result, its decision log with the path not taken, its
// findings and its improvement plan (saved to the store as it is edited).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/recording.hpp"
#include "sim/scoring.hpp"
#include "sim/store/store.hpp"
#include "ui/controllers/certificate.hpp"

namespace auditsim::ui {

class PlayController;

// How a decision's show of hands reads on the debrief: one line per choice that got votes, most
// hands first, by the choice's own words ("Call the supplier on the number held on file: 4 of
// 7"); a vote for an id the stage does not have is shown by its id.
std::vector<std::string> vote_lines(const Node& node, const GroupInput& group);

// One team's (or the solo player's) outcome.
struct DebriefTeam {
  std::string name;
  std::string session_id;
  std::shared_ptr<const Session> session;
  Result scored;  // as played
  Result result;  // as played, with the facilitator's adjustments applied
  std::vector<store::ScoreOverride> overrides;
  std::vector<store::ActionItem> actions;
  // Where the desktop audit comes in: a desktop-audit event's next step, or offered in any
  // group session (ui/controllers/audit_workspace.hpp).
  store::Mode mode = store::Mode::Solo;
  bool desktop_audit = false;
};

// The improvement-plan line being typed.
struct ActionDraft {
  int finding = -1;  // index into the team's result.findings; -1 for free text
  std::string action, owner, due_date;
  int priority = 1;  // 0 high, 1 medium, 2 low
};

// The facilitator's score adjustment being typed: one pillar, points and the reason.
struct OverrideDraft {
  int pillar = static_cast<int>(Pillar::Protect);
  int points = 0;
  std::string reason;
};

class DebriefModel {
 public:
  // From the teams just played (their sessions are shared, not copied).
  DebriefModel(PlayController& play, store::Store* db, const ScoringConfig& scoring);
  // From recorded sessions of one scenario (a team evening, or one session); throws nothing,
  // check ok() and error().
  DebriefModel(store::Store& db, const std::vector<std::string>& session_ids, const Clock& clock,
               const ScoringConfig& scoring);

  bool ok() const { return scenario_ != nullptr && !teams_.empty(); }
  const std::string& error() const { return error_; }
  const Scenario& scenario() const { return *scenario_; }
  std::vector<DebriefTeam>& teams() { return teams_; }
  ActionDraft& draft() { return draft_; }
  OverrideDraft& override_draft() { return override_draft_; }
  CertificateForm& certificate() { return certificate_; }

  // Saves the draft as an action for team t; false with `error` when incomplete or refused.
  bool add_action(int t, std::string* error);
  bool set_action_status(int t, size_t index, store::ActionStatus status, std::string* error);
  bool delete_action(int t, size_t index, std::string* error);
  // Records the override draft for team t (a reason and non-zero points are required, and the
  // session must be recorded) and rescores the team with it; false with `error` when refused.
  bool add_override(int t, std::string* error);

 private:
  void load_actions();
  void load_overrides();
  void rescore(DebriefTeam& t) const;

  ScenarioPtr scenario_;
  store::Store* db_ = nullptr;
  std::vector<DebriefTeam> teams_;
  std::vector<std::unique_ptr<Session>> owned_;
  ActionDraft draft_;
  OverrideDraft override_draft_;
  CertificateForm certificate_;
  ScoringConfig scoring_;
  std::string error_;
};

}  // namespace auditsim::ui
