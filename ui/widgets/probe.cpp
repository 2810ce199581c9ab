#include "ui/widgets/probe.hpp"

#include <imgui_internal.h>

namespace auditsim::ui {

namespace {
Probe* g_probe = nullptr;
}

Probe* active_probe() { return g_probe; }
void set_active_probe(Probe* p) { g_probe = p; }

std::string_view visible_label(std::string_view label) {
  auto pos = label.find("##");
  return pos == std::string_view::npos ? label : label.substr(0, pos);
}

void Probe::record(std::string_view label, std::string_view kind, bool enabled) {
  ProbeItem it;
  it.id = ImGui::GetItemID();
  it.full_id = std::string(label);
  it.label = std::string(visible_label(label));
  it.kind = std::string(kind);
  it.min = ImGui::GetItemRectMin();
  it.max = ImGui::GetItemRectMax();
  it.enabled = enabled;
  items_.push_back(std::move(it));
}

const ProbeItem* Probe::find(std::string_view label) const {
  for (const auto& it : items_)
    if (it.enabled && (it.label == label || it.full_id == label)) return &it;
  return nullptr;
}

const ProbeItem* Probe::find_prefix(std::string_view prefix) const {
  for (const auto& it : items_)
    if (it.enabled && it.label.starts_with(prefix)) return &it;
  return nullptr;
}

bool Probe::saw_text(std::string_view needle) const {
  for (const auto& t : texts_)
    if (t.find(needle) != std::string::npos) return true;
  for (const auto& it : items_)
    if (it.label.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace auditsim::ui
