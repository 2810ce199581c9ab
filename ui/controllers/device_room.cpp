#include "ui/controllers/device_room.hpp"

#include "ui/controllers/play.hpp"

namespace auditsim::ui {

DeviceRoom::DeviceRoom(PlayController& pc, const Clock& clock, store::Store* db,
                       host::HostOptions options)
    : pc_(&pc), host_(pc.scenario_ptr(), clock, db, std::move(options)) {
  for (const Team& t : pc.teams()) {
    host::HostTeam ht;
    ht.name = pc.mode() == store::Mode::Teams ? t.name : std::string();
    ht.session = t.session;  // shared: the play controller records it
    host_.add_team(std::move(ht));
  }
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

}  // namespace auditsim::ui
