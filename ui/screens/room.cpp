// The room view: presenter mode's play screen, for a projector at the front of a council chamber.
// Where the stage is and a countdown large enough to read from the back; the stage's text in a
// column of about 70 characters at 40 px on a 1080-line picture; and every choice on screen at
// once, shrunk only as far as it takes to fit. The facilitator's panel is never part of it unless
// the facilitator opens it on purpose (F): on one display it would be projected. The keys the
// facilitator works with are in screens/room_keys.cpp.
#include <imgui.h>

#include <cfloat>

#include "sim/session_text.hpp"
#include "ui/app/app.hpp"
#include "ui/controllers/room_layout.hpp"
#include "ui/screens/play_parts.hpp"
#include "ui/screens/room_parts.hpp"
#include "ui/widgets/markdown.hpp"
#include "ui/widgets/probe.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

// Seventy characters of ordinary prose: the width of the text column.
constexpr const char kMeasureSample[] =
    "The case system has filed it as noise, with a low risk score. The firs";
static_assert(sizeof kMeasureSample - 1 == kRoomMeasureChars);

float measure_px(float size) {
  ImFont* f = ImGui::GetFont();
  return f->CalcTextSizeA(size, FLT_MAX, 0, kMeasureSample).x;
}

ImVec4 countdown_colour(const Session& s, int64_t left) {
  const Palette& pal = palette();
  if (s.paused()) return pal.muted;
  const float total = static_cast<float>(s.current_node().time_limit_seconds) * 1000.0f +
                      static_cast<float>(s.stage_time_added_ms());
  const float frac = total > 0 ? static_cast<float>(left) / total : 0.0f;
  return frac > 0.5f ? pal.ok : frac > 0.2f ? pal.warn : pal.bad;
}

constexpr const char kKeysLabel[] = "Keys  ?##room-keys";

// A quiet button at the right for the list of keys (and, from it, the panel), for a facilitator
// at the mouse; it takes a line of small type.
void draw_keys_button(App& app, float width) {
  ImFont* small = fonts().small ? fonts().small : ImGui::GetFont();
  ImGui::PushFont(small);
  const ImVec2 lp = ImGui::GetCursorScreenPos();
  const float w = ImGui::CalcTextSize(kKeysLabel, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetCursorScreenPos(ImVec2(lp.x + width - w, lp.y - ImGui::GetStyle().FramePadding.y));
  ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  if (button(kKeysLabel)) app.play()->ui().room_keys_open = !app.play()->ui().room_keys_open;
  ImGui::PopStyleColor(2);
  ImGui::SetCursorScreenPos(ImVec2(lp.x, lp.y + small->FontSize * 1.3f));
  ImGui::Dummy(ImVec2(width, 1));
  ImGui::PopFont();
}

// Where the room is (scenario, stage) on the left; the countdown on the right, with the bar under
// both and what running out of time does.
void draw_header(App& app, PlayController& pc, const Session& s, float width) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const Node& node = s.current_node();
  const auto left = pc.timers() ? s.time_left_ms() : std::nullopt;
  ImFont* cd = fonts().countdown ? fonts().countdown : ImGui::GetFont();
  ImFont* small = fonts().small ? fonts().small : ImGui::GetFont();
  const float cd_w = left ? cd->CalcTextSizeA(cd->FontSize, FLT_MAX, 0, "00:00").x + fs : 0;
  const ImVec2 top = ImGui::GetCursorScreenPos();

  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - cd_w);
  ImGui::PushFont(small);
  std::string where = s.scenario().title;
  if (pc.teams().size() > 1) where = pc.team(pc.active()).name + "  \xC2\xB7  " + where;
  muted_text(where.c_str());
  ImGui::PopFont();
  heading(node.title.empty() ? node.id.c_str() : node.title.c_str(), 1);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  float bottom = ImGui::GetItemRectMax().y;

  if (left) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string digits = mmss(*left);
    const ImVec2 ts = cd->CalcTextSizeA(cd->FontSize, FLT_MAX, 0, digits.c_str());
    const float x = top.x + width - ts.x;
    dl->AddText(cd, cd->FontSize, ImVec2(x, top.y - cd->FontSize * 0.08f),
                to_u32(countdown_colour(s, *left)), digits.c_str());
    // Under the figures: paused, or what the facilitator just did to the clock.
    std::string under;
    if (s.paused()) under = "PAUSED";
    else if (pc.ui().room_notice_at >= 0 && ImGui::GetTime() - pc.ui().room_notice_at < 3.0)
      under = pc.ui().room_notice;
    const float y = top.y + cd->FontSize * 0.95f;
    if (!under.empty()) {
      const ImVec2 us = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, under.c_str());
      dl->AddText(small, small->FontSize, ImVec2(top.x + width - us.x, y),
                  to_u32(s.paused() ? pal.warn : pal.muted), under.c_str());
      if (Probe* p = active_probe()) p->record_text(under);
    }
    if (Probe* p = active_probe()) p->record_text("countdown " + digits);
    bottom = std::max(bottom, y + small->FontSize * 1.2f);
  }
  ImGui::SetCursorScreenPos(ImVec2(top.x, bottom + fs * 0.2f));
  if (!left) {
    draw_keys_button(app, width);
    return;
  }
  // The bar: the share of the stage's time still to go.
  const float total = static_cast<float>(node.time_limit_seconds) * 1000.0f +
                      static_cast<float>(s.stage_time_added_ms());
  const float frac = total > 0 ? std::clamp(static_cast<float>(*left) / total, 0.0f, 1.0f) : 0.0f;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float h = fs * 0.3f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + h), to_u32(pal.surface_alt), h);
  dl->AddRectFilled(p0, ImVec2(p0.x + width * frac, p0.y + h), to_u32(countdown_colour(s, *left)), h);
  ImGui::Dummy(ImVec2(width, h + fs * 0.15f));
  std::string when = node.on_timeout >= 0 && node.on_timeout < static_cast<int>(node.choices.size())
                         ? "When time runs out: \"" + node.choices[node.on_timeout].text + "\""
                         : std::string("When time runs out, the facilitator decides.");
  // One line at most: the choice itself is on screen below.
  ImGui::PushFont(small);
  const ImVec2 lp = ImGui::GetCursorScreenPos();
  const float keys_w = ImGui::CalcTextSize(kKeysLabel, nullptr, true).x + fs * 1.5f;
  dl->PushClipRect(lp, ImVec2(lp.x + width - keys_w, lp.y + small->FontSize * 1.3f), true);
  dl->AddText(small, small->FontSize, lp, to_u32(pal.muted), when.c_str());
  dl->PopClipRect();
  ImGui::PopFont();
  if (Probe* p = active_probe()) p->record_text(when);
  draw_keys_button(app, width);
}

