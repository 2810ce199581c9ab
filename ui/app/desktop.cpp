// The SDL2 + OpenGL3 shell: window, GL context, ImGui backends, the frame loop with a frame
// cap, presenter mode (full screen, the facilitator's second window on another display), font
// rebuilds, scripted clicks and the screenshot.
#include "ui/app/desktop.hpp"
#include "ui/app/frame_pacing.hpp"
#include "ui/app/window_fit.hpp"

#include <SDL2/SDL.h>
#include <SDL2/SDL_opengl.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <backends/imgui_impl_sdl.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "ui/app/app.hpp"
#include "ui/app/facilitator_window.hpp"
#include "ui/app/fonts.hpp"
#include "ui/app/gl_frame.hpp"
#include "ui/app/screenshot.hpp"
#include "ui/app/theme.hpp"
#include "ui/controllers/presenter.hpp"
#include "ui/widgets/probe.hpp"
#include "ui/widgets/wide_chars.hpp"

namespace auditsim::desktop {

using namespace auditsim::ui;

namespace {

constexpr Uint32 kFrameMs = 1000 / 60;  // vsync does not throttle everywhere (Xvfb): cap here
constexpr int kFramesPerClick = 8;      // scripted clicks: hover, press, release, settle

struct GlSetup {
  SDL_GLContext ctx = nullptr;
  const char* glsl = nullptr;
};

// A 3.2 core context first (GLSL 150); else whatever 3.0 gives (GLSL 130).
GlSetup create_context(SDL_Window* w) {
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
  if (SDL_GLContext c = SDL_GL_CreateContext(w)) return {c, "#version 150"};
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  if (SDL_GLContext c = SDL_GL_CreateContext(w)) return {c, "#version 130"};
  return {};
}

void rebuild_fonts(App& app) {
  load_fonts(app.effective_font_scale(), app.desk_font_scale());
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

}  // namespace

int run(const DesktopOptions& o) {
  AppConfig cfg;
  cfg.db_path = o.db_path;
  cfg.load_library_now = o.frames > 0 || !o.open_scenario.empty();
  std::string warning;
  const Settings initial = load_settings(default_settings_path(), &warning);

  // The window's class (X11) and app id (Wayland) name the installed desktop entry, so the
  // desktop shows its icon and name for the window rather than a generic one. SDL 2.26 reads
  // these from the environment only, not from hints; a value the user set is kept.
  setenv("SDL_VIDEO_X11_WMCLASS", AUDITSIM_APP_ID, /*overwrite=*/0);
  setenv("SDL_VIDEO_WAYLAND_WMCLASS", AUDITSIM_APP_ID, /*overwrite=*/0);
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "auditsim: cannot open a window: %s\n"
                         "  Run it on a desktop, or use the subcommands (auditsim --help).\n",
                 SDL_GetError());
    return 2;
  }
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 8);
  Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  if (initial.window_maximised && o.frames == 0) flags |= SDL_WINDOW_MAXIMIZED;
  // Scripted runs use a fixed size so screenshots compare; both are fitted to the usable area.
  SDL_Rect usable{0, 0, 0, 0};
  if (SDL_GetDisplayUsableBounds(0, &usable) != 0) usable = SDL_Rect{0, 0, 0, 0};
  // A scripted run in presenter mode opens as large as the display, as full screen would make it:
  // the room view is laid out for the display's own size.
  const bool whole_display = o.frames > 0 && o.presenter && usable.w > 0 && usable.h > 0;
  const Rect fit = fit_window(whole_display ? usable.w : o.frames > 0 ? 1280 : initial.window_width,
                              whole_display ? usable.h : o.frames > 0 ? 800 : initial.window_height,
                              Rect{usable.x, usable.y, usable.w, usable.h});
  const bool placed = usable.w > 0 && usable.h > 0;
  SDL_Window* window = SDL_CreateWindow("Desktop Audit Simulator",
                                        placed ? fit.x : SDL_WINDOWPOS_CENTERED,
                                        placed ? fit.y : SDL_WINDOWPOS_CENTERED, fit.w, fit.h,
                                        flags);
  GlSetup gl = window ? create_context(window) : GlSetup{};
  if (!window || !gl.ctx) {
    std::fprintf(stderr, "auditsim: cannot create an OpenGL window: %s\n", SDL_GetError());
    if (window) SDL_DestroyWindow(window);
    SDL_Quit();
    return 2;
  }
  SDL_GL_MakeCurrent(window, gl.ctx);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplSDL2_InitForOpenGL(window, gl.ctx);
  ImGui_ImplOpenGL3_Init(gl.glsl);
  translate_clipboard(io);

  int status = 0;
  {
    App app(cfg);
    rebuild_fonts(app);
    apply_theme(app.settings().theme, app.effective_font_scale());
    app.fonts_dirty = app.theme_dirty = false;
    if (!o.open_scenario.empty()) app.open_scenario(o.open_scenario);
    if (o.presenter) {
      app.presenter = true;
      app.fonts_dirty = true;
    }
    std::unique_ptr<FacilitatorWindow> second;
    bool second_dismissed = false;  // closed by the facilitator: the side panel until F11 again

    Probe probe;
    const bool scripted = !o.clicks.empty();
    if (scripted) set_active_probe(&probe);
    size_t next_click = 0;
    ImVec2 target;
    bool target_found = false;
    bool was_presenter = false;
    int quiet_frames = 0;  // frames since the last event
    for (int frame = 0; !app.quit_requested; ++frame) {
      SDL_Event ev;
      // Redraw on input; otherwise wait (scripted runs never wait: they count frames).
      if (const int wait = idle_wait_ms(quiet_frames, app.screen() == Screen::Play, o.frames > 0))
        if (SDL_WaitEventTimeout(&ev, wait)) SDL_PushEvent(&ev);  // handled below with the rest
      const Uint32 start = SDL_GetTicks();
      bool had_event = false;
      while (SDL_PollEvent(&ev)) {
        had_event = true;
        // ImGui's 16-bit characters would turn an emoji into U+FFFD (wide_chars.hpp).
        if (ev.type == SDL_TEXTINPUT) translate_typed_text(ev.text.text);
        // Each window's events go to its own ImGui context.
        if (second && event_window_id(ev) == second->id()) {
          if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE) {
            second.reset();
            second_dismissed = true;
          } else {
            second->process_event(ev);
          }
          continue;
        }
        ImGui_ImplSDL2_ProcessEvent(&ev);
        if (ev.type == SDL_QUIT) app.quit_requested = true;
        if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE &&
            ev.window.windowID == SDL_GetWindowID(window))
          app.quit_requested = true;
      }
      quiet_frames = had_event ? 0 : quiet_frames + 1;
      if (app.presenter != was_presenter) {
        SDL_SetWindowFullscreen(window, app.presenter ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
        was_presenter = app.presenter;
        second_dismissed = false;
      }
      const FacilitatorPlacement place =
          place_facilitator(app.presenter, SDL_GetNumVideoDisplays(),
                            SDL_GetWindowDisplayIndex(window), o.facilitator_window);
      if (place.second_window && !second && !second_dismissed) {
        std::string err;
        second = FacilitatorWindow::open(app, place.display, window, gl.ctx, gl.glsl, &err);
        if (!second) {
          std::fprintf(stderr, "auditsim: the facilitator's window could not open: %s\n", err.c_str());
          second_dismissed = true;  // the side panel instead
        }
      } else if (!place.second_window && second) {
        second.reset();
      }
      app.facilitator_window = second != nullptr;
      if (app.fonts_dirty || app.theme_dirty) {
        const bool fonts = app.fonts_dirty;
        if (fonts) rebuild_fonts(app);
        apply_theme(app.settings().theme, app.effective_font_scale());
        if (second) second->restyle(app, fonts);
        app.fonts_dirty = app.theme_dirty = false;
      }
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplSDL2_NewFrame();
      // Clicks start once a frame has been drawn (the probe then knows where things are).
      if (scripted && frame >= 2 && next_click < o.clicks.size()) {
        // Hover, press, release over a few frames, as a person would. The target is looked up
        // when the click starts; after the press it may rightly disappear.
        const int phase = (frame - 2) % kFramesPerClick;
        if (phase == 0) {
          const std::string& want = o.clicks[next_click];
          const ProbeItem* it = probe.find(want.starts_with("?") ? want.substr(1) : want);
          target_found = it != nullptr;
          if (it) target = it->centre();
        }
        if (target_found) io.MousePos = target;
        io.MouseDown[0] = target_found && phase == 2;
        if (phase == kFramesPerClick - 1) {
          if (!target_found && !o.clicks[next_click].starts_with("?"))
            std::fprintf(stderr, "auditsim: nothing labelled \"%s\" to click\n", o.clicks[next_click].c_str());
          ++next_click;
        }
      }
      probe.begin_frame();
      ImGui::NewFrame();
      app.frame();
      drop_held_text();  // an emoji typed with no field active goes nowhere, as other keys do
      const DrawableSize drawn = draw_frame_into(window);
      const bool last = o.frames > 0 && frame + 1 >= o.frames;
      if (last && !o.screenshot.empty()) {
        std::string err;
        if (!write_screenshot(o.screenshot, drawn.width, drawn.height, &err)) {
          std::fprintf(stderr, "auditsim: screenshot not written: %s\n", err.c_str());
          status = 1;
        }
      }
      SDL_GL_SwapWindow(window);
      if (second && !second->frame(app, last ? o.facilitator_screenshot : std::string())) {
        std::fprintf(stderr, "auditsim: the facilitator window's screenshot was not written\n");
        status = 1;
      }
      if (last) break;
      const Uint32 spent = SDL_GetTicks() - start;
      if (o.frames == 0 && spent < kFrameMs) SDL_Delay(kFrameMs - spent);
    }
    second.reset();
    set_active_probe(nullptr);
    // Remember the window for next time (not in scripted runs, which use a fixed size).
    if (o.frames == 0 && !app.presenter) {
      const Uint32 wf = SDL_GetWindowFlags(window);
      app.settings().window_maximised = (wf & SDL_WINDOW_MAXIMIZED) != 0;
      if (!app.settings().window_maximised)
        SDL_GetWindowSize(window, &app.settings().window_width, &app.settings().window_height);
      app.save_settings_now();
    }
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(gl.ctx);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return status;
}

}  // namespace auditsim::desktop
