// The play screen: the stage's text, its evidence, the choices (keys 1–9), the timer, injects to
// acknowledge and, beside it, the facilitator panel (screens/play_panel.cpp). In presenter mode
// the room view (screens/room.cpp) is drawn instead.
#include <imgui.h>

#include "sim/session_text.hpp"
#include "ui/app/app.hpp"
#include "ui/app/keys.hpp"
#include "ui/screens/play_parts.hpp"
#include "ui/screens/screens.hpp"

#include "ui/widgets/markdown.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

std::string mmss(int64_t ms) {
  const int64_t s = std::max<int64_t>(0, (ms + 999) / 1000);
  char buf[32];
  snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60),
           static_cast<long long>(s % 60));
  return buf;
}

namespace {

void draw_timer(const PlayController& pc, const Session& s) {
  const Node& node = s.current_node();
  auto left = s.time_left_ms();
  if (!pc.timers() || !left || node.time_limit_seconds <= 0) return;
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const float total = static_cast<float>(node.time_limit_seconds * 1000);
  const float frac = std::clamp(static_cast<float>(*left) / total, 0.0f, 1.0f);
  const ImVec4 c = frac > 0.5f ? pal.ok : frac > 0.2f ? pal.warn : pal.bad;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetContentRegionAvail().x, h = fs * 0.5f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + h), to_u32(pal.surface_alt), h);
  dl->AddRectFilled(p0, ImVec2(p0.x + w * frac, p0.y + h), to_u32(c), h);
  ImGui::Dummy(ImVec2(w, h + fs * 0.2f));
  std::string label = (s.paused() ? "Paused  \xC2\xB7  " : "") + mmss(*left) + " left at this stage";
  if (node.on_timeout >= 0 && node.on_timeout < static_cast<int>(node.choices.size()))
    label += "  \xC2\xB7  when time runs out: \"" + node.choices[node.on_timeout].text + "\"";
  else
    label += "  \xC2\xB7  when time runs out the facilitator decides";
  muted_text(label.c_str());
}

}  // namespace

void draw_injects(App& app, PlayController& pc, int t) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const Session& s = *pc.team(t).session;
  // Copied: acknowledging changes the list.
  const auto pending = s.pending_injects();
  for (const PendingInject& p : pending) {
    const Inject& inj = s.scenario().injects.at(p.inject);
    ImGui::PushID(p.inject);
    ImVec4 tint = pal.warn;
    tint.w = 0.10f;
    begin_card(tint, pal.warn);
    // With both roles in one team, an inject aimed at one of them says so.
    std::string for_whom;
    if (inj.audience && !s.audience())
      for_whom = *inj.audience == Audience::Members ? "  \xC2\xB7  for councillors" : "  \xC2\xB7  for officers";
    coloured_text(pal.warn, (std::string("NEW  \xC2\xB7  ") + (inj.from.empty() ? "Inject" : inj.from) + for_whom).c_str());
    heading(inj.title.empty() ? "Something has happened" : inj.title.c_str(), 3);
    markdown(inject_text(s, p.inject));
    for (int ev : inj.evidence)
      if (ev >= 0 && ev < static_cast<int>(s.scenario().evidence.size()))
        muted_text(("New evidence: " + s.scenario().evidence[ev].title).c_str());
    if (primary_button("Acknowledge", ImVec2(fs * 8, 0))) pc.acknowledge(t, p.inject);
    end_card();
    ImGui::PopID();
    gap(0.4f);
  }
  (void)app;
}

void draw_last_feedback(const Session& s) {
  const auto eff = s.effective_decisions();
  if (eff.empty()) return;
  const HistoryEntry& e = s.history()[eff.back()];
  const Node& n = s.scenario().nodes.at(e.node);
  if (e.choice < 0 || e.choice >= static_cast<int>(n.choices.size())) return;
  const Choice& c = n.choices[e.choice];
  const std::string feedback = feedback_text(s, eff.back());
  if (feedback.empty()) return;
  const Palette& pal = palette();
  begin_card(pal.surface, pal.border);
  muted_text((std::string(e.kind == HistoryEntry::Kind::Timeout ? "Time ran out: " : "You chose: ") + c.text).c_str());
  markdown(feedback);
  end_card();
  gap(0.5f);
}

