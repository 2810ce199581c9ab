// Parts of the play screen, drawn by play.cpp and defined in play_panel.cpp.
#pragma once

#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "ui/controllers/play.hpp"

namespace auditsim::ui {

class App;

// Time as m:ss, rounded up (a countdown shows 0:00 only when time is up).
std::string mmss(int64_t ms);
// Fired injects of team t, each a card to acknowledge.
void draw_injects(App& app, PlayController& pc, int t);
// What the last decision led to ("You chose: ...", its feedback), when it has feedback.
void draw_last_feedback(const Session& s);
// The ending reached: its outcome, debrief text and the way to the debrief.
void draw_ending(App& app, PlayController& pc, int t);
// Takes choice `choice` for team t; when the store refuses it, says so and changes nothing.
void take_choice(App& app, PlayController& pc, int t, int choice);
// The banner shown while what is on screen is not in the results store.
void draw_recording_banner(App& app, PlayController& pc);
// The room view: presenter mode's play screen (screens/room.cpp).
void draw_room(App& app);

// Tabs to switch between teams in teams mode, each with where it is.
void draw_team_tabs(PlayController& pc);
// The running 4P scores of team t as four small gauges.
void draw_live_scores(PlayController& pc, int t);
// The node's evidence as buttons that open the viewer.
void draw_evidence_list(App& app, const Session& s, const std::vector<int>& evidence);
// The evidence viewer (a modal with the document's Markdown).
void draw_evidence_viewer(App& app, const Session& s);
// Prompts, votes, rationale and dissent, notes, pause and undo with a reason.
void draw_facilitator_panel(App& app, PlayController& pc, int t, float width);

}  // namespace auditsim::ui