// The documents of the stage, as buttons that open the viewer (E opens them in turn).
void draw_documents(App& app, const Session& s, const std::vector<int>& evidence) {
  if (evidence.empty()) return;
  gap(0.4f);
  draw_evidence_list(app, s, evidence);
}

// The documents beside the text, in the small type, each title wrapped to the column.
void draw_side_documents(App& app, const Session& s) {
  const std::vector<int> evidence = stage_evidence(s);
  if (evidence.empty()) return;
  ImGui::PushFont(fonts().small ? fonts().small : ImGui::GetFont());
  heading("Documents (E)", 3);
  const float w = ImGui::GetContentRegionAvail().x;
  for (int ev : evidence) {
    if (ev < 0 || ev >= static_cast<int>(s.scenario().evidence.size())) continue;
    const Evidence& e = s.scenario().evidence[ev];
    const std::string label = (e.kind.empty() ? std::string() : "[" + e.kind + "]  ") + e.title + "##ev-" + e.id;
    if (wrapped_button(label.c_str(), w)) app.play()->ui().evidence_open = ev;
  }
  ImGui::PopFont();
}

// The stage's text, what has just happened and its documents, in the measure, scrolled by the
// facilitator's Page Up and Page Down.
void draw_story(App& app, PlayController& pc, int t, ImVec2 size, bool documents_here) {
  Session& s = *pc.team(t).session;
  // No scroll bar on the projector: the facilitator pages with the keys (or the wheel).
  ImGui::BeginChild("##room-story", size, false, ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar);
  const float page = size.y * 0.8f;
  if (pc.ui().room_scroll != 0) {
    ImGui::SetScrollY(ImGui::GetScrollY() + page * static_cast<float>(pc.ui().room_scroll));
    pc.ui().room_scroll = 0;
  }
  draw_injects(app, pc, t);
  draw_last_feedback(s);
  if (s.finished()) {
    draw_ending(app, pc, t);
  } else {
    markdown(stage_text(s));
  }
  if (documents_here) draw_documents(app, s, stage_evidence(s));
  if (ImGui::GetScrollY() + 1 < ImGui::GetScrollMaxY()) {
    // The last line fades out rather than being cut through, with a quiet cue that the text goes
    // on, for the facilitator to page down. Drawn in the story's own list, over its text.
    const ImVec2 r0 = ImGui::GetWindowPos();
    const ImVec2 r(r0.x + ImGui::GetWindowWidth(), r0.y + ImGui::GetWindowHeight());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    const float fade = ImGui::GetFontSize() * 2.2f;
    dl->AddRectFilledMultiColor(ImVec2(r0.x, r.y - fade), r, to_u32(bg, 0.0f), to_u32(bg, 0.0f),
                                to_u32(bg), to_u32(bg));
    ImFont* small = fonts().small ? fonts().small : ImGui::GetFont();
    const char* cue = "more below (Page Down)  \xE2\x86\x93";
    const ImVec2 cs = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, cue);
    dl->AddText(small, small->FontSize, ImVec2(r.x - cs.x, r.y - cs.y), to_u32(palette().muted), cue);
    if (Probe* p = active_probe()) p->record_text(cue);
  }
  ImGui::EndChild();
}

