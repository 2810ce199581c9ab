// Parts of the Results screen, drawn by results.cpp.
#pragma once

namespace auditsim::ui {

class App;

// The charts for the event named by ResultsController::overview_event.
void draw_event_overview(App& app);

}  // namespace auditsim::ui
