// Parts of the Results screen, drawn by results.cpp.
#pragma once

#include <string>

namespace auditsim::ui {

class App;

// The charts for the event named by ResultsController::overview_event.
void draw_event_overview(App& app);

// The front sheet of the event's scrutiny report, edited and saved to the store
// (front_sheet_form.cpp).
void draw_front_sheet_form(App& app, const std::string& event_id);

}  // namespace auditsim::ui
