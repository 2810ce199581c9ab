// One function per screen, each drawing from the App's state into the current ImGui window.
#pragma once

namespace auditsim::ui {

class App;

void draw_library(App& app);
void draw_new_session(App& app);
void draw_play(App& app);
void draw_debrief(App& app);
void draw_results(App& app);
void draw_author(App& app);
void draw_settings(App& app);

}  // namespace auditsim::ui
