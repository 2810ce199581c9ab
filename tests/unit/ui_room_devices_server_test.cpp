// The desktop room's file when the results store is the council's PostgreSQL server (the
// throwaway server of tests/postgres/pg-server, AUDITSIM_TEST_PG): it cannot go beside the
// database, so it goes in the rooms folder beside the settings, named for the server and the
// event; after the program is killed, resuming the session finds it there and lets the same
// device back in; closing the session removes it.
#include <doctest/doctest.h>

#include <httplib.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/load.hpp"
#include "tests/support/server_database.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"
#include "ui/app/headless.hpp"
#include "tests/unit/room_devices_fixture.hpp"

using namespace auditsim;
using namespace auditsim::ui;
using nlohmann::json;
namespace fs = std::filesystem;

TEST_CASE("with a results server the room file is beside the settings, by event, and a killed "
          "room comes back from it") {
  const char* server = std::getenv("AUDITSIM_TEST_PG");
  REQUIRE_MESSAGE(server, "run under CTest: the postgres_server fixture sets AUDITSIM_TEST_PG");
  const std::string url = auditsim::test::fresh_server_database(server, "t_ui_room_devices_server");
  const std::string dir = auditsim::test::fresh_scratch_dir("ui-room-server").string();
  AppConfig config = auditsim::test::app_config_in(dir);
  config.db_path = url;
  const std::string event = "Members' evening, March";
  const std::string room_file = host::room_file_path(url, config.settings_path, event);
  CHECK(fs::path(room_file).parent_path() == fs::path(dir) / "rooms");

  httplib::Headers cookie;
  std::string code;
  int port = 0;
  {
    Headless h(config, {1600, 2400});
    REQUIRE_MESSAGE(h.app().db(), h.app().db_error());
    SessionSetup setup;
    store::Event e;
    e.name = event;
    setup.event = e;
    PlayController& pc = auditsim::testing::start_with_devices(h, setup);
    CHECK(pc.devices()->room_file() == room_file);
    code = pc.devices()->code();
    port = std::stoi(pc.devices()->join_url().substr(17));
    httplib::Client c("127.0.0.1", port);
    c.set_default_headers({{"Origin", "http://127.0.0.1:" + std::to_string(port)}});
    auto j = c.Post("/join", json{{"code", code}, {"name", "Ann"}, {"team", ""}}.dump(), "application/json");
    REQUIRE(j);
    REQUIRE(j->status == 200);
    const std::string set = j->get_header_value("Set-Cookie");
    cookie = {{"Cookie", set.substr(0, set.find(';'))}};
    for (int i = 0; i < 2000 && auditsim::test::file_bytes(room_file).find("device-1") == std::string::npos; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    REQUIRE(auditsim::test::file_bytes(room_file).find("device-1") != std::string::npos);
    // Killed.
  }
  CHECK_FALSE(fs::exists(url + ".room"));  // never a path made from the server's address

  Headless h(config, {1600, 2400});
  REQUIRE(h.app().resume_offer());
  h.app().accept_resume_offer();
  REQUIRE(h.app().room_offer());
  CHECK(h.app().room_offer()->code == code);
  REQUIRE(h.app().accept_room_offer());
  PlayController& pc = *h.app().play();
  CHECK(pc.devices()->code() == code);
  httplib::Client c("127.0.0.1", port);
  json st = json::parse(c.Get("/state", cookie)->body);
  CHECK(st.value("joined", false));
  h.app().abandon_play();
  CHECK_FALSE(fs::exists(room_file));
}
