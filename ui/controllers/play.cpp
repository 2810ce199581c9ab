#include "ui/controllers/play.hpp"

#include <algorithm>
#include <utility>

#include "ui/controllers/debrief.hpp"

namespace auditsim::ui {

int DecisionDraft::total_votes() const {
  int n = 0;
  for (const auto& [id, v] : votes) n += v;
  return n;
}

namespace {

const char* audience_store_key(std::optional<Audience> a) {
  return a ? audience_key(*a) : "";
}

}  // namespace

PlayController::PlayController(ScenarioPtr scenario, const Clock& clock, store::Store* db,
                               const SessionSetup& setup, const ScoringConfig& scoring)
    : scenario_(std::move(scenario)), clock_(&clock), db_(db), mode_(setup.mode),
      timers_(setup.timers), scoring_(scoring) {
  std::vector<std::string> names = setup.mode == store::Mode::Teams ? setup.teams
                                                                    : std::vector<std::string>{""};
  if (names.empty()) names.push_back("Team 1");
  for (const auto& n : names) {
    Team t;
    t.name = n;
    t.session = std::make_shared<Session>(scenario_, clock, setup.audience);
    settle_draft(t);
    teams_.push_back(std::move(t));
  }
  results_.resize(teams_.size());
  if (!db_) return;
  if (setup.mode == store::Mode::Teams && !setup.event)
    throw store::StoreError(store::ErrorKind::Invalid,
                            "Teams mode takes an event name: the teams of one evening are "
                            "reported together under it.");
  // All of a new session's identity rows go in one transaction: a failure leaves nothing half
  // created for the results screen to show.
  db_->batch([&] {
    store::SessionStart start;
    start.mode = setup.mode;
    start.audience = audience_store_key(setup.audience);
    if (setup.event) {
      const store::Event e = !setup.event->id.empty() ? *setup.event
                                                      : db_->find_or_create_event(*setup.event);
      start.event_id = e.id;
      event_name_ = e.name;
      desktop_audit_ = e.kind == store::EventKind::DesktopAudit;
    }
    int n = 0;
    for (const auto& p : setup.participants) {
      ++n;
      if (p.name.empty() && !setup.pseudonyms_only) continue;
      std::string name = setup.pseudonyms_only ? "Participant " + std::to_string(n) : p.name;
      start.participant_ids.push_back(db_->create_participant(name, p.role));
    }
    // The teams of a teams run share a run id, so the run is resumed whole.
    if (setup.mode == store::Mode::Teams) run_ = store::new_uuid();
    start.run = run_;
    for (auto& t : teams_) {
      start.team = t.name;
      start.run_position = static_cast<int64_t>(&t - teams_.data());
      t.recorder = std::make_unique<SessionRecorder>(*db_, *t.session, start);
      t.recorder->set_scoring(scoring_);
      t.session_id = t.recorder->session_id();
    }
  });
}

std::unique_ptr<PlayController> PlayController::resume(store::Store& db,
                                                       const std::string& session_id,
                                                       const Clock& clock,
                                                       const ScoringConfig& scoring,
                                                       std::string* error) {
  auto first = restore_session(db, session_id, clock, error);
  if (!first) return nullptr;
  const store::SessionSummary summary = first->record.summary;
  std::unique_ptr<PlayController> pc(new PlayController());
  pc->scenario_ = first->scenario;
  pc->clock_ = &clock;
  pc->db_ = &db;
  pc->mode_ = summary.mode;
  pc->desktop_audit_ = first->record.event && first->record.event->kind == store::EventKind::DesktopAudit;
  pc->scoring_ = scoring;
  pc->run_ = summary.run;
  pc->event_name_ = summary.event_name;
  // A teams run is one thing: every team of it comes back, each in its own tab, in the order
  // the run was started, each with its own clock, at the tab of the session asked for.
  std::vector<std::unique_ptr<RestoredSession>> restored;
  if (summary.run.empty()) {
    restored.push_back(std::move(first));
  } else {
    std::vector<store::SessionSummary> run;
    try {
      store::SessionFilter f;
      f.run = summary.run;
      run = db.list_sessions(f);
    } catch (const std::exception& e) {
      if (error) *error = std::string("The teams of the run could not be read: ") + e.what();
      return nullptr;
    }
    std::stable_sort(run.begin(), run.end(), [](const auto& a, const auto& b) {
      return a.run_position < b.run_position;
    });
    for (const auto& team : run) {
      if (team.id == summary.id) {
        restored.push_back(std::move(first));
        continue;
      }
      auto r = restore_session(db, team.id, clock, error);
      if (!r) return nullptr;
      restored.push_back(std::move(r));
    }
  }
  try {
    for (auto& r : restored) {
      Team t;
      t.name = r->record.summary.team;
      t.session = std::move(r->session);
      t.session_id = r->record.summary.id;
      t.notes = r->record.notes;
      t.recorder = std::make_unique<SessionRecorder>(db, t.session_id, t.session->history().size());
      t.recorder->set_scoring(scoring);
      settle_draft(t);
      if (t.session_id == summary.id) pc->active_ = static_cast<int>(pc->teams_.size());
      if (r->record.summary.status == store::Status::Abandoned)
        db.set_status(t.session_id, store::Status::Active);
      pc->teams_.push_back(std::move(t));
    }
  } catch (const std::exception& e) {
    if (error) *error = std::string("The session could not be marked active again: ") + e.what();
    return nullptr;
  }
  pc->results_.resize(pc->teams_.size());
  return pc;
}

void PlayController::set_active(int t) {
  if (t >= 0 && t < static_cast<int>(teams_.size())) active_ = t;
}

void PlayController::settle_draft(Team& t) {
  if (t.draft.node == t.session->state().node) return;
  t.draft = DecisionDraft{};
  t.draft.node = t.session->state().node;
}

DecisionDraft& PlayController::draft(int ti) {
  Team& t = teams_.at(ti);
  settle_draft(t);
  return t.draft;
}

GroupInput PlayController::group_of(Team& t) const {
  GroupInput group;
  if (mode_ == store::Mode::Solo) return group;
  settle_draft(t);
  // Only hands for choices offered at this stage count; the store refuses any other.
  const Node& node = t.session->current_node();
  for (const auto& [id, v] : t.draft.votes)
    if (v > 0 && std::any_of(node.choices.begin(), node.choices.end(),
                             [&](const Choice& c) { return c.id == id; }))
      group.votes[id] = v;
  group.rationale = t.draft.rationale;
  group.dissent = t.draft.dissent;
  return group;
}

void PlayController::record_new(Team& t) {
  if (!t.recorder) return;
  try {
    t.recorder->sync(*t.session);
  } catch (...) {
    t.write_failed = true;
    throw;
  }
  t.write_failed = false;
}

bool PlayController::recording_ok() const {
  if (!db_) return false;
  for (const auto& t : teams_)
    if (!t.recorder || t.write_failed) return false;
  return true;
}

bool PlayController::retry_recording() {
  for (auto& t : teams_) {
    try {
      record_new(t);
    } catch (const std::exception& e) {
      if (error_.empty()) error_ = std::string("The results store still cannot be written: ") + e.what();
    }
  }
  return recording_ok();
}

bool PlayController::record_or_roll_back(Team& t, const std::string& before, const char* what,
                                         std::string* error) {
  try {
    record_new(t);
    return true;
  } catch (const std::exception& e) {
    // Not recorded means not decided: put the session back as it was.
    std::string why;
    if (auto restored = Session::from_json(scenario_, *clock_, before, &why)) {
      t.session = std::move(restored);
      if (t.recorder) t.recorder->rewind(t.session->history().size());
    }
    if (error) *error = std::string(what) + e.what();
    return false;
  }
}

bool PlayController::choose(int ti, int choice_index, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size())) return false;
  Team& t = teams_[ti];
  const std::string before = t.session->to_json();
  // With devices in the room, their votes are the decision's hands.
  std::vector<room::DeviceVote> device_votes;
  if (devices_) device_votes = devices_->votes(ti);
  if (!device_votes.empty()) {
    settle_draft(t);
    t.draft.votes.clear();
    for (const room::DeviceVote& v : device_votes) ++t.draft.votes[v.choice];
  }
  const std::string node_id = t.session->current_node().id;
  const GroupInput group = group_of(t);
  if (!t.session->choose(choice_index, group)) {
    if (error) *error = t.session->paused() ? "Play is paused." : "That choice is not available now.";
    return false;
  }
  if (!record_or_roll_back(t, before, "The decision could not be recorded: ", error)) return false;
  settle_draft(t);
  if (devices_ && db_ && !t.session_id.empty() && !device_votes.empty()) {
    try {
      devices_->keep(t.session_id, db_->latest_decision_seq(t.session_id), node_id, device_votes);
    } catch (const std::exception& e) {
      if (error_.empty())
        error_ = std::string("The decision is recorded, but not the devices' votes with it: ") + e.what();
    }
  }
  if (devices_) devices_->follow();
  return true;
}

