// The facilitator's side of the play screen and the evidence viewer.
#include <imgui.h>

#include "sim/session_text.hpp"
#include "ui/app/app.hpp"
#include "ui/app/keys.hpp"
#include "ui/screens/play_parts.hpp"
#include "ui/screens/room_parts.hpp"
#include "ui/widgets/markdown.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

void draw_team_tabs(PlayController& pc) {
  const float fs = ImGui::GetFontSize();
  for (size_t i = 0; i < pc.teams().size(); ++i) {
    const Team& t = pc.teams()[i];
    const Session& s = *t.session;
    std::string label = t.name + (s.finished() ? "  \xE2\x9C\x93" : "  \xC2\xB7  " +
                        (s.current_node().title.empty() ? s.current_node().id : s.current_node().title));
    label += "##team" + std::to_string(i);
    if (nav_tab(label.c_str(), pc.active() == static_cast<int>(i))) pc.set_active(static_cast<int>(i));
    ImGui::SameLine(0, fs * 0.3f);
  }
  ImGui::NewLine();
  gap(0.3f);
}

void draw_live_scores(PlayController& pc, int t) {
  const Result& r = pc.result(t);
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float w = std::min(fs * 9.0f, (ImGui::GetContentRegionAvail().x - 3 * fs * 0.6f) / 4);
  ImVec2 p = ImGui::GetCursorScreenPos();
  for (Pillar pl : kPillars) {
    const PillarResult& pr = r.pillars[static_cast<int>(pl)];
    const ImVec4 c = pillar_colour(pl);
    dl->AddText(ImVec2(p.x, p.y), to_u32(pal.muted), pillar_name(pl));
    char val[32];
    if (pr.assessed) snprintf(val, sizeof val, "%lld / %lld", static_cast<long long>(pr.raw), static_cast<long long>(pr.max));
    else snprintf(val, sizeof val, "not assessed");
    const float vw = ImGui::CalcTextSize(val).x;
    dl->AddText(ImVec2(p.x + w - vw, p.y), to_u32(pal.text), val);
    const float y = p.y + fs * 1.35f;
    dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + w, y + fs * 0.35f), to_u32(pal.surface_alt), fs);
    if (pr.assessed)
      dl->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + w * static_cast<float>(pr.percent / 100.0), y + fs * 0.35f),
                        to_u32(c), fs);
    p.x += w + fs * 0.6f;
  }
  ImGui::Dummy(ImVec2(1, fs * 1.9f));
}

void draw_evidence_list(App& app, const Session& s, const std::vector<int>& evidence) {
  const float fs = ImGui::GetFontSize();
  heading("Evidence", 3);
  bool first = true;
  for (int ev : evidence) {
    if (ev < 0 || ev >= static_cast<int>(s.scenario().evidence.size())) continue;
    const Evidence& e = s.scenario().evidence[ev];
    std::string label = (e.kind.empty() ? std::string() : "[" + e.kind + "]  ") + e.title + "##ev-" + e.id;
    // Wrap to the next line when the button would not fit beside the previous one.
    const float w = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (!first && ImGui::GetItemRectMax().x + fs * 0.4f + w <= right) ImGui::SameLine(0, fs * 0.4f);
    first = false;
    if (button(label.c_str(), ImVec2(0, fs * 1.9f))) app.play()->ui().evidence_open = ev;
  }
}

void draw_evidence_viewer(App& app, const Session& s) {
  int& open = app.play()->ui().evidence_open;
  if (open < 0 || open >= static_cast<int>(s.scenario().evidence.size())) {
    open = -1;
    return;
  }
  const Evidence& e = s.scenario().evidence[open];
  const std::string id = e.title + "##evidence-viewer";
  if (!ImGui::IsPopupOpen(id.c_str())) ImGui::OpenPopup(id.c_str());
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x * 0.8f, ImGui::GetFontSize() * 48),
                                  io.DisplaySize.y * 0.8f));
  bool keep = true;
  if (ImGui::BeginPopupModal(id.c_str(), &keep, ImGuiWindowFlags_NoSavedSettings)) {
    if (!e.kind.empty()) badge(e.kind.c_str(), palette().accent);
    ImGui::BeginChild("##evidence-text", ImVec2(0, -ImGui::GetFrameHeightWithSpacing() * 1.6f));
    markdown(evidence_text(s, open));
    ImGui::EndChild();
    if (primary_button("Close##evidence") || app.key_pressed(keys::kEscape)) {
      keep = false;
    }
    if (!keep) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  if (!keep) open = -1;
}

