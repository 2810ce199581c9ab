// The debrief: the 4P radar and bars, the exercise rating, each decision with the path not
// taken, the findings, the improvement plan, teams side by side and the map of the path taken.
#include <imgui.h>

#include "reports/render_text.hpp"
#include "sim/session_text.hpp"
#include "ui/app/app.hpp"
#include "ui/controllers/map_layout.hpp"
#include "ui/screens/report_form.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/charts.hpp"
#include "ui/widgets/markdown.hpp"
#include "ui/widgets/scenario_map.hpp"
#include "ui/widgets/date_picker.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

ImVec4 rating_colour(int level) {
  const Palette& p = palette();
  return level == 0 ? p.ok : level == 1 ? p.accent : level == 2 ? p.warn : p.bad;
}

void draw_rating(App& app, const DebriefTeam& t) {
  const Result& r = t.result;
  // An unfinished team has no rating yet: its card is neutral, not the colour of the lowest.
  const ImVec4 c = t.session->finished() ? rating_colour(r.rating_level) : palette().border;
  ImVec4 tint = c;
  tint.w = 0.10f;
  begin_card(tint, c);
  // The story's score, named for what it is: an assurance opinion comes only from the group's
  // checks of the council's own controls.
  muted_text("Exercise rating");
  if (fonts().h1) ImGui::PushFont(fonts().h1);
  // A rating is given on a finished session; until then the team is still playing.
  if (t.session->finished()) coloured_text(c, r.rating.c_str());
  else coloured_text(palette().muted, "In progress");
  if (fonts().h1) ImGui::PopFont();
  char buf[256];
  const std::string capped =
      r.capped_by_high_finding || r.capped_by_ending ? "  \xC2\xB7  capped: " + cap_reason(r) : std::string();
  snprintf(buf, sizeof buf, "Overall %.0f%%%s", r.overall_percent, capped.c_str());
  muted_text(buf);
  const auto& defs = app.settings().scale.definitions;
  if (t.session->finished() && r.rating_level >= 0 && r.rating_level < 4)
    muted_text(defs[static_cast<size_t>(r.rating_level)].c_str());
  end_card();
}

void draw_findings(const Scenario& s, const Result& r) {
  heading("Findings", 2);
  if (r.findings.empty()) {
    coloured_text(palette().ok, "Every key action was achieved.");
    return;
  }
  for (const Finding& f : r.findings) {
    const KeyAction& k = s.key_actions.at(f.key_action);
    const ImVec4 c = f.priority == Priority::High ? palette().bad
                     : f.priority == Priority::Medium ? palette().warn
                                                      : palette().muted;
    badge(f.priority == Priority::High ? "High" : f.priority == Priority::Medium ? "Medium" : "Low", c);
    ImGui::SameLine();
    ImGui::BeginGroup();
    // Each finding says what happened to the key action, so a missed one never reads as done.
    const char* kind = f.kind == FindingKind::Missed ? "Not achieved" : finding_kind_label(f.kind);
    const std::string text = std::string(kind) + ": " + k.text;
    text_wrapped(text.c_str());
    if (!k.management_action.empty()) muted_text(("Action: " + k.management_action).c_str());
    ImGui::EndGroup();
    gap(0.25f);
  }
}

