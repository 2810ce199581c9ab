// The play screen's controller: one session (solo, group) or several teams of one
// scenario, each decision recorded in the results store before the screen moves on.
// No ImGui here; the screen reads this state and calls these methods.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/recording.hpp"
#include "sim/session_text.hpp"
#include "sim/scoring.hpp"
#include "sim/store/store.hpp"
#include "ui/controllers/device_room.hpp"
#include "ui/controllers/play_ui.hpp"

namespace auditsim::ui {

// Someone taking part, as entered on the New session screen.
struct ParticipantEntry {
  std::string name;
  store::Role role = store::Role::Member;
};

// Everything needed to start playing, gathered by the New session screen (or --open).
struct SessionSetup {
  store::Mode mode = store::Mode::Solo;
  std::vector<std::string> teams;  // Teams mode: one name per table
  std::optional<store::Event> event;  // with an id: existing; without: created by name
  std::vector<ParticipantEntry> participants;
  bool pseudonyms_only = false;  // record "Participant N" instead of names
  bool timers = true;            // off: no countdowns, no time-triggered injects
  std::optional<Audience> audience;
};

// What a group said at the current node, before the facilitator records the decision.
struct DecisionDraft {
  int node = -1;  // the node it was entered at: it belongs to that stage only
  std::map<std::string, int> votes;  // choice id -> hands
  std::string rationale;
  std::string dissent;
  int total_votes() const;
};

// One team (or the only player) and where its records go.
struct Team {
  std::string name;  // empty outside teams mode
  std::shared_ptr<Session> session;
  std::string session_id;  // in the store; empty when not recorded
  std::unique_ptr<SessionRecorder> recorder;  // writes the session's history; null when not recorded
  DecisionDraft draft;  // read and written through PlayController::draft()
  bool write_failed = false;  // the last write to the store failed: the store is behind
  std::vector<store::Note> notes;  // the facilitator's notes saved for this team, oldest first
};

class PlayController {
 public:
  // Starts new sessions in `db` (null: play without recording). Throws store::StoreError when
  // the store refuses; the caller shows it.
  PlayController(ScenarioPtr scenario, const Clock& clock, store::Store* db,
                 const SessionSetup& setup, const ScoringConfig& scoring = {});
  // Continues a recorded session at its exact node, history and timers; null with `error`.
  // A team of a teams run brings back the whole run: every team in its tab, each with its
  // own clock, with the asked-for team's tab active.
  static std::unique_ptr<PlayController> resume(store::Store& db, const std::string& session_id,
                                                const Clock& clock, const ScoringConfig& scoring,
                                                std::string* error);
  // A finished story ends its devices' room (its file goes); an unfinished one leaves the file
  // for a resume to let the same devices back in, as after a crash.
  ~PlayController();

  const Scenario& scenario() const { return *scenario_; }
  const ScenarioPtr& scenario_ptr() const { return scenario_; }
  // The name of the event the sessions belong to; empty when none.
  const std::string& event_name() const { return event_name_; }
  store::Mode mode() const { return mode_; }
  // True when the session belongs to a desktop-audit event: the council's controls are checked
  // after the story (ui/controllers/control_checks.hpp).
  bool desktop_audit() const { return desktop_audit_; }
  bool timers() const { return timers_; }
  std::vector<Team>& teams() { return teams_; }
  const std::vector<Team>& teams() const { return teams_; }
  Team& team(size_t i) { return teams_.at(i); }
  int active() const { return active_; }
  void set_active(int t);
  Team& current() { return teams_.at(active_); }
  // The play screen's state between frames (typing, the open document, the room view's panels).
  PlayUi& ui() { return ui_; }

  // Team t's draft for its current stage; a draft entered at another stage (before a time-out,
  // an undo or a decision) is discarded, so the panel always starts clean on a new stage.
  DecisionDraft& draft(int t);

