#include "ui/controllers/presenter.hpp"

namespace auditsim::ui {

FacilitatorPlacement place_facilitator(bool presenter, int displays, int main_display, bool force) {
  FacilitatorPlacement p;
  if (!presenter) return p;
  if (displays > 1) {
    // The first display that is not showing the room's view: the laptop's own screen when the
    // projector shows the program.
    for (int d = 0; d < displays; ++d)
      if (d != main_display) {
        p.display = d;
        break;
      }
    p.second_window = p.display >= 0;
  } else if (force) {
    p.second_window = true;
    p.display = 0;
  }
  return p;
}

}  // namespace auditsim::ui
