#include "host/room_file.hpp"

#include <nlohmann/json.hpp>

namespace auditsim::host {

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
             "): start a new room with `auditsim host FILE`.";
    return false;
  };
  if (!j.is_object() || j.value("format", "") != "auditsim-room-1") return bad("not a room file");
  try {
    RoomFile f;
    f.code = j.at("code").get<std::string>();
    f.bind = j.at("bind").get<std::string>();
    f.port = j.at("port").get<int>();
    f.allow_part_b = j.at("allow_part_b").get<bool>();
    for (const auto& t : j.at("teams"))
      f.teams.push_back({t.at("name").get<std::string>(), t.at("session").get<std::string>()});
    for (const auto& d : j.at("devices")) {
      RoomFile::SavedDevice s;
      s.device.id = d.at("id").get<std::string>();
      s.device.name = d.at("name").get<std::string>();
      s.device.team = d.at("team").get<std::string>();
      s.device.joined_ms = d.at("joined_ms").get<int64_t>();
      s.device.removed = d.at("removed").get<bool>();
      s.token_sha256 = d.at("token_sha256").get<std::string>();
      if (s.token_sha256.size() != 64) return bad("a device without its token's hash");
      f.devices.push_back(std::move(s));
    }
    if (f.teams.empty()) return bad("no sessions");
    *out = std::move(f);
    return true;
  } catch (const nlohmann::json::exception&) {
    return bad("a field is missing or of the wrong kind");
  }
}

}  // namespace auditsim::host
