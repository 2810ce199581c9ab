// The library: every scenario with its theme, audience, duration, summary, Part B badge and
// validation status; diagnostics listed with file:line for the author.
#include <filesystem>

#include <algorithm>

#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/pack_dialog.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/markdown.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/file_field.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

std::string audience_text(const Scenario& s) {
  std::string out;
  for (Audience a : s.audience) out += std::string(out.empty() ? "" : " and ") + (a == Audience::Members ? "members" : "staff");
  return out.empty() ? "everyone" : out;
}

void draw_entry_card(App& app, int index, float width) {
  const LibraryEntry& e = app.library().entries()[index];
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const float h = fs * 4.6f;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const std::string id = e.display_title() + "##card" + std::to_string(index);
  if (card_button(id.c_str(), width, h, app.library().selected == index)) app.library().selected = index;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x = p0.x + fs * 1.0f;
  ImFont* bold = fonts().bold ? fonts().bold : ImGui::GetFont();
  dl->PushClipRect(p0, ImVec2(p0.x + width - fs * 0.5f, p0.y + h), true);
  dl->AddText(bold, fs, ImVec2(x, p0.y + fs * 0.6f), to_u32(pal.text), e.display_title().c_str());
  std::string meta;
  if (e.result.scenario) {
    const Scenario& s = *e.result.scenario;
    meta = s.theme + "  \xC2\xB7  " + std::to_string(s.duration_minutes) + " min  \xC2\xB7  " +
           audience_text(s);
  } else {
    meta = std::filesystem::path(e.path).filename().string();
  }
  dl->AddText(ImVec2(x, p0.y + fs * 1.9f), to_u32(pal.muted), meta.c_str());
  // Status line: errors, warnings, Part B.
  float bx = x;
  auto pill = [&](const std::string& t, const ImVec4& c) {
    ImFont* f = fonts().small ? fonts().small : ImGui::GetFont();
    const ImVec2 ts = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, t.c_str());
    const ImVec2 a(bx, p0.y + fs * 3.2f), b(bx + ts.x + fs * 0.8f, a.y + ts.y + fs * 0.2f);
    dl->AddRectFilled(a, b, to_u32(c, 0.16f), fs);
    dl->AddText(f, f->FontSize, ImVec2(a.x + fs * 0.4f, a.y + fs * 0.1f), to_u32(c), t.c_str());
    bx = b.x + fs * 0.4f;
  };
  if (e.errors > 0) pill(std::to_string(e.errors) + (e.errors == 1 ? " error" : " errors"), pal.bad);
  else pill("Ready", pal.ok);
  if (e.warnings > 0) pill(std::to_string(e.warnings) + (e.warnings == 1 ? " warning" : " warnings"), pal.warn);
  if (e.result.scenario && e.result.scenario->classification == Classification::PartB)
    pill("Part B", pal.warn);
  if (!e.shipped) pill("Your scenario", pal.accent);
  dl->PopClipRect();
}

void draw_details(App& app, const LibraryEntry& e) {
  const Palette& pal = palette();
  heading(e.display_title().c_str(), 1);
  if (e.result.scenario) {
    const Scenario& s = *e.result.scenario;
    muted_text((s.theme + "  \xC2\xB7  " + std::to_string(s.duration_minutes) + " minutes  \xC2\xB7  for " +
                audience_text(s) + (s.author.empty() ? "" : "  \xC2\xB7  by " + s.author))
                   .c_str());
    if (s.classification == Classification::PartB) {
      badge("Part B: exempt information (Schedule 12A)", pal.warn);
    }
    gap(0.5f);
    markdown(s.summary);
    if (!s.learning_objectives.empty()) {
      gap(0.5f);
      heading("Learning objectives", 3);
      for (const auto& o : s.learning_objectives) {
        ImGui::PushStyleColor(ImGuiCol_Text, pillar_colour(o.pillar));
        ImGui::Bullet();
        ImGui::PopStyleColor();
        ImGui::SameLine();
        text_wrapped((std::string(pillar_name(o.pillar)) + ": " + o.text).c_str());
      }
    }
    gap(0.4f);
    muted_text((std::to_string(s.nodes.size()) + " stages, " + std::to_string(s.evidence.size()) +
                " evidence documents, " + std::to_string(s.key_actions.size()) + " key actions, " +
                std::to_string(s.injects.size()) + " injects")
                   .c_str());
  }
  gap(0.8f);
  const bool playable = e.result.ok();
  const float fs = ImGui::GetFontSize();
  if (primary_button("Play solo", ImVec2(fs * 8, fs * 2.2f), playable)) app.library().solo_prompt = e.path;
  ImGui::SameLine();
  if (button("Set up a session", ImVec2(fs * 10, fs * 2.2f), playable)) app.go(Screen::NewSession);
  ImGui::SameLine();
  if (button("Open in Author", ImVec2(fs * 9, fs * 2.2f), e.result.scenario != nullptr)) {
    app.author().path = e.path;
    app.go(Screen::Author);
  }
  ImGui::SameLine();
  if (button("Print a pack", ImVec2(fs * 8, fs * 2.2f), playable)) library_pack_export().open_for(e.path);
  if (!e.result.diagnostics.empty()) {
    gap(0.8f);
    heading("Validation", 3);
    for (const auto& d : e.result.diagnostics) {
      const ImVec4 c = d.severity == Severity::Error ? pal.bad
                       : d.severity == Severity::Warning ? pal.warn
                                                         : pal.muted;
      coloured_text(c, format_diagnostic(d).c_str());
    }
  }
  gap(0.5f);
  muted_text(e.path.c_str());
}

}  // namespace

