#include "ui/controllers/play.hpp"

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
  if (names.empty()) names.push_back("Table 1");
  for (const auto& n : names) {
    Table t;
    t.name = n;
    t.session = std::make_shared<Session>(scenario_, clock, setup.audience);
    tables_.push_back(std::move(t));
  }
  results_.resize(tables_.size());
  if (!db_) return;
  // All of a new session's identity rows go in one transaction: a failure leaves nothing half
  // created for the results screen to show.
  db_->batch([&] {
    store::SessionStart start;
    start.mode = setup.mode;
    start.audience = audience_store_key(setup.audience);
    if (setup.event) {
      start.event_id = !setup.event->id.empty() ? setup.event->id
                                                : db_->find_or_create_event(*setup.event).id;
    }
    int n = 0;
    for (const auto& p : setup.participants) {
      ++n;
      if (p.name.empty() && !setup.pseudonyms_only) continue;
      std::string name = setup.pseudonyms_only ? "Participant " + std::to_string(n) : p.name;
      start.participant_ids.push_back(db_->create_participant(name, p.role));
    }
    for (auto& t : tables_) {
      start.team = t.name;
      t.recorder = std::make_unique<SessionRecorder>(*db_, *t.session, start);
      t.session_id = t.recorder->session_id();
    }
  });
}

std::unique_ptr<PlayController> PlayController::resume(store::Store& db,
                                                       const std::string& session_id,
                                                       const Clock& clock,
                                                       const ScoringConfig& scoring,
                                                       std::string* error) {
  auto r = restore_session(db, session_id, clock, error);
  if (!r) return nullptr;
  auto* rec = &r->record;
  auto session = std::move(r->session);
  auto scenario = r->scenario;
  std::unique_ptr<PlayController> pc(new PlayController());
  pc->scenario_ = scenario;
  pc->clock_ = &clock;
  pc->db_ = &db;
  pc->mode_ = rec->summary.mode;
  pc->scoring_ = scoring;
  Table t;
  t.name = rec->summary.team;
  t.session = std::move(session);
  t.session_id = rec->summary.id;
  t.recorder = std::make_unique<SessionRecorder>(db, t.session_id, t.session->history().size());
  pc->tables_.push_back(std::move(t));
  pc->results_.resize(1);
  if (rec->summary.status != store::Status::Active) db.set_status(rec->summary.id, store::Status::Active);
  return pc;
}

void PlayController::set_active(int t) {
  if (t >= 0 && t < static_cast<int>(tables_.size())) active_ = t;
}

void PlayController::record_new(Table& t) {
  if (t.recorder) t.recorder->sync(*t.session);
}

bool PlayController::record_or_roll_back(Table& t, const std::string& before, const char* what,
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
  if (ti < 0 || ti >= static_cast<int>(tables_.size())) return false;
  Table& t = tables_[ti];
  const std::string before = t.session->to_json();
  GroupInput group;
  if (mode_ != store::Mode::Solo) {
    for (const auto& [id, v] : t.draft.votes)
      if (v > 0) group.votes[id] = v;
    group.rationale = t.draft.rationale;
    group.dissent = t.draft.dissent;
  }
  if (!t.session->choose(choice_index, group)) {
    if (error) *error = t.session->paused() ? "Play is paused." : "That choice is not available now.";
    return false;
  }
  if (!record_or_roll_back(t, before, "The decision could not be recorded: ", error)) return false;
  t.draft = DecisionDraft{};
  return true;
}

bool PlayController::undo(int ti, const std::string& reason, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(tables_.size())) return false;
  if (reason.find_first_not_of(" \t\n") == std::string::npos) {
    if (error) *error = "Give a reason for the undo; it is recorded with the session.";
    return false;
  }
  Table& t = tables_[ti];
  const std::string before = t.session->to_json();
  if (!t.session->undo(reason)) {
    if (error) *error = "There is no decision to undo.";
    return false;
  }
  // The recorder marks a session left by undo from its ending active again.
  return record_or_roll_back(t, before, "The undo could not be recorded: ", error);
}

void PlayController::set_paused(bool p) {
  for (auto& t : tables_) {
    if (p) t.session->pause();
    else t.session->resume();
    try {
      record_new(t);
    } catch (const std::exception& e) {
      if (error_.empty()) error_ = std::string("The pause could not be saved: ") + e.what();
    }
  }
}

bool PlayController::paused() const { return !tables_.empty() && tables_[0].session->paused(); }

void PlayController::acknowledge(int ti, int inject_index) {
  if (ti < 0 || ti >= static_cast<int>(tables_.size())) return;
  Table& t = tables_[ti];
  t.session->acknowledge_inject(inject_index);
  if (!t.recorder || inject_index < 0 || inject_index >= static_cast<int>(scenario_->injects.size()))
    return;
  try {
    t.recorder->acknowledge(*t.session, inject_index);
  } catch (const std::exception& e) {
    if (error_.empty()) error_ = std::string("The acknowledgement could not be saved: ") + e.what();
  }
}

bool PlayController::add_note(int ti, const std::string& text, bool part_b, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(tables_.size())) return false;
  if (text.find_first_not_of(" \t\n") == std::string::npos) return false;
  Table& t = tables_[ti];
  if (!db_ || t.session_id.empty()) return true;
  store::Note n;
  n.node_id = t.session->current_node().id;
  n.text = text;
  n.part_b = part_b;
  try {
    db_->record_note(t.session_id, n);
  } catch (const std::exception& e) {
    if (error) *error = std::string("The note could not be saved: ") + e.what();
    return false;
  }
  return true;
}

void PlayController::tick() {
  if (!timers_) return;
  for (auto& t : tables_) {
    const size_t before = t.session->history().size();
    t.session->tick();
    if (t.session->history().size() == before) continue;
    try {
      record_new(t);
    } catch (const std::exception& e) {
      if (error_.empty()) error_ = std::string("A time-out could not be recorded: ") + e.what();
    }
  }
}

void PlayController::save_state() {
  for (auto& t : tables_) {
    if (!t.recorder) continue;
    try {
      t.recorder->sync(*t.session);
    } catch (const std::exception& e) {
      if (error_.empty()) error_ = std::string("The session state could not be saved: ") + e.what();
    }
  }
}

const Result& PlayController::result(int ti) {
  Cached& c = results_.at(ti);
  const Session& s = *tables_.at(ti).session;
  // Scoring searches the scenario for the paths not taken; once per decision is plenty.
  if (c.history != s.history().size() || c.finished != s.finished()) {
    c.result = score_session(s, scoring_);
    c.history = s.history().size();
    c.finished = s.finished();
  }
  return c.result;
}

bool PlayController::all_finished() const {
  for (const auto& t : tables_)
    if (!t.session->finished()) return false;
  return true;
}

std::string PlayController::take_error() { return std::exchange(error_, {}); }

}  // namespace auditsim::ui
