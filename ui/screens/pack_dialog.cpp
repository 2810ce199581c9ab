// Printing a scenario for a session on paper, from the library: who the room is, how many teams,
// what to print and where to save it. The pack is written on a worker thread.
#include <imgui.h>

#include <algorithm>

#include "ui/app/app.hpp"
#include "ui/app/keys.hpp"
#include "ui/screens/pack_dialog.hpp"
#include "ui/widgets/file_field.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

PackExporter& library_pack_export() {
  static PackExporter form;
  return form;
}

void draw_pack_dialog(App& app) {
  PackExporter& px = library_pack_export();
  px.poll();
  if (!px.is_open()) return;
  const int index = app.library().find(px.scenario_path);
  if (index < 0 || !app.library().entries()[index].result.ok()) {
    px.close();
    return;
  }
  const ScenarioPtr scenario = app.library().entries()[index].result.scenario;
  const float fs = ImGui::GetFontSize();
  if (!begin_dialog("Print a pack for the session##pack")) return;
  text_wrapped(("Printed pack: " + scenario->title).c_str());
  muted_text("A facilitator guide with the answers, and handouts for the teams with none: for "
             "running the session on paper, or when the projector fails.");
  if (scenario->classification == Classification::PartB)
    badge("Part B: every page is marked exempt (Schedule 12A)", palette().warn);
  gap(0.4f);
  text("The room");
  const char* rooms[] = {"Members and officers##pack-room", "Members##pack-room", "Officers##pack-room"};
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    if (radio(rooms[i], px.audience == i)) px.audience = i;
  }
  text("Print");
  const char* what[] = {"Guide and handouts##pack-what", "Guide only##pack-what", "Handouts only##pack-what"};
  for (int i = 0; i < 3; ++i) {
    if (i) ImGui::SameLine();
    if (radio(what[i], px.contents == i)) px.contents = i;
  }
  ImGui::SetNextItemWidth(fs * 7);
  input_int("Teams##pack-teams", &px.teams);
  px.teams = std::clamp(px.teams, 0, PackExporter::kMaxTeams);
  muted_text(px.teams == 0 ? "0: one set of handouts to photocopy for every team."
                           : "One set of handouts per team, headed with the team's name.");
  checkbox("Markdown instead of PDF (to edit in a word processor)##pack-md", &px.markdown);
  gap(0.3f);
  FileRequest request;
  request.kind = FileRequest::Kind::Save;
  request.title = "Save the printed pack";
  request.filters = {px.markdown ? FileFilter{"Markdown", {"*.md"}} : FileFilter{"PDF documents", {"*.pdf"}}};
  const std::string hint = px.default_path(app.settings(), *scenario);
  file_field(desktop_file_dialog(), "##pack-path", &px.path, hint.c_str(), request);
  muted_text("Leave the file empty to save under the name shown.");
  gap(0.4f);
  if (px.busy()) {
    spinner();
    ImGui::SameLine();
    muted_text("Writing the pack\xE2\x80\xA6");
  } else if (primary_button("Save the pack##pack", ImVec2(fs * 9, 0))) {
    px.start(scenario, app.settings());
  }
  ImGui::SameLine();
  if (button("Close##pack", ImVec2(fs * 6, 0)) || app.key_pressed(keys::kEscape)) {
    px.close();
    ImGui::CloseCurrentPopup();
  }
  if (!px.message.empty()) coloured_text(px.ok ? palette().ok : palette().bad, px.message.c_str());
  ImGui::EndPopup();
}

}  // namespace auditsim::ui
