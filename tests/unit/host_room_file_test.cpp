// The room file (host/room_file.hpp) that lets a room open again after a crash, shared by
// `auditsim host --resume` and the desktop program: what the program writes reads back the
// same; every damaged or hostile file under tests/data/room/ is refused with its reason in
// plain words; a folder, a pipe or a huge file at its place is refused without being read
// whole; and it goes beside a results file, or for a results server into the rooms folder
// beside the settings, one per event.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "host/host.hpp"
#include "host/room_file.hpp"
#include "sim/load.hpp"
#include "tests/support/test_files.hpp"

using namespace auditsim;
namespace fs = std::filesystem;

namespace {

const std::string kRooms = std::string(AUDITSIM_TEST_DATA) + "/room/";

host::RoomFile sample() {
  host::RoomFile f;
  f.code = "KMNPRT";
  f.bind = "192.168.4.20";
  f.port = 8080;
  f.allow_part_b = true;
  f.teams = {{"Team 1", "3f2b8c1e-6a4d-4e9b-9c1a-2b7d5e8f0a11"},
             {"Team 2", "7c9d0e2f-1b3a-4c5d-8e6f-9a0b1c2d3e44"}};
  host::RoomFile::SavedDevice d;
  d.device.id = "device-12";
  d.device.name = "Ann <3";  // a lone "<" is plain text
  d.device.team = "Team 2";
  d.device.joined_ms = 1234;
  d.device.removed = true;
  d.token_sha256 = room::Room::token_hash("0123456789abcdef0123456789abcdef");
  f.devices.push_back(d);
  return f;
}

}  // namespace

TEST_CASE("room file: what the program writes reads back the same") {
  const host::RoomFile f = sample();
  host::RoomFile back;
  std::string error;
  REQUIRE_MESSAGE(host::parse_room_file(host::room_file_json(f), &back, &error), error);
  CHECK(back.code == f.code);
  CHECK(back.bind == f.bind);
  CHECK(back.port == f.port);
  CHECK(back.allow_part_b);
  REQUIRE(back.teams.size() == 2);
  CHECK(back.teams[1].session_id == f.teams[1].session_id);
  REQUIRE(back.devices.size() == 1);
  CHECK(back.devices[0].device.id == "device-12");
  CHECK(back.devices[0].device.name == "Ann <3");
  CHECK(back.devices[0].device.team == "Team 2");
  CHECK(back.devices[0].device.removed);
  CHECK(back.devices[0].token_sha256 == f.devices[0].token_sha256);
}

TEST_CASE("room file: every damaged or hostile file is refused with its reason") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not-a-room-file.room", "not a room file"},
      {"cut-off-mid-write.room", "not a room file"},
      {"code-outside-the-room-letters.room", "a room code this program never makes"},
      {"address-with-a-command-in-it.room", "an address that is not a network address"},
      {"port-out-of-range.room", "a port that cannot be one"},
      {"port-as-text.room", "a field is missing or of the wrong kind"},
      {"device-name-with-markup.room", "a device name with markup"},
      {"device-at-a-table-the-room-lacks.room", "a device at a table the room does not have"},
      {"device-id-out-of-shape.room", "a device id this program never gives"},
      {"device-twice.room", "a device twice"},
      {"same-token-for-two-devices.room", "a device twice"},
      {"token-hash-not-hex.room", "a device without its token's hash"},
      {"session-id-a-path.room", "a team without its recorded session"},
      {"team-twice.room", "a team twice"},
      {"no-sessions.room", "no sessions"},
      {"team-name-with-control-characters.room", "a team name with markup or control characters"},
  };
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(kRooms)) files += e.path().extension() == ".room";
  CHECK(files == cases.size());  // each file there has its case here
  for (const auto& [file, why] : cases) {
    CAPTURE(file);
    host::RoomFile out;
    out.code = "untouched";
    std::string error;
    CHECK(host::read_room_file(kRooms + file, &out, &error) == host::RoomFileRead::Refused);
    CHECK(error.find(why) != std::string::npos);
    CHECK(error.find("join again with a new room code") != std::string::npos);
    CHECK(out.code == "untouched");  // nothing half read is handed on
  }
}

