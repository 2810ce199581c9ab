// The facilitator's keys in the room view. On a single display everything on screen is
// projected, so the facilitator runs the room from the keyboard: the countdown, the choice the
// room made, the documents, and the panel (votes, rationale, notes, undo) only when asked for.
#include <imgui.h>

#include "sim/session_text.hpp"
#include "ui/app/app.hpp"
#include "ui/app/keys.hpp"
#include "ui/screens/play_parts.hpp"
#include "ui/screens/room_parts.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

struct RoomKey {
  const char* keys;
  const char* what;
};

constexpr RoomKey kRoomKeys[] = {
    {"1 \xE2\x80\x93 9", "Record the room's choice"},
    {"P", "Pause or resume"},
    {"+   -", "A minute more, a minute less"},
    {"R", "The stage's full time again, from now"},
    {"S, then S", "Run the clock out now (recorded as a time-out)"},
    {"E", "The stage's documents, one after another"},
    {"Page Up, Page Down", "Scroll the stage's text"},
    {"F", "Show or hide the facilitator panel (the room sees it)"},
    {"?   F1", "This list of keys"},
    {"Esc", "Close a document, this list or the panel"},
    {"F11", "Leave presenter mode"},
};

constexpr double kSkipConfirmSeconds = 4.0;

void notice(App& app, std::string text) {
  app.play()->ui().room_notice = std::move(text);
  app.play()->ui().room_notice_at = ImGui::GetTime();
}

void countdown(App& app, PlayController& pc, PlayController::Countdown what, const char* done) {
  const Session& s = *pc.current().session;
  if (!pc.timers() || !s.time_left_ms()) {
    notice(app, "No countdown at this stage");
    return;
  }
  if (pc.countdown(what)) notice(app, done);
  else if (what == PlayController::Countdown::TakeMinute) notice(app, "Too little time left to take a minute");
}

}  // namespace

void handle_room_keys(App& app, PlayController& pc, bool panel_shown) {
  PlayUi& ui = pc.ui();
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;  // typing a note or a reason in the panel
  if ((io.KeyShift && app.key_pressed(keys::kSlash)) || app.key_pressed(keys::kF1))
    ui.room_keys_open = !ui.room_keys_open;
  // A dialog or a document has its own keys (Esc closes the document in its viewer).
  if (ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
  if (app.key_pressed(keys::kEscape)) {
    if (ui.room_keys_open) ui.room_keys_open = false;
    else ui.room_panel = false;
  }
  if (app.key_pressed(keys::kF)) ui.room_panel = !ui.room_panel;
  if (app.key_pressed(keys::kPageDown)) ++ui.room_scroll;
  if (app.key_pressed(keys::kPageUp)) --ui.room_scroll;
  const Session& s = *pc.current().session;
  if (!panel_shown && app.key_pressed(keys::kP)) pc.set_paused(!pc.paused());
  using C = PlayController::Countdown;
  if (app.key_pressed(keys::kEquals) || app.key_pressed(keys::kKeypadPlus))
    countdown(app, pc, C::AddMinute, "One minute added");
  if ((app.key_pressed(keys::kMinus) || app.key_pressed(keys::kKeypadMinus)))
    countdown(app, pc, C::TakeMinute, "One minute taken away");
  if (app.key_pressed(keys::kR)) countdown(app, pc, C::Reset, "The full time again");
  if (app.key_pressed(keys::kS)) {
    const double now = ImGui::GetTime();
    if (ui.skip_asked_at >= 0 && now - ui.skip_asked_at <= kSkipConfirmSeconds) {
      ui.skip_asked_at = -1;
      countdown(app, pc, C::RunOut, "Time is up");
    } else if (pc.timers() && s.time_left_ms()) {
      ui.skip_asked_at = now;
      notice(app, "S again runs the clock out");
    } else {
      notice(app, "No countdown at this stage");
    }
  }
  if (app.key_pressed(keys::kE)) {
    const std::vector<int> docs = stage_evidence(s);
    if (!docs.empty()) ui.evidence_open = docs[static_cast<size_t>(ui.room_document++) % docs.size()];
  }
  for (int k = 0; k < 9; ++k)
    if (app.key_pressed(keys::kDigit1 + k)) ui.room_choice = k + 1;
}

void draw_room_keys(App& app) {
  if (!app.play()->ui().room_keys_open) return;
  const ImGuiIO& io = ImGui::GetIO();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.5f), ImGuiCond_Always,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x * 0.92f, fs * 31), 0), ImGuiCond_Always);
  ImVec4 bg = palette().surface;
  bg.w = 1.0f;  // opaque: the room's text must not show through
  ImGui::PushStyleColor(ImGuiCol_WindowBg, bg);
  ImGui::PushStyleColor(ImGuiCol_Border, palette().accent);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(fs, fs * 0.8f));
  ImGui::Begin("##room-keys", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoNav |
                   ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing);
  ImFont* small = fonts().small ? fonts().small : ImGui::GetFont();
  ImGui::PushFont(small);
  heading("Keys for the facilitator", 2);
  float key_w = 0;
  for (const RoomKey& k : kRoomKeys) key_w = std::max(key_w, ImGui::CalcTextSize(k.keys).x);
  for (const RoomKey& k : kRoomKeys) {
    const float x = ImGui::GetCursorPosX();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
    text(k.keys);
    ImGui::PopStyleColor();
    ImGui::SameLine(x + key_w + ImGui::GetFontSize() * 1.2f);
    text(k.what);
  }
  gap(0.3f);
  muted_text("Votes, rationale, dissent, notes and undo are in the facilitator panel (F).");
  if (button(app.play()->ui().room_panel ? "Hide the facilitator panel##keys" : "Open the facilitator panel##keys")) {
    app.play()->ui().room_panel = !app.play()->ui().room_panel;
    app.play()->ui().room_keys_open = false;
  }
  ImGui::SameLine();
  if (button("Close##room-keys-close")) app.play()->ui().room_keys_open = false;
  ImGui::PopFont();
  ImGui::End();
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar();
}

void draw_room_panel(App& app, PlayController& pc, int t, float width) {
  // The panel at the desk's size, not the room's: the type would otherwise take the screen.
  // ImGui reads the global scale when a font is pushed, so everything drawn until the pop is
  // smaller, the panel's own fields included.
  ImGuiIO& io = ImGui::GetIO();
  const float was = io.FontGlobalScale;
  io.FontGlobalScale = was * 0.6f;
  ImGui::PushFont(fonts().body ? fonts().body : ImGui::GetFont());
  ImGui::BeginGroup();
  coloured_text(palette().warn, "The room can see this panel. F hides it.");
  draw_facilitator_panel(app, pc, t, width);
  ImGui::EndGroup();
  io.FontGlobalScale = was;
  ImGui::PopFont();
}

}  // namespace auditsim::ui
