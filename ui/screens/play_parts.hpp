// Parts of the play screen, drawn by play.cpp and defined in play_panel.cpp.
#pragma once

#include <vector>

#include "sim/engine.hpp"
#include "ui/controllers/play.hpp"

namespace auditsim::ui {

class App;

// Tabs to switch between tables in teams mode, each with where it is.
void draw_team_tabs(PlayController& pc);
// The running 4P scores of table t as four small gauges.
void draw_live_scores(PlayController& pc, int t);
// The node's evidence as buttons that open the viewer.
void draw_evidence_list(App& app, const Session& s, const std::vector<int>& evidence);
// The evidence viewer (a modal with the document's Markdown).
void draw_evidence_viewer(App& app, const Session& s);
// Prompts, votes, rationale and dissent, notes, pause and undo with a reason.
void draw_facilitator_panel(App& app, PlayController& pc, int t, float width);

}  // namespace auditsim::ui
