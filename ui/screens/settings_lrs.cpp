// The Settings screen's section for the council's learning record store: endpoint, key and
// secret (typed masked, saved only to the owner-only secret file), "Test connection", and what
// the outbox holds. Sending happens in the background (ui/controllers/lrs_delivery).
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

void draw_lrs_settings(App& app) {
  LrsForm& f = app.lrs_form();
  if (!f.loaded) load_lrs_form(f, app.settings());
  const float fs = ImGui::GetFontSize();
  static std::string message;
  static bool message_bad = false;
  heading("Learning record store (xAPI)", 2);
  muted_text("Results go to the council's LRS as xAPI statements with pseudonyms only, never "
             "names, and nothing from a Part B scenario. Leave the endpoint empty for none.");
  ImGui::SetNextItemWidth(fs * 22);
  input_text("Endpoint##lrs", &f.endpoint, "https://lrs.example.gov.uk/xAPI");
  ImGui::SetNextItemWidth(fs * 22);
  input_text("Key##lrs", &f.key, "The key the LRS gave this computer");
  const bool saved_secret = lrs_secret_saved(app.settings_path());
  ImGui::SetNextItemWidth(fs * 22);
  input_secret("Secret##lrs", &f.secret,
               saved_secret ? "Saved (readable by you only); type to replace it" : "The key's secret");
  const bool testing = app.lrs().testing();
  if (button(testing ? "Testing\u2026##lrs-test" : "Test connection##lrs-test", ImVec2(0, 0),
             !testing && !f.endpoint.empty())) {
    lrs::Credentials c;
    std::string problem;
    if (lrs_form_credentials(f, app.settings_path(), c, &problem)) {
      app.lrs().test_connection(c);
      message.clear();
    } else {
      message = problem;
      message_bad = true;
    }
  }
  ImGui::SameLine();
  if (button("Save LRS settings##lrs-save")) {
    message = app.save_lrs_settings();
    message_bad = !message.empty();
    if (!message_bad)
      message = lrs::configured(app.settings())
                    ? "Saved. Statements are queued from now on and sent in the background."
                    : "Saved: no LRS. Nothing more is queued.";
  }
  if (!testing)
    if (std::optional<lrs::ConnectionCheck> r = app.lrs().test_result(); r && message.empty())
      coloured_text(r->ok ? palette().ok : palette().bad, r->message.c_str());
  if (!message.empty()) coloured_text(message_bad ? palette().bad : palette().ok, message.c_str());
  // With an LRS set up, the line under every screen says what waits.
  if (!lrs::configured(app.settings())) muted_text("No LRS is set up: nothing is queued.");
}

}  // namespace auditsim::ui
