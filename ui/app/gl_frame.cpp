#include "ui/app/gl_frame.hpp"

#include <SDL2/SDL.h>
#include <SDL2/SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace auditsim::ui {

DrawableSize draw_frame_into(SDL_Window* window) {
  ImGui::Render();
  DrawableSize size;
  SDL_GL_GetDrawableSize(window, &size.width, &size.height);
  glViewport(0, 0, size.width, size.height);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  return size;
}

}  // namespace auditsim::ui
