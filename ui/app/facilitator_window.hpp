// The facilitator's second window in presenter mode (ImGui 1.86 has no multi-viewport): its own
// SDL window and ImGui context, sharing the main window's OpenGL context (made current in turn)
// and its font atlas. Only the SDL shell uses it; what it draws is App::frame_facilitator().
#pragma once

#include <SDL2/SDL.h>
#include <imgui.h>

#include <memory>
#include <string>

namespace auditsim::ui {

class App;

class FacilitatorWindow {
 public:
  // Opens a window on `display` drawing with `gl` (current for `main_window`) and the current
  // ImGui context's font atlas. Null (the reason in `error`) when SDL refuses.
  static std::unique_ptr<FacilitatorWindow> open(App& app, int display, SDL_Window* main_window,
                                                 SDL_GLContext gl, const char* glsl,
                                                 std::string* error);
  // Closes the window; the main window, its context and its font texture are current afterwards.
  ~FacilitatorWindow();
  FacilitatorWindow(const FacilitatorWindow&) = delete;
  FacilitatorWindow& operator=(const FacilitatorWindow&) = delete;

  Uint32 id() const { return SDL_GetWindowID(window_); }
  // Feeds an event addressed to this window to its ImGui context.
  void process_event(const SDL_Event& ev);
  // Re-applies the theme and the font size after the settings changed; `fonts_rebuilt` when the
  // shared atlas was rebuilt (this renderer then uploads it again).
  void restyle(App& app, bool fonts_rebuilt);
  // Draws and shows one frame; writes it to `screenshot` (a PNG) first when not empty. The main
  // window's GL and ImGui contexts are current again afterwards. False when the PNG failed.
  bool frame(App& app, const std::string& screenshot = {});

 private:
  FacilitatorWindow() = default;
  void make_current();
  void restore_main();

  SDL_Window* window_ = nullptr;
  SDL_Window* main_window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  ImGuiContext* ctx_ = nullptr;
  ImGuiContext* main_ctx_ = nullptr;
};

// The window an event is addressed to (0 for events that name none, such as SDL_QUIT).
Uint32 event_window_id(const SDL_Event& ev);

}  // namespace auditsim::ui
