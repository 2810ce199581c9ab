// Councillors' own devices in the room view (ui/controllers/device_room.hpp): on the room's
// screen, while joining is on, the join address, the room code in large letters and the QR code
// of the address; in the facilitator's panel, the joining switch, the devices with a Remove
// button each, and the live tally and reasons, which the room never sees (a projected tally
// would sway the vote).
#include <imgui.h>

#include <cfloat>

#include "ui/app/app.hpp"
#include "ui/screens/room_parts.hpp"
#include "ui/widgets/probe.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

// The QR code drawn module by module, black on white with its quiet zone: crisp at any size,
// and the same in the main window, the facilitator's window (each its own GL context) and the
// headless tests (none), where a texture would need one per context.
void draw_qr(const host::QrCode& qr, float side) {
  if (qr.size == 0) return;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const int modules = qr.size + 8;
  const float m = std::floor(side / static_cast<float>(modules));
  const float whole = m * static_cast<float>(modules);
  dl->AddRectFilled(p, ImVec2(p.x + whole, p.y + whole), IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y)) {
        const float x0 = p.x + m * static_cast<float>(x + 4), y0 = p.y + m * static_cast<float>(y + 4);
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + m, y0 + m), IM_COL32(0, 0, 0, 255));
      }
  ImGui::Dummy(ImVec2(whole, whole));
  if (Probe* pr = active_probe()) pr->record_text("QR code of the join address");
}

std::string choice_line(const Node& node, const std::string& id, int votes) {
  for (const Choice& c : node.choices)
    if (c.id == id) return std::to_string(votes) + "  " + c.text;
  return std::to_string(votes) + "  " + id;
}

}  // namespace

void draw_room_join(App&, PlayController& pc, float width) {
  DeviceRoom* d = pc.devices();
  if (!d || !d->joining()) return;
  const float fs = ImGui::GetFontSize();
  const float side = std::min(fs * 5.0f, width * 0.25f);
  ImGui::BeginGroup();
  draw_qr(d->qr(), side);
  ImGui::EndGroup();
  ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  muted_text("Vote from your own phone or tablet: scan the code, or open");
  text(d->join_url().c_str());
  muted_text("and type the room code");
  ImFont* cd = fonts().countdown ? fonts().countdown : ImGui::GetFont();
  ImGui::PushFont(cd);
  text(d->code().c_str());
  ImGui::PopFont();
  ImGui::EndGroup();
}

void draw_devices_section(App& app, PlayController& pc, int t) {
  if (pc.mode() == store::Mode::Solo) return;
  heading("Councillors' devices", 3);
  DeviceRoom* d = pc.devices();
  bool on = d && d->joining();
  if (checkbox("Let devices join##devices", &on)) {
    std::string error;
    DeviceRoom& room = pc.open_devices(host::HostOptions{});
    if (!room.set_joining(on, &error))
      app.show_error("Devices cannot join", error,
                     "Join this computer to the room's Wi-Fi or hotspot, then turn joining on.");
  }
  d = pc.devices();
  if (!d || !d->started()) {
    muted_text("Off: nothing listens on the network. Turn it on to show the room a code.");
    return;
  }
  const std::string where = d->join_url() + "   code " + d->code() + (d->joining() ? "" : "   (closed to new devices)");
  text_wrapped(where.c_str());
  const room::Tally tally = d->tally(t);
  const Node& node = pc.team(static_cast<size_t>(t)).session->current_node();
  const std::string count = std::to_string(tally.voted) + " of " + std::to_string(tally.devices) +
                            " devices have voted at this stage";
  text(count.c_str());
  if (tally.voted > 0) muted_text("Recording the decision takes the devices' votes as its hands.");
  for (const auto& [choice, n] : tally.votes) text_wrapped(choice_line(node, choice, n).c_str());
  if (!tally.reasons.empty()) {
    gap(0.3f);
    muted_text("Reasons and dissent");
    for (const room::DeviceVote& v : tally.reasons) {
      std::string line = v.device + " (" + v.choice + "): " + v.reason;
      if (!v.dissent.empty()) line += "  Dissent: " + v.dissent;
      text_wrapped(line.c_str());
    }
  }
  if (button("Show the last feedback on devices##devices")) d->reveal(t);
  gap(0.3f);
  const std::vector<room::Device> devices = d->devices();
  muted_text(devices.empty() ? "No device has joined yet." : "Joined");
  for (const room::Device& dev : devices) {
    if (dev.removed) continue;
    std::string line = dev.id + "  " + (dev.name.empty() ? "anonymous" : dev.name) + "  " +
                       (dev.team.empty() ? "audience" : dev.team);
    text(line.c_str());
    ImGui::SameLine();
    const std::string label = "Remove##" + dev.id;
    if (button(label.c_str())) d->remove(dev.id);
  }
}

}  // namespace auditsim::ui
