// The laptop as the place councillors join from their own devices: an HTTP server on the room's
// own network (Debian's cpp-httplib) serving the join page, each device's view of its team's
// current stage, and its vote and reason; the facilitator records the group's decision here,
// with every device's vote kept beside it in the results store. No internet is needed.
//
// Safe on a shared network: it listens only on the address given (never all interfaces unless
// asked for by name), only between start() and stop(); requests are size- and rate-limited;
// POSTs must come from the page's own origin with a JSON body; the device's token is an
// HttpOnly, SameSite=Strict cookie; the Content-Security-Policy allows no inline script.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sim/engine.hpp"
#include "sim/recording.hpp"
#include "sim/room/device_view.hpp"
#include "sim/room/room.hpp"
#include "sim/store/store.hpp"

namespace httplib {
class Server;
}

namespace auditsim::host {

struct HostOptions {
  std::string bind;  // the address to listen on; empty: the laptop's LAN address
  int port = 0;      // 0: any free port
  bool allow_part_b = false;  // Part B text may go to devices for this session
  size_t max_body_bytes = 4096;
  int threads = 64;      // enough for every device of a full room polling at once
  int backlog = 256;     // connections waiting to be accepted: a whole room votes at once
  room::Limits limits;
  std::string code;       // the room code; empty: a new one (a resumed room keeps its own)
  // Where the room is written down to be opened again after a crash (host/room_file.hpp), on
  // start and on every join and removal; its folder is made when missing. Empty: nowhere.
  std::string room_file;
};

// One team's story (or the only group's, with an empty name) and where it is recorded.
struct HostTeam {
  std::string name;
  // Shared with the desktop program's play controller when the room runs there.
  std::shared_ptr<Session> session;
  std::unique_ptr<SessionRecorder> recorder;  // null: recorded by its owner (the desktop)
  // Its recorded session when its owner records it (what the room file names); with a
  // recorder, the recorder's.
  std::string session_id;
  bool revealed = false;  // the facilitator has shown the last decision's feedback to devices
  // What the team's devices are shown, made from the session each time it moves. The server's
  // threads read only this, never the session, so the session's owner may change it on its own
  // thread and then call Host::refresh.
  nlohmann::json view;
  std::string view_key;  // the stage, pause and reveal the view was made at
};

// The laptop's address on the local network (the first non-loopback IPv4 address that is up);
// empty when there is none.
std::string lan_address();

class Host {
 public:
  // `db` may be null (nothing recorded). The clock must outlive the host.
  Host(ScenarioPtr scenario, const Clock& clock, store::Store* db, HostOptions options);
  ~Host();
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // Adds a team before start(); in teams mode each has its own session.
  void add_team(HostTeam team);
  // Puts back, before start(), a device the room had before a restart (known by its token's
  // SHA-256): when it comes back with its cookie it is the same device, at its team's stage.
  void restore_device(const room::Device& device, const std::string& token_sha256);

  // Listens on the chosen address and port in a background thread. False with `error` when the
  // address cannot be used (not this machine's, port taken).
  bool start(std::string* error);
  void stop();
  bool running() const;

  const std::string& code() const { return room_.code(); }
  const std::string& address() const { return address_; }
  int port() const { return port_; }
  // http://ADDRESS:PORT/ : what the QR code holds.
  std::string join_url() const;

  // --- the facilitator (each call takes the lock; safe from any thread)
  void set_open(bool open);
  bool open() const;
  std::vector<std::string> team_names() const;
  room::Tally tally(const std::string& team) const;
  std::vector<room::Device> devices() const;
  bool remove(const std::string& device_id);
  // Records the group's decision `choice_id` for `team` with the devices' votes as its hands
  // and their reasons kept beside it; the team's devices move to the next stage.
  bool record(const std::string& team, const std::string& choice_id, std::string* error);
  // Shows the last decision's feedback on the team's devices.
  bool reveal(const std::string& team);
  // The team's session moved outside the host (the desktop's own recording, a pause, a
  // time-out): its devices are moved to its stage and shown it. Call it from the thread that
  // changes the session; it does nothing when the stage, pause and reveal are as they were.
  void refresh(const std::string& team);
  // The devices' votes at the team's current stage, to record with the group's decision.
  std::vector<room::DeviceVote> votes(const std::string& team) const;
  // Keeps the devices' votes with decision `seq` of the team's recorded session `session_id`
  // (the desktop records the decision itself, then calls this). Throws store::StoreError.
  void keep_votes(const std::string& session_id, int64_t seq, const std::string& node_id,
                  const std::vector<room::DeviceVote>& votes);
  // Advances timers (time-outs move the stage on); call now and then.
  void tick();
  // The team's session (for the facilitator's own screen); null when there is no such team.
  const Session* session(const std::string& team) const;
  std::string session_id(const std::string& team) const;

  // Joins, removals and refusals, one line each (pseudonymous ids, never tokens).
  void set_log(std::function<void(const std::string&)> log);

 private:
  struct Reply {
    int status = 200;
    std::string body;  // JSON
    std::string set_cookie;
  };
  HostTeam* find_team(const std::string& name);
  const HostTeam* find_team(const std::string& name) const;
  const HostTeam* team_of(const room::Device& d) const;
  void refresh_stage(HostTeam& t);  // with the lock held
  static std::string view_key(const HostTeam& t);
  void log(const std::string& line);
  void save_room_file();  // with the lock held
  int64_t now_ms() const;
  void routes();

  Reply state(const std::string& token);
  Reply join(const std::string& body, const std::string& token, const std::string& address);
  Reply vote(const std::string& body, const std::string& token);
  Reply reason(const std::string& body, const std::string& token);

  ScenarioPtr scenario_;
  const Clock* clock_;
  store::Store* db_;
  HostOptions options_;
  mutable std::mutex mu_;
  room::Room room_;
  std::vector<HostTeam> teams_;
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::string address_;
  int port_ = 0;
  int listen_fd_ = -1;
  std::function<void(const std::string&)> log_;
  // The room file is written on a thread of its own: a disk that is slow to flush (another
  // program writing a lot) must never hold up a device's request.
  void save_loop();
  std::thread saver_;
  std::mutex save_mu_;
  std::condition_variable save_cv_;
  std::string save_text_;  // the latest room file waiting to be written
  bool save_waiting_ = false, save_stop_ = false;
};

}  // namespace auditsim::host
