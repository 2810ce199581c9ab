// Runs the desktop program's frames with no window and no renderer, driven by injected input:
// the headless UI tests and the frame benchmark. A probe records every widget so tests can
// click by label.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/widgets/probe.hpp"

namespace auditsim::ui {

class Headless {
 public:
  explicit Headless(const AppConfig& config, ImVec2 display = {1280, 800});
  ~Headless();
  Headless(const Headless&) = delete;
  Headless& operator=(const Headless&) = delete;

  App& app() { return *app_; }
  // What the last frame drew.
  const Probe& probe() const { return probe_; }

  // Draws one frame with the current input; `dt` seconds since the previous one.
  void frame(float dt = 1.0f / 60.0f);
  // Clicks the centre of the widget labelled `label` in the last frame (press in one frame,
  // release in the next, then one more frame so the result is drawn). False when absent.
  bool click(std::string_view label);
  // Presses and releases a key (an SDL scancode, see keys.hpp).
  void press(int scancode);
  // Clicks a text field and types into it.
  bool type_into(std::string_view label, const std::string& text);

  // The facilitator's window of presenter mode, as the SDL shell opens it on a second display:
  // its own ImGui context sharing the font atlas, drawn by App::frame_facilitator(). Created on
  // first use; the App is told the window is open.
  void facilitator_frame(float dt = 1.0f / 60.0f);
  // What the facilitator's window drew in its last frame.
  const Probe& facilitator_probe() const { return facilitator_probe_; }
  // Clicks a widget of the facilitator's window (drawing a main frame after each of its frames,
  // as the shell does).
  bool click_facilitator(std::string_view label);

 private:
  ImGuiContext* ctx_ = nullptr;
  ImGuiContext* facilitator_ctx_ = nullptr;
  std::unique_ptr<App> app_;
  Probe probe_;
  Probe facilitator_probe_;
};

}  // namespace auditsim::ui
