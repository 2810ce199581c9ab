// After a crash, the councillors' devices come back to the same room: when a resumed session's
// room file is there (host/room_file.hpp, written while joining was on), the facilitator is
// offered to let the same devices back in with the same code, so nobody in the room has to
// scan or type anything again. A file that is damaged or not one this program wrote is refused
// in plain words and play goes on; joining can be turned on afresh with a new code.
#include <imgui.h>

#include <filesystem>

#include "ui/app/app.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

void App::place_room_file() {
  if (!play_ || !play_->recorded()) return;
  play_->set_room_file(host::room_file_path(db_path_, settings_path_, play_->event_name()));
}

void App::find_room_offer() {
  room_offer_.reset();
  if (!play_ || play_->room_file().empty()) return;
  host::RoomFile f;
  std::string error;
  switch (host::read_room_file(play_->room_file(), &f, &error)) {
    case host::RoomFileRead::Absent: return;
    case host::RoomFileRead::Refused:
      show_error("The devices cannot come back to their room", error,
                 "Turn on \"Let devices join\" in the facilitator panel for a new room code; "
                 "every decision already recorded is kept.");
      return;
    case host::RoomFileRead::Ok: break;
  }
  // A room file of another session (one played since on this database) is not this play's.
  if (DeviceRoom::fits(f, *play_)) room_offer_ = std::move(f);
}

bool App::accept_room_offer(host::HostOptions options) {
  if (!room_offer_ || !play_) return false;
  const host::RoomFile f = std::move(*room_offer_);
  room_offer_.reset();
  std::string error;
  DeviceRoom& room = play_->open_devices(std::move(options), &f);
  if (!room.set_joining(true, &error)) {
    show_error("The devices cannot come back to their room", error,
               "Join this computer to the room's Wi-Fi or hotspot again, then turn on \"Let "
               "devices join\" in the facilitator panel (with a new room code if the address "
               "has changed).");
    return false;
  }
  return true;
}

void App::decline_room_offer() {
  if (!room_offer_ || !play_) return;
  room_offer_.reset();
  std::error_code ec;
  std::filesystem::remove(play_->room_file(), ec);
}

void App::draw_room_offer() {
  if (!room_offer_ || resume_offer_ || !errors_.empty()) return;
  const char* id = "Devices were in the room##room-offer";
  if (begin_dialog(id)) {
    size_t joined = 0;
    for (const host::RoomFile::SavedDevice& d : room_offer_->devices) joined += d.device.removed ? 0 : 1;
    const std::string what = std::to_string(joined) + (joined == 1 ? " device" : " devices") +
                             " had joined with room code " + room_offer_->code + " at http://" +
                             room_offer_->bind + ":" + std::to_string(room_offer_->port) + "/.";
    text_wrapped(what.c_str());
    gap(0.4f);
    text_wrapped("Let the same devices back in, with the same code, at their table's stage? "
                 "Votes not yet recorded must be cast again.");
    gap(0.6f);
    const float fs = ImGui::GetFontSize();
    if (primary_button("Let them back in##room-offer", ImVec2(fs * 10, 0))) {
      ImGui::CloseCurrentPopup();
      accept_room_offer();
    }
    ImGui::SameLine();
    if (button("New room code##room-offer")) {
      ImGui::CloseCurrentPopup();
      decline_room_offer();
    }
    ImGui::EndPopup();
  }
}

}  // namespace auditsim::ui