// Where the library looks: the shipped folder, the data folder's own, and any the user added
// (a council's shared drive), with a way to add and remove those.
void draw_folders(App& app) {
  LibraryController& lib = app.library();
  const float fs = ImGui::GetFontSize();
  if (!ImGui::CollapsingHeader("Scenario folders")) return;
  // Copies: removing a folder changes both lists.
  const std::vector<std::string> added = app.settings().library_folders;
  const std::vector<std::string> shown = lib.folders();
  for (const std::string& f : shown) {
    const auto it = std::find(added.begin(), added.end(), f);
    text_wrapped(f.c_str());
    if (it != added.end()) {
      ImGui::SameLine();
      if (button(("Remove##folder-" + f).c_str()))
        app.remove_library_folder(static_cast<size_t>(it - added.begin()));
    }
  }
  gap(0.3f);
  FileRequest folder;
  folder.kind = FileRequest::Kind::Folder;
  folder.title = "Add a folder of scenarios";
  file_field(desktop_file_dialog(), "##add-folder", &lib.folder_input, "Another folder of scenarios",
             folder, std::min(fs * 18, ImGui::GetContentRegionAvail().x - fs * 6.5f));
  ImGui::SameLine();
  if (button("Add this folder", ImVec2(0, 0), !lib.folder_input.empty())) {
    const std::string why = app.add_library_folder(lib.folder_input);
    if (why.empty()) lib.folder_input.clear();
    else app.show_error("Folder not added", why, "Check the path and try again.");
  }
}

void draw_library(App& app) {
  draw_solo_prompt(app);
  draw_pack_dialog(app);
  const float fs = ImGui::GetFontSize();
  auto& lib = app.library();
  heading("Scenario library", 1);
  muted_text("Choose a desktop audit to play on your own, or set up a facilitated session.");
  gap(0.4f);
  ImGui::SetNextItemWidth(fs * 22);
  input_text("##search", &app.library().filter, "Search by title, theme or summary");
  if (lib.busy()) {
    ImGui::SameLine();
    muted_text("Checking scenario files\xE2\x80\xA6");
  }
  gap(0.4f);
  const auto visible = lib.filtered(app.library().filter);
  // The selection is always one of the cards shown: a search that hides the selected scenario
  // moves it to the first match (or to none), so "Play solo" never starts a scenario not shown.
  if (std::find(visible.begin(), visible.end(), app.library().selected) == visible.end())
    app.library().selected = visible.empty() ? -1 : visible.front();
  const float list_w = std::max(fs * 20, ImGui::GetContentRegionAvail().x * 0.38f);
  ImGui::BeginChild("##list", ImVec2(list_w, 0), false);
  if (visible.empty())
    muted_text(lib.entries().empty() ? "No scenarios found. Put .yaml files in the scenarios folder."
                                     : "No scenario matches the search.");
  for (int i : visible) {
    draw_entry_card(app, i, ImGui::GetContentRegionAvail().x - fs * 0.4f);
    ImGui::Dummy(ImVec2(1, fs * 0.3f));
  }
  gap(0.6f);
  draw_folders(app);
  ImGui::EndChild();
  ImGui::SameLine(0, fs * 1.2f);
  ImGui::BeginChild("##details", ImVec2(0, 0), false);
  if (app.library().selected >= 0 && app.library().selected < static_cast<int>(lib.entries().size()))
    draw_details(app, lib.entries()[app.library().selected]);
  ImGui::EndChild();
}

}  // namespace auditsim::ui
