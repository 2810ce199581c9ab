#include "ui/widgets/file_field.hpp"

#include <imgui.h>

#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

FileDialog& desktop_file_dialog() {
  static FileDialog dialog;
  return dialog;
}

bool file_field(FileDialog& dialog, const char* id, std::string* value, const char* hint,
                const FileRequest& request, float width) {
  const std::string key = id;
  // The answer of a dialog this field opened, taken as soon as it is drawn again.
  bool changed = dialog.take(key, value);
  const float fs = ImGui::GetFontSize();
  const float button_w = fs * 6;
  const float field_w =
      width > 0 ? width : std::max(fs * 8, ImGui::GetContentRegionAvail().x - button_w - fs * 0.5f);
  ImGui::SetNextItemWidth(field_w);
  changed |= input_text(id, value, hint);
  ImGui::SameLine();
  const bool mine = dialog.busy() && dialog.key() == key;
  const std::string label = std::string(mine ? "Choosing\xE2\x80\xA6" : "Choose\xE2\x80\xA6") + "##choose-" + key;
  FileRequest r = request;
  if (!value->empty()) r.current = *value;
  if (button(label.c_str(), ImVec2(button_w, 0), !dialog.busy())) dialog.open(key, r);
  if (!dialog.unavailable_reason().empty() && dialog.key().empty() && !mine &&
      ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", dialog.unavailable_reason().c_str());
  return changed;
}

}  // namespace auditsim::ui
