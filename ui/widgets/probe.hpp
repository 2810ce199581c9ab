// A test probe: when active, every widget drawn through the helpers in widgets.hpp records its
// id, label and rectangle for the frame, so a headless test can find a button by its label and
// click its centre. Debian's prebuilt ImGui has no test-engine hooks, hence this small layer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace auditsim::ui {

// One widget as drawn in a frame.
struct ProbeItem {
  ImGuiID id = 0;
  std::string label;    // the visible label (the part before "##")
  std::string full_id;  // the label as passed, including any "##suffix"
  std::string kind;     // "button", "checkbox", "input", "selectable", "tab", ...
  ImVec2 min, max;      // screen rectangle
  bool enabled = true;
  ImVec2 centre() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
};

class Probe {
 public:
  void begin_frame() { items_.clear(); texts_.clear(); }
  void record(std::string_view label, std::string_view kind, bool enabled);
  void record_text(std::string_view text) { texts_.emplace_back(text); }
  const std::vector<ProbeItem>& items() const { return items_; }
  // Text drawn through the text helpers this frame (headings, labels, notices).
  const std::vector<std::string>& texts() const { return texts_; }
  // The first enabled item whose visible label or full id equals `label`; null when absent.
  const ProbeItem* find(std::string_view label) const;
  // The first item whose visible label starts with `prefix`.
  const ProbeItem* find_prefix(std::string_view prefix) const;
  // Whether any recorded text contains `needle`.
  bool saw_text(std::string_view needle) const;

 private:
  std::vector<ProbeItem> items_;
  std::vector<std::string> texts_;
};

// The active probe, or null in normal use (recording then costs one pointer test per widget).
Probe* active_probe();
void set_active_probe(Probe* p);

// The visible part of an ImGui label ("Save##plan" -> "Save").
std::string_view visible_label(std::string_view label);

}  // namespace auditsim::ui