namespace {

void draw_choices(App& app, PlayController& pc, int t) {
  Session& s = *pc.team(t).session;
  const Node& node = s.current_node();
  const auto avail = s.available_choices();
  const float w = ImGui::GetContentRegionAvail().x;
  int pressed = -1;
  for (size_t k = 0; k < avail.size(); ++k) {
    const Choice& c = node.choices[avail[k]];
    const int number = k < 9 ? static_cast<int>(k) + 1 : 0;
    if (choice_button(c.id.c_str(), number, c.text.c_str(), w, !s.paused())) pressed = avail[k];
    if (number > 0 && app.key_pressed(keys::kDigit1 + number - 1) && !s.paused() &&
        !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
      pressed = avail[k];
    ImGui::Dummy(ImVec2(1, ImGui::GetFontSize() * 0.35f));
  }
  if (pressed >= 0) take_choice(app, pc, t, pressed);
}

}  // namespace

void take_choice(App& app, PlayController& pc, int t, int choice) {
  std::string err;
  if (!pc.choose(t, choice, &err))
    app.show_error("The decision was not recorded", err,
                   "Nothing has changed; try again, or check the results database.");
}

void draw_ending(App& app, PlayController& pc, int t) {
  const Session& s = *pc.team(t).session;
  const Node& node = s.current_node();
  const Palette& pal = palette();
  const Outcome o = node.ending ? node.ending->outcome : Outcome::Mixed;
  const ImVec4 c = o == Outcome::Good ? pal.ok : o == Outcome::Poor ? pal.bad : pal.warn;
  badge(o == Outcome::Good ? "Good outcome" : o == Outcome::Poor ? "Poor outcome" : "Mixed outcome", c);
  gap(0.3f);
  if (node.ending) markdown(debrief_text(s));
  gap(0.8f);
  const float fs = ImGui::GetFontSize();
  if (pc.all_finished()) {
    if (primary_button("Open the debrief", ImVec2(fs * 11, fs * 2.4f))) app.open_debrief_from_play();
    // A desktop audit goes on to the council's own controls; the debrief offers the same.
    if (pc.desktop_audit() && !pc.team(t).session_id.empty()) {
      ImGui::SameLine();
      if (button("Check the council's controls##play", ImVec2(0, fs * 2.4f))) {
        app.open_debrief_from_play();
        app.open_audit(pc.team(t).session_id);
      }
    }
  } else {
    muted_text("Waiting for the other teams to finish.");
    if (button("Open the debrief now", ImVec2(fs * 12, fs * 2.2f))) app.open_debrief_from_play();
  }
}

// Shown for as long as what is on screen is not in the results store.
void draw_recording_banner(App& app, PlayController& pc) {
  if (pc.recording_ok()) return;
  const Palette& pal = palette();
  std::string why;
  bool can_retry = false;
  if (pc.recorded()) {
    why = "Nothing is being recorded: the last write to the results database failed. Until a "
          "write succeeds, what happens on screen is not in the record.";
    can_retry = true;
  } else if (!app.db()) {
    why = "Nothing is being recorded: the results database " + app.db_path() +
          " cannot be used. " + app.db_error();
  } else {
    why = "Rehearsal: nothing is being recorded.";
  }
  ImVec4 tint = pal.bad;
  tint.w = 0.14f;
  begin_card(tint, pal.bad);
  coloured_text(pal.bad, why.c_str());
  if (can_retry) {
    if (button("Try again##recording")) pc.retry_recording();
    ImGui::SameLine();
    muted_text("Check the disk and the results database.");
  }
  end_card();
  gap(0.3f);
}

void draw_play(App& app) {
  // In presenter mode the room sees the room view (screens/room.cpp) and nothing else.
  if (app.presenter) {
    draw_room(app);
    return;
  }
  PlayController& pc = *app.play();
  const float fs = ImGui::GetFontSize();
  draw_recording_banner(app, pc);
  int t = pc.active();
  if (pc.teams().size() > 1) draw_team_tabs(pc);
  t = pc.active();
  Session& s = *pc.team(t).session;
  const Node& node = s.current_node();

  // The side panel, unless the facilitator's controls are in their own window.
  const bool side = app.facilitator_open && !app.facilitator_window;
  const bool panel = side && pc.mode() != store::Mode::Solo;
  const bool solo_panel = side && pc.mode() == store::Mode::Solo;
  const float panel_w = (panel || solo_panel) ? std::max(fs * 18, ImGui::GetContentRegionAvail().x * 0.30f) : 0;
  ImGui::BeginChild("##stage", ImVec2(ImGui::GetContentRegionAvail().x - panel_w - (panel_w > 0 ? fs : 0), 0), false);
  muted_text(s.scenario().title.c_str());
  if (!app.facilitator_open && !app.facilitator_window) {
    ImGui::SameLine(0, fs);
    if (button("Show the facilitator panel")) app.facilitator_open = true;
  }
  heading(node.title.empty() ? node.id.c_str() : node.title.c_str(), 1);
  draw_timer(pc, s);
  if (app.settings().live_scores) draw_live_scores(pc, t);
  gap(0.5f);
  draw_injects(app, pc, t);
  draw_last_feedback(s);
  markdown(stage_text(s));
  const std::vector<int> evidence = stage_evidence(s);
  if (!evidence.empty()) {
    gap(0.4f);
    draw_evidence_list(app, s, evidence);
  }
  gap(0.8f);
  if (s.finished()) draw_ending(app, pc, t);
  else draw_choices(app, pc, t);
  gap(1.0f);
  ImGui::EndChild();
  if (panel_w > 0) {
    ImGui::SameLine(0, fs);
    draw_facilitator_panel(app, pc, t, panel_w);
  }
  draw_evidence_viewer(app, s);
}

}  // namespace auditsim::ui