  // Takes choice `choice_index` of the current node for team `t` with the team's draft (group
  // and teams modes) and records it. False with `error` set when not available or not recorded
  // (the session is then left as it was).
  bool choose(int t, int choice_index, std::string* error);
  // Undoes team t's last decision; the reason is required and recorded.
  bool undo(int t, const std::string& reason, std::string* error);
  // Pauses or resumes every team (the facilitator controls the room).
  void set_paused(bool paused);
  bool paused() const;
  // The facilitator's hand on the countdown, for every team at once as for a pause (the
  // facilitator keeps the room's time): a minute more or less at the current stage (never cut
  // below a few seconds), the stage's full time again from now, or the time run out now (what
  // running out of time does there follows at the next tick, recorded as a time-out). Saved with
  // the session's state, so a resume keeps it. True when any team's countdown changed.
  enum class Countdown { AddMinute, TakeMinute, Reset, RunOut };
  bool countdown(Countdown what);
  // Acknowledges a fired inject on team t and records the acknowledgement.
  void acknowledge(int t, int inject_index);
  // Adds a facilitator note to team t's session.
  bool add_note(int t, const std::string& text, bool part_b, std::string* error);
  // Team t's saved notes (those of a resumed session included), and correcting or taking one
  // back by its id; false with `error` when the store refuses (the list is then unchanged).
  const std::vector<store::Note>& notes(int t) const;
  bool update_note(int t, const std::string& note_id, const std::string& text, bool part_b,
                   std::string* error);
  bool delete_note(int t, const std::string& note_id, std::string* error);
  // Advances timers (timed injects, time-outs) and records what they caused. Call each frame.
  void tick();

  // Closes the session without finishing it, because the facilitator said so: unfinished
  // teams are recorded as abandoned (they can still be resumed later).
  void abandon();
  // The id the teams of a teams run share in the store; empty outside teams mode.
  const std::string& run() const { return run_; }

  // Saves every team's resume state (timers, pause, injects); called when the program closes
  // so an interrupted session continues exactly where it stopped.
  void save_state();

  // True while everything shown is in the results store: there is a store, and no write to it
  // has failed since the last one that succeeded. The play screen shows a banner otherwise.
  bool recording_ok() const;
  // Whether this play was meant to be recorded (false: a rehearsal, or no results store).
  bool recorded() const { return db_ != nullptr; }
  // Writes whatever the store is missing (after a failure); true when it is now up to date.
  bool retry_recording();

  // Councillors' own devices in the room: null until the facilitator first asks for them (the
  // room view's joining switch); then made with the play's clock and store, for the play's
  // lifetime. Each decision then takes the devices' votes as its hands and keeps them with it.
  DeviceRoom* devices() { return devices_.get(); }
  // `interrupted`: the room this play's sessions had when the program stopped (taken back
  // with its code, address and devices). The room is written down at room_file() unless
  // `options` names another place.
  DeviceRoom& open_devices(host::HostOptions options, const host::RoomFile* interrupted = nullptr);
  // Where the devices' room is written down while it runs (host::room_file_path); empty (not
  // recorded, or not set): nowhere.
  void set_room_file(std::string path) { room_file_ = std::move(path); }
  const std::string& room_file() const { return room_file_; }

  // The current result for team t (cached until its history changes).
  const Result& result(int t);
  bool all_finished() const;
  // The first error from recording since the last call (for the error dialog); empty if none.
  std::string take_error();

 private:
  PlayController() = default;
  // Clears the draft when the team has moved to another stage since it was entered.
  static void settle_draft(Team& t);
  // The draft as the engine records it (nothing in solo play).
  GroupInput group_of(Team& t) const;
  // Writes team t's unrecorded history to the store. Throws store::StoreError.
  void record_new(Team& t);
  // Records team t's latest change or, when the store refuses it, puts the session back to
  // `before` (its JSON state) and returns false with `error` prefixed by `what`.
  bool record_or_roll_back(Team& t, const std::string& before, const char* what, std::string* error);

  ScenarioPtr scenario_;
  const Clock* clock_ = nullptr;
  store::Store* db_ = nullptr;
  store::Mode mode_ = store::Mode::Solo;
  bool desktop_audit_ = false;
  bool timers_ = true;
  std::string run_;
  std::string event_name_;
  std::string room_file_;
  ScoringConfig scoring_;
  std::vector<Team> teams_;
  int active_ = 0;
  std::string error_;
  struct Cached {
    size_t history = SIZE_MAX;
    bool finished = false;
    Result result;
  };
  std::vector<Cached> results_;
  PlayUi ui_;
  std::unique_ptr<DeviceRoom> devices_;  // last: its server stops before the sessions go
};

}  // namespace auditsim::ui
