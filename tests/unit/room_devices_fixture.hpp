// The desktop program in group play with councillors' devices let in on 127.0.0.1, for the
// room devices' headless tests (ui_room_devices_*_test).
#pragma once

#include <doctest/doctest.h>

#include "sim/load.hpp"
#include "tests/support/test_files.hpp"
#include "ui/app/headless.hpp"

namespace auditsim::testing {

// Starts a group session of the tutorial (`setup` gives the event, if any; `record` false is a
// rehearsal) and turns joining on, listening on the loopback address only.
inline ui::PlayController& start_with_devices(ui::Headless& h, ui::SessionSetup setup = {}, bool record = true) {
  LoadResult lr = load_scenario_file(test::kTutorial);
  REQUIRE(lr.ok());
  setup.mode = store::Mode::Group;
  REQUIRE(h.app().start_play(lr.scenario, setup, record));
  h.frame();
  ui::PlayController& pc = *h.app().play();
  host::HostOptions opts;
  opts.bind = "127.0.0.1";
  pc.open_devices(opts);
  REQUIRE(h.click("Let devices join##devices"));
  REQUIRE(pc.devices()->joining());
  return pc;
}

}  // namespace auditsim::testing
