// Recommendations and responses: the members' own recommendations, each addressed to a body and
// linked to the findings it answers, with the responses recorded later (agreed ones go into the
// action plan). The form suggests wording from the findings; the members decide it.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/date_picker.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

constexpr audit::Addressee kAddressees[] = {
    audit::Addressee::Cabinet, audit::Addressee::CabinetMember, audit::Addressee::ManagementTeam,
    audit::Addressee::CommunitySafetyPartnership, audit::Addressee::Police,
    audit::Addressee::Partner, audit::Addressee::Officer};
constexpr audit::ResponseKind kResponses[] = {audit::ResponseKind::Agreed, audit::ResponseKind::Partly,
                                              audit::ResponseKind::NotAgreed};

ImVec4 response_colour(audit::ResponseKind k) {
  return k == audit::ResponseKind::Agreed ? palette().ok
         : k == audit::ResponseKind::Partly ? palette().warn
                                            : palette().bad;
}

void draw_response_form(App& app, RecommendationsController& c) {
  ResponseDraft& d = c.response_draft();
  const float fs = ImGui::GetFontSize();
  gap(0.3f);
  heading(("Response to " + c.number_label(d.recommendation)).c_str(), 3);
  text("Responding body");
  ImGui::SetNextItemWidth(std::min(fs * 22, ImGui::GetContentRegionAvail().x));
  input_text("##response-by", &d.by, "Corporate Management Team, Cabinet, a partner");
  for (int i = 0; i < 3; ++i) {
    if (i > 0) ImGui::SameLine(0, fs);
    if (radio((std::string(audit::label(kResponses[i])) + "##response-kind").c_str(), d.response == i))
      d.response = i;
  }
  text("The response");
  input_wrapped("##response-text", &d.text, 2);
  ImGui::AlignTextToFramePadding();
  text("Given on");
  ImGui::SameLine();
  date_picker("##response-date", &d.date, "Pick the date", false);
  gap(0.2f);
  if (primary_button("Record the response##response")) {
    std::string err;
    if (!c.save_response(&err, &c.notice))
      app.show_error("The response was not recorded", err, "What was typed is still in the form.");
  }
  ImGui::SameLine();
  if (button("Cancel##response")) c.cancel_response();
}

void draw_recommendation(App& app, RecommendationsController& c, const audit::Recommendation& r) {
  const Palette& pal = palette();
  ImGui::PushID(r.id.c_str());
  begin_card(pal.surface, r.withdrawn ? pal.border : pal.accent);
  std::string to = "R" + std::to_string(r.number) + "  To " + audit::label(r.to);
  if (!r.addressee.empty()) to += ": " + r.addressee;
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  text_wrapped(to.c_str());
  if (fonts().bold) ImGui::PopFont();
  if (r.withdrawn) badge("Withdrawn", pal.muted);
  text_wrapped(r.text.c_str());
  for (const std::string& f : r.findings) muted_text(("Answers  " + c.finding_title(f)).c_str());
  for (const audit::Response& resp : c.responses(r.id)) {
    badge(audit::label(resp.response), response_colour(resp.response));
    ImGui::SameLine();
    text_wrapped((resp.by + ", " + resp.date + (resp.text.empty() ? "" : ": " + resp.text)).c_str());
  }
  gap(0.2f);
  const std::string& id = r.id;
  std::string err;
  if (!r.withdrawn) {
    if (button(("Record a response##respond-" + id).c_str())) c.start_response(id);
    ImGui::SameLine();
    if (button(("Edit##edit-rec-" + id).c_str())) c.start_edit(id);
    ImGui::SameLine();
    if (button(("Withdraw##withdraw-" + id).c_str()) && !c.set_withdrawn(id, true, &err))
      app.show_error("Not withdrawn", err, "");
  } else if (button(("Reinstate##reinstate-" + id).c_str()) && !c.set_withdrawn(id, false, &err)) {
    app.show_error("Not reinstated", err, "");
  }
  if (c.response_draft().recommendation == id) draw_response_form(app, c);
  end_card();
  ImGui::PopID();
  gap(0.4f);
}

void draw_form(App& app, RecommendationsController& c) {
  RecommendationDraft& d = c.draft();
  const float fs = ImGui::GetFontSize();
  heading(c.editing() ? ("Edit " + c.number_label(d.id)).c_str() : "A new recommendation", 3);
  text("Addressed to");
  const char* names[7];
  for (int i = 0; i < 7; ++i) names[i] = audit::label(kAddressees[i]);
  ImGui::SetNextItemWidth(std::min(fs * 18, ImGui::GetContentRegionAvail().x));
  combo("##rec-to", &d.to, names);
  text("Who exactly (optional)");
  ImGui::SetNextItemWidth(std::min(fs * 22, ImGui::GetContentRegionAvail().x));
  input_text("##rec-addressee", &d.addressee, "Cabinet Member for Resources");
  const auto findings = c.findings();
  text("The findings it answers");
  if (findings.empty())
    muted_text("No findings yet: they come from the control checks (partly in place, not in place "
               "or not known). A recommendation can still be written without one.");
  const Scenario& s = app.audit()->workspace().scenario();
  for (const audit::AuditFinding& f : findings) {
    const KeyAction& k = s.key_actions.at(static_cast<size_t>(f.key_action));
    bool on = c.links(k.id);
    // ImGui's checkbox label does not wrap: the finding's words go beside it, wrapped.
    if (checkbox(("##link-" + k.id).c_str(), &on)) c.toggle_finding(k.id);
    ImGui::SameLine();
    text_wrapped(c.finding_title(k.id).c_str());
  }
  text("The recommendation, in the members' words");
  input_wrapped("##rec-text", &d.text, 3);
  const std::string suggestion = c.suggested_wording();
  if (!suggestion.empty() && suggestion != d.text) {
    muted_text(("Suggested from the findings: " + suggestion).c_str());
    if (button("Use the suggested wording##rec")) d.text = suggestion;
  }
  gap(0.2f);
  if (primary_button(c.editing() ? "Save the changes##rec" : "Add the recommendation##rec")) {
    std::string err;
    if (!c.save(&err)) app.show_error("The recommendation was not saved", err, "What was typed is still in the form.");
  }
  if (c.editing()) {
    ImGui::SameLine();
    if (button("Cancel##rec")) c.start_new();
  }
}

}  // namespace

void draw_recommendations(App& app, DesktopAudit& a) {
  RecommendationsController& c = a.recommendations();
  const float fs = ImGui::GetFontSize();
  if (!app.presenter) {
    text_wrapped("Members write their own recommendations, each addressed to a body and linked to "
                 "the findings it answers. Responses are recorded when they come; an agreed (or "
                 "partly agreed) recommendation goes into the action plan.");
    gap(0.4f);
  }
  const auto recs = c.recommendations();
  if (!c.notice.empty()) coloured_text(palette().ok, c.notice.c_str());
  // Side by side where there is room; the form under the list in large text.
  const float w = ImGui::GetContentRegionAvail().x;
  const bool two_columns = w > fs * 62;
  if (two_columns) ImGui::BeginChild("##rec-list", ImVec2(w * 0.56f, 0), false);
  if (recs.empty()) muted_text("No recommendations yet.");
  for (const audit::Recommendation& r : recs) draw_recommendation(app, c, r);
  if (two_columns) {
    ImGui::EndChild();
    ImGui::SameLine(0, fs);
    ImGui::BeginChild("##rec-form", ImVec2(0, 0), false);
  } else {
    gap(0.4f);
  }
  draw_form(app, c);
  if (two_columns) ImGui::EndChild();
}

}  // namespace auditsim::ui