namespace {

void draw_votes(PlayController& pc, int t) {
  const Session& s = *pc.team(t).session;
  DecisionDraft& draft = pc.draft(t);  // this stage's: a new stage starts with a clean draft
  const Node& node = s.current_node();
  const float fs = ImGui::GetFontSize();
  heading(pc.mode() == store::Mode::Teams ? "Votes in this team" : "Votes", 3);
  const auto avail = s.available_choices();
  const int total = draft.total_votes();
  for (size_t k = 0; k < avail.size(); ++k) {
    const Choice& c = node.choices[avail[k]];
    int& v = draft.votes[c.id];
    ImGui::PushID(c.id.c_str());
    if (button(("-##vote-" + c.id).c_str(), ImVec2(fs * 1.8f, 0), v > 0)) --v;
    ImGui::SameLine(0, fs * 0.2f);
    char num[16];
    snprintf(num, sizeof num, "%3d", v);
    ImGui::TextUnformatted(num);
    ImGui::SameLine(0, fs * 0.2f);
    if (button(("+##vote-" + c.id).c_str(), ImVec2(fs * 1.8f, 0))) ++v;
    ImGui::SameLine();
    // The bar shows the split at a glance; the label names the option by its number.
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x, p.y + fs * 0.25f), ImVec2(p.x + w, p.y + fs * 1.05f),
                      to_u32(palette().surface_alt), 3);
    if (total > 0)
      dl->AddRectFilled(ImVec2(p.x, p.y + fs * 0.25f),
                        ImVec2(p.x + w * static_cast<float>(v) / total, p.y + fs * 1.05f),
                        to_u32(palette().accent, 0.6f), 3);
    std::string lbl = std::to_string(k + 1) + ". " + c.text;
    dl->PushClipRect(p, ImVec2(p.x + w, p.y + fs * 1.3f), true);
    dl->AddText(ImVec2(p.x + fs * 0.3f, p.y + fs * 0.1f), to_u32(palette().text), lbl.c_str());
    dl->PopClipRect();
    ImGui::Dummy(ImVec2(w, fs * 1.2f));
    ImGui::PopID();
  }
  muted_text((std::to_string(total) + (total == 1 ? " vote" : " votes") +
              "; click the group's choice to record it with the split.").c_str());
  gap(0.3f);
  text("Rationale");
  input_wrapped("##rationale", &draft.rationale, 3);
  text("Dissent");
  input_wrapped("##dissent", &draft.dissent, 2);
}

// The note being written (or corrected), then the notes saved for this team, each of which can
// be corrected or deleted.
void draw_notes(App& app, PlayController& pc, int t) {
  PlayUi& ui = pc.ui();
  const bool editing = !ui.editing_note.empty();
  heading(editing ? "Correct the note" : "Note", 3);
  input_wrapped("##note", &ui.note, 2);
  checkbox("Part B (exempt)", &ui.note_part_b);
  ImGui::SameLine();
  std::string err;
  if (editing) {
    if (button("Save the change", ImVec2(0, 0), !ui.note.empty())) {
      if (pc.update_note(t, ui.editing_note, ui.note, ui.note_part_b, &err)) {
        ui.note.clear();
        ui.note_part_b = false;
        ui.editing_note.clear();
      } else {
        app.show_error("The note was not changed", err, "Try again.");
      }
    }
    ImGui::SameLine();
    if (button("Cancel##note")) {
      ui.note.clear();
      ui.note_part_b = false;
      ui.editing_note.clear();
    }
  } else if (button("Save note", ImVec2(0, 0), !ui.note.empty())) {
    if (pc.add_note(t, ui.note, ui.note_part_b, &err)) ui.note.clear();
    else app.show_error("The note was not saved", err, "Try again.");
  }
  const auto& notes = pc.notes(t);
  if (notes.empty()) return;
  gap(0.3f);
  muted_text(notes.size() == 1 ? "1 note saved" : (std::to_string(notes.size()) + " notes saved").c_str());
  const Scenario& sc = pc.scenario();
  // Copied: deleting changes the list.
  const std::vector<store::Note> shown = notes;
  for (const store::Note& n : shown) {
    ImGui::PushID(n.id.c_str());
    const int node = sc.find_node(n.node_id);
    std::string where = node >= 0 && !sc.nodes[node].title.empty() ? sc.nodes[node].title : n.node_id;
    if (n.part_b) {
      badge("Part B", palette().warn);
      ImGui::SameLine();
    }
    muted_text(("At " + where).c_str());
    text_wrapped(n.text.c_str());
    if (ui.deleting_note == n.id) {
      coloured_text(palette().bad, "Delete this note?");
      if (button("Delete it")) {
        if (!pc.delete_note(t, n.id, &err)) app.show_error("The note was not deleted", err, "Try again.");
        if (ui.editing_note == n.id) ui.editing_note.clear();
        ui.deleting_note.clear();
      }
      ImGui::SameLine();
      if (button("Keep it")) ui.deleting_note.clear();
    } else {
      if (button(("Edit##note-" + n.id).c_str())) {
        ui.editing_note = n.id;
        ui.note = n.text;
        ui.note_part_b = n.part_b;
      }
      ImGui::SameLine();
      if (button(("Delete##note-" + n.id).c_str())) ui.deleting_note = n.id;
    }
    ImGui::PopID();
    gap(0.2f);
  }
}

}  // namespace

