// The rules of a room that councillors join from their own devices, with no I/O: who has joined,
// each device's one current vote per stage, reasons and dissent, rate limits, and the tally the
// facilitator sees. The HTTP server (host/) and the desktop program's controller hold one Room
// behind a lock; tests drive it directly with a made-up clock.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace auditsim::room {

// Why a request was turned away. Each has a stable code (refusal_code) the page and the log show.
enum class Refusal {
  None,
  NotOpen,        // joining is off for this session
  WrongCode,      // the room code does not match
  UnknownDevice,  // no such token: forged, or from another evening
  Removed,        // the facilitator removed this device
  RateLimited,    // too many requests from this device or address
  BadText,        // not UTF-8, control characters, or markup in a name or reason
  TooLong,        // a name, team or reason over its limit
  UnknownTeam,    // not one of this session's teams
  UnknownChoice,  // not a choice offered at this stage
  WrongStage,     // the vote was for a stage the room has left
  RoomFull,       // more devices than the room allows
};
const char* refusal_code(Refusal r);     // "room-code-wrong", ...
const char* refusal_message(Refusal r);  // plain words for the participant, with what to do

struct Limits {
  size_t name_bytes = 60;
  size_t team_bytes = 60;
  size_t reason_bytes = 600;
  size_t max_devices = 300;
  // Token buckets: `burst` requests at once, refilled at `per_second`.
  double device_burst = 20, device_per_second = 4;
  double address_burst = 120, address_per_second = 40;
  double join_burst = 10, join_per_second = 0.5;  // wrong codes per address: guessing is slow
};

// A token bucket per key (a device, an address). Time is passed in, so tests need no sleep.
class RateLimiter {
 public:
  RateLimiter(double burst, double per_second) : burst_(burst), rate_(per_second) {}
  bool allow(const std::string& key, int64_t now_ms);
  // True when the key's bucket has no request left now (nothing is taken from it).
  bool empty(const std::string& key, int64_t now_ms) const;

 private:
  struct Bucket {
    double tokens;
    int64_t at_ms;
  };
  double burst_, rate_;
  std::map<std::string, Bucket> buckets_;
};

// One joined device. The token is its secret (in its cookie); the id is the pseudonym the
// facilitator, the log and the store see.
struct Device {
  std::string token;
  std::string id;    // "device-7"
  std::string name;  // empty: anonymous
  std::string team;  // empty: the audience (watching, voting without a team)
  std::string address;
  int64_t joined_ms = 0;
  bool removed = false;
};

// A device's current vote at the current stage.
struct DeviceVote {
  std::string device;  // Device::id
  std::string team;
  std::string stage;   // Stage::key it was cast at
  std::string choice;  // choice id
  std::string reason;
  std::string dissent;
  int64_t at_ms = 0;
};

// The stage the room is at: a key that changes whenever the story moves (so votes for the last
// stage cannot land on this one) and the ids of the choices offered.
struct Stage {
  std::string key;
  std::vector<std::string> choices;
};

// What the facilitator sees: hands per choice, per team and in all, and every reason given.
struct Tally {
  std::string stage;
  std::map<std::string, int> votes;                                 // choice id -> devices
  std::map<std::string, std::map<std::string, int>> votes_by_team;  // team -> choice -> devices
  std::vector<DeviceVote> reasons;  // votes with a reason or dissent, oldest first
  int devices = 0;                  // joined and not removed
  int voted = 0;
};

// The result of a join: the new device, or why not.
struct JoinResult {
  Refusal refusal = Refusal::None;
  const Device* device = nullptr;
};

class Room {
 public:
  // `teams`: the session's team names (empty: one group, everyone in the audience).
  Room(std::string code, std::vector<std::string> teams, Limits limits = {});

  const std::string& code() const { return code_; }
  const std::vector<std::string>& teams() const { return teams_; }
  const Limits& limits() const { return limits_; }
  bool open() const { return open_; }
  void set_open(bool open) { open_ = open; }

  // A request from `address` (and the device with `token`, when it sent one): false when over
  // either rate limit. Every request is counted, refused or not.
  bool allow_request(const std::string& address, const std::string& token, int64_t now_ms);

  // Joins with the room code, a name (empty: anonymous) and a team ("" for the audience).
  JoinResult join(const std::string& code, const std::string& name, const std::string& team,
                  const std::string& address, int64_t now_ms, const std::string& token);
  // The device with this token, not removed; null otherwise (with why in `refusal`).
  const Device* device(const std::string& token, Refusal* refusal = nullptr) const;
  std::vector<Device> devices() const;  // in the order they joined, removed ones included
  // Removes a device by id: its token stops working and its vote at this stage is dropped.
  bool remove(const std::string& device_id);

  // Puts back a device the room had before the laptop restarted, known by the SHA-256 of its
  // token only (the token itself is never written down). It keeps its id; the device is its own
  // again the first time it sends the token whose hash this is (see claim). New devices are
  // numbered after the highest id restored.
  void restore(Device device, const std::string& token_sha256);
  // A restored device whose token this is becomes known by it; true when that happened. Every
  // request's token is offered here first (allow_request does it).
  bool claim(const std::string& token);
  // The SHA-256 of a joined device's token, as restore() takes it back.
  static std::string token_hash(const std::string& token);
  // Every device (removed ones included) with its token's SHA-256: what is written down so the
  // room can be restored after a restart.
  std::vector<std::pair<Device, std::string>> saved_devices() const;

  // Moves a team ("": one group, or the audience of a teams run) to a stage: in a teams run
  // each team's story moves on its own. Votes for the team's previous stage are dropped (the
  // host takes them with the decision first).
  void set_stage(const std::string& team, Stage stage);
  // The stage a team's devices vote at: the team's own, else the group's.
  const Stage& stage_for(const std::string& team) const;

  // Sets (or replaces) the device's vote at its team's stage; `stage_key` must match it.
  Refusal vote(const std::string& token, const std::string& stage_key, const std::string& choice,
               int64_t now_ms);
  // Adds a reason and any dissent to the device's vote at the current stage (replacing earlier).
  Refusal give_reason(const std::string& token, const std::string& stage_key,
                      const std::string& reason, const std::string& dissent, int64_t now_ms);
  // This device's vote at the current stage, if any.
  const DeviceVote* vote_of(const std::string& token) const;
  // The votes at a team's current stage, by device id ("": the group's or audience's).
  std::vector<DeviceVote> votes(const std::string& team) const;
  Tally tally(const std::string& team) const;

  // Checks a name, team, reason or dissent a device sent.
  static Refusal check_text(const std::string& s, size_t max_bytes);

 private:
  Device* find(const std::string& token);
  const Device* find(const std::string& token) const;

  std::string code_;
  std::vector<std::string> teams_;
  Limits limits_;
  bool open_ = true;
  std::vector<Device> devices_;
  std::map<std::string, size_t> by_token_;  // token -> index in devices_
  std::map<std::string, size_t> restored_;  // token's SHA-256 -> index, until it is claimed
  size_t next_number_ = 1;                  // the next new device is "device-N"
  std::map<std::string, Stage> stages_;      // team -> its stage
  std::map<std::string, DeviceVote> votes_;  // device id -> vote at its team's stage
  RateLimiter device_limit_, address_limit_, join_limit_;
};

}  // namespace auditsim::room
