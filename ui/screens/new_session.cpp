// New session: scenario, mode (solo / facilitated group / teams), event, facilitator,
// participants (with an option to record pseudonyms only) and timers.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/date_picker.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

void section(const char* title) {
  gap(0.6f);
  heading(title, 2);
}

}  // namespace

void draw_new_session(App& app) {
  NewSessionForm& f = app.new_session();
  const float fs = ImGui::GetFontSize();
  auto& lib = app.library();
  heading("Set up a session", 1);
  muted_text("Everything here is recorded with the session; nothing is sent anywhere.");
  // Two columns, so the whole form and its Start button fit on a laptop screen.
  const float col_w = std::min((ImGui::GetContentRegionAvail().x - fs * 2) * 0.5f, fs * 32);
  ImGui::BeginChild("##form-left", ImVec2(col_w, 0), false);

  section("Scenario");
  std::vector<std::string> titles;
  std::vector<int> playable;
  for (size_t i = 0; i < lib.entries().size(); ++i)
    if (lib.entries()[i].result.ok()) {
      playable.push_back(static_cast<int>(i));
      titles.push_back(lib.entries()[i].display_title());
    }
  std::vector<const char*> items;
  for (auto& t : titles) items.push_back(t.c_str());
  int cur = -1;
  for (size_t k = 0; k < playable.size(); ++k)
    if (playable[k] == app.library().selected) cur = static_cast<int>(k);
  ImGui::SetNextItemWidth(col_w - fs);
  if (combo("##scenario", &cur, items) && cur >= 0) app.library().selected = playable[cur];

  section("Mode");
  if (radio("Solo", f.mode == 0)) f.mode = 0;
  ImGui::SameLine(0, fs * 1.5f);
  if (radio("Facilitated group", f.mode == 1)) f.mode = 1;
  ImGui::SameLine(0, fs * 1.5f);
  if (radio("Teams", f.mode == 2)) f.mode = 2;
  if (f.mode == 2) {
    muted_text("Each team plays the same scenario with its own decisions; the debrief compares them.");
    for (size_t i = 0; i < f.teams.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      ImGui::SetNextItemWidth(fs * 16);
      input_text(("##team-name-" + std::to_string(i)).c_str(), &f.teams[i]);
      ImGui::SameLine();
      if (button("Remove##team", ImVec2(0, 0), f.teams.size() > 2)) {
        f.teams.erase(f.teams.begin() + static_cast<long>(i));
        ImGui::PopID();
        break;
      }
      ImGui::PopID();
    }
    if (button("Add a team")) f.teams.push_back("Team " + std::to_string(f.teams.size() + 1));
  }

  section("Event");
  const auto& events = app.results().events();
  if (radio("New event", f.new_event)) f.new_event = true;
  ImGui::SameLine(0, fs * 1.5f);
  if (radio("Existing event", !f.new_event)) f.new_event = false;
  if (f.new_event) {
    ImGui::SetNextItemWidth(fs * 22);
    input_text("Event name", &f.event_name, "e.g. Member training evening");
    date_picker("Date", &f.event_date, "Today", true);
    static const char* const kinds[] = {"Training evening", "Desktop audit", "E-learning"};
    ImGui::SetNextItemWidth(fs * 14);
    combo("Kind", &f.event_kind, kinds);
  } else {
    std::vector<std::string> names;
    for (const auto& e : events) names.push_back(e.name + (e.date.empty() ? "" : " (" + e.date + ")"));
    std::vector<const char*> ev_items;
    for (auto& n : names) ev_items.push_back(n.c_str());
    ImGui::SetNextItemWidth(fs * 22);
    combo("##existing-event", &f.existing_event, ev_items);
    if (events.empty()) muted_text("No events recorded yet.");
  }
  ImGui::SetNextItemWidth(fs * 22);
  input_text("Facilitator", &f.facilitator, "Name and role");

  ImGui::EndChild();
  ImGui::SameLine(0, fs * 2);
  ImGui::BeginChild("##form-right", ImVec2(col_w, 0), false);
  section("Participants");
  checkbox("Record pseudonyms only (no names are stored)", &f.pseudonyms_only);
  for (size_t i = 0; i < f.participants.size(); ++i) {
    ImGui::PushID(static_cast<int>(i) + 1000);
    auto& p = f.participants[i];
    ImGui::SetNextItemWidth(fs * 16);
    if (f.pseudonyms_only) text(("Participant " + std::to_string(i + 1)).c_str());
    else input_text(("##participant-" + std::to_string(i)).c_str(), &p.name, "Name");
    ImGui::SameLine();
    if (radio("Member", p.role == store::Role::Member)) p.role = store::Role::Member;
    ImGui::SameLine();
    if (radio("Staff", p.role == store::Role::Staff)) p.role = store::Role::Staff;
    ImGui::SameLine();
    if (button("Remove")) {
      f.participants.erase(f.participants.begin() + static_cast<long>(i));
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  if (button("Add a participant")) f.participants.push_back({});

  section("Play");
  checkbox("Timers on (stage time limits and timed injects)", &f.timers);
  static const char* const audiences[] = {"Everyone", "Members only", "Staff only"};
  ImGui::SetNextItemWidth(fs * 14);
  combo("Choices shown for", &f.audience, audiences);

  gap(1.0f);
  const bool have = app.library().selected >= 0 && app.library().selected < static_cast<int>(lib.entries().size()) &&
                    lib.entries()[app.library().selected].result.ok();
  if (primary_button("Start the session", ImVec2(fs * 12, fs * 2.4f), have)) {
    std::vector<std::string> problems;
    auto setup = f.build(events, &problems);
    if (!setup) {
      std::string all;
      for (const auto& p : problems) all += p + "\n";
      app.show_error("Some details are missing", all, "Correct them and press Start again.");
    } else {
      app.start_play(lib.entries()[app.library().selected].result.scenario, *setup);
    }
  }
  if (!app.db()) {
    gap(0.4f);
    coloured_text(palette().bad, "Results will not be recorded: the results database is not open.");
  }
  ImGui::EndChild();
}

}  // namespace auditsim::ui
