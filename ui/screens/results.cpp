// Results: recorded sessions by event, scenario and date; resume, debrief, an event's tables
// compared; import, export and erasure run in the background with a progress indicator.
#include <cmath>

#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

const char* status_text(store::Status s) {
  switch (s) {
    case store::Status::Active: return "In progress";
    case store::Status::Finished: return "Finished";
    case store::Status::Abandoned: return "Abandoned";
  }
  return "";
}

void spinner() {
  const float fs = ImGui::GetFontSize();
  const ImVec2 c(ImGui::GetCursorScreenPos().x + fs * 0.5f, ImGui::GetCursorScreenPos().y + fs * 0.6f);
  const float t = static_cast<float>(ImGui::GetTime()) * 6.0f;
  ImGui::GetWindowDrawList()->PathArcTo(c, fs * 0.45f, t, t + 4.2f, 16);
  ImGui::GetWindowDrawList()->PathStroke(to_u32(palette().accent), 0, 2.5f);
  ImGui::Dummy(ImVec2(fs * 1.2f, fs * 1.2f));
}

void draw_tools(App& app) {
  ResultsController& rc = app.results();
  const float fs = ImGui::GetFontSize();
  heading("Import, export, erase", 2);
  if (rc.busy()) {
    spinner();
    ImGui::SameLine();
    muted_text((rc.job_label() + "\xE2\x80\xA6").c_str());
    return;
  }
  ImGui::SetNextItemWidth(fs * 26);
  input_text("##path", &rc.path_input, "File: another laptop's results.db, or where to export");
  if (button("Import sessions from this file", ImVec2(0, 0), !rc.path_input.empty()))
    rc.start_import(app.db_path(), rc.path_input);
  ImGui::SameLine();
  const bool have_event = rc.selected >= 0 && !rc.sessions()[rc.selected].event_id.empty();
  if (button("Export the selected event", ImVec2(0, 0), have_event && !rc.path_input.empty()))
    rc.start_export(app.db_path(), rc.sessions()[rc.selected].event_id, rc.path_input);
  gap(0.3f);
  ImGui::SetNextItemWidth(fs * 26);
  input_text("##erase", &rc.erase_input, "Participant name or id");
  if (button("Erase this person everywhere", ImVec2(0, 0), !rc.erase_input.empty()))
    ImGui::OpenPopup("Erase a participant");
  if (ImGui::BeginPopupModal("Erase a participant", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    text(("Remove \"" + rc.erase_input + "\" and their notes from every session?").c_str());
    muted_text("Their decisions stay under a pseudonym. This cannot be undone.");
    if (primary_button("Erase")) {
      rc.start_erase(app.db_path(), rc.erase_input);
      rc.erase_input.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (button("Cancel##erase")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

}  // namespace

void draw_results(App& app) {
  ResultsController& rc = app.results();
  const float fs = ImGui::GetFontSize();
  heading("Results", 1);
  if (!app.db()) {
    coloured_text(palette().bad, ("No results database: " + app.db_error()).c_str());
    return;
  }
  muted_text(("Recorded in " + app.db_path()).c_str());
  gap(0.4f);
  const float left = ImGui::GetContentRegionAvail().x * 0.62f;
  ImGui::BeginChild("##sessions", ImVec2(left, 0), false);
  if (rc.sessions().empty()) muted_text("No sessions recorded yet. Play a scenario from the library.");
  for (const EventGroup& g : rc.groups()) {
    heading(g.title.c_str(), 2);
    if (g.sessions.size() > 1 && !g.event_id.empty()) {
      ImGui::SameLine();
      std::vector<std::string> ids;
      std::string scenario = rc.sessions()[g.sessions.front()].scenario_id;
      for (int i : g.sessions)
        if (rc.sessions()[i].scenario_id == scenario) ids.push_back(rc.sessions()[i].id);
      if (button(("Compare tables##" + g.event_id).c_str(), ImVec2(0, 0), ids.size() > 1)) app.open_debrief(ids);
    }
    if (ImGui::BeginTable(("##t" + g.event_id).c_str(), 5,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("Table", ImGuiTableColumnFlags_WidthFixed, fs * 6);
      ImGui::TableSetupColumn("Started", ImGuiTableColumnFlags_WidthFixed, fs * 9);
      ImGui::TableSetupColumn("Decisions", ImGuiTableColumnFlags_WidthFixed, fs * 5);
      ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, fs * 6);
      ImGui::TableHeadersRow();
      for (int i : g.sessions) {
        const auto& s = rc.sessions()[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        const std::string lbl = s.scenario_title + "##s" + s.id;
        if (selectable(lbl.c_str(), rc.selected == i, ImVec2(0, 0))) rc.selected = i;
        ImGui::TableNextColumn();
        text(s.team.empty() ? "\xE2\x80\x94" : s.team.c_str());
        ImGui::TableNextColumn();
        text(s.started_at.substr(0, 16).replace(10, 1, " ").c_str());
        ImGui::TableNextColumn();
        text(std::to_string(s.decisions).c_str());
        ImGui::TableNextColumn();
        coloured_text(s.status == store::Status::Finished ? palette().ok : palette().warn, status_text(s.status));
      }
      ImGui::EndTable();
    }
    gap(0.5f);
  }
  ImGui::EndChild();
  ImGui::SameLine(0, fs * 1.2f);
  ImGui::BeginChild("##side", ImVec2(0, 0), false);
  if (rc.selected >= 0 && rc.selected < static_cast<int>(rc.sessions().size())) {
    const auto s = rc.sessions()[rc.selected];
    heading(s.scenario_title.c_str(), 2);
    muted_text((std::string(status_text(s.status)) + "  \xC2\xB7  " + std::to_string(s.decisions) +
                " decisions  \xC2\xB7  " + store::key(s.mode))
                   .c_str());
    gap(0.3f);
    if (primary_button("Open the debrief")) app.open_debrief({s.id});
    if (s.status != store::Status::Finished) {
      ImGui::SameLine();
      if (button("Resume")) app.resume(s.id);
    }
  } else {
    muted_text("Select a session to open its debrief or resume it.");
  }
  gap(1.0f);
  draw_tools(app);
  ImGui::EndChild();
}

}  // namespace auditsim::ui
