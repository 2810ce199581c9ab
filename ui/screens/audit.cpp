// The desktop audit of one session: who is recording, large text for the room, and the audit's
// pages in the order an audit is done (control checks, recommendations and responses, the
// action plan, the opinion and the report). Each page is drawn by its own file.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

constexpr AuditPage kPages[] = {AuditPage::ControlChecks, AuditPage::Recommendations,
                                AuditPage::ActionPlan, AuditPage::Opinion};

void draw_header(App& app, DesktopAudit& a) {
  AuditWorkspace& ws = a.workspace();
  const float fs = ImGui::GetFontSize();
  heading(("Desktop audit: " + ws.title()).c_str(), 1);
  // One line for the event and who is recording, one for the pages: the record itself has the
  // screen.
  if (!ws.event_name().empty()) {
    ImGui::AlignTextToFramePadding();
    muted_text(ws.event_name().c_str());
    ImGui::SameLine(0, fs * 1.5f);
  }
  ImGui::AlignTextToFramePadding();
  text("Recorded by");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 14);
  input_text("##audit-recorded-by", &ws.recorded_by, "Your name or role");
  for (AuditPage p : kPages) {
    const std::string label = std::string(audit_page_name(p)) + "##audit-page";
    if (nav_tab(label.c_str(), a.page == p)) a.page = p;
    ImGui::SameLine();
  }
  // Presenter mode's large type, so the room can read what is being recorded: at the end of the
  // tabs' line where it fits, else under them.
  const char* large = app.presenter ? "Normal text (F11)##audit-large" : "Large text for the room (F11)##audit-large";
  const float large_w = ImGui::CalcTextSize(large, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
  const float room = ImGui::GetContentRegionAvail().x;
  if (room > large_w + fs) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + room - large_w);
  else ImGui::NewLine();
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (fs * 2.2f - ImGui::GetFrameHeight()) * 0.5f);
  if (button(large)) {
    app.presenter = !app.presenter;
    app.fonts_dirty = true;
  }
  ImGui::Separator();
  gap(0.3f);
}

}  // namespace

void draw_audit(App& app) {
  DesktopAudit& a = *app.audit();
  draw_header(app, a);
  ImGui::BeginChild("##audit-page", ImVec2(0, 0), false);
  switch (a.page) {
    case AuditPage::ControlChecks: draw_control_checks(app, a); break;
    case AuditPage::Recommendations: draw_recommendations(app, a); break;
    case AuditPage::ActionPlan: draw_action_plan(app, a); break;
    case AuditPage::Opinion: draw_audit_opinion(app, a); break;
  }
  gap(1.0f);
  ImGui::EndChild();
}

}  // namespace auditsim::ui
