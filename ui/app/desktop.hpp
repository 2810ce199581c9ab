// The desktop program's entry points, called by the command line when no subcommand is given.
#pragma once

#include <string>
#include <vector>

namespace auditsim::desktop {

struct DesktopOptions {
  std::string open_scenario;  // --open: start a solo session on this scenario file
  int frames = 0;             // --frames: exit after this many frames (0: run until closed)
  std::string screenshot;     // --screenshot: write the last frame's pixels to this PNG
  std::string db_path;        // --db: the results database (default from the settings)
  // Scripted runs (screenshots, demos): labels of buttons to click, one every few frames, in
  // order, as the headless tests click them. A label starting with '?' is clicked only if present.
  std::vector<std::string> clicks;
  bool presenter = false;           // start in presenter mode (F11)
  // Open the facilitator's second window in presenter mode even with one display (scripted
  // runs); with two displays it opens anyway.
  bool facilitator_window = false;
  std::string facilitator_screenshot;  // with --frames: the second window's last frame as a PNG
};

// Opens the window and runs until closed (or for `frames` frames). Returns 0, or 2 when the
// window or OpenGL context cannot be created (the reason is printed on stderr).
int run(const DesktopOptions& options);

}  // namespace auditsim::desktop
