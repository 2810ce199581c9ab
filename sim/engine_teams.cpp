// Several tables playing one scenario on one clock. Each table's Session is independent; this
// class only keeps them together so the facilitator's pause and timers apply to the whole room.
#include "sim/engine.hpp"

namespace auditsim {

TeamPlay::TeamPlay(ScenarioPtr scenario, const Clock& clock, std::optional<Audience> audience)
    : scenario_(std::move(scenario)), clock_(&clock), audience_(audience) {}

int TeamPlay::add_team(const std::string& name) {
  // Tables are compared by name at the debrief, so a blank or repeated name would be ambiguous.
  if (name.empty() || find(name) >= 0) return -1;
  Team t;
  t.name = name;
  t.session = std::make_unique<Session>(scenario_, *clock_, audience_);
  teams_.push_back(std::move(t));
  return static_cast<int>(teams_.size()) - 1;
}

int TeamPlay::find(std::string_view name) const {
  for (size_t i = 0; i < teams_.size(); ++i) {
    if (teams_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

void TeamPlay::pause_all() {
  for (auto& t : teams_) t.session->pause();
}

void TeamPlay::resume_all() {
  for (auto& t : teams_) t.session->resume();
}

void TeamPlay::tick_all() {
  for (auto& t : teams_) t.session->tick();
}

bool TeamPlay::all_finished() const {
  for (const auto& t : teams_) {
    if (!t.session->finished()) return false;
  }
  return !teams_.empty();
}

std::vector<int> TeamPlay::teams_at(int node) const {
  std::vector<int> out;
  for (size_t i = 0; i < teams_.size(); ++i) {
    if (teams_[i].session->state().node == node) out.push_back(static_cast<int>(i));
  }
  return out;
}

}  // namespace auditsim