// Every choice at once: the grid room_layout fits into the space left.
void draw_room_choices(App& app, PlayController& pc, int t, const ChoiceGrid& grid, float width,
                       float gap_px) {
  Session& s = *pc.team(t).session;
  const Node& node = s.current_node();
  const auto avail = s.available_choices();
  ImGui::BeginChild("##room-choices", ImVec2(width, grid.height + 2), false,
                    ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::SetWindowFontScale(grid.scale);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap_px, gap_px));
  const float col_w = (width - gap_px * static_cast<float>(grid.columns - 1)) / static_cast<float>(grid.columns);
  int pressed = -1;
  for (size_t k = 0; k < avail.size(); ++k) {
    const Choice& c = node.choices[avail[k]];
    const int number = k < 9 ? static_cast<int>(k) + 1 : 0;
    if (k % static_cast<size_t>(grid.columns) != 0) ImGui::SameLine(0, gap_px);
    if (choice_button(c.id.c_str(), number, c.text.c_str(), col_w, !s.paused())) pressed = avail[k];
    if (number > 0 && pc.ui().room_choice == number && !s.paused()) pressed = avail[k];
  }
  pc.ui().room_choice = 0;
  ImGui::PopStyleVar();
  ImGui::EndChild();
  if (pressed >= 0) take_choice(app, pc, t, pressed);
}

}  // namespace

void draw_room(App& app) {
  PlayController& pc = *app.play();
  const bool panel = pc.ui().room_panel && !app.facilitator_window;
  handle_room_keys(app, pc, panel);
  const float fs = ImGui::GetFontSize();
  draw_recording_banner(app, pc);
  if (pc.teams().size() > 1) draw_team_tabs(pc);
  const int t = pc.active();
  Session& s = *pc.team(t).session;

  const ImVec2 whole = ImGui::GetContentRegionAvail();
  const float panel_w = panel ? std::max(fs * 12, whole.x * 0.34f) : 0;
  const float width = whole.x - panel_w - (panel ? fs * 0.6f : 0);
  ImGui::BeginChild("##room", ImVec2(width, whole.y), false,
                    ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse);
  draw_header(app, pc, s, width);
  gap(0.3f);
  draw_room_join(app, pc, width);
  // Laid out by position, not by the flow of items: the choices sit on the bottom edge and the
  // text takes what is left above them.
  const ImVec2 top = ImGui::GetCursorScreenPos();
  const float bottom_y = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
  const float below = bottom_y - top.y;
  const float gap_px = fs * 0.45f;

  // The choices first: they are given what they need (up to just over half the space, then all
  // but a few lines of text), at the largest size that fits.
  ChoiceGrid grid{1, 1.0f, 0, true};
  std::vector<int> avail;
  if (!s.finished()) avail = s.available_choices();
  if (!avail.empty()) {
    const Node& node = s.current_node();
    auto measure = [&](size_t i, float scale, float col_w) {
      return choice_button_height(node.choices[avail[i]].text.c_str(), i < 9, col_w, fs * scale);
    };
    const float m = measure_px(fs);
    grid = fit_choices(avail.size(), width, below * 0.56f, gap_px, m, fs * 14, measure);
    if (!grid.fits || grid.scale < 0.78f)
      grid = fit_choices(avail.size(), width, below - fs * 4.5f, gap_px, m, fs * 14, measure);
  }
  const float story_h = std::max(fs * 3, below - (avail.empty() ? 0 : grid.height + fs * 0.6f));
  const float measure = std::min(width, measure_px(fs) + fs);
  const bool side_documents = width - measure >= fs * 9;
  draw_story(app, pc, t, ImVec2(measure, story_h), !side_documents);
  if (side_documents) {
    ImGui::SameLine(0, fs);
    ImGui::BeginChild("##room-documents", ImVec2(0, story_h), false,
                      ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoScrollbar);
    draw_side_documents(app, s);
    ImGui::EndChild();
  }
  if (!avail.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(top.x, bottom_y - grid.height - 2));
    draw_room_choices(app, pc, t, grid, width, gap_px);
  }
  ImGui::EndChild();
  if (panel) {
    ImGui::SameLine(0, fs * 0.6f);
    draw_room_panel(app, pc, t, panel_w);
  }
  draw_evidence_viewer(app, s);
  draw_room_keys(app);
}

}  // namespace auditsim::ui
