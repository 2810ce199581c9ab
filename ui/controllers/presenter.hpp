// Presenter mode (F11): the room sees the scenario full screen in large type; the facilitator's
// controls go to a second window on another display when there is one, otherwise to the side
// panel the facilitator can collapse. The decision is pure so it is tested without SDL.
#pragma once

namespace auditsim::ui {

// Where the facilitator's controls go.
struct FacilitatorPlacement {
  bool second_window = false;
  int display = -1;  // the display the second window opens on
};

// `displays` is what SDL reports, `main_display` the display showing the room's view (-1 when
// unknown); `force` opens the second window even on one display (scripted runs, screenshots).
FacilitatorPlacement place_facilitator(bool presenter, int displays, int main_display, bool force);

}  // namespace auditsim::ui
