#include "host/room_file.hpp"

#include <arpa/inet.h>

#include <filesystem>
#include <set>

#include <nlohmann/json.hpp>

#include "host/host.hpp"
#include "sim/file_read.hpp"
#include "sim/room/secure_random.hpp"
#include "sim/sha256.hpp"
#include "sim/store/address.hpp"

namespace auditsim::host {

namespace {

constexpr size_t kMaxRoomFileBytes = 4 << 20;
constexpr size_t kMaxTeams = 64;

bool is_code(const std::string& s) {
  return s.size() == 6 && s.find_first_not_of(room::kRoomCodeLetters) == std::string::npos;
}

bool is_address(const std::string& s) {
  unsigned char buf[sizeof(in6_addr)];
  return inet_pton(AF_INET, s.c_str(), buf) == 1 || inet_pton(AF_INET6, s.c_str(), buf) == 1;
}

// "device-N", N from 1 with no leading zero and at most six digits: what Room numbers them.
bool is_device_id(const std::string& s) {
  const std::string prefix = "device-";
  if (s.rfind(prefix, 0) != 0) return false;
  const std::string n = s.substr(prefix.size());
  return !n.empty() && n.size() <= 6 && n[0] != '0' &&
         n.find_first_not_of("0123456789") == std::string::npos;
}

bool is_session_id(const std::string& s) {
  return !s.empty() && s.size() <= 64 &&
         s.find_first_not_of("0123456789abcdefABCDEF-") == std::string::npos;
}

bool is_hash(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string room_file_json(const RoomFile& f) {
  nlohmann::json j;
  j["format"] = "auditsim-room-1";
  j["code"] = f.code;
  j["bind"] = f.bind;
  j["port"] = f.port;
  j["allow_part_b"] = f.allow_part_b;
  j["teams"] = nlohmann::json::array();
  for (const RoomFile::Team& t : f.teams) j["teams"].push_back({{"name", t.name}, {"session", t.session_id}});
  j["devices"] = nlohmann::json::array();
  for (const RoomFile::SavedDevice& s : f.devices)
    j["devices"].push_back({{"id", s.device.id},
                            {"name", s.device.name},
                            {"team", s.device.team},
                            {"joined_ms", s.device.joined_ms},
                            {"removed", s.device.removed},
                            {"token_sha256", s.token_sha256}});
  return j.dump(1);
}

bool parse_room_file(const std::string& text, RoomFile* out, std::string* error) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  auto bad = [&](const std::string& what) {
    *error = "The interrupted room's file cannot be read (" + what +
             "), so the devices must join again with a new room code.";
    return false;
  };
  if (!j.is_object() || !j.contains("format") || !j["format"].is_string() ||
      j["format"].get<std::string>() != "auditsim-room-1")
    return bad("not a room file");
  const room::Limits limits;
  try {
    RoomFile f;
    f.code = j.at("code").get<std::string>();
    f.bind = j.at("bind").get<std::string>();
    f.port = j.at("port").get<int>();
    f.allow_part_b = j.at("allow_part_b").get<bool>();
    if (!is_code(f.code)) return bad("a room code this program never makes");
    if (!is_address(f.bind)) return bad("an address that is not a network address");
    if (f.port < 1 || f.port > 65535) return bad("a port that cannot be one");
    if (!j.at("teams").is_array() || j.at("teams").size() > kMaxTeams) return bad("too many teams");
    std::set<std::string> team_names, sessions;
    for (const auto& t : j.at("teams")) {
      RoomFile::Team team{t.at("name").get<std::string>(), t.at("session").get<std::string>()};
      if (room::Room::check_text(team.name, limits.team_bytes) != room::Refusal::None)
        return bad("a team name with markup or control characters in it");
      if (!is_session_id(team.session_id)) return bad("a team without its recorded session");
      if (!team_names.insert(team.name).second || !sessions.insert(team.session_id).second)
        return bad("a team twice");
      f.teams.push_back(std::move(team));
    }
    if (f.teams.empty()) return bad("no sessions");
    if (!j.at("devices").is_array() || j.at("devices").size() > limits.max_devices)
      return bad("more devices than a room takes");
    std::set<std::string> ids, hashes;
    for (const auto& d : j.at("devices")) {
      RoomFile::SavedDevice s;
      s.device.id = d.at("id").get<std::string>();
      s.device.name = d.at("name").get<std::string>();
      s.device.team = d.at("team").get<std::string>();
      s.device.joined_ms = d.at("joined_ms").get<int64_t>();
      s.device.removed = d.at("removed").get<bool>();
      s.token_sha256 = d.at("token_sha256").get<std::string>();
      if (!is_hash(s.token_sha256)) return bad("a device without its token's hash");
      if (!is_device_id(s.device.id)) return bad("a device id this program never gives");
      if (room::Room::check_text(s.device.name, limits.name_bytes) != room::Refusal::None)
        return bad("a device name with markup or control characters in it");
      // A device's table is one of the room's; "" is the audience (and the one group).
      if (!s.device.team.empty() && !team_names.count(s.device.team))
        return bad("a device at a table the room does not have");
      if (!ids.insert(s.device.id).second || !hashes.insert(s.token_sha256).second)
        return bad("a device twice");
      f.devices.push_back(std::move(s));
    }
    *out = std::move(f);
    return true;
  } catch (const nlohmann::json::exception&) {
    return bad("a field is missing or of the wrong kind");
  }
}

std::string room_file_path(const std::string& db, const std::string& settings_path,
                           const std::string& event) {
  if (!store::is_server_address(db)) return db + ".room";
  const std::filesystem::path folder = std::filesystem::path(settings_path).parent_path() / "rooms";
  // The key only names the file: the address (never holding a password, settings.hpp) and the
  // event's name are not written in it.
  return (folder / (sha256_hex(db + '\n' + event).substr(0, 32) + ".room")).string();
}

RoomFileRead read_room_file(const std::string& path, RoomFile* out, std::string* error) {
  FileRead read = read_regular_file(path, kMaxRoomFileBytes);
  switch (read.status) {
    case FileRead::Status::Missing: return RoomFileRead::Absent;
    case FileRead::Status::Ok: break;
    case FileRead::Status::NotRegular:
      *error = "The interrupted room's file " + path + " is " + file_kind_words(read.kind) +
               ", not a room file, so the devices must join again with a new room code.";
      return RoomFileRead::Refused;
    case FileRead::Status::TooLarge:
      *error = "The interrupted room's file " + path +
               " is far larger than any room this program writes, so the devices must join "
               "again with a new room code.";
      return RoomFileRead::Refused;
    case FileRead::Status::Unreadable:
      *error = "The interrupted room's file " + path + " cannot be read (" + read.error +
               "), so the devices must join again with a new room code.";
      return RoomFileRead::Refused;
  }
  return parse_room_file(read.bytes, out, error) ? RoomFileRead::Ok : RoomFileRead::Refused;
}

void resume_options(const RoomFile& f, HostOptions* options) {
  options->code = f.code;
  if (options->bind.empty()) options->bind = f.bind;
  if (options->port == 0) options->port = f.port;
  options->allow_part_b = f.allow_part_b;
}

void restore_devices(Host& h, const RoomFile& f) {
  for (const RoomFile::SavedDevice& d : f.devices) h.restore_device(d.device, d.token_sha256);
}

}  // namespace auditsim::host
