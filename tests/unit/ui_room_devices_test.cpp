// Councillors' devices in the desktop program's room view, driven headless with real devices
// over HTTP on 127.0.0.1: nothing listens until the facilitator turns joining on; then the room
// sees the code and the QR code, the facilitator sees each device, the live tally and reasons,
// can remove a device, and the decision recorded keeps every device's vote with it.
#include <doctest/doctest.h>

#include <httplib.h>

#include <nlohmann/json.hpp>

#include "sim/load.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"
#include "ui/app/headless.hpp"
#include "tests/unit/room_devices_fixture.hpp"
#include "ui/app/keys.hpp"

using namespace auditsim;
using namespace auditsim::ui;
using nlohmann::json;

TEST_CASE("the room's devices: off by default, then the code and QR, the tally, removal and "
          "the votes kept with the decision") {
  const std::string dir = auditsim::test::fresh_scratch_dir("ui-room-devices").string();
  // A tall display: the whole facilitator panel on screen without scrolling.
  Headless h(auditsim::test::app_config_in(dir), {1600, 2400});
  LoadResult lr = load_scenario_file(auditsim::test::kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.frame();
  PlayController& pc = *h.app().play();
  // Off until asked for: no server, nothing on the network.
  CHECK(pc.devices() == nullptr);
  CHECK(h.probe().saw_text("Off: nothing listens on the network"));

  host::HostOptions opts;
  opts.bind = "127.0.0.1";  // the test's own machine only
  pc.open_devices(opts);
  REQUIRE(h.click("Let devices join##devices"));
  REQUIRE(pc.devices()->joining());
  const std::string code = pc.devices()->code();
  CHECK(h.probe().saw_text(code));
  CHECK(pc.devices()->qr().size > 0);

  httplib::Client c("127.0.0.1", std::stoi(pc.devices()->join_url().substr(17)));
  const std::string origin = pc.devices()->join_url().substr(0, pc.devices()->join_url().size() - 1);
  c.set_default_headers({{"Origin", origin}});
  auto j = c.Post("/join", json{{"code", code}, {"name", "Ann"}, {"team", ""}}.dump(), "application/json");
  REQUIRE(j);
  REQUIRE(j->status == 200);
  const std::string set = j->get_header_value("Set-Cookie");
  httplib::Headers cookie{{"Cookie", set.substr(0, set.find(';'))}};
  json st = json::parse(c.Get("/state", cookie)->body);
  const std::string stage = st["view"]["stage"];
  const std::string choice = st["view"]["choices"][1]["id"];
  REQUIRE(c.Post("/vote", cookie, json{{"stage", stage}, {"choice", choice}}.dump(), "application/json")->status == 200);
  REQUIRE(c.Post("/reason", cookie, json{{"stage", stage}, {"reason", "Phone them"}, {"dissent", ""}}.dump(),
                 "application/json")->status == 200);
  h.frame();
  CHECK(h.probe().saw_text("1 of 1 devices have voted at this stage"));
  CHECK(h.probe().saw_text("device-1 (" + choice + "): Phone them"));
  CHECK(h.probe().saw_text("device-1  Ann  audience"));

  // The room's screen shows how to join, never the tally.
  h.press(keys::kF11);
  h.frame();
  CHECK(h.probe().saw_text(code));
  CHECK(h.probe().saw_text("QR code of the join address"));
  CHECK_FALSE(h.probe().saw_text("devices have voted"));
  h.press(keys::kF11);
  h.frame();

  // The decision takes the device's vote as its hand and keeps it with it.
  const Node& start = lr.scenario->nodes[lr.scenario->start];
  int index = -1;
  for (size_t i = 0; i < start.choices.size(); ++i)
    if (start.choices[i].id == choice) index = static_cast<int>(i);
  std::string error;
  REQUIRE_MESSAGE(pc.choose(0, index, &error), error);
  auto rows = h.app().db()->device_votes(pc.team(0).session_id);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].decision_seq == 1);
  CHECK(rows[0].reason == "Phone them");
  // The device follows the room to the next stage.
  json after = json::parse(c.Get("/state", cookie)->body);
  CHECK(after["view"]["stage"] != stage);

  h.frame();
  REQUIRE(h.click("Remove##device-1"));
  CHECK(pc.devices()->devices()[0].removed);
  CHECK(c.Get("/state", cookie)->body.find("device-removed") != std::string::npos);

  // Turning joining off refuses new devices; the server stops with the play.
  REQUIRE(h.click("Let devices join##devices"));
  auto late = c.Post("/join", json{{"code", code}, {"name", ""}, {"team", ""}}.dump(), "application/json");
  REQUIRE(late);
  CHECK(late->status == 403);
}

TEST_CASE("at 1280x800 in group play the facilitator sees the room code, the QR code and the "
          "devices without scrolling") {
  const std::string dir = auditsim::test::fresh_scratch_dir("ui-room-devices-1280").string();
  const ImVec2 display{1280, 800};
  Headless h(auditsim::test::app_config_in(dir), display);
  PlayController& pc = auditsim::testing::start_with_devices(h);
  const std::string url = pc.devices()->join_url();
  httplib::Client c("127.0.0.1", std::stoi(url.substr(17)));
  c.set_default_headers({{"Origin", url.substr(0, url.size() - 1)}});
  // A room of twelve, each voting with a reason: the most the panel has to hold.
  for (int i = 0; i < 12; ++i) {
    auto j = c.Post("/join", json{{"code", pc.devices()->code()}, {"name", "Member " + std::to_string(i)}, {"team", ""}}.dump(),
                    "application/json");
    REQUIRE(j);
    REQUIRE(j->status == 200);
    const std::string set = j->get_header_value("Set-Cookie");
    httplib::Headers cookie{{"Cookie", set.substr(0, set.find(';'))}};
    json st = json::parse(c.Get("/state", cookie)->body);
    const std::string stage = st["view"]["stage"];
    REQUIRE(c.Post("/vote", cookie, json{{"stage", stage}, {"choice", st["view"]["choices"][i % 3]["id"]}}.dump(),
                   "application/json")->status == 200);
    REQUIRE(c.Post("/reason", cookie, json{{"stage", stage}, {"reason", "Because the school knows him best, and the police should hear about the car."}, {"dissent", ""}}.dump(),
                   "application/json")->status == 200);
  }
  h.frame();
  h.frame();
  auto on_screen = [&](const char* label) {
    CAPTURE(label);
    const ProbeItem* it = h.probe().find(label);
    REQUIRE(it != nullptr);
    CHECK(it->min.x >= 0);
    CHECK(it->min.y >= 0);
    CHECK(it->max.x <= display.x);
    CHECK(it->max.y <= display.y);
  };
  on_screen("Let devices join##devices");
  on_screen("Room code##devices");
  on_screen("QR code of the join address");
  for (int i = 1; i <= 6; ++i) on_screen(("Remove##device-" + std::to_string(i)).c_str());
  CHECK(h.probe().saw_text("12 of 12 devices have voted at this stage"));
  CHECK(h.probe().saw_text("Choice 1: 4 votes, choice 2: 4 votes, choice 3: 4 votes"));
  CHECK(h.probe().saw_text("Joined: 12"));
}