void draw_decisions(const Scenario& s, const DebriefTeam& t) {
  heading("Decision by decision", 2);
  const Session& ses = *t.session;
  int n = 0;
  if (ImGui::BeginTable("##decisions", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                              ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Stage", ImGuiTableColumnFlags_WidthStretch, 0.8f);
    ImGui::TableSetupColumn("Decision", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn("The path not taken", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableHeadersRow();
    for (const PathNotTaken& p : t.result.paths_not_taken) {
      const HistoryEntry& e = ses.history().at(p.history_index);
      const Node& node = s.nodes.at(p.node);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      text_wrapped((std::to_string(++n) + ". " + (node.title.empty() ? node.id : node.title)).c_str());
      ImGui::TableNextColumn();
      if (p.chosen >= 0) text_wrapped(node.choices.at(p.chosen).text.c_str());
      muted_text(reports::text::score_text(e.delta).c_str());
      const std::vector<std::string> votes = vote_lines(node, e.group);
      if (!votes.empty()) muted_text("Votes:");
      for (const std::string& v : votes) muted_text(("  " + v).c_str());
      if (!e.group.rationale.empty()) muted_text(("Rationale: " + e.group.rationale).c_str());
      if (!e.group.dissent.empty()) muted_text(("Dissent: " + e.group.dissent).c_str());
      ImGui::TableNextColumn();
      if (p.best_alternative) {
        text_wrapped(node.choices.at(*p.best_alternative).text.c_str());
        muted_text((reports::text::missed_sentence(p.missed, "You") + ".").c_str());
      } else {
        coloured_text(palette().ok, "The best choice available: nothing missed.");
      }
    }
    ImGui::EndTable();
  }
}

void draw_plan(App& app, DebriefModel& d, int ti) {
  DebriefTeam& t = d.teams()[ti];
  const float fs = ImGui::GetFontSize();
  heading("Improvement plan", 2);
  for (size_t i = 0; i < t.actions.size(); ++i) {
    const auto& a = t.actions[i];
    ImGui::PushID(static_cast<int>(i));
    badge(a.priority.c_str(), a.priority == "high" ? palette().bad : a.priority == "low" ? palette().muted : palette().warn);
    ImGui::SameLine();
    text_wrapped((a.action + "  \xE2\x80\x94  " + a.owner + (a.due_date.empty() ? "" : ", by " + a.due_date) +
                  (a.status == store::ActionStatus::Done ? "  (done)" : ""))
                     .c_str());
    std::string err;
    if (a.status != store::ActionStatus::Done && button("Mark done"))
      if (!d.set_action_status(ti, i, store::ActionStatus::Done, &err)) app.show_error("Not saved", err, "");
    ImGui::SameLine();
    if (button("Remove")) {
      if (!d.delete_action(ti, i, &err)) app.show_error("Not removed", err, "");
      ImGui::PopID();
      break;
    }
    ImGui::PopID();
  }
  ActionDraft& dr = d.draft();
  std::vector<std::string> names{"(no finding)"};
  for (const Finding& f : t.result.findings) names.push_back(d.scenario().key_actions.at(f.key_action).text);
  std::vector<const char*> items;
  for (const auto& n : names) items.push_back(n.c_str());
  int sel = dr.finding + 1;
  ImGui::SetNextItemWidth(fs * 24);
  if (combo("Finding##plan", &sel, items)) dr.finding = sel - 1;
  ImGui::SetNextItemWidth(fs * 24);
  input_text("Action##plan", &dr.action, "What will be done");
  ImGui::SetNextItemWidth(fs * 12);
  input_text("Owner##plan", &dr.owner, "Who");
  ImGui::SameLine();
  date_picker("Due##plan", &dr.due_date, "No due date", true);
  ImGui::SameLine();
  static const char* const prio[] = {"High", "Medium", "Low"};
  ImGui::SetNextItemWidth(fs * 7);
  combo("Priority##plan", &dr.priority, prio);
  if (primary_button("Add action##plan")) {
    std::string err;
    if (!d.add_action(ti, &err)) app.show_error("The action was not added", err, "Fill in the action and its owner.");
  }
}

// The facilitator's adjustments to this team's score, each with its reason, and the form that
// records one (the reports show them too).
void draw_adjustments(App& app, DebriefModel& d, int ti) {
  DebriefTeam& t = d.teams()[ti];
  const float fs = ImGui::GetFontSize();
  heading("Score adjustments", 2);
  if (t.overrides.empty())
    muted_text("None: the score is as played. Adjust a pillar when the discussion showed more (or "
               "less) than the choices did; the reason is shown in every report.");
  for (const store::ScoreOverride& o : t.overrides) {
    Score4 change;
    if (auto p = parse_pillar(o.pillar)) change[*p] = o.delta;
    text_wrapped((reports::text::score_text(change) + "  \xE2\x80\x94  " + o.reason).c_str());
  }
  if (t.session_id.empty()) return;  // not recorded: nothing to adjust
  OverrideDraft& dr = d.override_draft();
  const char* pillars[kPillarCount];
  for (int i = 0; i < kPillarCount; ++i) pillars[i] = pillar_name(kPillars[i]);
  ImGui::SetNextItemWidth(fs * 8);
  combo("Pillar##adjust", &dr.pillar, pillars);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 8);
  input_int("Points##adjust", &dr.points);
  ImGui::SetNextItemWidth(fs * 24);
  input_text("Reason##adjust", &dr.reason, "Why the score is adjusted (required)");
  if (primary_button("Record adjustment##adjust")) {
    std::string err;
    if (!d.add_override(ti, &err))
      app.show_error("The adjustment was not recorded", err, "Give non-zero points and the reason.");
  }
}

// The desktop audit after the story: a desktop-audit event's next step, offered in any group
// session. The checks are about the council itself, so they are recorded per session.
void draw_audit_offer(App& app, const DebriefTeam& t) {
  const AuditOffer offer = audit_offer(!t.session_id.empty() && app.db(), t.mode, t.desktop_audit);
  if (offer == AuditOffer::None) return;
  const Palette& pal = palette();
  if (offer == AuditOffer::NextStep) {
    ImVec4 tint = pal.accent;
    tint.w = 0.08f;
    begin_card(tint, pal.accent);
    text_wrapped("Next step: check the council's own controls. For each key action the officers "
                 "say how the council actually handles it; the audit's findings come from those "
                 "checks, not from the story.");
    if (primary_button("Check the council's controls")) app.open_audit(t.session_id);
    end_card();
  } else {
    if (button("Check the council's controls")) app.open_audit(t.session_id);
    ImGui::SameLine();
    muted_text("Record how the council actually handles each key action: the desktop audit.");
  }
  gap(0.5f);
}

std::vector<int> path_nodes(const Session& s) {
  // The decisions in effect form a chain, so each one led to the next one's node (and the
  // last to where the session is): a conditional `next` needs no re-evaluation here.
  std::vector<int> out{s.scenario().start};
  const auto eff = s.effective_decisions();
  for (size_t k = 0; k < eff.size(); ++k)
    out.push_back(k + 1 < eff.size() ? s.history()[eff[k + 1]].node : s.state().node);
  return out;
}

}  // namespace

void draw_debrief(App& app) {
  DebriefModel& d = *app.debrief();
  const float fs = ImGui::GetFontSize();
  static int team = 0;
  static MapLayout layout;
  static std::string layout_sha;
  static MapView view;
  if (team >= static_cast<int>(d.teams().size())) team = 0;
  if (layout_sha != d.scenario().source_sha256) {
    layout = layout_scenario(d.scenario());
    layout_sha = d.scenario().source_sha256;
    view = MapView{};  // another scenario's map starts fitted
  }
  heading(("Debrief: " + d.scenario().title).c_str(), 1);
  if (d.teams().size() > 1) {
    for (size_t i = 0; i < d.teams().size(); ++i) {
      const std::string l = d.teams()[i].name + "##debrief-team" + std::to_string(i);
      if (nav_tab(l.c_str(), team == static_cast<int>(i))) team = static_cast<int>(i);
      ImGui::SameLine();
    }
    ImGui::NewLine();
  }
  DebriefTeam& t = d.teams()[team];
  ImGui::BeginChild("##debrief-scroll", ImVec2(0, 0), false);
  draw_audit_offer(app, t);
  const float w = ImGui::GetContentRegionAvail().x;
  const float radar = std::min(fs * 20, w * 0.38f);
  std::vector<RadarSeries> series;
  for (const auto& tt : d.teams()) series.push_back(radar_series(tt.name, tt.result));
  ImGui::BeginGroup();
  radar_chart(series, radar);
  if (series.size() > 1) series_legend(series, radar);
  ImGui::EndGroup();
  ImGui::SameLine(0, fs * 1.5f);
  ImGui::BeginGroup();
  const float right_w = w - radar - fs * 1.5f;
  draw_rating(app, t);
  gap(0.5f);
  pillar_bars(t.result, right_w);
  if (t.result.outcome) {
    const Outcome o = *t.result.outcome;
    muted_text((std::string("Outcome: ") + (o == Outcome::Good ? "good" : o == Outcome::Poor ? "poor" : "mixed")).c_str());
  } else {
    muted_text("The session has not reached an ending yet.");
  }
  gap(0.6f);
  heading(d.teams().size() > 1 ? ("Audit feedback report: " + t.name).c_str() : "Audit feedback report", 3);
  draw_report_form(app, app.debrief_report(), ReportKind::Feedback, t.session_id, d.scenario().title,
                   "debrief", !t.session_id.empty(), "This session was not recorded.",
                   d.teams().size() > 1 ? t.name : std::string());
  ImGui::EndGroup();
  // The ending's debrief as this team's path made it read (format 1.1 conditional text).
  if (const std::string debrief = debrief_text(*t.session); !debrief.empty()) {
    gap(0.5f);
    heading(t.session->current_node().title.empty() ? "The ending"
                                                    : t.session->current_node().title.c_str(), 2);
    markdown(debrief);
  }
  if (d.teams().size() > 1) {
    gap(0.5f);
    heading("Teams side by side", 2);
    if (ImGui::BeginTable("##teams", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
      ImGui::TableSetupColumn("Team");
      for (Pillar p : kPillars) ImGui::TableSetupColumn(pillar_name(p));
      ImGui::TableSetupColumn("Rating");
      ImGui::TableHeadersRow();
      for (const auto& tt : d.teams()) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        text(tt.name.c_str());
        for (const auto& pr : tt.result.pillars) {
          ImGui::TableNextColumn();
          char b[24];
          if (pr.assessed) snprintf(b, sizeof b, "%.0f%%", pr.percent);
          else snprintf(b, sizeof b, "n/a");
          text(b);
        }
        ImGui::TableNextColumn();
        if (tt.session->finished())
          coloured_text(rating_colour(tt.result.rating_level), tt.result.rating.c_str());
        else
          muted_text("In progress");
      }
      ImGui::EndTable();
    }
  }
  gap(0.8f);
  draw_findings(d.scenario(), t.result);
  gap(0.8f);
  draw_adjustments(app, d, team);
  gap(0.8f);
  draw_decisions(d.scenario(), t);
  gap(0.8f);
  heading("The path taken", 2);
  muted_text("Each stage this team reached is outlined and numbered in order; the lines between "
             "them are its decisions. Grey stages were not reached. Endings are coloured by outcome "
             "(green good, amber mixed, red poor). Drag to move the map, scroll to zoom, point at a "
             "stage for its full title.");
  int sel = -1;
  scenario_map("##debrief-map", d.scenario(), layout, path_nodes(*t.session), &sel, view,
               ImVec2(0, fs * 20));
  gap(0.8f);
  draw_plan(app, d, team);
  gap(0.8f);
  draw_certificate(app, d.certificate(), t.session_id, d.scenario(), t.result);
  gap(1.0f);
  ImGui::EndChild();
}

}  // namespace auditsim::ui
