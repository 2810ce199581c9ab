// Writes the current OpenGL framebuffer to a PNG file (stb_image_write from Debian's libstb).
#pragma once

#include <string>

namespace auditsim::ui {

// Reads `width` x `height` pixels of the back buffer and writes them as an RGB PNG.
// Returns false with `error` set when the file cannot be written.
bool write_screenshot(const std::string& path, int width, int height, std::string* error);

}  // namespace auditsim::ui