DeviceRoom& PlayController::open_devices(host::HostOptions options,
                                         const host::RoomFile* interrupted) {
  // Nothing recorded, nothing to resume: a rehearsal's room is never written down.
  if (options.room_file.empty() && db_) options.room_file = room_file_;
  if (!devices_)
    devices_ = std::make_unique<DeviceRoom>(*this, *clock_, db_, std::move(options), interrupted);
  return *devices_;
}

PlayController::~PlayController() {
  if (devices_ && all_finished()) devices_->end();
}

bool PlayController::undo(int ti, const std::string& reason, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size())) return false;
  if (reason.find_first_not_of(" \t\n") == std::string::npos) {
    if (error) *error = "Give a reason for the undo; it is recorded with the session.";
    return false;
  }
  Team& t = teams_[ti];
  const std::string before = t.session->to_json();
  if (!t.session->undo(reason)) {
    if (error) *error = "There is no decision to undo.";
    return false;
  }
  // The recorder marks a session left by undo from its ending active again.
  const bool ok = record_or_roll_back(t, before, "The undo could not be recorded: ", error);
  settle_draft(t);
  return ok;
}

void PlayController::set_paused(bool p) {
  for (auto& t : teams_) {
    if (p) t.session->pause();
    else t.session->resume();
    try {
      record_new(t);
    } catch (const std::exception& e) {
      if (error_.empty()) error_ = std::string("The pause could not be saved: ") + e.what();
    }
  }
}

