// What is written down of a running room so that, after the laptop crashes or the program is
// killed, `auditsim host --resume` opens the same room: its code, address, the teams' recorded
// sessions and the devices that had joined, each by its token's SHA-256 only. Devices that
// come back with their cookie are then the same devices at the same stage, with no new code to
// type. The file is owner-only and removed when the room ends normally.
#pragma once

#include <string>
#include <vector>

#include "sim/room/room.hpp"

namespace auditsim::host {

struct RoomFile {
  std::string code;
  std::string bind;
  int port = 0;
  bool allow_part_b = false;
  struct Team {
    std::string name;        // "" for the one group
    std::string session_id;  // its recorded session
  };
  std::vector<Team> teams;
  struct SavedDevice {
    room::Device device;  // token empty
    std::string token_sha256;
  };
  std::vector<SavedDevice> devices;
};

std::string room_file_json(const RoomFile& f);
// False with `error` (a sentence) when the text is not a room file this program wrote.
bool parse_room_file(const std::string& text, RoomFile* out, std::string* error);

}  // namespace auditsim::host
