// Parts of the room view (screens/room.cpp) defined in screens/room_keys.cpp: the facilitator's
// keys, the list of them shown on ?, and the facilitator panel when opened on purpose.
#pragma once

#include "ui/controllers/play.hpp"

namespace auditsim::ui {

class App;

// Reads the facilitator's keys for this frame: choose (1-9), pause (P), a minute more or less
// (+, -), reset (R), run the clock out (S twice), the documents (E), Page Up/Down, the panel (F)
// and the list of keys (? or F1; Esc closes). `panel_shown` is true while the panel is drawn in
// this window (its own P then pauses instead).
void handle_room_keys(App& app, PlayController& pc, bool panel_shown);
// The list of keys, while it is open.
void draw_room_keys(App& app);
// The facilitator panel beside the room view, opened on purpose on a single display, with a
// reminder that the room can see it.
void draw_room_panel(App& app, PlayController& pc, int t, float width);

// Defined in screens/room_devices.cpp: the join address, the room code and its QR code on the
// room's screen while devices may join (nothing otherwise), `width` wide.
void draw_room_join(App& app, PlayController& pc, float width);
// The facilitator's part for councillors' devices: the joining switch (off until turned on),
// the devices with Remove, and team t's live tally and reasons. Group and teams play only.
void draw_devices_section(App& app, PlayController& pc, int t);

}  // namespace auditsim::ui
