// Renders each screen of the desktop program in a real window (run under xvfb-run) and writes
// docs/screenshots/*.png. Usage: ui_take_screenshots SCENARIOS_DIR OUT_DIR DB_PATH
#include <cstdio>
#include <string>
#include <vector>

#include "ui/app/desktop.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s SCENARIOS_DIR OUT_DIR DB_PATH\n", argv[0]);
    return 2;
  }
  const std::string scenarios = argv[1], out = argv[2], db = argv[3];
  const std::string tutorial = scenarios + "/examples/tutorial-supplier-bank-details.yaml";
  struct Shot {
    const char* file;
    std::string open;
    std::vector<std::string> clicks;
    int frames;
  };
  const std::vector<Shot> shots = {
      {"library.png", "", {}, 20},
      {"play.png", tutorial, {}, 20},
      {"new-session.png", "", {"New session"}, 30},
      {"author.png", "", {"Author"}, 30},
      {"settings.png", "", {"Settings"}, 30},
      {"results.png", "", {"Results"}, 30},
  };
  int status = 0;
  for (const auto& s : shots) {
    auditsim::desktop::DesktopOptions o;
    o.open_scenario = s.open;
    o.frames = s.frames;
    o.screenshot = out + "/" + s.file;
    o.db_path = db;
    o.clicks = s.clicks;
    if (auditsim::desktop::run(o) != 0) status = 1;
    std::printf("%s\n", o.screenshot.c_str());
  }
  return status;
}
