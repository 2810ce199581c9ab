#include "sim/room/room.hpp"

#include <algorithm>
#include <cstdlib>

#include "sim/room/secure_random.hpp"
#include "sim/sha256.hpp"
#include "sim/utf8.hpp"

namespace auditsim::room {

const char* refusal_code(Refusal r) {
  switch (r) {
    case Refusal::None: return "ok";
    case Refusal::NotOpen: return "room-closed";
    case Refusal::WrongCode: return "room-code-wrong";
    case Refusal::UnknownDevice: return "device-unknown";
    case Refusal::Removed: return "device-removed";
    case Refusal::RateLimited: return "too-many-requests";
    case Refusal::BadText: return "text-refused";
    case Refusal::TooLong: return "text-too-long";
    case Refusal::UnknownTeam: return "team-unknown";
    case Refusal::UnknownChoice: return "choice-unknown";
    case Refusal::WrongStage: return "stage-moved-on";
    case Refusal::RoomFull: return "room-full";
  }
  return "refused";
}

const char* refusal_message(Refusal r) {
  switch (r) {
    case Refusal::None: return "Done.";
    case Refusal::NotOpen: return "Joining is not open. Ask the facilitator to turn it on.";
    case Refusal::WrongCode:
      return "That room code is not right. Check the code on the room's screen and try again.";
    case Refusal::UnknownDevice: return "This device has not joined. Enter the room code to join.";
    case Refusal::Removed: return "The facilitator has removed this device from the room.";
    case Refusal::RateLimited: return "Too many requests at once. Wait a few seconds and try again.";
    case Refusal::BadText:
      return "That text cannot be used: leave out angle-bracket markup and control characters.";
    case Refusal::TooLong: return "That text is too long. Shorten it and try again.";
    case Refusal::UnknownTeam: return "That team is not in this session. Pick one from the list.";
    case Refusal::UnknownChoice: return "That choice is not offered at this stage.";
    case Refusal::WrongStage: return "The room has moved on to the next stage. Vote again there.";
    case Refusal::RoomFull: return "The room is full. Ask the facilitator.";
  }
  return "Refused.";
}

bool RateLimiter::empty(const std::string& key, int64_t now_ms) const {
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return false;
  const Bucket& b = it->second;
  const double elapsed = now_ms > b.at_ms ? static_cast<double>(now_ms - b.at_ms) / 1000.0 : 0.0;
  return std::min(burst_, b.tokens + rate_ * elapsed) < 1.0;
}

bool RateLimiter::allow(const std::string& key, int64_t now_ms) {
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now_ms});
  Bucket& b = it->second;
  if (!fresh && now_ms > b.at_ms) {
    b.tokens = std::min(burst_, b.tokens + rate_ * static_cast<double>(now_ms - b.at_ms) / 1000.0);
    b.at_ms = now_ms;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

Room::Room(std::string code, std::vector<std::string> teams, Limits limits)
    : code_(std::move(code)), teams_(std::move(teams)), limits_(limits),
      device_limit_(limits.device_burst, limits.device_per_second),
      address_limit_(limits.address_burst, limits.address_per_second),
      join_limit_(limits.join_burst, limits.join_per_second) {}

bool Room::allow_request(const std::string& address, const std::string& token, int64_t now_ms) {
  claim(token);
  bool ok = address_limit_.allow(address, now_ms);
  // Only a known device has a bucket of its own: made-up tokens must not grow the map.
  if (!token.empty() && find(token)) ok = device_limit_.allow(token, now_ms) && ok;
  return ok;
}

Refusal Room::check_text(const std::string& s, size_t max_bytes) {
  if (s.size() > max_bytes) return Refusal::TooLong;
  if (!utf8::is_valid(s)) return Refusal::BadText;
  for (size_t i = 0; i < s.size();) {
    utf8::Char c = utf8::decode(s, i);
    if ((c.cp < 0x20 && c.cp != '\n') || c.cp == 0x7f || utf8::is_bidi_control(c.cp))
      return Refusal::BadText;
    // Markup is refused outright rather than stored: a name like "<script>" is never meant.
    // A lone "<" ("cost < benefit") is plain text and kept.
    if (c.cp == '<' && i + 1 < s.size()) {
      unsigned char n = static_cast<unsigned char>(s[i + 1]);
      if (std::isalpha(n) || n == '/' || n == '!' || n == '?') return Refusal::BadText;
    }
    i += c.len;
  }
  return Refusal::None;
}

Device* Room::find(const std::string& token) {
  auto it = by_token_.find(token);
  return it == by_token_.end() ? nullptr : &devices_[it->second];
}
const Device* Room::find(const std::string& token) const {
  auto it = by_token_.find(token);
  return it == by_token_.end() ? nullptr : &devices_[it->second];
}

JoinResult Room::join(const std::string& code, const std::string& name, const std::string& team,
                      const std::string& address, int64_t now_ms, const std::string& token) {
  if (!open_) return {Refusal::NotOpen};
  // Only a wrong code counts against the address, so a whole room behind one address (a
  // venue's router) joins at once; once guesses have used the allowance, even the right code
  // waits, or a guesser would learn it from the one answer that differs.
  if (join_limit_.empty(address, now_ms)) return {Refusal::RateLimited};
  if (normalise_room_code(code) != code_) {
    join_limit_.allow(address, now_ms);
    return {Refusal::WrongCode};
  }
  if (Refusal r = check_text(name, limits_.name_bytes); r != Refusal::None) return {r};
  if (Refusal r = check_text(team, limits_.team_bytes); r != Refusal::None) return {r};
  if (!team.empty() && std::find(teams_.begin(), teams_.end(), team) == teams_.end())
    return {Refusal::UnknownTeam};
  claim(token);
  if (Device* d = find(token)) {
    // Rejoining (the Wi-Fi dropped, the page reloaded): the same device, its vote kept.
    if (d->removed) return {Refusal::Removed};
    d->name = name;
    d->team = team;
    d->address = address;
    return {Refusal::None, d};
  }
  if (token.size() != 32) return {Refusal::UnknownDevice};
  if (devices_.size() >= limits_.max_devices) return {Refusal::RoomFull};
  Device d;
  d.token = token;
  d.id = "device-" + std::to_string(next_number_++);
  d.name = name;
  d.team = team;
  d.address = address;
  d.joined_ms = now_ms;
  by_token_[token] = devices_.size();
  devices_.push_back(std::move(d));
  return {Refusal::None, &devices_.back()};
}

std::string Room::token_hash(const std::string& token) { return sha256_hex(token); }

void Room::restore(Device device, const std::string& token_sha256) {
  device.token.clear();
  const std::string prefix = "device-";
  if (device.id.rfind(prefix, 0) == 0) {
    size_t n = std::strtoul(device.id.c_str() + prefix.size(), nullptr, 10);
    next_number_ = std::max(next_number_, n + 1);
  }
  restored_[token_sha256] = devices_.size();
  devices_.push_back(std::move(device));
}

std::vector<std::pair<Device, std::string>> Room::saved_devices() const {
  std::vector<std::pair<Device, std::string>> out;
  for (const Device& d : devices_) out.emplace_back(d, d.token.empty() ? std::string() : token_hash(d.token));
  for (const auto& [hash, index] : restored_) out[index].second = hash;
  for (auto& [d, hash] : out) d.token.clear();
  return out;
}

bool Room::claim(const std::string& token) {
  // Only a well-formed token is hashed at all: a made-up one costs nothing to turn away.
  if (restored_.empty() || token.size() != 32 || by_token_.count(token)) return false;
  auto it = restored_.find(token_hash(token));
  if (it == restored_.end()) return false;
  devices_[it->second].token = token;
  by_token_[token] = it->second;
  restored_.erase(it);
  return true;
}

const Device* Room::device(const std::string& token, Refusal* refusal) const {
  const Device* d = find(token);
  Refusal r = !d ? Refusal::UnknownDevice : d->removed ? Refusal::Removed : Refusal::None;
  if (refusal) *refusal = r;
  return r == Refusal::None ? d : nullptr;
}

std::vector<Device> Room::devices() const { return devices_; }

bool Room::remove(const std::string& device_id) {
  for (Device& d : devices_) {
    if (d.id != device_id || d.removed) continue;
    d.removed = true;
    votes_.erase(d.id);
    return true;
  }
  return false;
}

void Room::set_stage(const std::string& team, Stage stage) {
  stages_[team] = std::move(stage);
  for (auto it = votes_.begin(); it != votes_.end();)
    it = it->second.stage != stage_for(it->second.team).key ? votes_.erase(it) : std::next(it);
}

const Stage& Room::stage_for(const std::string& team) const {
  static const Stage kNone;
  auto it = stages_.find(team);
  if (it == stages_.end()) it = stages_.find("");
  return it == stages_.end() ? kNone : it->second;
}

Refusal Room::vote(const std::string& token, const std::string& stage_key,
                   const std::string& choice, int64_t now_ms) {
  Refusal r;
  const Device* d = device(token, &r);
  if (!d) return r;
  const Stage& stage = stage_for(d->team);
  if (stage.key.empty() || stage_key != stage.key) return Refusal::WrongStage;
  if (std::find(stage.choices.begin(), stage.choices.end(), choice) == stage.choices.end())
    return Refusal::UnknownChoice;
  DeviceVote& v = votes_[d->id];
  v.device = d->id;
  v.team = d->team;
  v.stage = stage.key;
  v.choice = choice;  // one current vote: a change replaces it, the reason stays with it
  v.at_ms = now_ms;
  return Refusal::None;
}

Refusal Room::give_reason(const std::string& token, const std::string& stage_key,
                          const std::string& reason, const std::string& dissent, int64_t now_ms) {
  Refusal r;
  const Device* d = device(token, &r);
  if (!d) return r;
  if (stage_key != stage_for(d->team).key) return Refusal::WrongStage;
  if (Refusal t = check_text(reason, limits_.reason_bytes); t != Refusal::None) return t;
  if (Refusal t = check_text(dissent, limits_.reason_bytes); t != Refusal::None) return t;
  auto it = votes_.find(d->id);
  if (it == votes_.end()) return Refusal::UnknownChoice;  // vote first, then say why
  it->second.reason = reason;
  it->second.dissent = dissent;
  it->second.at_ms = now_ms;
  return Refusal::None;
}

const DeviceVote* Room::vote_of(const std::string& token) const {
  const Device* d = device(token);
  if (!d) return nullptr;
  auto it = votes_.find(d->id);
  return it == votes_.end() ? nullptr : &it->second;
}

// Whether a device of `device_team` votes at the stage of `team`: its own team's, or the group's
// when its team has no stage of its own (the audience of a teams run follows the group stage).
static bool votes_at(const std::map<std::string, Stage>& stages, const std::string& device_team,
                     const std::string& team) {
  if (device_team == team) return true;
  return team.empty() && !stages.count(device_team);
}

std::vector<DeviceVote> Room::votes(const std::string& team) const {
  std::vector<DeviceVote> out;
  for (const auto& [id, v] : votes_)
    if (votes_at(stages_, v.team, team)) out.push_back(v);
  return out;
}

Tally Room::tally(const std::string& team) const {
  Tally t;
  const Stage& stage = stage_for(team);
  t.stage = stage.key;
  for (const std::string& c : stage.choices) t.votes[c] = 0;
  for (const Device& d : devices_)
    if (!d.removed && votes_at(stages_, d.team, team)) ++t.devices;
  std::vector<DeviceVote> reasons;
  for (const auto& [id, v] : votes_) {
    if (!votes_at(stages_, v.team, team)) continue;
    ++t.votes[v.choice];
    ++t.votes_by_team[v.team][v.choice];
    ++t.voted;
    if (!v.reason.empty() || !v.dissent.empty()) reasons.push_back(v);
  }
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const DeviceVote& a, const DeviceVote& b) { return a.at_ms < b.at_ms; });
  t.reasons = std::move(reasons);
  return t;
}

}  // namespace auditsim::room
