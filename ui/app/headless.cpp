#include "ui/app/headless.hpp"

#include "ui/app/fonts.hpp"
#include "ui/app/keys.hpp"
#include "ui/app/theme.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/wide_chars.hpp"

namespace auditsim::ui {

namespace {

// The same key map the SDL backend installs, so ImGui's own keys (Enter, Escape, Tab...) work.
void map_keys(ImGuiIO& io) {
  io.KeyMap[ImGuiKey_Tab] = SDL_SCANCODE_TAB;
  io.KeyMap[ImGuiKey_LeftArrow] = SDL_SCANCODE_LEFT;
  io.KeyMap[ImGuiKey_RightArrow] = SDL_SCANCODE_RIGHT;
  io.KeyMap[ImGuiKey_UpArrow] = SDL_SCANCODE_UP;
  io.KeyMap[ImGuiKey_DownArrow] = SDL_SCANCODE_DOWN;
  io.KeyMap[ImGuiKey_PageUp] = SDL_SCANCODE_PAGEUP;
  io.KeyMap[ImGuiKey_PageDown] = SDL_SCANCODE_PAGEDOWN;
  io.KeyMap[ImGuiKey_Home] = SDL_SCANCODE_HOME;
  io.KeyMap[ImGuiKey_End] = SDL_SCANCODE_END;
  io.KeyMap[ImGuiKey_Delete] = SDL_SCANCODE_DELETE;
  io.KeyMap[ImGuiKey_Backspace] = SDL_SCANCODE_BACKSPACE;
  io.KeyMap[ImGuiKey_Space] = SDL_SCANCODE_SPACE;
  io.KeyMap[ImGuiKey_Enter] = SDL_SCANCODE_RETURN;
  io.KeyMap[ImGuiKey_Escape] = SDL_SCANCODE_ESCAPE;
  io.KeyMap[ImGuiKey_A] = SDL_SCANCODE_A;
  io.KeyMap[ImGuiKey_C] = SDL_SCANCODE_C;
  io.KeyMap[ImGuiKey_V] = SDL_SCANCODE_V;
  io.KeyMap[ImGuiKey_X] = SDL_SCANCODE_X;
  io.KeyMap[ImGuiKey_Y] = SDL_SCANCODE_Y;
  io.KeyMap[ImGuiKey_Z] = SDL_SCANCODE_Z;
}

}  // namespace

Headless::Headless(const AppConfig& config, ImVec2 display) {
  ctx_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.LogFilename = nullptr;
  io.DisplaySize = display;
  io.DeltaTime = 1.0f / 60.0f;
  map_keys(io);
  app_ = std::make_unique<App>(config);
  load_fonts(app_->effective_font_scale(), app_->desk_font_scale());
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // no renderer: the atlas is only measured
  apply_theme(app_->settings().theme, app_->effective_font_scale());
  app_->theme_dirty = false;
}

Headless::~Headless() {
  if (facilitator_ctx_) ImGui::DestroyContext(facilitator_ctx_);
  ImGui::SetCurrentContext(ctx_);
  app_.reset();
  ImGui::DestroyContext(ctx_);
}

void Headless::facilitator_frame(float dt) {
  if (!facilitator_ctx_) {
    ImGui::SetCurrentContext(ctx_);
    facilitator_ctx_ = ImGui::CreateContext(ImGui::GetIO().Fonts);
    ImGui::SetCurrentContext(facilitator_ctx_);
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1100, 1600);
    map_keys(io);
    apply_theme(app_->settings().theme, app_->settings().font_scale);
  }
  app_->facilitator_window = true;
  ImGui::SetCurrentContext(facilitator_ctx_);
  ImGui::GetIO().DeltaTime = dt;
  // As the shell's second window: the shared atlas is built at the room's size, shown at the desk's.
  const bool own = desk_fonts().body && desk_fonts().body != fonts().body;
  ImGui::GetIO().FontDefault = own ? desk_fonts().body : nullptr;
  ImGui::GetIO().FontGlobalScale = own ? 1.0f : app_->settings().font_scale / app_->effective_font_scale();
  Probe* previous = active_probe();
  set_active_probe(&facilitator_probe_);
  facilitator_probe_.begin_frame();
  ImGui::NewFrame();
  app_->frame_facilitator();
  ImGui::Render();
  set_active_probe(previous);
  ImGui::SetCurrentContext(ctx_);
}

bool Headless::click_facilitator(std::string_view label) {
  const ProbeItem* it = facilitator_probe_.find(label);
  if (!it) return false;
  const ImVec2 c = it->centre();
  ImGui::SetCurrentContext(facilitator_ctx_);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = c;
  // Hover, press, release, settle: one facilitator frame and one main frame each, as the shell.
  for (bool down : {false, true, false, false}) {
    ImGui::SetCurrentContext(facilitator_ctx_);
    ImGui::GetIO().MouseDown[0] = down;
    facilitator_frame();
    frame();
  }
  return true;
}

void Headless::frame(float dt) {
  ImGui::SetCurrentContext(ctx_);
  ImGuiIO& io = ImGui::GetIO();
  if (app_->fonts_dirty || app_->theme_dirty) {
    if (app_->fonts_dirty) {
      load_fonts(app_->effective_font_scale(), app_->desk_font_scale());
      unsigned char* px = nullptr;
      int w = 0, h = 0;
      io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    }
    apply_theme(app_->settings().theme, app_->effective_font_scale());
    app_->fonts_dirty = app_->theme_dirty = false;
  }
  io.DeltaTime = dt;
  Probe* previous = active_probe();
  set_active_probe(&probe_);
  probe_.begin_frame();
  ImGui::NewFrame();
  app_->frame();
  ImGui::Render();
  set_active_probe(previous);
}

bool Headless::click(std::string_view label) {
  const ProbeItem* it = probe_.find(label);
  if (!it) return false;
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 c = it->centre();
  if (c.x < 0 || c.y < 0 || c.x >= io.DisplaySize.x || c.y >= io.DisplaySize.y) return false;
  io.MousePos = c;
  frame();  // hover first: ImGui needs the item hovered before the press
  io.MouseDown[0] = true;
  frame();
  io.MouseDown[0] = false;
  frame();
  frame();
  return true;
}

void Headless::press(int scancode) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeysDown[scancode] = true;
  frame();
  io.KeysDown[scancode] = false;
  frame();
}

bool Headless::type_into(std::string_view label, const std::string& text) {
  if (!click(label)) return false;
  ImGuiIO& io = ImGui::GetIO();
  // As the desktop's SDL input does: text ImGui would filter out goes to the field directly.
  std::string typed = text;
  translate_typed_text(typed.data());
  io.AddInputCharactersUTF8(typed.c_str());
  frame();
  // Tab away so the field commits its text to the model.
  press(SDL_SCANCODE_TAB);
  return true;
}

}  // namespace auditsim::ui
