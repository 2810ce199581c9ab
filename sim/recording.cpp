#include "sim/recording.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "sim/load.hpp"

namespace auditsim {
namespace {

store::DecisionKind decision_kind(HistoryEntry::Kind k) {
  switch (k) {
    case HistoryEntry::Kind::Undo: return store::DecisionKind::Undo;
    case HistoryEntry::Kind::Timeout: return store::DecisionKind::Timeout;
    default: return store::DecisionKind::Decision;
  }
}

bool is_decision_row(HistoryEntry::Kind k) {
  return k == HistoryEntry::Kind::Decision || k == HistoryEntry::Kind::Undo ||
         k == HistoryEntry::Kind::Timeout;
}

store::DecisionRecord to_record(const Session& session, const HistoryEntry& e) {
  const Scenario& s = session.scenario();
  store::DecisionRecord rec;
  rec.node_id = e.node >= 0 ? s.nodes[e.node].id : "";
  if (e.node >= 0)
    for (const Choice& c : s.nodes[e.node].choices) rec.offered.push_back(c.id);
  if (e.kind != HistoryEntry::Kind::Undo && e.node >= 0 && e.choice >= 0)
    rec.choice_id = s.nodes[e.node].choices[e.choice].id;
  rec.kind = decision_kind(e.kind);
  rec.time_taken_ms = e.time_taken_ms;
  if (!e.group.votes.empty()) rec.votes_json = nlohmann::json(e.group.votes).dump();
  rec.rationale = e.group.rationale;
  rec.dissent = e.group.dissent;
  for (int i = 0; i < kPillarCount; ++i) rec.delta[i] = e.delta.v[i];
  return rec;
}

}  // namespace

SessionRecorder::SessionRecorder(store::Store& db, const Session& session,
                                 const RecordingSetup& setup)
    : db_(&db) {
  store::SessionStart start;
  start.mode = setup.mode;
  start.team = setup.team;
  if (session.audience()) start.audience = audience_key(*session.audience());
  start.state_json = session.to_json();
  // Event, people and session arrive together or not at all.
  db.batch([&] {
    if (!setup.event_name.empty()) {
      store::Event ev;
      ev.name = setup.event_name;
      ev.date = setup.event_date.empty() ? today_iso_date() : setup.event_date;
      ev.kind = setup.event_kind;
      ev.facilitator = setup.facilitator;
      start.event_id = db.find_or_create_event(ev).id;
    }
    for (const RecordingSetup::Person& p : setup.participants)
      start.participant_ids.push_back(db.create_participant(p.name, p.role));
    session_id_ = db.start_session(store::snapshot_of(session.scenario()), start);
    if (const XapiSession* xs = xapi(session)) queue_attempted(db, *xs, session, store::now_utc());
  });
  sync(session);  // injects that fired on arrival at the start node
}

SessionRecorder::SessionRecorder(store::Store& db, const Session& session, store::SessionStart start)
    : db_(&db) {
  start.state_json = session.to_json();
  db.batch([&] {
    session_id_ = db.start_session(store::snapshot_of(session.scenario()), start);
    if (const XapiSession* xs = xapi(session)) queue_attempted(db, *xs, session, store::now_utc());
  });
  recorded_ = session.history().size();  // the state stored above holds everything so far
}

SessionRecorder::SessionRecorder(store::Store& db, std::string session_id,
                                 size_t already_recorded)
    : db_(&db), session_id_(std::move(session_id)), recorded_(already_recorded) {}

void SessionRecorder::sync(const Session& session) {
  // Decisions and the session's status are one transaction: if any write fails, none is kept,
  // so a caller that rolls the screen back shows exactly what the store holds, and a retry
  // cannot store a decision twice.
  const size_t recorded_before = recorded_;
  const bool finished_before = finished_;
  try {
    db_->batch([&] { write_new(session); });
  } catch (...) {
    recorded_ = recorded_before;
    finished_ = finished_before;
    throw;
  }
}

void SessionRecorder::write_new(const Session& session) {
  // An undo from the ending: the session is active again before its undo row is written (the
  // store takes no decisions for a finished session).
  bool reopened = false;
  if (finished_ && !session.finished()) {
    db_->set_status(session_id_, store::Status::Active);
    finished_ = false;
    reopened = true;
  }
  const auto& history = session.history();
  bool wrote_decision = false;
  for (; recorded_ < history.size(); ++recorded_) {
    const HistoryEntry& e = history[recorded_];
    if (!is_decision_row(e.kind)) continue;
    store::DecisionRecord rec = to_record(session, e);
    // The state saved with the last decision row is the state after everything so far.
    db_->record_decision(session_id_, rec, session.to_json());
    wrote_decision = true;
    const XapiSession* xs = xapi(session);
    if (!xs) continue;
    if (e.kind != HistoryEntry::Kind::Undo) {
      queue_answered(*db_, *xs, session, e, xapi_position(session, recorded_), rec.recorded_at);
      continue;
    }
    // What the undo reversed is no longer true at the LRS either.
    for (const std::string& id : xapi_undone_statements(session_id_, session, recorded_, reopened))
      withdraw_statement(*db_, id, rec.recorded_at);
    reopened = false;
  }
  if (!wrote_decision) db_->save_state(session_id_, session.to_json());
  if (session.finished() && !finished_) {
    db_->set_status(session_id_, store::Status::Finished);
    finished_ = true;
    if (const XapiSession* xs = xapi(session))
      queue_finished(*db_, *xs, session, scoring_, xapi_position(session, history.size()),
                     store::now_utc());
  }
}

const XapiSession* SessionRecorder::xapi(const Session& session) {
  if (!xapi_checked_) {
    xapi_checked_ = true;
    if (queues_xapi(*db_, session)) xapi_ = xapi_session(*db_, session_id_);
  }
  return xapi_ ? &*xapi_ : nullptr;
}

void SessionRecorder::acknowledge(const Session& session, int inject_index) {
  db_->acknowledge_inject(session_id_, session.scenario().injects[inject_index].id);
  db_->save_state(session_id_, session.to_json());
}

void SessionRecorder::abandon() {
  if (!finished_) db_->set_status(session_id_, store::Status::Abandoned);
}

ScenarioPtr scenario_from_snapshot(const store::Snapshot& snap, std::string* error) {
  LoadLimits limits;
  limits.missing_evidence_files_allowed = true;
  nlohmann::json files = nlohmann::json::parse(snap.evidence_files, nullptr, false);
  if (files.is_object())
    for (auto it = files.begin(); it != files.end(); ++it)
      if (it->is_string()) limits.evidence_files[it.key()] = it->get<std::string>();
  LoadResult r = load_scenario_text(snap.source_text, snap.scenario_id + ".yaml", limits);
  if (!r.scenario || has_errors(r.diagnostics)) {
    if (error) {
      *error = "the stored copy of scenario `" + snap.scenario_id + "` no longer loads";
      for (const Diagnostic& d : r.diagnostics)
        if (d.severity == Severity::Error) {
          *error += ": " + d.message;
          break;
        }
    }
    return nullptr;
  }
  return r.scenario;
}

namespace {

std::string cannot_restore(const std::string& id, const std::string& cause) {
  std::string s = "Session " + id.substr(0, 8) + " cannot be restored: " + cause;
  return s.back() == '.' ? s : s + ".";
}

}  // namespace

std::unique_ptr<Session> session_from_record(const store::SessionRecord& rec,
                                             const ScenarioPtr& scenario, const Clock& clock,
                                             std::string* error) {
  if (!scenario) {
    // Say why the snapshot no longer loads.
    std::string why;
    scenario_from_snapshot(rec.snapshot, &why);
    if (error) *error = cannot_restore(rec.summary.id, why);
    return nullptr;
  }
  std::string why;
  std::unique_ptr<Session> session = Session::from_json(scenario, clock, rec.state_json, &why);
  if (!session && error)
    *error = cannot_restore(rec.summary.id, "its saved state could not be read (" + why + ")");
  return session;
}

std::unique_ptr<RestoredSession> restore_session(store::Store& db, const std::string& id,
                                                 const Clock& clock, std::string* error) {
  std::optional<store::SessionRecord> rec;
  try {
    rec = db.load_session(id);
  } catch (const std::exception& e) {
    if (error) *error = std::string("The session could not be read from the results database: ") + e.what();
    return nullptr;
  }
  if (!rec) {
    if (error) *error = "There is no session " + id + " in the results database.";
    return nullptr;
  }
  auto out = std::make_unique<RestoredSession>();
  out->record = std::move(*rec);
  out->scenario = scenario_from_snapshot(out->record.snapshot, nullptr);
  out->session = session_from_record(out->record, out->scenario, clock, error);
  if (!out->session) return nullptr;
  return out;
}

Score4 override_total(const std::vector<store::ScoreOverride>& overrides) {
  Score4 total;
  for (const store::ScoreOverride& o : overrides)
    if (auto p = parse_pillar(o.pillar)) total[*p] += o.delta;
  return total;
}

void apply_overrides(Result& result, const std::vector<store::ScoreOverride>& overrides,
                     const ScoringConfig& config) {
  if (!overrides.empty()) apply_score_adjustment(result, override_total(overrides), config);
}

std::string today_iso_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace auditsim
