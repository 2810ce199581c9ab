// Renders each screen of the desktop program in a real window (run under xvfb-run) and writes
// docs/screenshots/*.png. The debrief is reached by clicking the best path of the tutorial.
// Usage: ui_take_screenshots SCENARIOS_DIR OUT_DIR DB_PATH
#include <cstdio>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/load.hpp"
#include "ui/app/desktop.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s SCENARIOS_DIR OUT_DIR DB_PATH\n", argv[0]);
    return 2;
  }
  const std::string scenarios = argv[1], out = argv[2], db = argv[3];
  const std::string tutorial = scenarios + "/examples/tutorial-supplier-bank-details.yaml";
  auditsim::LoadResult lr = auditsim::load_and_check(tutorial);
  if (!lr.ok()) {
    std::fprintf(stderr, "the tutorial scenario does not load\n");
    return 1;
  }
  // The best path's choice texts, with any inject acknowledged before each choice.
  std::vector<std::string> best_path;
  auto analysis = auditsim::analyse(*lr.scenario);
  if (analysis.best)
    for (const auto& id : analysis.best->choices) {
      auto [n, c] = lr.scenario->find_choice(id);
      best_path.push_back("?Acknowledge");
      best_path.push_back(lr.scenario->nodes[n].choices[c].text);
    }
  std::vector<std::string> to_debrief = best_path;
  to_debrief.push_back("?Acknowledge");
  to_debrief.push_back("Open the debrief");
  std::vector<std::string> part_way(best_path.begin(), best_path.begin() + std::min<size_t>(2, best_path.size()));
  struct Shot {
    const char* file;
    std::string open;
    std::vector<std::string> clicks;
  };
  const std::vector<Shot> shots = {
      {"library.png", "", {}},
      {"play.png", tutorial, part_way},
      {"play-group.png", "", {"New session", "Facilitated group", "Start the session"}},
      {"debrief.png", tutorial, to_debrief},
      {"new-session.png", "", {"New session", "Teams"}},
      {"results.png", "", {"Results"}},
      {"author.png", "", {"Author"}},
      {"settings.png", "", {"Settings"}},
  };
  int status = 0;
  for (const auto& s : shots) {
    auditsim::desktop::DesktopOptions o;
    o.open_scenario = s.open;
    o.frames = 20 + static_cast<int>(s.clicks.size()) * 8;
    o.screenshot = out + "/" + s.file;
    o.db_path = db;
    o.clicks = s.clicks;
    if (auditsim::desktop::run(o) != 0) status = 1;
    std::printf("%s\n", o.screenshot.c_str());
  }
  return status;
}
