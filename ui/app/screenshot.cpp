#include "ui/app/screenshot.hpp"

#include <vector>

#include <SDL2/SDL_opengl.h>
#include <stb_image_write.h>

namespace auditsim::ui {

bool write_screenshot(const std::string& path, int width, int height, std::string* error) {
  if (width <= 0 || height <= 0) {
    if (error) *error = "the window has no size";
    return false;
  }
  std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows start at the bottom; PNG rows start at the top.
  const int stride = width * 3;
  if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data() + static_cast<size_t>(height - 1) * stride,
                      -stride)) {
    if (error) *error = "could not write " + path;
    return false;
  }
  return true;
}

}  // namespace auditsim::ui
