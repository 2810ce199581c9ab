// The debrief's model: each table's result, its decision log with the path not taken, its
// findings and its improvement plan (saved to the store as it is edited).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/scoring.hpp"
#include "sim/store/store.hpp"

namespace auditsim::ui {

class PlayController;

// One table's (or the solo player's) outcome.
struct DebriefTeam {
  std::string name;
  std::string session_id;
  std::shared_ptr<const Session> session;
  Result result;
  std::vector<store::ActionItem> actions;
};

// The improvement-plan line being typed.
struct ActionDraft {
  int finding = -1;  // index into the team's result.findings; -1 for free text
  std::string action, owner, due_date;
  int priority = 1;  // 0 high, 1 medium, 2 low
};

// A recorded session rebuilt from the store: the scenario as played and the restored session.
struct RestoredSession {
  store::SessionRecord record;
  ScenarioPtr scenario;
  std::unique_ptr<Session> session;
};
// Loads a session and the exact scenario snapshot it was played on; null with `error`.
std::unique_ptr<RestoredSession> restore_session(store::Store& db, const std::string& id,
                                                 const Clock& clock, std::string* error);

class DebriefModel {
 public:
  // From the tables just played (their sessions are shared, not copied).
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

  // Saves the draft as an action for team t; false with `error` when incomplete or refused.
  bool add_action(int t, std::string* error);
  bool set_action_status(int t, size_t index, store::ActionStatus status, std::string* error);
  bool delete_action(int t, size_t index, std::string* error);

 private:
  void load_actions();

  ScenarioPtr scenario_;
  store::Store* db_ = nullptr;
  std::vector<DebriefTeam> teams_;
  std::vector<std::unique_ptr<Session>> owned_;
  ActionDraft draft_;
  std::string error_;
};

}  // namespace auditsim::ui
