// The desktop program survives its own crash with councillors' devices in the room, driven
// headless with real devices over HTTP on 127.0.0.1: while joining is on the room is written
// down beside the results file; the program is then killed (the app goes without the room
// being ended) and started again; resuming the session offers to let the same devices back in,
// and a device with its old cookie is at the same stage with its earlier vote kept; a wrong
// code or a made-up cookie is refused; ending the session removes the room file. A damaged
// room file is refused in plain words and play goes on.
#include <doctest/doctest.h>

#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/load.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"
#include "ui/app/headless.hpp"
#include "tests/unit/room_devices_fixture.hpp"

using namespace auditsim;
using namespace auditsim::ui;
using auditsim::testing::start_with_devices;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A device: its own client and, once joined, its cookie.
struct Device {
  httplib::Client c;
  httplib::Headers cookie;
  explicit Device(int port) : c("127.0.0.1", port) {
    c.set_default_headers({{"Origin", "http://127.0.0.1:" + std::to_string(port)}});
  }
  int join(const std::string& code) {
    auto r = c.Post("/join", json{{"code", code}, {"name", "Ann"}, {"team", ""}}.dump(), "application/json");
    REQUIRE(r);
    if (r->status == 200) {
      const std::string set = r->get_header_value("Set-Cookie");
      cookie = {{"Cookie", set.substr(0, set.find(';'))}};
    }
    return r->status;
  }
  json state() {
    auto r = c.Get("/state", cookie);
    REQUIRE(r);
    return json::parse(r->body, nullptr, false);
  }
  int vote(const std::string& stage, const std::string& choice) {
    auto r = c.Post("/vote", cookie, json{{"stage", stage}, {"choice", choice}}.dump(), "application/json");
    REQUIRE(r);
    return r->status;
  }
};

int port_of(const DeviceRoom& d) { return std::stoi(d.join_url().substr(17)); }

int index_of(const Node& node, const std::string& choice) {
  for (size_t i = 0; i < node.choices.size(); ++i)
    if (node.choices[i].id == choice) return static_cast<int>(i);
  return -1;
}

// The room file is written on a thread of its own: waits until it names `what`.
void wait_for_room_file(const std::string& path, const std::string& what) {
  for (int i = 0; i < 2000 && auditsim::test::file_bytes(path).find(what) == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  REQUIRE(auditsim::test::file_bytes(path).find(what) != std::string::npos);
}

}  // namespace

TEST_CASE("killed with devices in the room, resumed: the same devices come back with the same "
          "code, at the same stage, their earlier vote kept, and ending removes the room file") {
  const std::string dir = auditsim::test::fresh_scratch_dir("ui-room-resume").string();
  const std::string room_file = dir + "/results.db.room";
  std::string code, session, stage_after_first;
  int port = 0;
  httplib::Headers cookie;
  {
    Headless h(auditsim::test::app_config_in(dir), {1600, 2400});
    PlayController& pc = start_with_devices(h);
    code = pc.devices()->code();
    port = port_of(*pc.devices());
    session = pc.team(0).session_id;
    CHECK(pc.devices()->room_file() == room_file);
    Device ann(port);
    REQUIRE(ann.join(code) == 200);
    cookie = ann.cookie;
    json st = ann.state();
    const std::string choice = st["view"]["choices"][1]["id"];
    REQUIRE(ann.vote(st["view"]["stage"], choice) == 200);
    std::string error;
    REQUIRE_MESSAGE(pc.choose(0, index_of(pc.scenario().nodes[pc.scenario().start], choice), &error), error);
    REQUIRE(h.app().db()->device_votes(session).size() == 1);
    stage_after_first = ann.state()["view"]["stage"];
    wait_for_room_file(room_file, "device-1");
    // The file names the device by its token's hash only, never the token.
    const std::string token = cookie.begin()->second.substr(cookie.begin()->second.find('=') + 1);
    CHECK(auditsim::test::file_bytes(room_file).find(token) == std::string::npos);
    // Killed: the app goes with the room never ended, as when the laptop crashes.
  }
  REQUIRE(fs::exists(room_file));
  {
    // Nothing listens between the crash and the resume.
    Device before(port);
    CHECK_FALSE(before.c.Get("/state", cookie));
  }

  Headless h(auditsim::test::app_config_in(dir), {1600, 2400});
  REQUIRE(h.app().resume_offer());
  h.app().accept_resume_offer();
  REQUIRE(h.app().play());
  REQUIRE(h.app().room_offer());
  CHECK(h.app().room_offer()->code == code);
  h.frame();
  h.frame();
  CHECK(h.probe().saw_text("1 device had joined with room code " + code));
  REQUIRE(h.click("Let them back in##room-offer"));
  PlayController& pc = *h.app().play();
  REQUIRE(pc.devices());
  REQUIRE(pc.devices()->joining());
  CHECK(pc.devices()->code() == code);
  CHECK(port_of(*pc.devices()) == port);  // the devices' bookmarks still work

  // The device with its old cookie is the same device, at the same stage.
  Device ann(port);
  ann.cookie = cookie;
  json st = ann.state();
  REQUIRE_MESSAGE(st.value("joined", false), st.dump());
  CHECK(st["view"]["stage"] == stage_after_first);
  CHECK(st["device"]["id"] == "device-1");
  // Its earlier vote stays with the decision it was recorded with.
  auto rows = h.app().db()->device_votes(session);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].device == "device-1");
  CHECK(rows[0].decision_seq == 1);
  // And it votes at this stage as before.
  CHECK(ann.vote(st["view"]["stage"], st["view"]["choices"][0]["id"]) == 200);
  h.frame();
  CHECK(h.probe().saw_text("1 of 1 devices have voted at this stage"));

  // A wrong code, and a cookie the room never gave, are refused.
  Device stranger(port);
  CHECK(stranger.join(code == "KMNPRT" ? "KMNPRW" : "KMNPRT") == 403);
  stranger.cookie = {{"Cookie", "auditsim_device=0123456789abcdef0123456789abcdef"}};
  CHECK(stranger.state().value("joined", true) == false);
  CHECK(pc.devices()->devices().size() == 1);

  // Closed on purpose: the room is over, its file goes and nothing listens.
  h.app().abandon_play();
  CHECK_FALSE(fs::exists(room_file));
  CHECK_FALSE(ann.c.Get("/state", cookie));
}

