// The desktop program's configuration for a headless test: settings and results database in
// the test's own scratch folder, the shipped scenarios loaded at once.
#pragma once

#include <string>

#include "ui/app/app.hpp"

namespace auditsim::test {

inline ui::AppConfig app_config_in(const std::string& dir) {
  ui::AppConfig c;
  c.settings_path = dir + "/settings.json";
  c.db_path = dir + "/results.db";
  c.scenario_folders = {AUDITSIM_SCENARIOS_DIR};
  c.load_library_now = true;
  return c;
}

}  // namespace auditsim::test