bool PlayController::countdown(Countdown what) {
  if (!timers_) return false;
  bool changed = false;
  for (auto& t : teams_) {
    Session& s = *t.session;
    bool c = false;
    switch (what) {
      case Countdown::AddMinute: c = s.add_stage_time(60'000); break;
      case Countdown::TakeMinute: c = s.add_stage_time(-60'000); break;
      case Countdown::Reset: c = s.reset_stage_time(); break;
      case Countdown::RunOut: c = s.run_out_stage_time(); break;
    }
    if (!c) continue;
    changed = true;
    try {
      record_new(t);
    } catch (const std::exception& e) {
      if (error_.empty()) error_ = std::string("The change to the countdown could not be saved: ") + e.what();
    }
  }
  if (what == Countdown::RunOut) tick();
  return changed;
}

bool PlayController::paused() const { return !teams_.empty() && teams_[0].session->paused(); }

void PlayController::acknowledge(int ti, int inject_index) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size())) return;
  Team& t = teams_[ti];
  t.session->acknowledge_inject(inject_index);
  if (!t.recorder || inject_index < 0 || inject_index >= static_cast<int>(scenario_->injects.size()))
    return;
  try {
    t.recorder->acknowledge(*t.session, inject_index);
  } catch (const std::exception& e) {
    t.write_failed = true;
    if (error_.empty()) error_ = std::string("The acknowledgement could not be saved: ") + e.what();
  }
}

