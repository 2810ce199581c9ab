// Councillors' own devices in the desktop program's room: the joining switch (off until the
// facilitator turns it on), the room code and the QR code of the join address, the devices that
// joined with a way to remove one, and the live tally and reasons. The server (host::Host) runs
// from the first time joining is turned on until the play ends; it shares the play
// controller's sessions and leaves their recording to it, keeping each device's vote with the
// decision the facilitator records. While it runs the room is written down (host/room_file.hpp)
// so that, after a crash, resuming the session can let the same devices back in with the same
// code; ending the room on purpose removes that file. No ImGui or SQL here: the room view reads
// this state.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "host/host.hpp"
#include "host/qr.hpp"
#include "host/room_file.hpp"

namespace auditsim::ui {

class PlayController;

class DeviceRoom {
 public:
  // `options.bind` empty: the laptop's LAN address. The play controller must outlive this.
  // `interrupted`: the room the play's sessions had when the program stopped, whose code,
  // address and devices it takes back (see fits()).
  DeviceRoom(PlayController& pc, const Clock& clock, store::Store* db, host::HostOptions options,
             const host::RoomFile* interrupted = nullptr);
  // True when the interrupted room `f` was this play's: the same recorded sessions, each once.
  static bool fits(const host::RoomFile& f, const PlayController& pc);

  // Turns joining on (starting the server the first time) or off (devices already in carry
  // on; no new ones). False with `error` when the server cannot listen.
  bool set_joining(bool on, std::string* error);
  bool joining() const { return joining_; }
  bool started() const { return started_; }
  const std::string& code() const { return host_.code(); }
  std::string join_url() const { return started_ ? host_.join_url() : std::string(); }
  // The QR code of the join address, made when the server starts (size 0 before).
  const host::QrCode& qr() const { return qr_; }

  std::vector<room::Device> devices() const { return host_.devices(); }
  bool remove(const std::string& device_id) { return host_.remove(device_id); }
  // Team t's tally at its current stage.
  room::Tally tally(int t) const;

  // Before team t's decision is recorded: the devices' votes at its stage (their counts become
  // the decision's hands). After it: keeps them with the decision `seq` of `session_id`.
  std::vector<room::DeviceVote> votes(int t) const;
  void keep(const std::string& session_id, int64_t seq, const std::string& node_id,
            const std::vector<room::DeviceVote>& votes);
  // Each frame: the devices follow their team's story (decisions, undo, pause, time-outs).
  void follow();
  // Shows team t's last decision's feedback on its devices.
  void reveal(int t);
  // The room ends on purpose (the story is over, or the facilitator closed the session): the
  // server stops and the room's file goes, so nothing is left to let devices back in with.
  void end();
  const std::string& room_file() const { return room_file_; }

 private:
  std::string team_name(int t) const;
  PlayController* pc_;
  host::Host host_;
  host::QrCode qr_;
  std::string room_file_;
  bool joining_ = false;
  bool started_ = false;
};

}  // namespace auditsim::ui
