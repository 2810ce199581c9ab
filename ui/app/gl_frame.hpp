// Drawing one finished ImGui frame into an SDL window with OpenGL: shared by the main window and
// the facilitator's second window, each in its own ImGui context.
#pragma once

struct SDL_Window;

namespace auditsim::ui {

struct DrawableSize {
  int width = 0, height = 0;
};

// Renders the current ImGui frame and draws it into `window` over the theme's background; returns
// the size drawn, in pixels. The caller swaps the buffers, after any screenshot of the back buffer.
DrawableSize draw_frame_into(SDL_Window* window);

}  // namespace auditsim::ui