bool PlayController::add_note(int ti, const std::string& text, bool part_b, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size())) return false;
  if (text.find_first_not_of(" \t\n") == std::string::npos) return false;
  Team& t = teams_[ti];
  if (!db_ || t.session_id.empty()) return true;
  store::Note n;
  n.node_id = t.session->current_node().id;
  n.text = text;
  n.part_b = part_b;
  try {
    n.id = db_->record_note(t.session_id, n);
  } catch (const std::exception& e) {
    t.write_failed = true;
    if (error) *error = std::string("The note could not be saved: ") + e.what();
    return false;
  }
  t.notes.push_back(std::move(n));
  return true;
}

const std::vector<store::Note>& PlayController::notes(int ti) const {
  static const std::vector<store::Note> none;
  return ti >= 0 && ti < static_cast<int>(teams_.size()) ? teams_[ti].notes : none;
}

bool PlayController::update_note(int ti, const std::string& note_id, const std::string& text,
                                 bool part_b, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size()) || !db_) return false;
  Team& t = teams_[ti];
  auto it = std::find_if(t.notes.begin(), t.notes.end(), [&](const store::Note& n) { return n.id == note_id; });
  if (it == t.notes.end()) return false;
  if (text.find_first_not_of(" \t\n") == std::string::npos) {
    if (error) *error = "A note needs some text. To take it back, delete it.";
    return false;
  }
  try {
    db_->update_note(t.session_id, note_id, text, part_b);
  } catch (const std::exception& e) {
    if (error) *error = std::string("The note was not changed: ") + e.what();
    return false;
  }
  it->text = text;
  it->part_b = part_b;
  return true;
}

bool PlayController::delete_note(int ti, const std::string& note_id, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size()) || !db_) return false;
  Team& t = teams_[ti];
  auto it = std::find_if(t.notes.begin(), t.notes.end(), [&](const store::Note& n) { return n.id == note_id; });
  if (it == t.notes.end()) return false;
  try {
    db_->delete_note(t.session_id, note_id);
  } catch (const std::exception& e) {
    if (error) *error = std::string("The note was not deleted: ") + e.what();
    return false;
  }
  t.notes.erase(it);
  return true;
}

void PlayController::tick() {
  // The devices follow the story whatever moved it (a decision, an undo, a pause, a time-out).
  struct Follow {
    DeviceRoom* d;
    ~Follow() {
      if (d) d->follow();
    }
  } follow{devices_.get()};
  if (!timers_) return;
  for (auto& t : teams_) {
    const size_t before = t.session->history().size();
    // A time-out records what the room had said at its stage; the next stage starts clean.
    t.session->tick(group_of(t));
    if (t.session->history().size() == before) continue;
    settle_draft(t);
    try {
      record_new(t);
    } catch (const std::exception& e) {
      if (error_.empty()) error_ = std::string("A time-out could not be recorded: ") + e.what();
    }
  }
}

void PlayController::save_state() {
  for (auto& t : teams_) {
    if (!t.recorder) continue;
    try {
      record_new(t);
    } catch (const std::exception& e) {
      if (error_.empty()) error_ = std::string("The session state could not be saved: ") + e.what();
    }
  }
}

const Result& PlayController::result(int ti) {
  Cached& c = results_.at(ti);
  const Session& s = *teams_.at(ti).session;
  // Scoring searches the scenario for the paths not taken; once per decision is plenty.
  if (c.history != s.history().size() || c.finished != s.finished()) {
    c.result = score_session(s, scoring_);
    c.history = s.history().size();
    c.finished = s.finished();
  }
  return c.result;
}

bool PlayController::all_finished() const {
  for (const auto& t : teams_)
    if (!t.session->finished()) return false;
  return true;
}

void PlayController::abandon() {
  for (auto& t : teams_) {
    if (!t.recorder || t.session->finished()) continue;
    try {
      record_new(t);  // the state as it was left, so it can still be resumed exactly
      t.recorder->abandon();
    } catch (const std::exception& e) {
      t.write_failed = true;
      if (error_.empty()) error_ = std::string("The session could not be closed: ") + e.what();
    }
  }
  // Closed on purpose, the room is over; when the store refused, play goes on with its devices.
  if (devices_ && error_.empty()) devices_->end();
}

std::string PlayController::take_error() { return std::exchange(error_, {}); }

}  // namespace auditsim::ui
