// Settings: font scale (up to 2.5x for projectors), theme, the exercise rating's labels and
// thresholds, the assurance opinion's labels and rules, data folder and shared results server,
// council name, logo and Word template, and the learning record store (settings_lrs.cpp). Saved on request; the window size
// is saved on exit.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/controllers/word_template_check.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/file_field.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

void draw_settings(App& app) {
  Settings& s = app.settings();
  const float fs = ImGui::GetFontSize();
  heading("Settings", 1);
  ImGui::BeginChild("##settings", ImVec2(std::min(ImGui::GetContentRegionAvail().x, fs * 44), 0), false);
  heading("Appearance", 2);
  float scale = s.font_scale;
  ImGui::SetNextItemWidth(fs * 16);
  if (slider_float("Text size", &scale, kMinFontScale, kMaxFontScale, "%.2fx"))
    s.font_scale = scale;
  // Rebuilding the font atlas on every drag step would stall; apply once the slider is let go.
  if (ImGui::IsItemDeactivatedAfterEdit()) app.fonts_dirty = true;
  for (Theme t : {Theme::Light, Theme::Dark, Theme::HighContrast}) {
    if (radio(theme_name(t), s.theme == t)) {
      s.theme = t;
      app.theme_dirty = true;
    }
    ImGui::SameLine(0, fs * 1.2f);
  }
  ImGui::NewLine();
  muted_text("Sample: Ŵyr a ŷd ar ffordd Pen-y-ẃ; Ẁ ẅ ỳ — café, naïve, Łódź.");
  gap(0.6f);
  heading("Council", 2);
  ImGui::SetNextItemWidth(fs * 22);
  input_text("Council name", &s.council_name, "Shown in the title bar and on reports");
  FileRequest logo;
  logo.title = "Choose the council's logo";
  logo.filters = {{"Images (PNG, JPEG, SVG)", {"*.png", "*.jpg", "*.jpeg", "*.svg"}}};
  file_field(desktop_file_dialog(), "##council-logo", &s.logo_path,
             "PNG, JPEG or SVG file for HTML reports (optional)", logo, fs * 22);
  ImGui::SameLine();
  text("Council logo");
  FileRequest word;
  word.title = "Choose the council's Word template";
  word.filters = {{"Word documents", {"*.docx"}}};
  file_field(desktop_file_dialog(), "##word-template", &s.word_template,
             "The council's .docx for Word reports (optional)", word, fs * 22);
  ImGui::SameLine();
  text("Word template");
  static WordTemplateCheck template_check;
  if (const std::string& problem = template_check.problem_for(s.word_template); !problem.empty())
    coloured_text(palette().bad, problem.c_str());
  else
    muted_text("Word reports take this document's styles. `auditsim report --save-template FILE` "
               "writes the default one to start from.");
  FileRequest folder;
  folder.kind = FileRequest::Kind::Folder;
  folder.title = "Choose the data folder";
  file_field(desktop_file_dialog(), "##data-folder", &s.data_folder, data_folder(Settings{}).c_str(),
             folder, fs * 22);
  ImGui::SameLine();
  text("Data folder");
  muted_text("The results database and your own scenarios live here. A new folder takes effect at the next start.");
  ImGui::SetNextItemWidth(fs * 22);
  input_text("Shared results server", &s.results_server,
             "postgresql://auditsim_recorder@db.example.gov.uk/auditsim (optional)");
  if (const std::string problem = results_server_problem(s.results_server); !problem.empty())
    coloured_text(palette().bad, problem.c_str());
  else
    muted_text("Set by council IT: every result is then recorded on the council's PostgreSQL "
               "server instead of this computer's file. The password comes from ~/.pgpass. "
               "Takes effect at the next start.");
  gap(0.6f);
  draw_lrs_settings(app);
  gap(0.6f);
  heading("Exercise rating", 2);
  muted_text("How well a team played the scenario. It is not an assurance opinion, so its labels "
             "must differ from the opinion's. Labels from highest to lowest, and the overall "
             "percentage each level needs.");
  for (int i = 0; i < 4; ++i) {
    ImGui::PushID(i);
    ImGui::SetNextItemWidth(fs * 12);
    input_text(("##label" + std::to_string(i)).c_str(), &s.scale.labels[i]);
    if (i < 3) {
      ImGui::SameLine();
      float v = static_cast<float>(s.scale.thresholds[i]);
      ImGui::SetNextItemWidth(fs * 12);
      if (slider_float(("at or above##thr" + std::to_string(i)).c_str(), &v, 0, 100, "%.0f%%"))
        s.scale.thresholds[i] = v;
    }
    ImGui::PopID();
  }
  const auto& t = s.scale.thresholds;
  const bool ordered = t[0] >= t[1] && t[1] >= t[2];
  if (!ordered) coloured_text(palette().bad, "Each threshold must be at or below the one above it.");
  // A story that ended badly was not played well, whatever its points: the ending caps the rating.
  auto cap_radios = [&](const char* what, int* cap, const char* id) {
    text(what);
    for (int i = 0; i < 4; ++i) {
      ImGui::SameLine();
      const std::string label = i == 0 ? std::string("no cap") : s.scale.labels[static_cast<size_t>(i)];
      if (radio((label + "##" + id + std::to_string(i)).c_str(), *cap == i)) *cap = i;
    }
  };
  cap_radios("A missed high-priority key action caps the rating at", &s.scale.cap_level_for_missed_high, "caphigh");
  cap_radios("A mixed ending caps the rating at", &s.scale.cap_level_for_mixed_ending, "capmixed");
  cap_radios("A poor ending caps the rating at", &s.scale.cap_level_for_poor_ending, "cappoor");
  gap(0.6f);
  heading("Assurance opinion", 2);
  muted_text("Given only where the group checked the council's own controls. Labels from highest "
             "to lowest; their definitions are in the settings file.");
  for (int i = 0; i < 4; ++i) {
    ImGui::PushID(100 + i);
    ImGui::SetNextItemWidth(fs * 12);
    input_text(("##opinion" + std::to_string(i)).c_str(), &s.opinion.labels[i]);
    ImGui::PopID();
  }
  text("A high-priority finding caps the proposed opinion at");
  for (int i = 1; i < 4; ++i) {
    ImGui::SameLine();
    if (radio((s.opinion.labels[i] + "##cap" + std::to_string(i)).c_str(),
              s.opinion.cap_level_for_high == i))
      s.opinion.cap_level_for_high = i;
  }
  float lowest = static_cast<float>(s.opinion.high_findings_for_lowest);
  ImGui::SetNextItemWidth(fs * 12);
  if (slider_float("high-priority findings propose the lowest level", &lowest, 1, 10, "%.0f"))
    s.opinion.high_findings_for_lowest = static_cast<int>(lowest + 0.5f);
  gap(0.4f);
  // A key action achieved late is a finding; how much lower than a miss is the council's call.
  text("A key action achieved late counts as a finding");
  if (radio("of the same priority as missing it##late0", s.late_priority_drop == 0)) s.late_priority_drop = 0;
  if (radio("one priority lower (high becomes medium)##late1", s.late_priority_drop == 1)) s.late_priority_drop = 1;
  if (radio("two priorities lower (high becomes low)##late2", s.late_priority_drop == 2)) s.late_priority_drop = 2;
  gap(0.8f);
  if (primary_button("Save settings", ImVec2(fs * 10, fs * 2.2f), ordered)) {
    app.save_settings_now();
    app.fonts_dirty = true;
  }
  ImGui::EndChild();
}

}  // namespace auditsim::ui
