// The assurance opinion and the audit report: the opinion proposed from the control checks with
// its basis and the definitions it is judged against, the auditor's own setting with a reason,
// the scope and limitations, draft or final, and the feedback report itself.
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/report_form.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

ImVec4 level_colour(int level) {
  const Palette& p = palette();
  return level == 0 ? p.ok : level == 1 ? p.accent : level == 2 ? p.warn : p.bad;
}

int level_of(const audit::OpinionDefinitions& d, const std::string& label) {
  for (size_t i = 0; i < d.labels.size(); ++i)
    if (d.labels[i] == label) return static_cast<int>(i);
  return -1;
}

void draw_opinion_card(AuditOpinionController& c) {
  const audit::Opinion o = c.opinion();
  const Palette& pal = palette();
  if (!o.available) {
    ImVec4 tint = pal.warn;
    tint.w = 0.10f;
    begin_card(tint, pal.warn);
    text_wrapped("No assurance opinion yet. An opinion is given on the council's own controls, so "
                 "it appears once at least one control check is recorded.");
    end_card();
    return;
  }
  const int level = level_of(c.definitions(), o.label());
  const ImVec4 colour = level_colour(level < 0 ? o.proposed_level : level);
  ImVec4 tint = colour;
  tint.w = 0.10f;
  begin_card(tint, colour);
  muted_text(o.set ? "Assurance opinion, set by the auditor" : "Assurance opinion, proposed from the control checks");
  if (fonts().h1) ImGui::PushFont(fonts().h1);
  coloured_text(colour, o.label().c_str());
  if (fonts().h1) ImGui::PopFont();
  if (o.set) {
    text_wrapped(("Reason: " + o.set->reason).c_str());
    muted_text(("Set by " + o.set->set_by + ", " + short_time(o.set->set_at) + ". Proposed from the checks: " +
                o.proposed + ".")
                   .c_str());
  }
  muted_text(("Basis: " + o.basis).c_str());
  muted_text((std::to_string(o.checks_recorded) + " of " + std::to_string(o.key_actions) +
              " key actions checked.")
                 .c_str());
  end_card();
}

void draw_definitions(const audit::OpinionDefinitions& d) {
  heading("What each opinion means", 3);
  for (size_t i = 0; i < d.labels.size(); ++i) {
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    coloured_text(level_colour(static_cast<int>(i)), d.labels[i].c_str());
    if (fonts().bold) ImGui::PopFont();
    text_wrapped(d.definitions[i].c_str());
    gap(0.15f);
  }
}

void draw_set_opinion(App& app, AuditOpinionController& c) {
  const float fs = ImGui::GetFontSize();
  heading("Set the opinion yourself", 3);
  muted_text("Where your judgement differs from the proposal, choose the opinion and say why; the "
             "report prints both.");
  const auto& labels = c.definitions().labels;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) ImGui::SameLine(0, fs);
    if (radio((labels[i] + "##set-opinion").c_str(), c.set_level == static_cast<int>(i)))
      c.set_level = static_cast<int>(i);
  }
  text("Reason (required)");
  input_wrapped("##opinion-reason", &c.reason, 2);
  if (primary_button("Record this opinion##opinion")) {
    std::string err;
    if (!c.record_opinion(&err)) app.show_error("The opinion was not recorded", err, "");
  }
}

void draw_scope(App& app, AuditOpinionController& c) {
  heading("Scope and limitations", 2);
  text_wrapped(c.limitations().c_str());
  gap(0.2f);
  checkbox("The controls were tested (a walk-through or sample testing), not only assessed by the group##scope",
           &c.controls_tested);
  if (c.controls_tested) {
    text("How they were tested");
    input_wrapped("##testing-note", &c.testing_note, 2);
  }
  if (button("Save the scope##scope", ImVec2(0, 0), c.scope_form_changed())) {
    std::string err;
    if (!c.save_scope(&err)) app.show_error("The scope was not recorded", err, "");
  }
}

void draw_stage(App& app, AuditOpinionController& c) {
  heading("Report status", 2);
  const audit::AuditScope s = c.scope();
  const bool final_ = s.stage == audit::ReportStage::Final;
  text((std::string(final_ ? "Final" : "Draft") + ", version " + std::to_string(s.report_version)).c_str());
  std::string err;
  if (!final_) {
    if (button("Issue as final##stage") && !c.issue_final(&err))
      app.show_error("The report was not marked final", err, "");
  } else {
    const std::string label = "Reopen as a draft of version " + std::to_string(s.report_version + 1) + "##stage";
    if (button(label.c_str()) && !c.reopen_draft(&err))
      app.show_error("The report was not reopened", err, "");
  }
}

}  // namespace

void draw_audit_opinion(App& app, DesktopAudit& a) {
  AuditOpinionController& c = a.opinion();
  heading("Assurance opinion", 2);
  draw_opinion_card(c);
  gap(0.4f);
  draw_definitions(c.definitions());
  gap(0.4f);
  if (c.opinion().available) draw_set_opinion(app, c);
  gap(0.6f);
  draw_scope(app, c);
  gap(0.6f);
  draw_stage(app, c);
  gap(0.6f);
  heading("Audit feedback report", 2);
  AuditWorkspace& ws = a.workspace();
  draw_report_form(app, a.report, ReportKind::Feedback, ws.session_id(), ws.scenario().title, "audit");
}

}  // namespace auditsim::ui
