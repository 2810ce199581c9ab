// The facilitator's window in presenter mode: on the laptop's own screen while the projector
// shows the room's view. It shows what the room cannot see (the live scores) and every control of
// the facilitator panel.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/play_parts.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

void draw_facilitator_window(App& app) {
  PlayController* pc = app.play();
  heading("Facilitator", 1);
  // Away from play there is nothing to control here but leaving presenter mode.
  const char* elsewhere = nullptr;
  if (app.screen() == Screen::Audit)  // recorded in the main window, read by the room in large type
    elsewhere = "The room sees the desktop audit in the main window. Record the checks, "
                "recommendations and responses there.";
  else if (!pc || app.screen() != Screen::Play)
    elsewhere = "The room is not on the play screen. Start or resume a session in the main window; "
                "its controls appear here.";
  if (elsewhere) {
    muted_text(elsewhere);
    if (button("End presenter mode (F11)")) {
      app.presenter = false;
      app.fonts_dirty = true;
    }
    return;
  }
  if (pc->teams().size() > 1) draw_team_tabs(*pc);
  const int t = pc->active();
  const Session& s = *pc->team(t).session;
  const Node& node = s.current_node();
  muted_text(("The room sees: " + s.scenario().title).c_str());
  heading(node.title.empty() ? node.id.c_str() : node.title.c_str(), 2);
  if (s.finished()) coloured_text(palette().ok, "This team has reached an ending.");
  muted_text("Scores (hidden from the room)");
  draw_live_scores(*pc, t);
  draw_facilitator_panel(app, *pc, t, ImGui::GetContentRegionAvail().x);
}

}  // namespace auditsim::ui
