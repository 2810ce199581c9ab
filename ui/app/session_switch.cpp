// Asking before a new session replaces an unfinished one. Starting another scenario from the
// library, the New session screen or the author's rehearsal, or resuming a different recorded
// session, would otherwise drop the table's current session on the floor mid-evening.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

bool App::ask_before_switching(std::string what, std::function<bool()> start) {
  if (!play_ || play_->all_finished()) return false;
  pending_switch_ = PendingSwitch{std::move(what), std::move(start)};
  return true;
}

void App::confirm_switch() {
  if (!pending_switch_) return;
  PendingSwitch next = std::move(*pending_switch_);
  pending_switch_.reset();
  abandon_play();
  if (play_) return;  // not recorded as closed: abandon_play has said why; keep the current one
  next.start();
}

void App::cancel_switch() {
  pending_switch_.reset();
  if (play_) screen_ = Screen::Play;
}

void App::draw_switch_prompt() {
  if (!pending_switch_ || !errors_.empty()) return;
  const char* id = "Another session is in progress##switch";
  if (begin_dialog(id)) {
    const Session& current = *play_->team(0).session;
    size_t decisions = 0;
    for (const Team& t : play_->teams()) decisions += t.session->effective_decisions().size();
    text_wrapped(("\"" + current.scenario().title + "\" is not finished (" +
                  std::to_string(decisions) + (decisions == 1 ? " decision" : " decisions") +
                  " so far).")
                     .c_str());
    gap(0.3f);
    text_wrapped(("Starting " +
                  (pending_switch_->what.empty() ? std::string("another session")
                                                 : "\"" + pending_switch_->what + "\"") +
                  " closes it unfinished. " +
                  (play_->team(0).session_id.empty()
                       ? std::string("It is not being recorded, so its decisions will be lost.")
                       : std::string("Everything decided stays recorded, and it can be resumed "
                                     "later from Results.")))
                     .c_str());
    gap(0.6f);
    const float fs = ImGui::GetFontSize();
    if (button("Close it and start##switch")) {
      ImGui::CloseCurrentPopup();
      confirm_switch();
    }
    ImGui::SameLine();
    if (primary_button("Keep playing it##switch", ImVec2(fs * 9, 0))) {
      ImGui::CloseCurrentPopup();
      cancel_switch();
    }
    ImGui::EndPopup();
  }
}

}  // namespace auditsim::ui
