// The debrief's wording: a key action the team missed reads "Not achieved: ...", never as if it
// were done, and the map of the path taken numbers each stage reached, in order, with a legend.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"

#include "ui/app/headless.hpp"

using namespace auditsim;
using namespace auditsim::ui;

TEST_CASE("a missed key action reads Not achieved and the path map is numbered and explained") {
  const std::string dir = auditsim::test::fresh_scratch_dir("ui-debrief-wording").string();
  Headless h(auditsim::test::app_config_in(dir), {1280, 6000});
  REQUIRE(h.app().open_scenario(auditsim::test::kTutorial));
  h.frame();
  // The last choice at every stage: the tutorial's worst answers, which miss key actions.
  std::vector<std::string> path;
  for (int guard = 0; guard < 50 && !h.app().play()->teams()[0].session->finished(); ++guard) {
    for (int a = 0; a < 20 && h.probe().find("Acknowledge"); ++a) h.click("Acknowledge");
    path.push_back(h.app().play()->teams()[0].session->current_node().id);
    std::string last;
    for (const auto& it : h.probe().items())
      if (it.kind == "choice" && it.enabled) last = it.label;
    REQUIRE_FALSE(last.empty());
    REQUIRE(h.click(last));
  }
  for (int a = 0; a < 20 && h.probe().find("Acknowledge"); ++a) h.click("Acknowledge");
  REQUIRE(h.click("Open the debrief"));
  h.frame();
  REQUIRE(h.app().screen() == Screen::Debrief);
  CHECK(h.probe().saw_text("Not achieved: "));
  CHECK_FALSE(h.probe().saw_text("Missed: "));
  CHECK(h.probe().saw_text("numbered in order"));
  // Each stage reached has its step number on the map, the first stage first.
  REQUIRE_FALSE(path.empty());
  CHECK(h.probe().saw_text("map step 1 " + path[0]));
  if (path.size() > 1) CHECK(h.probe().saw_text("map step 2 " + path[1]));
}
