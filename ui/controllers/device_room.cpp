#include "ui/controllers/device_room.hpp"

#include <filesystem>

#include "ui/controllers/play.hpp"

namespace auditsim::ui {

namespace {

host::HostOptions with_room(host::HostOptions options, const host::RoomFile* interrupted) {
  if (interrupted) host::resume_options(*interrupted, &options);
  return options;
}

}  // namespace

DeviceRoom::DeviceRoom(PlayController& pc, const Clock& clock, store::Store* db,
                       host::HostOptions options, const host::RoomFile* interrupted)
    : pc_(&pc), host_(pc.scenario_ptr(), clock, db, with_room(options, interrupted)),
      room_file_(options.room_file) {
  for (const Team& t : pc.teams()) {
    host::HostTeam ht;
    ht.name = pc.mode() == store::Mode::Teams ? t.name : std::string();
    ht.session = t.session;  // shared: the play controller records it
    ht.session_id = t.session_id;
    host_.add_team(std::move(ht));
  }
  if (interrupted) host::restore_devices(host_, *interrupted);
}

bool DeviceRoom::fits(const host::RoomFile& f, const PlayController& pc) {
  if (f.teams.size() != pc.teams().size()) return false;
  for (const host::RoomFile::Team& ft : f.teams) {
    size_t same = 0;
    for (const Team& t : pc.teams()) same += t.session_id == ft.session_id ? 1 : 0;
    if (same != 1) return false;
  }
  return true;
}

std::string DeviceRoom::team_name(int t) const {
  return pc_->mode() == store::Mode::Teams ? pc_->team(static_cast<size_t>(t)).name : std::string();
}

bool DeviceRoom::set_joining(bool on, std::string* error) {
  if (on && !started_) {
    if (!host_.start(error)) return false;
    started_ = true;
    qr_ = host::make_qr(host_.join_url());
  }
  if (started_) host_.set_open(on);
  joining_ = on && started_;
  return true;
}

room::Tally DeviceRoom::tally(int t) const { return host_.tally(team_name(t)); }

std::vector<room::DeviceVote> DeviceRoom::votes(int t) const { return host_.votes(team_name(t)); }

void DeviceRoom::keep(const std::string& session_id, int64_t seq, const std::string& node_id,
                      const std::vector<room::DeviceVote>& votes) {
  host_.keep_votes(session_id, seq, node_id, votes);
}

void DeviceRoom::follow() {
  for (size_t i = 0; i < pc_->teams().size(); ++i) host_.refresh(team_name(static_cast<int>(i)));
}

void DeviceRoom::reveal(int t) { host_.reveal(team_name(t)); }

void DeviceRoom::end() {
  host_.stop();  // after the last write of the room file
  joining_ = started_ = false;
  if (room_file_.empty()) return;
  std::error_code ec;
  std::filesystem::remove(room_file_, ec);
}

}  // namespace auditsim::ui
