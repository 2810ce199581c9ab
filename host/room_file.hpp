// What is written down of a running room so that, after the laptop crashes or the program is
// killed, the room opens again (`auditsim host --resume`, or the desktop program resuming the
// session): its code, address, the teams' recorded sessions and the devices that had joined,
// each by its token's SHA-256 only. Devices that come back with their cookie are then the same
// devices at the same stage, with no new code to type. The file is owner-only and removed when
// the room ends normally. The terminal and the desktop program share all of it: where the file
// is, how it is read (and refused), and how a host is set up again from it.
#pragma once

#include <string>
#include <vector>

#include "sim/room/room.hpp"

namespace auditsim::host {

class Host;
struct HostOptions;

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
// False with `error` (a sentence) when the text is not a room file this program wrote: not
// JSON, a field missing or of the wrong kind, or a value it would never write (a code outside
// the room's letters, a port or address that cannot be one, a device id, name or token hash
// out of shape, a device twice, a device at a table the room does not have, more devices than
// a room takes).
bool parse_room_file(const std::string& text, RoomFile* out, std::string* error);

// Where the room of results store `db` is written down. A results file: beside it, as
// DB.room (one room per database at a time). A results server (postgresql://): in the rooms
// folder beside the settings file `settings_path`, named by the SHA-256 of the server's address
// and the event's name (`event`, empty when the sessions have none), so a laptop keeps its own
// evening's room and two events on one server never share one.
std::string room_file_path(const std::string& db, const std::string& settings_path,
                           const std::string& event);

enum class RoomFileRead {
  Absent,   // no room was interrupted
  Ok,       // `out` holds it
  Refused,  // there is a file, but not one to open a room from: `error` says why
};
// Reads the room file at `path` (a regular file of at most 4 MB, never a folder, pipe or device).
RoomFileRead read_room_file(const std::string& path, RoomFile* out, std::string* error);

// The options a host opens the interrupted room with: its code, and its address, port and Part
// B permission unless `options` already names an address or port. The devices' bookmarks and
// cookies point at the old address and port.
void resume_options(const RoomFile& f, HostOptions* options);
// Puts the room's devices back on `h` (before it starts).
void restore_devices(Host& h, const RoomFile& f);

}  // namespace auditsim::host
