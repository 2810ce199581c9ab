// Recording a session as it is played: every history entry the engine adds is written to the
// results store, committed, before the caller moves on. Shared by the CLI and the desktop program.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/scoring.hpp"
#include "sim/store/store.hpp"
#include "sim/xapi_queue.hpp"

namespace auditsim {

// Who is playing and where the session belongs.
struct RecordingSetup {
  std::string event_name;  // empty: not part of an event
  std::string event_date;  // default: today
  store::EventKind event_kind = store::EventKind::ELearning;
  std::string facilitator;
  store::Mode mode = store::Mode::Solo;
  std::string team;
  struct Person {
    std::string name;
    store::Role role = store::Role::Member;
  };
  std::vector<Person> participants;
};

class SessionRecorder {
 public:
  // Starts a new recorded session for `session` (which should be freshly started).
  SessionRecorder(store::Store& db, const Session& session, const RecordingSetup& setup);
  // Starts a new recorded session whose event and participants the caller has already resolved
  // in `start` (the desktop program starts several teams in one transaction). The session's
  // current state is stored with it.
  SessionRecorder(store::Store& db, const Session& session, store::SessionStart start);
  // Continues recording a session loaded from the store (`already_recorded` history entries
  // of the restored session are in the database already).
  SessionRecorder(store::Store& db, std::string session_id, size_t already_recorded);

  const std::string& session_id() const { return session_id_; }

  // Writes every history entry added since the last call: decisions, undos and timeouts as
  // decision rows; other changes (injects, pause) by saving the resume state. Marks the session
  // finished when it has reached an ending, and active again when an undo leaves the ending.
  // All of it is one transaction. Throws store::StoreError when a write fails: none of it is
  // then in the store, and the caller must tell the user the decision was not recorded.
  void sync(const Session& session);

  // After a failed sync the caller put the session back as it was: its first `recorded` history
  // entries are the ones in the database.
  void rewind(size_t recorded) { recorded_ = recorded; }

  // Records that an inject was acknowledged, and the state with it.
  void acknowledge(const Session& session, int inject_index);

  // Marks an unfinished session abandoned (it can still be resumed).
  void abandon();

  // The scoring rules the ending's xAPI statements are scored by (when an LRS is configured).
  void set_scoring(const ScoringConfig& scoring) { scoring_ = scoring; }

 private:
  void write_new(const Session& session);  // sync's writes, inside its transaction
  // The session's xAPI details when statements are queued for it, else null (read once).
  const XapiSession* xapi(const Session& session);
  ScoringConfig scoring_;
  std::optional<XapiSession> xapi_;
  bool xapi_checked_ = false;

  store::Store* db_;
  std::string session_id_;
  size_t recorded_ = 0;  // history entries already written
  bool finished_ = false;
};

// Rebuilds the scenario exactly as it was played from a stored snapshot. Evidence files that
// are no longer on disk are shown as unavailable rather than failing the load.
ScenarioPtr scenario_from_snapshot(const store::Snapshot& snap, std::string* error);

// A recorded session rebuilt from the store: its record, the scenario exactly as played and the
// session at its saved state.
struct RestoredSession {
  store::SessionRecord record;
  ScenarioPtr scenario;
  std::unique_ptr<Session> session;
};

// Rebuilds the session of a record already loaded on `scenario` (its snapshot rebuilt by the
// caller, who may cache it; null when it no longer loads). Null with `error` in one wording:
// "Session 1a2b3c4d cannot be restored: <cause>."
std::unique_ptr<Session> session_from_record(const store::SessionRecord& rec,
                                             const ScenarioPtr& scenario, const Clock& clock,
                                             std::string* error);

// Loads session `id` (or its first 8 characters), rebuilds its scenario from the stored snapshot
// and restores its state. Null with `error` when there is no such session, the database cannot
// be read or the session cannot be restored.
std::unique_ptr<RestoredSession> restore_session(store::Store& db, const std::string& id,
                                                 const Clock& clock, std::string* error);

// The facilitator's score overrides summed per pillar (unknown pillars are ignored).
Score4 override_total(const std::vector<store::ScoreOverride>& overrides);
// Applies recorded overrides to a scored session by the scoring rules (apply_score_adjustment):
// what the debrief, the reports and the command line show.
void apply_overrides(Result& result, const std::vector<store::ScoreOverride>& overrides,
                     const ScoringConfig& config);

// Today's date as YYYY-MM-DD (local time).
std::string today_iso_date();

}  // namespace auditsim
