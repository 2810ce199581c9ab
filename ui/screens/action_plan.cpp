// The action plan: each improvement action with its owner, due date and status, overdue ones
// flagged; in monitoring-review mode (the six-month follow-up) each action's progress is
// recorded with a note, and the updates stay listed under it.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/date_picker.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

const char* status_label(store::ActionStatus s) {
  return s == store::ActionStatus::Done ? "Done" : s == store::ActionStatus::InProgress ? "In progress" : "Open";
}

const char* status_label(const std::string& key) {
  const auto s = store::parse_action_status(key);
  return s ? status_label(*s) : key.c_str();
}

const char* priority_label(const std::string& p) {
  return p == "high" ? "High" : p == "low" ? "Low" : "Medium";
}

ImVec4 priority_colour(const std::string& p) {
  return p == "high" ? palette().bad : p == "low" ? palette().muted : palette().warn;
}

void draw_update_form(App& app, ActionPlanController& c, const std::string& id) {
  UpdateDraft& d = c.update_draft(id);
  const float fs = ImGui::GetFontSize();
  gap(0.2f);
  text("Progress at this review");
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine(0, fs);
    const auto s = static_cast<store::ActionStatus>(i);
    if (radio((std::string(status_label(s)) + "##update-status-" + id).c_str(), d.status == i)) d.status = i;
  }
  input_text(("##update-note-" + id).c_str(), &d.note, "What the review found");
  if (primary_button(("Record the update##update-" + id).c_str())) {
    std::string err;
    if (!c.record_update(id, &err)) app.show_error("The update was not recorded", err, "What was typed is still in the form.");
  }
}

void draw_action(App& app, ActionPlanController& c, PlanRow& row) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const std::string& id = row.item.id;
  ImGui::PushID(id.c_str());
  begin_card(pal.surface, row.overdue ? pal.bad : pal.border);
  badge(priority_label(row.item.priority), priority_colour(row.item.priority));
  ImGui::SameLine();
  badge(status_label(row.item.status), row.item.status == store::ActionStatus::Done ? pal.ok : pal.accent);
  if (row.overdue) {
    ImGui::SameLine();
    badge("Overdue", pal.bad);
  }
  if (!row.recommendation.empty()) {
    ImGui::SameLine();
    muted_text(("From " + row.recommendation).c_str());
  }
  text_wrapped(row.item.action.c_str());
  if (!row.finding.empty()) muted_text(("Answers: " + row.finding).c_str());
  ImGui::AlignTextToFramePadding();
  text("Owner");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(fs * 18, ImGui::GetContentRegionAvail().x * 0.5f));
  input_text(("##owner-" + id).c_str(), &c.owner_field(id), "Who carries it out");
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    std::string err;
    if (!c.save_owner(id, &err)) app.show_error("The owner was not changed", err, "What was typed is still in the field.");
  }
  ImGui::SameLine(0, fs);
  text("Due");
  ImGui::SameLine();
  if (date_picker(("##due-" + id).c_str(), &row.item.due_date, "No due date", true)) {
    std::string err;
    if (!c.set_due_date(id, row.item.due_date, &err)) app.show_error("The due date was not changed", err, "");
  }
  for (const audit::ActionUpdate& u : row.updates)
    muted_text((u.review + "  \xC2\xB7  " + status_label(u.status) + "  \xC2\xB7  " + u.note +
                (u.updated_by.empty() ? "" : " (" + u.updated_by + ")"))
                   .c_str());
  if (c.monitoring) draw_update_form(app, c, id);
  end_card();
  ImGui::PopID();
  gap(0.4f);
}

}  // namespace

void draw_action_plan(App& app, DesktopAudit& a) {
  ActionPlanController& c = a.plan();
  const float fs = ImGui::GetFontSize();
  if (!app.presenter)
    text_wrapped("Each agreed recommendation becomes an action with an owner and a due date. At a "
                 "monitoring review, record each action's progress.");
  std::vector<PlanRow> rows = c.rows();
  const int overdue = c.overdue_count();
  std::string summary = std::to_string(rows.size()) + (rows.size() == 1 ? " action" : " actions");
  ImGui::AlignTextToFramePadding();
  text(summary.c_str());
  if (overdue > 0) {
    ImGui::SameLine(0, 0);
    coloured_text(palette().bad, ("  \xC2\xB7  " + std::to_string(overdue) + " overdue on " + a.workspace().today()).c_str());
  }
  bool monitoring = c.monitoring;
  if (checkbox("Monitoring review##plan", &monitoring)) {
    if (monitoring) c.start_monitoring();
    else c.monitoring = false;
  }
  if (c.monitoring) {
    ImGui::SameLine(0, fs);
    ImGui::SetNextItemWidth(std::min(fs * 22, ImGui::GetContentRegionAvail().x));
    input_text("##review-name", &c.review, "Six-month monitoring, 2027-06-10");
  }
  gap(0.4f);
  if (rows.empty())
    muted_text("No actions yet. Record a response to a recommendation: an agreed one is added here.");
  for (PlanRow& row : rows) draw_action(app, c, row);
}

}  // namespace auditsim::ui
