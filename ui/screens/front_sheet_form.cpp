// The front sheet form in the Results screen's scrutiny report: the fields democratic services
// fill in before the agenda deadline, saved to the event through the controller.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/controllers/results.hpp"
#include "ui/screens/results_parts.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

void field(const char* label, std::string* value) {
  text(label);
  input_text((std::string("##fs-") + label).c_str(), value);
}

void long_field(const char* label, std::string* value, int lines = 2) {
  text(label);
  input_wrapped((std::string("##fs-") + label).c_str(), value, lines);
}

}  // namespace

void draw_front_sheet_form(App& app, const std::string& event_id) {
  store::Store* db = app.db();
  if (!db) return;
  FrontSheetEditor& ed = app.results().front_sheet;
  ed.show_event(*db, event_id);
  if (!ImGui::CollapsingHeader("Front sheet##fs", ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::PushID("front-sheet");
  FrontSheet& s = ed.sheet;
  field("Committee", &s.committee);
  field("Date of meeting (YYYY-MM-DD)", &s.meeting_date);
  field("Report author", &s.report_author);
  field("Contact", &s.contact);
  long_field("Wards affected (one a line)", &ed.wards);
  checkbox("Key decision##fs-key", &s.key_decision);
  if (radio("Part A (public)##fs-part", !s.part_b)) s.part_b = false;
  ImGui::SameLine();
  if (radio("Part B (exempt)##fs-part", s.part_b)) s.part_b = true;
  if (s.part_b) field("Schedule 12A paragraphs (1 to 7, e.g. 1, 7)", &ed.paragraphs);
  long_field("Purpose of the report", &s.purpose);
  long_field("Recommendations in short", &s.recommendations_summary);
  long_field("Financial implications", &s.implications.financial);
  long_field("Legal implications", &s.implications.legal);
  long_field("Equality implications", &s.implications.equality);
  long_field("Risk implications", &s.implications.risk);
  long_field("Data protection implications", &s.implications.data_protection);
  long_field("Climate implications", &s.implications.climate);
  long_field("Background papers (one a line)", &ed.papers);
  long_field("Chair's foreword", &s.chairs_foreword, 4);
  long_field("Corporate Management Team's response", &s.cmt_response);
  long_field("Cabinet's response", &s.cabinet_response);
  if (!s.part_b) ed.paragraphs.clear();
  if (primary_button("Save front sheet##fs-save", ImVec2(0, 0), ed.changed())) ed.save(*db);
  if (!ed.message.empty()) {
    ImGui::SameLine();
    coloured_text(ed.saved_ok ? palette().ok : palette().bad, ed.message.c_str());
  } else if (ed.changed()) {
    ImGui::SameLine();
    muted_text("Not saved yet.");
  }
  ImGui::PopID();
  gap(0.5f);
}

}  // namespace auditsim::ui