void draw_facilitator_panel(App& app, PlayController& pc, int t, float width) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.surface);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs, fs));
  ImGui::BeginChild("##facilitator", ImVec2(width, 0), true, ImGuiWindowFlags_AlwaysUseWindowPadding);
  Session& s = *pc.team(t).session;
  heading(pc.mode() == store::Mode::Solo ? "Session" : "Facilitator", 2);
  const bool paused = pc.paused();
  if ((paused ? primary_button("Resume", ImVec2(fs * 6, 0)) : button("Pause", ImVec2(fs * 6, 0))) ||
      app.key_pressed(keys::kP))
    pc.set_paused(!paused);
  ImGui::SameLine();
  if (app.facilitator_window) {
    if (button("End presenter mode (F11)")) {
      app.presenter = false;
      app.fonts_dirty = true;
    }
  } else if (button("Hide panel")) {
    app.facilitator_open = false;
  }
  if (checkbox("Show live scores", &app.settings().live_scores)) app.save_settings_now();
  if (paused) coloured_text(pal.warn, "Play is paused: timers have stopped.");
  gap(0.4f);
  // The devices near the top: their code, QR code and list are what the facilitator looks for
  // while the room joins, and the votes they cast fill in the hands below.
  if (pc.mode() != store::Mode::Solo) {
    draw_devices_section(app, pc, t);
    gap(0.4f);
  }
  const std::vector<std::string> prompts = stage_prompts(s);
  if (!prompts.empty()) {
    heading("Prompts for discussion", 3);
    for (const auto& q : prompts) {
      ImGui::Bullet();
      ImGui::SameLine();
      text_wrapped(q.c_str());
    }
    gap(0.4f);
  }
  if (pc.mode() != store::Mode::Solo && !s.finished()) {
    draw_votes(pc, t);
    gap(0.4f);
  }
  if (pc.mode() == store::Mode::Teams) {
    heading("Teams", 3);
    for (const auto& tab : pc.teams()) {
      const auto eff = tab.session->effective_decisions();
      std::string line = tab.name + ": ";
      if (eff.empty()) line += "no decision yet";
      else {
        const HistoryEntry& e = tab.session->history()[eff.back()];
        const Node& n = pc.scenario().nodes.at(e.node);
        line += e.choice >= 0 ? n.choices.at(e.choice).text : "(time-out)";
      }
      text_wrapped(line.c_str());
    }
    gap(0.4f);
  }
  draw_notes(app, pc, t);
  gap(0.4f);
  if (pc.recorded() && !pc.all_finished()) {
    heading("Stop here", 3);
    if (button("Close the session unfinished")) pc.ui().abandon_requested = true;
    muted_text("It is kept as abandoned and can be resumed from Results.");
    gap(0.4f);
  }
  heading("Undo the last decision", 3);
  input_text("##undo-reason", &pc.ui().undo_reason, "Reason (recorded)");
  if (button("Undo", ImVec2(fs * 6, 0), !s.effective_decisions().empty())) {
    std::string err;
    if (pc.undo(t, pc.ui().undo_reason, &err)) pc.ui().undo_reason.clear();
    else app.show_error("Nothing was undone", err, "Type the reason for the undo, then press Undo.");
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace auditsim::ui