TEST_CASE("room file: more devices than a room takes, or deeply nested text, is refused") {
  host::RoomFile f = sample();
  f.devices.clear();
  for (size_t i = 1; i <= room::Limits{}.max_devices + 1; ++i) {
    host::RoomFile::SavedDevice d;
    d.device.id = "device-" + std::to_string(i);
    d.token_sha256 = room::Room::token_hash(std::string(32 - std::to_string(i).size(), '0') + std::to_string(i));
    f.devices.push_back(d);
  }
  host::RoomFile out;
  std::string error;
  CHECK_FALSE(host::parse_room_file(host::room_file_json(f), &out, &error));
  CHECK(error.find("more devices than a room takes") != std::string::npos);
  // A million brackets: turned away, not a stack overflow.
  CHECK_FALSE(host::parse_room_file(std::string(1000000, '['), &out, &error));
  CHECK(error.find("not a room file") != std::string::npos);
}

TEST_CASE("room file: nothing there, a folder, a pipe or a huge file at its place") {
  const fs::path dir = auditsim::test::fresh_scratch_dir("room-file-kinds");
  host::RoomFile out;
  std::string error;
  CHECK(host::read_room_file((dir / "none.room").string(), &out, &error) == host::RoomFileRead::Absent);

  fs::create_directory(dir / "folder.room");
  CHECK(host::read_room_file((dir / "folder.room").string(), &out, &error) == host::RoomFileRead::Refused);
  CHECK(error.find("is a folder, not a room file") != std::string::npos);

  REQUIRE(mkfifo((dir / "pipe.room").c_str(), 0600) == 0);  // no writer: a plain open would wait
  CHECK(host::read_room_file((dir / "pipe.room").string(), &out, &error) == host::RoomFileRead::Refused);
  CHECK(error.find("named pipe") != std::string::npos);

  {
    std::ofstream big(dir / "big.room");
    big << host::room_file_json(sample());
    big << std::string(5 << 20, ' ');  // still valid JSON, far larger than any room
  }
  CHECK(host::read_room_file((dir / "big.room").string(), &out, &error) == host::RoomFileRead::Refused);
  CHECK(error.find("far larger than any room") != std::string::npos);
}

TEST_CASE("room file: beside a results file, or for a results server beside the settings, "
          "one per event") {
  CHECK(host::room_file_path("/data/results.db", "/home/a/.config/auditsim/settings.json", "Members") ==
        "/data/results.db.room");
  const std::string server = "postgresql://auditsim_recorder@db.example.gov.uk/auditsim";
  const std::string settings = "/home/a/.config/auditsim/settings.json";
  const std::string a = host::room_file_path(server, settings, "Members' evening, March");
  const std::string b = host::room_file_path(server, settings, "Officers' evening, March");
  const std::string none = host::room_file_path(server, settings, "");
  CHECK(fs::path(a).parent_path() == "/home/a/.config/auditsim/rooms");
  CHECK(fs::path(a).extension() == ".room");
  CHECK(a != b);
  CHECK(a != none);
  CHECK(a == host::room_file_path(server, settings, "Members' evening, March"));  // found again
  CHECK(a != host::room_file_path("postgresql://auditsim_recorder@other.example/auditsim", settings,
                                  "Members' evening, March"));
  // The file's name gives away neither the server nor the event.
  CHECK(a.find("example") == std::string::npos);
  CHECK(a.find("Members") == std::string::npos);
}

TEST_CASE("room file: a host makes a missing rooms folder, owner-only, and writes the room there") {
  const fs::path dir = auditsim::test::fresh_scratch_dir("room-file-folder");
  LoadResult l = load_scenario_file(auditsim::test::kTutorial);
  REQUIRE(l.scenario);
  SteadyClock clock;
  host::HostOptions opts;
  opts.bind = "127.0.0.1";
  opts.room_file = (dir / "rooms" / "evening.room").string();
  {
    host::Host h(l.scenario, clock, nullptr, opts);
    host::HostTeam t;
    t.session = std::make_shared<Session>(l.scenario, clock);
    t.session_id = "3f2b8c1e-6a4d-4e9b-9c1a-2b7d5e8f0a11";
    h.add_team(std::move(t));
    std::string error;
    REQUIRE_MESSAGE(h.start(&error), error);
    h.stop();  // after the last write
  }
  struct stat folder{}, file{};
  REQUIRE(stat((dir / "rooms").c_str(), &folder) == 0);
  CHECK((folder.st_mode & 0777) == 0700);
  REQUIRE(stat(opts.room_file.c_str(), &file) == 0);
  CHECK((file.st_mode & 0777) == 0600);
  host::RoomFile back;
  std::string error;
  REQUIRE(host::read_room_file(opts.room_file, &back, &error) == host::RoomFileRead::Ok);
  REQUIRE(back.teams.size() == 1);
  // The session its owner records is named, so a resume knows whose room it was.
  CHECK(back.teams[0].session_id == "3f2b8c1e-6a4d-4e9b-9c1a-2b7d5e8f0a11");
}
