#include "ui/widgets/date_picker.hpp"

#include "ui/widgets/probe.hpp"

#include <cstdio>

#include <imgui.h>

#include "sim/dates.hpp"
#include "sim/recording.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

// 0 = Monday ... 6 = Sunday (Sakamoto's method), for laying out the month grid.
int weekday_monday_first(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  const int sunday_first = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
  return (sunday_first + 6) % 7;
}

std::string iso(int y, int m, int d) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

}  // namespace

bool date_picker(const char* label, std::string* value, const char* placeholder, bool clearable) {
  bool changed = false;
  ImGui::PushID(label);
  const std::string shown = value->empty() ? std::string(placeholder) : *value;
  // The month the grid shows is kept in this window's storage, under the picker's own IDs
  // (taken here: inside the popup the ID stack is the popup's).
  ImGuiStorage* st = ImGui::GetStateStorage();
  const ImGuiID year_id = ImGui::GetID("year"), month_id = ImGui::GetID("month");
  if (button((shown + "##" + label).c_str())) {
    // The grid opens on the month of the date held, else this month.
    const std::string start = is_iso_date(*value) ? *value : today_iso_date();
    st->SetInt(year_id, std::stoi(start.substr(0, 4)));
    st->SetInt(month_id, std::stoi(start.substr(5, 2)));
    ImGui::OpenPopup("##calendar");
  }
  // The label's visible part (before any "##id") follows the button; none when it is only an id.
  const std::string_view visible = visible_label(label);
  if (!visible.empty()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(visible.data(), visible.data() + visible.size());
  }
  if (ImGui::BeginPopup("##calendar")) {
    int* year = st->GetIntRef(year_id, 2026);
    int* month = st->GetIntRef(month_id, 1);
    const float fs = ImGui::GetFontSize();
    if (button(("<##" + std::string(label) + "-prev").c_str(), ImVec2(fs * 1.8f, 0)) && --*month < 1) {
      *month = 12;
      --*year;
    }
    ImGui::SameLine();
    char title[40];
    std::snprintf(title, sizeof title, "%s %d", kMonths[(*month - 1) % 12], *year);
    ImGui::TextUnformatted(title);
    ImGui::SameLine();
    if (button((">##" + std::string(label) + "-next").c_str(), ImVec2(fs * 1.8f, 0)) && ++*month > 12) {
      *month = 1;
      ++*year;
    }
    static const char* const kDays[] = {"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"};
    if (ImGui::BeginTable("##days", 7)) {
      for (const char* d : kDays) {
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", d);
      }
      const int first = weekday_monday_first(*year, *month, 1);
      for (int i = 0; i < first; ++i) ImGui::TableNextColumn();
      for (int d = 1; d <= days_in_month(*year, *month); ++d) {
        ImGui::TableNextColumn();
        const std::string day = iso(*year, *month, d);
        const std::string lbl = std::to_string(d) + "##" + label + "-day";
        if (selectable(lbl.c_str(), day == *value, ImVec2(fs * 1.6f, 0))) {
          *value = day;
          changed = true;
          ImGui::CloseCurrentPopup();
        }
      }
      ImGui::EndTable();
    }
    if (clearable && button(("Clear##" + std::string(label)).c_str())) {
      changed = !value->empty();
      value->clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::PopID();
  return changed;
}

}  // namespace auditsim::ui
