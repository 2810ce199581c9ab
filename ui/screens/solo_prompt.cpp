// Before a scenario is played alone: who is learning. The name (or a pseudonym) is recorded with
// the session, so its completion can be certified; left blank, the session is played unnamed.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/app/keys.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

void draw_solo_prompt(App& app) {
  if (!app.library().solo_prompt) return;
  const float fs = ImGui::GetFontSize();
  if (!begin_dialog("Playing on your own##solo")) return;
  text_wrapped("Your name, or a pseudonym, for your completion certificate.");
  muted_text("It is kept with your session in the results database. Leave it blank to play "
             "without a name (there is then no certificate).");
  gap(0.3f);
  ImGui::SetNextItemWidth(-FLT_MIN);
  input_text("##solo-name", &app.library().solo_form.name, "Name or pseudonym");
  if (radio("I am a councillor", app.library().solo_form.role == 0)) app.library().solo_form.role = 0;
  ImGui::SameLine();
  if (radio("I am an officer", app.library().solo_form.role == 1)) app.library().solo_form.role = 1;
  gap(0.5f);
  if (primary_button("Start##solo", ImVec2(fs * 7, 0))) {
    const std::string path = *app.library().solo_prompt;
    app.library().solo_prompt.reset();
    ImGui::CloseCurrentPopup();
    app.open_scenario(path, app.library().solo_form.build());
  }
  ImGui::SameLine();
  if (button("Cancel##solo", ImVec2(fs * 6, 0)) || app.key_pressed(keys::kEscape)) {
    app.library().solo_prompt.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace auditsim::ui
