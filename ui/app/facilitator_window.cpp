#include "ui/app/facilitator_window.hpp"

#include <SDL2/SDL_opengl.h>
#include <algorithm>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>

#include "ui/app/app.hpp"
#include "ui/app/gl_frame.hpp"
#include "ui/app/screenshot.hpp"
#include "ui/app/theme.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/probe.hpp"
#include "ui/widgets/wide_chars.hpp"

namespace auditsim::ui {

Uint32 event_window_id(const SDL_Event& ev) {
  switch (ev.type) {
    case SDL_WINDOWEVENT: return ev.window.windowID;
    case SDL_KEYDOWN:
    case SDL_KEYUP: return ev.key.windowID;
    case SDL_TEXTINPUT: return ev.text.windowID;
    case SDL_TEXTEDITING: return ev.edit.windowID;
    case SDL_MOUSEMOTION: return ev.motion.windowID;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP: return ev.button.windowID;
    case SDL_MOUSEWHEEL: return ev.wheel.windowID;
    default: return 0;
  }
}

std::unique_ptr<FacilitatorWindow> FacilitatorWindow::open(App& app, int display,
                                                           SDL_Window* main_window,
                                                           SDL_GLContext gl, const char* glsl,
                                                           std::string* error) {
  SDL_Rect bounds{0, 0, 1280, 800};
  SDL_GetDisplayUsableBounds(display, &bounds);
  const int w = std::min(1100, bounds.w * 9 / 10), h = std::min(820, bounds.h * 9 / 10);
  std::unique_ptr<FacilitatorWindow> f(new FacilitatorWindow());
  f->window_ = SDL_CreateWindow("Desktop Audit Simulator \xE2\x80\x94 facilitator",
                                SDL_WINDOWPOS_CENTERED_DISPLAY(display),
                                SDL_WINDOWPOS_CENTERED_DISPLAY(display), w, h,
                                SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (!f->window_) {
    if (error) *error = SDL_GetError();
    return nullptr;
  }
  f->main_window_ = main_window;
  f->gl_ = gl;
  f->main_ctx_ = ImGui::GetCurrentContext();
  // The font atlas is shared, so fonts() stays valid in both contexts.
  f->ctx_ = ImGui::CreateContext(ImGui::GetIO().Fonts);
  f->make_current();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplSDL2_InitForOpenGL(f->window_, gl);
  ImGui_ImplOpenGL3_Init(glsl);
  translate_clipboard(io);
  f->restyle(app, /*fonts_rebuilt=*/false);  // the renderer uploads the atlas on its first frame
  // Two windows swapping with vsync would halve the frame rate; the shell caps frames itself.
  SDL_GL_SetSwapInterval(0);
  f->restore_main();
  return f;
}

FacilitatorWindow::~FacilitatorWindow() {
  make_current();
  // The renderer's shutdown deletes its own font texture and clears the shared atlas's texture
  // id, so the main renderer uploads the atlas again below.
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext(ctx_);
  restore_main();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  SDL_GL_SetSwapInterval(1);
  SDL_DestroyWindow(window_);
}

void FacilitatorWindow::make_current() {
  SDL_GL_MakeCurrent(window_, gl_);
  ImGui::SetCurrentContext(ctx_);
}

void FacilitatorWindow::restore_main() {
  SDL_GL_MakeCurrent(main_window_, gl_);
  ImGui::SetCurrentContext(main_ctx_);
}

void FacilitatorWindow::process_event(const SDL_Event& event) {
  SDL_Event ev = event;
  if (ev.type == SDL_TEXTINPUT) translate_typed_text(ev.text.text);
  ImGui::SetCurrentContext(ctx_);
  ImGui_ImplSDL2_ProcessEvent(&ev);
  ImGui::SetCurrentContext(main_ctx_);
}

void FacilitatorWindow::restyle(App& app, bool fonts_rebuilt) {
  ImGuiContext* was = ImGui::GetCurrentContext();
  make_current();
  // The atlas holds the room's (presenter) size and the desk's; the laptop screen shows the
  // desk's, or the room's shrunk when no desk set was built.
  const float base = app.settings().font_scale;
  const bool own = desk_fonts().body && desk_fonts().body != fonts().body;
  ImGui::GetIO().FontDefault = own ? desk_fonts().body : nullptr;
  ImGui::GetIO().FontGlobalScale = own ? 1.0f : base / app.effective_font_scale();
  apply_theme(app.settings().theme, base);
  if (fonts_rebuilt) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  if (was != ctx_) restore_main();
}

bool FacilitatorWindow::frame(App& app, const std::string& screenshot) {
  make_current();
  // Scripted clicks find widgets of the main window only.
  Probe* probe = active_probe();
  set_active_probe(nullptr);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  app.frame_facilitator();
  const DrawableSize drawn = draw_frame_into(window_);
  bool ok = true;
  if (!screenshot.empty()) {
    std::string err;
    ok = write_screenshot(screenshot, drawn.width, drawn.height, &err);
  }
  SDL_GL_SwapWindow(window_);
  set_active_probe(probe);
  restore_main();
  return ok;
}

}  // namespace auditsim::ui
