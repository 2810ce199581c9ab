// Results: recorded sessions by event, scenario and date; resume, debrief, an event's teams
// compared and its charts (results_event.cpp); reports on a session, an event or the open
// actions; import, export and erasure run in the background with a progress indicator.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/report_form.hpp"
#include "ui/screens/results_parts.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/date_picker.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/file_field.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

const char* status_text(store::Status s) {
  switch (s) {
    case store::Status::Active: return "In progress";
    case store::Status::Finished: return "Finished";
    case store::Status::Abandoned: return "Abandoned";
  }
  return "";
}

void draw_tools(App& app) {
  ResultsController& rc = app.results();
  const float fs = ImGui::GetFontSize();
  heading("Import, export, erase", 2);
  if (rc.busy()) {
    spinner();
    ImGui::SameLine();
    muted_text((rc.job_label() + "\xE2\x80\xA6").c_str());
    return;
  }
  FileRequest file;
  file.title = "Another laptop's results, or where to export";
  file.filters = {{"Results databases", {"*.db"}}};
  file_field(desktop_file_dialog(), "##path", &rc.path_input,
             "File: another laptop's results.db, or where to export", file,
             std::min(fs * 26, ImGui::GetContentRegionAvail().x - fs * 6.5f));
  if (button("Import from this file", ImVec2(0, 0), !rc.path_input.empty()))
    rc.start_import(app.db_path(), rc.path_input);
  ImGui::SameLine();
  const bool have_event = rc.selected >= 0 && !rc.sessions()[rc.selected].event_id.empty();
  if (button("Export the event", ImVec2(0, 0), have_event && !rc.path_input.empty()))
    rc.start_export(app.db_path(), rc.sessions()[rc.selected].event_id, rc.path_input);
  gap(0.3f);
  ImGui::SetNextItemWidth(std::min(fs * 26, ImGui::GetContentRegionAvail().x));
  input_text("##erase", &rc.erase_input, "Participant name or id");
  if (button("Erase this person everywhere", ImVec2(0, 0), !rc.erase_input.empty()))
    ImGui::OpenPopup("Erase a participant");
  if (ImGui::BeginPopupModal("Erase a participant", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
    text(("Remove \"" + rc.erase_input + "\" and their notes from every session?").c_str());
    muted_text("Their decisions stay under a pseudonym. This cannot be undone.");
    // Said before erasing: the LRS cannot be made to forget, only told the statements are void.
    muted_text("At the learning record store, statements about their sessions not yet sent are\n"
               "dropped; those it already has are voided at the next delivery. It keeps voided\n"
               "statements, marked voided, until its operator purges them.");
    if (primary_button("Erase")) {
      rc.start_erase(app.db_path(), rc.erase_input);
      rc.erase_input.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (button("Cancel##erase")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Search and date range over the list; "Showing N of M" whenever something is filtered out.
void draw_filter_bar(ResultsController& rc) {
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(std::min(fs * 26, ImGui::GetContentRegionAvail().x));
  input_text("##results-search", &rc.filter.text, "Search event, scenario, participant or team");
  ImGui::AlignTextToFramePadding();
  muted_text("Started from");
  ImGui::SameLine();
  date_picker("##results-from", &rc.filter.from, "any date", true);
  ImGui::SameLine();
  muted_text("to");
  ImGui::SameLine();
  date_picker("##results-to", &rc.filter.to, "any date", true);
  const size_t shown = rc.shown_count();
  if (shown != rc.sessions().size()) {
    muted_text(("Showing " + std::to_string(shown) + " of " + std::to_string(rc.sessions().size()) +
                " sessions.")
                   .c_str());
    ImGui::SameLine();
    if (button("Clear the search##results")) rc.filter = ResultsFilter{};
  }
  gap(0.3f);
}

void draw_session_row(ResultsController& rc, int i) {
  const auto& s = rc.sessions()[i];
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  const std::string lbl = s.scenario_title + "##s" + s.id;
  if (selectable(lbl.c_str(), rc.selected == i, ImVec2(0, 0))) rc.selected = i;
  ImGui::TableNextColumn();
  const std::string who = joined(s.participant_names);
  text(who.empty() ? "\xE2\x80\x94" : who.c_str());
  ImGui::TableNextColumn();
  text(s.team.empty() ? "\xE2\x80\x94" : s.team.c_str());
  ImGui::TableNextColumn();
  text(s.started_at.substr(0, 16).replace(10, 1, " ").c_str());
  ImGui::TableNextColumn();
  text(std::to_string(s.decisions).c_str());
  ImGui::TableNextColumn();
  coloured_text(s.status == store::Status::Finished ? palette().ok : palette().warn, status_text(s.status));
}

void draw_session_list(App& app) {
  ResultsController& rc = app.results();
  const float fs = ImGui::GetFontSize();
  if (rc.sessions().empty()) {
    muted_text("No sessions recorded yet. Play a scenario from the library.");
    return;
  }
  draw_filter_bar(rc);
  if (rc.shown_count() == 0) muted_text("No session matches the search.");
  for (const EventGroup& g : rc.groups()) {
    heading(g.title.c_str(), 2);
    if (!g.event_id.empty()) {
      ImGui::SameLine();
      if (button(("Event charts##" + g.event_id).c_str())) {
        rc.overview_event = g.event_id;
        rc.report_kind = 1;
      }
      const std::string& scenario = rc.sessions()[g.sessions.front()].scenario_id;
      auto same_scenario = [&](int i) { return rc.sessions()[i].scenario_id == scenario; };
      if (std::count_if(g.sessions.begin(), g.sessions.end(), same_scenario) > 1) {
        ImGui::SameLine();
        if (button(("Compare teams##" + g.event_id).c_str())) {
          std::vector<std::string> ids;
          for (int i : g.sessions)
            if (same_scenario(i)) ids.push_back(rc.sessions()[i].id);
          app.open_debrief(ids);
        }
      }
    }
    if (ImGui::BeginTable(("##t" + g.event_id).c_str(), 6,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("Scenario", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("Participants", ImGuiTableColumnFlags_WidthStretch);
      ImGui::TableSetupColumn("Team", ImGuiTableColumnFlags_WidthFixed, fs * 6);
      ImGui::TableSetupColumn("Started", ImGuiTableColumnFlags_WidthFixed, fs * 9);
      ImGui::TableSetupColumn("Decisions", ImGuiTableColumnFlags_WidthFixed, fs * 5);
      ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, fs * 6);
      ImGui::TableHeadersRow();
      // Only the rows on screen are drawn, so ten thousand sessions scroll smoothly.
      ImGuiListClipper clipper;
      clipper.Begin(static_cast<int>(g.sessions.size()));
      while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row)
          draw_session_row(rc, g.sessions[static_cast<size_t>(row)]);
      ImGui::EndTable();
    }
    gap(0.5f);
  }
}

// The report on the selected session, its event (or the event whose charts are shown), or every
// open action.
void draw_reports(App& app) {
  ResultsController& rc = app.results();
  const store::SessionSummary* s =
      rc.selected >= 0 && rc.selected < static_cast<int>(rc.sessions().size()) ? &rc.sessions()[rc.selected] : nullptr;
  std::string event_id = rc.overview_event.empty() && s ? s->event_id : rc.overview_event;
  std::string event_name;
  for (const auto& e : rc.events())
    if (e.id == event_id) event_name = e.name;
  heading("Reports", 2);
  if (radio("Audit feedback: the selected session##rk", rc.report_kind == 0)) rc.report_kind = 0;
  if (radio("Scrutiny: the whole event##rk", rc.report_kind == 1)) rc.report_kind = 1;
  if (radio("Open actions across events##rk", rc.report_kind == 2)) rc.report_kind = 2;
  gap(0.2f);
  switch (rc.report_kind) {
    case 0:
      draw_report_form(app, app.results_report(), ReportKind::Feedback, s ? s->id : "",
                       s ? s->scenario_title : "", "results", s != nullptr, "Select a session first.",
                       s && s->mode == store::Mode::Teams ? s->team : std::string());
      break;
    case 1:
      if (!event_name.empty()) muted_text(("Event: " + event_name).c_str());
      if (!event_id.empty()) draw_front_sheet_form(app, event_id);
      draw_report_form(app, app.results_report(), ReportKind::Scrutiny, event_id, event_name, "results",
                       !event_id.empty(), "Select a session of an event first.");
      break;
    default:
      draw_report_form(app, app.results_report(), ReportKind::OpenActions, "", "", "results");
  }
}

}  // namespace

void draw_results(App& app) {
  ResultsController& rc = app.results();
  const float fs = ImGui::GetFontSize();
  heading("Results", 1);
  if (!app.db()) {
    coloured_text(palette().bad, ("No results database: " + app.db_error()).c_str());
    return;
  }
  muted_text(("Recorded in " + app.db_path()).c_str());
  gap(0.4f);
  const float left = ImGui::GetContentRegionAvail().x * 0.62f;
  ImGui::BeginChild("##sessions", ImVec2(left, 0), false);
  if (!rc.overview_event.empty()) draw_event_overview(app);
  else draw_session_list(app);
  ImGui::EndChild();
  ImGui::SameLine(0, fs * 1.2f);
  ImGui::BeginChild("##side", ImVec2(0, 0), false);
  if (rc.selected >= 0 && rc.selected < static_cast<int>(rc.sessions().size())) {
    const auto s = rc.sessions()[rc.selected];
    heading(s.scenario_title.c_str(), 2);
    muted_text((std::string(status_text(s.status)) + "  \xC2\xB7  " + std::to_string(s.decisions) +
                " decisions  \xC2\xB7  " + store::key(s.mode))
                   .c_str());
    gap(0.3f);
    if (primary_button("Open the debrief")) app.open_debrief({s.id});
    // Its desktop audit (control checks, recommendations, responses) can be opened again.
    bool desktop_audit = false;
    for (const auto& e : rc.events())
      if (e.id == s.event_id) desktop_audit = e.kind == store::EventKind::DesktopAudit;
    if (audit_offer(true, s.mode, desktop_audit) != AuditOffer::None) {
      ImGui::SameLine();
      if (button("Open the desktop audit")) app.open_audit(s.id);
    }
    if (s.status != store::Status::Finished) {
      ImGui::SameLine();
      if (button("Resume")) app.resume(s.id);
    }
    if (!s.event_id.empty() && rc.overview_event != s.event_id) {
      ImGui::SameLine();
      if (button("Charts for its event")) {
        rc.overview_event = s.event_id;
        rc.report_kind = 1;
      }
    }
  } else {
    muted_text("Select a session to open its debrief, resume it or write its report.");
  }
  gap(1.0f);
  draw_reports(app);
  gap(1.0f);
  draw_tools(app);
  ImGui::EndChild();
}

}  // namespace auditsim::ui
