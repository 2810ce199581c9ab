#include "ui/controllers/forms.hpp"

#include <algorithm>
#include <set>

#include "sim/dates.hpp"

namespace auditsim::ui {

namespace {
bool blank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }
}  // namespace

std::optional<SessionSetup> NewSessionForm::build(const std::vector<store::Event>& events,
                                                  std::vector<std::string>* problems) const {
  std::vector<std::string> p;
  SessionSetup s;
  s.mode = mode == 1 ? store::Mode::Group : mode == 2 ? store::Mode::Teams : store::Mode::Solo;
  if (s.mode == store::Mode::Teams) {
    std::set<std::string> seen;
    for (const auto& t : teams) {
      if (blank(t)) {
        p.push_back("Every team needs a name.");
        break;
      }
      if (!seen.insert(t).second) p.push_back("Two teams are called \"" + t + "\"; names must differ.");
    }
    if (teams.size() < 2) p.push_back("Teams mode needs at least two teams.");
    s.teams = teams;
  }
  if (new_event) {
    if (!blank(event_name)) {
      store::Event e;
      e.name = event_name;
      e.date = event_date;
      e.kind = event_kind == 1 ? store::EventKind::DesktopAudit
               : event_kind == 2 ? store::EventKind::ELearning
                                 : store::EventKind::TrainingEvening;
      e.facilitator = facilitator;
      if (!event_date.empty() && !is_iso_date(event_date))
        p.push_back(not_a_date_message("The event date", event_date));
      s.event = e;
    } else if (s.mode == store::Mode::Teams) {
      p.push_back("Teams mode takes an event name: the teams of one evening are reported "
                  "together under it.");
    }
  } else if (existing_event >= 0 && existing_event < static_cast<int>(events.size())) {
    s.event = events[existing_event];
  } else {
    p.push_back("Choose an existing event, or create a new one.");
  }
  for (const auto& part : participants)
    if (!blank(part.name) || pseudonyms_only) s.participants.push_back(part);
  s.pseudonyms_only = pseudonyms_only;
  s.timers = timers;
  if (audience == 1) s.audience = Audience::Members;
  if (audience == 2) s.audience = Audience::Staff;
  if (problems) *problems = p;
  if (!p.empty()) return std::nullopt;
  return s;
}

bool AuthorState::update(const Scenario& s) {
  if (layout_sha == s.source_sha256 && !layout.nodes.empty()) return false;
  layout = layout_scenario(s);
  layout_sha = s.source_sha256;
  if (layout_id != s.id) view = MapView{};  // a newly opened scenario starts fitted
  layout_id = s.id;
  if (selected_node >= static_cast<int>(s.nodes.size())) selected_node = -1;
  return true;
}

SessionSetup SoloForm::build() const {
  SessionSetup s;
  s.mode = store::Mode::Solo;
  const size_t a = name.find_first_not_of(" \t\n"), b = name.find_last_not_of(" \t\n");
  if (a == std::string::npos) return s;
  const store::Role r = role == 1 ? store::Role::Staff : store::Role::Member;
  s.participants.push_back({name.substr(a, b - a + 1), r});
  s.audience = role == 1 ? Audience::Staff : Audience::Members;
  return s;
}

}  // namespace auditsim::ui
