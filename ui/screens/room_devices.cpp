// Councillors' own devices in the room view (ui/controllers/device_room.hpp): on the room's
// screen, while joining is on, the join address, the room code in large letters and the QR code
// of the address; near the top of the facilitator's panel, the joining switch, the code, the QR
// code and the address again, the live tally and reasons, which the room never sees (a
// projected tally would sway the vote), and the devices with a Remove button each, in a list
// that scrolls within a few rows so the rest of the panel stays in reach.
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>

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
  if (Probe* pr = active_probe()) {
    pr->record_text("QR code of the join address");
    pr->record("QR code of the join address", "image", true);  // where it is, for the layout tests
  }
}

// The devices' votes by the choices' numbers, as the Votes section numbers them: "Choice 1: 3
// votes, choice 2: 1 vote". One line, so the devices' list stays on screen.
std::string choice_counts(const Session& s, const room::Tally& tally) {
  const Node& node = s.current_node();
  std::string out;
  const std::vector<int> avail = s.available_choices();
  for (size_t k = 0; k < avail.size(); ++k) {
    auto it = tally.votes.find(node.choices[avail[k]].id);
    const int n = it == tally.votes.end() ? 0 : it->second;
    if (n == 0) continue;
    out += std::string(out.empty() ? "Choice " : ", choice ") + std::to_string(k + 1) + ": " +
           std::to_string(n) + (n == 1 ? " vote" : " votes");
  }
  return out;
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
  // How to join first, the QR code beside the code and address, so the facilitator can read it
  // out or hold the laptop up without scrolling on a 1280x800 screen.
  const float fs = ImGui::GetFontSize();
  ImGui::BeginGroup();
  draw_qr(d->qr(), std::min(fs * 6.0f, ImGui::GetContentRegionAvail().x * 0.4f));
  ImGui::EndGroup();
  ImGui::SameLine(0, fs * 0.6f);
  ImGui::BeginGroup();
  muted_text("Room code");
  if (fonts().h1) ImGui::PushFont(fonts().h1);
  text(d->code().c_str());
  if (Probe* pr = active_probe()) pr->record("Room code##devices", "text", true);
  if (fonts().h1) ImGui::PopFont();
  text_wrapped(d->join_url().c_str());
  if (!d->joining()) muted_text("Closed to new devices");
  ImGui::EndGroup();

  const room::Tally tally = d->tally(t);
  const Session& session = *pc.team(static_cast<size_t>(t)).session;
  const std::string count = std::to_string(tally.voted) + " of " + std::to_string(tally.devices) +
                            " devices have voted at this stage";
  text(count.c_str());
  if (tally.voted > 0) {
    muted_text("Recording the decision takes the devices' votes as its hands.");
    text_wrapped(choice_counts(session, tally).c_str());
  }
  // A room of thirty would push the rest of the panel off the screen: the list and the reasons
  // each keep to a few rows and scroll within them.
  std::vector<room::Device> devices = d->devices();
  std::erase_if(devices, [](const room::Device& dev) { return dev.removed; });
  gap(0.3f);
  muted_text(devices.empty() ? "No device has joined yet."
                             : ("Joined: " + std::to_string(devices.size())).c_str());
  if (!devices.empty()) {
    const float row = ImGui::GetFrameHeightWithSpacing();
    const float rows = std::min(static_cast<float>(devices.size()), 6.0f);
    ImGui::BeginChild("##device-list", ImVec2(0, row * rows + ImGui::GetStyle().ItemSpacing.y), false);
    for (const room::Device& dev : devices) {
      std::string line = dev.id + "  " + (dev.name.empty() ? "anonymous" : dev.name) + "  " +
                         (dev.team.empty() ? "audience" : dev.team);
      ImGui::AlignTextToFramePadding();
      text(line.c_str());
      ImGui::SameLine();
      const std::string label = "Remove##" + dev.id;
      if (button(label.c_str())) d->remove(dev.id);
    }
    ImGui::EndChild();
  }
  if (!tally.reasons.empty()) {
    gap(0.3f);
    muted_text("Reasons and dissent");
    const float lines = std::min(static_cast<float>(tally.reasons.size()) * 2.0f, 8.0f);
    ImGui::BeginChild("##device-reasons", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * lines + fs * 0.3f), false);
    for (const room::DeviceVote& v : tally.reasons) {
      std::string line = v.device + " (" + v.choice + "): " + v.reason;
      if (!v.dissent.empty()) line += "  Dissent: " + v.dissent;
      text_wrapped(line.c_str());
    }
    ImGui::EndChild();
  }
  if (button("Show the last feedback on devices##devices")) d->reveal(t);
}

}  // namespace auditsim::ui
