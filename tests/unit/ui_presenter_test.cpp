// Presenter mode: where the facilitator's controls go for each display count, and the second
// window's controls driven headless in their own ImGui context while the room's view is played.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"

#include <filesystem>

#include <nlohmann/json.hpp>

#include "sim/load.hpp"
#include "sim/store/store.hpp"
#include "ui/app/headless.hpp"
#include "ui/controllers/presenter.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::ui;

namespace {

using auditsim::test::kTutorial;

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-presenter-" + name).string();
}

bool has_prefix(const Probe& p, std::string_view prefix) {
  for (const auto& it : p.items())
    if (std::string_view(it.full_id).starts_with(prefix)) return true;
  return false;
}

}  // namespace

TEST_CASE("the facilitator's controls open on another display only in presenter mode") {
  CHECK_FALSE(place_facilitator(false, 2, 0, false).second_window);
  CHECK_FALSE(place_facilitator(true, 1, 0, false).second_window);  // side panel
  auto p = place_facilitator(true, 2, 0, false);
  CHECK(p.second_window);
  CHECK(p.display == 1);
  p = place_facilitator(true, 3, 1, false);  // the room's view is on display 1
  CHECK(p.display == 0);
  p = place_facilitator(true, 2, -1, false);  // unknown: the first display
  CHECK(p.display == 0);
  p = place_facilitator(true, 1, 0, true);  // forced for scripted runs
  CHECK(p.second_window);
  CHECK(p.display == 0);
  CHECK_FALSE(place_facilitator(false, 1, 0, true).second_window);
}

TEST_CASE("in presenter mode the second window holds the controls and the room's view has none") {
  const std::string dir = scratch("window");
  AppConfig cfg;
  cfg.settings_path = dir + "/settings.json";
  cfg.db_path = dir + "/results.db";
  cfg.scenario_folders = {AUDITSIM_SCENARIOS_DIR};
  cfg.load_library_now = true;
  Headless h(cfg, {1280, 2400});
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.app().presenter = true;
  h.app().fonts_dirty = true;
  h.frame();
  // On one display the room sees the room view only: the panel opens only on purpose (F).
  CHECK_FALSE(has_prefix(h.probe(), "+##vote-"));
  h.facilitator_frame();
  h.frame();
  h.facilitator_frame();
  CHECK_FALSE(has_prefix(h.probe(), "+##vote-"));
  CHECK(has_prefix(h.facilitator_probe(), "+##vote-"));
  CHECK(h.facilitator_probe().saw_text("Scores (hidden from the room)"));
  CHECK(h.facilitator_probe().find("Pause") != nullptr);
  // Votes counted in the facilitator's window go with the choice clicked in the room's view.
  for (const auto& it : h.probe().items())
    if (it.kind == "choice") REQUIRE(it.enabled);
  const Node& start = lr.scenario->nodes[lr.scenario->start];
  const std::string first = start.choices[0].id;
  REQUIRE(h.click_facilitator("+##vote-" + first));
  REQUIRE(h.click_facilitator("+##vote-" + first));
  REQUIRE(h.click_facilitator("+##vote-" + first));
  REQUIRE(h.click(start.choices[0].text));
  {
    auto db = store::Store::open(dir + "/results.db");
    auto rec = db.load_session(db.list_sessions().at(0).id);
    REQUIRE(rec);
    REQUIRE(rec->decisions.size() == 1);
    CHECK(nlohmann::json::parse(rec->decisions[0].votes_json)[first] == 3);
  }
  // Pausing from the second window stops the room's choices.
  h.facilitator_frame();
  REQUIRE(h.click_facilitator("Pause"));
  CHECK(h.app().play()->paused());
  bool any_enabled = false;
  for (const auto& it : h.probe().items())
    if (it.kind == "choice") any_enabled = any_enabled || it.enabled;
  CHECK_FALSE(any_enabled);
  REQUIRE(h.click_facilitator("End presenter mode (F11)"));
  CHECK_FALSE(h.app().presenter);
}
