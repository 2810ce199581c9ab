// The library's "Print a pack" form (screens/pack_dialog.cpp): who the room is, how many teams,
// what to print and where to save it.
#pragma once

#include "ui/controllers/pack_export.hpp"

namespace auditsim::ui {

class App;

// The form's state: one for the program, as the library is.
PackExporter& library_pack_export();
// Draws the form while it is open (call from the library screen).
void draw_pack_dialog(App& app);

}  // namespace auditsim::ui
