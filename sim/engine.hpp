// The session engine: a pure, deterministic state machine over one Scenario.
// Time comes from an injected Clock, so timers and timed injects are tested without sleeping.
// Nothing here touches files, the database or the screen; callers record what it returns.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/model.hpp"

namespace auditsim {

// Milliseconds from an arbitrary origin; only differences matter.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t now_ms() const = 0;
};

// Wall-clock time for real play.
class SteadyClock final : public Clock {
 public:
  int64_t now_ms() const override;
};

// A clock tests move by hand.
class ManualClock final : public Clock {
 public:
  int64_t now_ms() const override { return t_; }
  void advance_ms(int64_t d) { t_ += d; }
  void set_ms(int64_t t) { t_ = t; }

 private:
  int64_t t_ = 0;
};

// What a group said about a decision: votes per choice id, the reasons, any dissent.
struct GroupInput {
  std::map<std::string, int> votes;  // choice id -> number of hands
  std::string rationale;
  std::string dissent;
};

// One entry in a session's history. Undos are entries too: nothing is ever erased.
struct HistoryEntry {
  enum class Kind { Decision, Undo, Timeout, Inject, Pause, Resume } kind = Kind::Decision;
  int64_t at_ms = 0;         // active session time when it happened
  int node = -1;             // node where it happened
  int choice = -1;           // Decision/Timeout: choice index within the node
  int inject = -1;           // Inject: index into Scenario::injects
  int64_t time_taken_ms = 0; // Decision/Timeout: time spent at the node
  Score4 delta;              // Decision/Timeout: the 4P vector applied; Undo: the vector removed
  GroupInput group;          // Decision: votes and rationale; Undo: rationale holds the reason
  bool undone = false;       // Decision later undone; Inject withdrawn by that undo
};

// A fired inject waiting for acknowledgement.
struct PendingInject {
  int inject = -1;
  int64_t fired_at_ms = 0;
};

// An evidence document the players have been given, and what gave it to them.
struct ReleasedEvidence {
  enum class Source { Stage, Inject, Choice } source = Source::Stage;
  int evidence = -1;  // index into Scenario::evidence
  int node = -1;      // Stage: the stage that shows it; Choice: the node of the choice
  int choice = -1;    // Choice: the choice's index within `node`
  int inject = -1;    // Inject: index into Scenario::injects
  int64_t at_ms = 0;  // active session time it was released
};

// One play-through of a scenario by one person or team. The clock must outlive the session.
class Session {
 public:
  // Starts at the scenario's start node (firing its on_enter injects, `when` injects already
  // true and `after: 0` injects). `audience` filters audience-specific choices and injects; a
  // session with no audience (both roles in one team) is offered all of them.
  Session(ScenarioPtr scenario, const Clock& clock, std::optional<Audience> audience = {});

  const Scenario& scenario() const { return *scenario_; }
  const ScenarioPtr& scenario_ptr() const { return scenario_; }
  std::optional<Audience> audience() const { return audience_; }

  const PlayState& state() const { return state_; }
  const Node& current_node() const;
  bool finished() const;  // at an ending
  Score4 score() const { return score_; }

  // Indices (within the current node) of the choices offered now.
  std::vector<int> available_choices() const;

  // Takes a choice. Returns false (and changes nothing) when it is not available or the
  // session is finished or paused. Fires any injects the move triggers.
  bool choose(int choice_index, const GroupInput& group = {});
  bool choose(std::string_view choice_id, const GroupInput& group = {});

  // Undoes the last decision that is still in effect; the undo is itself recorded with `reason`.
  // The injects that decision fired are no longer fired (nor pending), so they fire again when
  // the story reaches them again. Returns false when there is nothing to undo.
  bool undo(const std::string& reason);

  // Advances timers: fires time-based injects and, when the node's time limit has passed and it
  // names an on_timeout choice, takes it. Each is recorded at the moment it fell due, so how often
  // this is called does not change the history. Call once per frame or before reading state.
  // `group` is what the room has said at the current node so far: a timeout there records it
  // (votes, rationale and dissent belong to the stage where they were entered); a timeout at
  // any later node in the same call records none.
  void tick(const GroupInput& group = {});

  // Facilitator pause: timers stop while paused.
  void pause();
  void resume();
  bool paused() const { return paused_; }

