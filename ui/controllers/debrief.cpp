#include "ui/controllers/debrief.hpp"

#include <algorithm>

#include "sim/dates.hpp"
#include "sim/recording.hpp"
#include "ui/controllers/play.hpp"

namespace auditsim::ui {

std::vector<std::string> vote_lines(const Node& node, const GroupInput& group) {
  std::vector<std::pair<std::string, int>> votes(group.votes.begin(), group.votes.end());
  std::erase_if(votes, [](const auto& v) { return v.second <= 0; });
  std::stable_sort(votes.begin(), votes.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  int total = 0;
  for (const auto& v : votes) total += v.second;
  std::vector<std::string> out;
  for (const auto& [id, hands] : votes) {
    std::string words = id;
    for (const Choice& c : node.choices)
      if (c.id == id) words = c.text;
    out.push_back(words + ": " + std::to_string(hands) + " of " + std::to_string(total));
  }
  return out;
}

DebriefModel::DebriefModel(PlayController& play, store::Store* db, const ScoringConfig& scoring)
    : scenario_(play.scenario_ptr()), db_(db), scoring_(scoring) {
  for (size_t i = 0; i < play.teams().size(); ++i) {
    const Team& t = play.teams()[i];
    DebriefTeam d;
    d.name = t.name;
    d.session_id = t.session_id;
    d.session = t.session;
    d.scored = d.result = score_session(*t.session, scoring);
    d.mode = play.mode();
    teams_.push_back(std::move(d));
  }
  load_actions();
  load_overrides();
}

DebriefModel::DebriefModel(store::Store& db, const std::vector<std::string>& ids,
                           const Clock& clock, const ScoringConfig& scoring)
    : db_(&db), scoring_(scoring) {
  for (const auto& id : ids) {
    std::string why;
    auto r = restore_session(db, id, clock, &why);
    if (!r) {
      error_ = why;
      continue;
    }
    // Teams are compared on one scenario; a session of another scenario is left out.
    if (scenario_ && r->scenario->source_sha256 != scenario_->source_sha256) continue;
    if (!scenario_) scenario_ = r->scenario;
    DebriefTeam d;
    d.name = r->record.summary.team;
    d.session_id = r->record.summary.id;
    d.scored = score_session(*r->session, scoring);
    d.overrides = std::move(r->record.overrides);
    d.mode = r->record.summary.mode;
    d.desktop_audit = r->record.event && r->record.event->kind == store::EventKind::DesktopAudit;
    d.session = std::shared_ptr<const Session>(std::move(r->session));
    rescore(d);
    teams_.push_back(std::move(d));
  }
  load_actions();
}

void DebriefModel::rescore(DebriefTeam& t) const {
  t.result = t.scored;
  apply_overrides(t.result, t.overrides, scoring_);
}

void DebriefModel::load_overrides() {
  if (!db_) return;
  for (auto& t : teams_) {
    if (t.session_id.empty()) continue;
    try {
      if (auto rec = db_->load_session(t.session_id)) {
        t.overrides = std::move(rec->overrides);
        t.desktop_audit = rec->event && rec->event->kind == store::EventKind::DesktopAudit;
      }
    } catch (const std::exception& e) {
      error_ = std::string("The score adjustments could not be read: ") + e.what();
    }
    rescore(t);
  }
}

bool DebriefModel::add_override(int ti, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size())) return false;
  DebriefTeam& t = teams_[ti];
  const OverrideDraft& d = override_draft_;
  if (d.reason.find_first_not_of(" \t\n") == std::string::npos) {
    if (error) *error = "An adjustment needs the reason it is made; it is shown in every report.";
    return false;
  }
  if (d.points == 0) {
    if (error) *error = "Give the points to add, or a negative number to take points away.";
    return false;
  }
  if (!db_ || t.session_id.empty()) {
    if (error) *error = "Only a recorded session can be adjusted; this one is not in the results database.";
    return false;
  }
  store::ScoreOverride o;
  o.pillar = pillar_key(kPillars.at(static_cast<size_t>(std::clamp(d.pillar, 0, kPillarCount - 1))));
  o.delta = d.points;
  o.reason = d.reason;
  try {
    o.id = db_->record_override(t.session_id, o);
  } catch (const std::exception& e) {
    if (error) *error = std::string("The adjustment could not be saved: ") + e.what();
    return false;
  }
  t.overrides.push_back(o);
  rescore(t);
  override_draft_ = OverrideDraft{};
  return true;
}

void DebriefModel::load_actions() {
  if (!db_) return;
  for (auto& t : teams_) {
    if (t.session_id.empty()) continue;
    try {
      t.actions = db_->list_actions(t.session_id);
    } catch (const std::exception& e) {
      error_ = std::string("The improvement plan could not be read: ") + e.what();
    }
  }
}

bool DebriefModel::add_action(int ti, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size())) return false;
  DebriefTeam& t = teams_[ti];
  auto blank = [](const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; };
  if (blank(draft_.action) || blank(draft_.owner)) {
    if (error) *error = "An action needs what will be done and who owns it.";
    return false;
  }
  if (!draft_.due_date.empty() && !is_iso_date(draft_.due_date)) {
    if (error) *error = not_a_date_message("The due date", draft_.due_date);
    return false;
  }
  store::ActionItem a;
  a.session_id = t.session_id;
  const auto& f = t.result.findings;
  if (draft_.finding >= 0 && draft_.finding < static_cast<int>(f.size()))
    a.finding = scenario_->key_actions.at(f[draft_.finding].key_action).id;
  a.action = draft_.action;
  a.owner = draft_.owner;
  a.due_date = draft_.due_date;
  a.priority = draft_.priority == 0 ? "high" : draft_.priority == 2 ? "low" : "medium";
  if (db_ && !t.session_id.empty()) {
    try {
      a.id = db_->add_action(a);
    } catch (const std::exception& e) {
      if (error) *error = std::string("The action could not be saved: ") + e.what();
      return false;
    }
  }
  t.actions.push_back(a);
  draft_ = ActionDraft{};
  return true;
}

bool DebriefModel::set_action_status(int ti, size_t index, store::ActionStatus status,
                                     std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size()) || index >= teams_[ti].actions.size())
    return false;
  store::ActionItem a = teams_[ti].actions[index];
  a.status = status;
  if (db_ && !a.id.empty()) {
    try {
      db_->update_action(a);
    } catch (const std::exception& e) {
      if (error) *error = std::string("The action could not be updated: ") + e.what();
      return false;
    }
  }
  teams_[ti].actions[index] = a;
  return true;
}

bool DebriefModel::delete_action(int ti, size_t index, std::string* error) {
  if (ti < 0 || ti >= static_cast<int>(teams_.size()) || index >= teams_[ti].actions.size())
    return false;
  auto& list = teams_[ti].actions;
  if (db_ && !list[index].id.empty()) {
    try {
      db_->delete_action(list[index].id);
    } catch (const std::exception& e) {
      if (error) *error = std::string("The action could not be removed: ") + e.what();
      return false;
    }
  }
  list.erase(list.begin() + static_cast<long>(index));
  return true;
}

}  // namespace auditsim::ui