TEST_CASE("resumed with a new room code instead: the old room's file goes and its devices are "
          "strangers") {
  const std::string dir = auditsim::test::fresh_scratch_dir("ui-room-resume-new").string();
  const std::string room_file = dir + "/results.db.room";
  std::string code;
  httplib::Headers cookie;
  {
    Headless h(auditsim::test::app_config_in(dir), {1600, 2400});
    PlayController& pc = start_with_devices(h);
    code = pc.devices()->code();
    Device ann(port_of(*pc.devices()));
    REQUIRE(ann.join(code) == 200);
    cookie = ann.cookie;
    wait_for_room_file(room_file, "device-1");
  }
  Headless h(auditsim::test::app_config_in(dir), {1600, 2400});
  h.app().accept_resume_offer();
  REQUIRE(h.app().room_offer());
  h.frame();
  h.frame();
  REQUIRE(h.click("New room code##room-offer"));
  CHECK_FALSE(h.app().room_offer());
  CHECK_FALSE(fs::exists(room_file));
  PlayController& pc = *h.app().play();
  CHECK(pc.devices() == nullptr);  // nothing listens until joining is turned on again
  host::HostOptions opts;
  opts.bind = "127.0.0.1";
  pc.open_devices(opts);
  REQUIRE(h.click("Let devices join##devices"));
  Device ann(port_of(*pc.devices()));
  ann.cookie = cookie;
  CHECK(ann.state().value("joined", true) == false);  // the old cookie is nobody here
  CHECK(pc.devices()->devices().empty());
}

TEST_CASE("a damaged room file on resume is refused in plain words, play goes on and a "
          "new room replaces it") {
  const std::string dir = auditsim::test::fresh_scratch_dir("ui-room-resume-damaged").string();
  const std::string room_file = dir + "/results.db.room";
  {
    Headless h(auditsim::test::app_config_in(dir), {1600, 2400});
    start_with_devices(h);
    wait_for_room_file(room_file, "auditsim-room-1");
  }
  fs::copy_file(std::string(AUDITSIM_TEST_DATA) + "/room/device-name-with-markup.room", room_file,
                fs::copy_options::overwrite_existing);
  Headless h(auditsim::test::app_config_in(dir), {1600, 2400});
  h.app().accept_resume_offer();
  REQUIRE(h.app().play());
  CHECK_FALSE(h.app().room_offer());
  h.frame();
  h.frame();
  CHECK(h.probe().saw_text("a device name with markup or control characters in it"));
  CHECK(h.probe().saw_text("join again with a new room code"));
  REQUIRE(h.click("OK##error"));
  // Play goes on; joining afresh writes a room of its own over the damaged file.
  PlayController& pc = *h.app().play();
  host::HostOptions opts;
  opts.bind = "127.0.0.1";
  pc.open_devices(opts);
  REQUIRE(h.click("Let devices join##devices"));
  REQUIRE(pc.devices()->joining());
  wait_for_room_file(room_file, pc.devices()->code());
  host::RoomFile back;
  std::string error;
  CHECK(host::read_room_file(room_file, &back, &error) == host::RoomFileRead::Ok);
  CHECK(back.teams.at(0).session_id == pc.team(0).session_id);
}

TEST_CASE("a rehearsal's room is never written down") {
  const std::string dir = auditsim::test::fresh_scratch_dir("ui-room-rehearsal").string();
  Headless h(auditsim::test::app_config_in(dir), {1600, 2400});
  PlayController& pc = start_with_devices(h, {}, /*record=*/false);
  CHECK(pc.devices()->room_file().empty());
  CHECK_FALSE(fs::exists(dir + "/results.db.room"));
}
