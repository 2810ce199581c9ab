// What a participant's device may be shown of a session: the current stage's text, evidence and
// offered choices as the room sees them, and the last decision's feedback only once the
// facilitator reveals it. Never scores, never answers, never Part B content unless the
// facilitator allowed it for this session (then the device shows neutral labels A, B, C that
// match the room's screen).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/engine.hpp"
#include "sim/room/room.hpp"

namespace auditsim::room {

struct ViewOptions {
  bool allow_part_b = false;  // this session's facilitator allows Part B text on devices
  bool revealed = false;      // the facilitator has revealed the last decision's feedback
};

// True when the scenario's text may go to devices under these options.
bool content_allowed(const Scenario& s, const ViewOptions& o);

// The key of the session's current stage: changes whenever the story moves (a decision, an undo
// or a time-out), so a vote cast at a stage never lands on the next one.
std::string stage_key(const Session& s);
// The stage as the room votes on it: its key and the ids of the choices offered now.
Stage stage_of(const Session& s);

// The JSON the page renders for a device at the session's current stage.
nlohmann::json device_view(const Session& s, const ViewOptions& o);

}  // namespace auditsim::room