  // Active (unpaused) time since the session started, and since arriving at the current node.
  int64_t elapsed_ms() const;
  int64_t node_elapsed_ms() const;
  // Milliseconds left on the current node's timer; nullopt when the node is untimed.
  std::optional<int64_t> time_left_ms() const;

  // The facilitator's hand on the current stage's countdown (false on an untimed stage or an
  // ending, which have none). The change lasts until the stage is left; it is kept in the saved
  // state, so a resumed session has the same time left.
  // Adds `delta_ms` to the time left; a negative amount takes time away but never leaves less
  // than kMinTimeLeftAfterCutMs (running the clock out is run_out_stage_time's). False when
  // nothing changed.
  bool add_stage_time(int64_t delta_ms);
  // The stage's full time again, counted from now.
  bool reset_stage_time();
  // The time runs out now: the next tick() does what running out of time does at this stage.
  bool run_out_stage_time();
  // Milliseconds added to (or, negative, taken from) the current stage's limit.
  int64_t stage_time_added_ms() const { return stage_time_added_ms_; }
  static constexpr int64_t kMinTimeLeftAfterCutMs = 10'000;

  // Everything that happened, in order; nothing is ever removed.
  const std::vector<HistoryEntry>& history() const { return history_; }
  // Decisions (and timeouts) still in effect, oldest first (indices into history()).
  std::vector<size_t> effective_decisions() const;

  // Fired injects not yet acknowledged, in the order they fired.
  const std::vector<PendingInject>& pending_injects() const { return pending_; }
  // Removes a pending inject once the room has seen it; it stays fired.
  void acknowledge_inject(int inject_index);
  // Every document released so far, each once, in the order it was released: the stages on
  // the path in effect, the injects fired and the choices in effect (`releases`). Undoing a
  // decision withdraws what that decision released.
  std::vector<ReleasedEvidence> released_evidence() const;

  // Whether an inject has fired and is still in effect (undoing the decision that fired it takes
  // it back, so it can fire again when the story calls for it).
  bool inject_fired(int inject_index) const {
    return inject_index >= 0 && static_cast<size_t>(inject_index) < fired_.size() &&
           fired_[inject_index];
  }

  // The whole state as JSON (for resuming later), and back. Restore checks the scenario's
  // sha256 matches and returns nullptr with `error` set when it does not or the JSON is bad.
  std::string to_json() const;
  static std::unique_ptr<Session> from_json(ScenarioPtr scenario, const Clock& clock,
                                            const std::string& json, std::string* error);

 private:
  struct InjectIndex;  // per-scenario lookup tables for injects (engine.cpp)

  void enter_node(int node, int64_t at_ms);
  void fire(int inject_index, int64_t at_ms);
  void unfire(int inject_index);
  int64_t next_timed_due(bool* armed) const;
  void fire_due_timed(int64_t now_active_ms);
  void arm_since(int node, int64_t entered_at_ms);
  void rearm_since();
  void fire_when_touched(const Choice& c, int64_t at_ms);
  void fire_when_all(int64_t at_ms);
  bool can_take(int choice_index) const;
  void apply(int choice_index, const GroupInput& group, HistoryEntry::Kind kind, int64_t at_ms);
  bool replay_effective(std::string* error);
  void unfire_injects_of(size_t decision_entry);

  ScenarioPtr scenario_;
  const Clock* clock_;
  std::optional<Audience> audience_;
  std::shared_ptr<const InjectIndex> index_;
  PlayState state_;
  Score4 score_;
  std::vector<HistoryEntry> history_;
  std::vector<PendingInject> pending_;
  std::vector<bool> fired_;
  size_t timed_cursor_ = 0;  // next unfired entry of the time-sorted `after` injects
  // `after` + `since` injects whose node has been entered on the path in effect: (due, inject).
  std::vector<std::pair<int64_t, int>> armed_;
  int64_t decisions_in_effect_ = 0;  // what `after_decisions` counts
  bool paused_ = false;
  int64_t active_before_ms_ = 0;  // active time accumulated before the current run segment
  int64_t segment_start_ms_ = 0;  // clock time the current unpaused segment began
  int64_t node_entered_at_ms_ = 0;  // active time when the current node was entered
  // The facilitator's change to the current stage's limit; back to 0 on entering a stage.
  int64_t stage_time_added_ms_ = 0;
  int64_t stage_limit_ms() const;  // the node's limit plus the change, never below 0

  friend struct SessionJson;  // serialisation lives in engine_json.cpp
};

}  // namespace auditsim
