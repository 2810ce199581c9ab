// The audit feedback report's sections, laid out once for every paginated format
// (document_writer.hpp): the session's facts, the internal audit part (scope, definitions,
// opinion, control checks, findings, members' recommendations), the action plan, and the
// exercise's learning points apart from the audit.
#include "reports/document_writer.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using namespace text;

void definitions(DocumentWriter& w, const std::vector<Definition>& defs) {
  Rows rows;
  for (const Definition& d : defs) rows.push_back({one_line(d.label), one_line(d.text)});
  w.table({{"", 1.3}, {"", 4.7}}, rows);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : "; ") + one_line(i);
  return out;
}

void recommendation_list(DocumentWriter& w, const std::vector<MembersRecommendationRow>& recs) {
  for (const MembersRecommendationRow& rec : recs) {
    w.numbered(std::to_string(rec.number) + ".", "To " + recommendation_addressee(rec) + ": " + one_line(rec.text));
    if (!rec.findings.empty()) w.paragraph("Answers the findings: " + joined(rec.findings), true);
    if (rec.responses.empty()) w.paragraph("No response recorded yet.", true);
    for (const ResponseRow& r : rec.responses) w.paragraph(response_text(r), true);
  }
}

void session_facts(DocumentWriter& w, const FeedbackReport& r) {
  Facts facts{{"Scenario", one_line(r.scenario_title)}};
  if (!r.event_name.empty())
    facts.push_back({"Event", one_line(r.event_name) + (r.event_date.empty() ? "" : ", " + long_date(r.event_date))});
  if (!r.team.empty()) facts.push_back({"Team", one_line(r.team)});
  facts.push_back({"Mode", humanise_key(r.mode)});
  if (!r.facilitator.empty()) facts.push_back({"Facilitator", one_line(r.facilitator)});
  if (!r.participants.empty()) facts.push_back({"Participants", joined(r.participants)});
  facts.push_back({"Started", date_time(r.started_at)});
  facts.push_back({"Result", outcome_text(r)});
  if (!r.withheld) facts.push_back({"Report status", report_status(r.audit)});
  w.facts(facts);
}

void audit_scope(DocumentWriter& w, const FeedbackReport& r, int level) {
  const AuditSection& a = r.audit;
  w.heading(level, "Scope, objectives and limitations");
  w.paragraph(a.scope);
  w.paragraph("Objectives:");
  for (const std::string& o : a.objectives) w.bullet(one_line(o));
  w.heading(level, "Definitions");
  if (a.opinion_given) {
    w.heading(level + 1, "Assurance opinion");
    definitions(w, a.opinion_definitions);
  }
  w.heading(level + 1, "Priorities");
  definitions(w, r.priority_definitions);
  w.heading(level, "Assurance opinion");
  w.bold_paragraph(opinion_statement(a));
}

void control_checks(DocumentWriter& w, const AuditSection& a, int level) {
  w.heading(level, "Control checks");
  if (a.checks.empty()) {
    w.paragraph("No control checks have been recorded. In a desktop audit the group records, for "
                "each key action, whether the council's own arrangements are in place, with the "
                "evidence seen.");
    return;
  }
  Rows rows;
  for (const ControlCheckRow& c : a.checks)
    rows.push_back({one_line(c.key_action), one_line(c.question),
                    c.status + (c.changed_by.empty() ? "" : " (recorded by " + one_line(c.changed_by) + ")"),
                    check_evidence(c), one_line(c.owner), long_date(c.due_date)});
  w.table({{"Key action", 1.8}, {"Control question", 1.8}, {"Status", 1.1},
           {"Evidence and reference", 1.8}, {"Owner", 1.1}, {"Due", 0.9}},
          rows);
}

void audit_findings(DocumentWriter& w, const AuditSection& a, int level) {
  w.heading(level, "Findings by priority");
  w.paragraph(a.checks.empty() ? std::string("There are no findings until the controls are checked.")
                               : audit_findings_summary(a));
  for (size_t i = 0; i < a.findings.size(); ++i) {
    const AuditFindingRow& f = a.findings[i];
    w.heading(level + 1, std::to_string(i + 1) + ". " + priority_label(f.priority) + " priority: " +
                             one_line(f.key_action));
    Facts facts{{"Status", f.status}};
    if (!f.question.empty()) facts.push_back({"Control question", one_line(f.question)});
    facts.push_back({"Condition", one_line(f.condition)});
    facts.push_back({"Criteria", one_line(f.criteria)});
    facts.push_back({"Cause", one_line(f.cause)});
    facts.push_back({"Effect", one_line(f.effect)});
    if (!f.owner.empty()) facts.push_back({"Owner", one_line(f.owner)});
    if (!f.due_date.empty()) facts.push_back({"Due", long_date(f.due_date)});
    std::vector<std::string> lines;
    for (const ResponseRow& r : f.responses) lines.push_back(response_text(r));
    facts.push_back({"Management response", lines.empty() ? "None recorded yet" : joined(lines)});
    w.facts(facts);
  }
}

void members_recommendations(DocumentWriter& w, const AuditSection& a, int level) {
  w.heading(level, "Members' recommendations");
  if (a.recommendations.empty()) w.paragraph("The members have made no recommendations yet.");
  recommendation_list(w, a.recommendations);
}

void action_plan(DocumentWriter& w, const FeedbackReport& r, int level) {
  w.heading(level, "Action plan");
  if (r.actions.empty()) {
    w.paragraph("No actions have been agreed yet.");
    return;
  }
  Rows rows;
  for (const ActionRow& a : r.actions)
    rows.push_back({one_line(a.action), one_line(a.owner), long_date(a.due_date),
                    humanise_key(a.priority), action_status(a), one_line(a.progress)});
  w.table({{"Action", 2.6}, {"Owner", 1.2}, {"Due", 1.1}, {"Priority", 0.8}, {"Status", 1.1},
           {"Progress", 1.6}},
          rows);
}

// What the team did in the story, apart from the audit: the exercise's learning points.
void exercise_scores(DocumentWriter& w, const FeedbackReport& r, int level) {
  w.heading(level, "Learning points from the exercise");
  w.notice(kLearningPointsIntro);
  w.bold_paragraph(rating_sentence(r));
  w.heading(level + 1, "Exercise rating: definitions");
  definitions(w, r.rating_definitions);
  w.heading(level + 1, "4P scores");
  w.pillar_chart(r.pillars);
  Rows rows;
  for (const PillarRow& p : r.pillars)
    rows.push_back({pillar_name(p.pillar), pillar_score(p), p.override_delta ? signed_number(p.override_delta) : ""});
  w.table({{"Pillar", 1}, {"Score", 2}, {"Facilitator overrides", 1.3}}, rows);
}

void exercise_findings(DocumentWriter& w, const FeedbackReport& r, int level) {
  w.heading(level, kExerciseFindingsHeading);
  w.paragraph(findings_summary(r));
  Rows rows;
  for (const FindingRow& f : r.findings)
    rows.push_back({priority_label(f.priority), pillar_name(f.pillar), finding_text(f), one_line(f.management_action)});
  if (!rows.empty())
    w.table({{"Priority", 0.8}, {"Pillar", 0.8}, {"Key action", 2.4}, {"Suggested action", 2.4}}, rows);
  w.heading(level, "Learning objectives");
  if (r.objectives.empty()) w.paragraph("The scenario sets no learning objectives.");
  rows.clear();
  for (const ObjectiveRow& o : r.objectives)
    rows.push_back({o.met ? "Met" : "Not met", pillar_name(o.pillar), one_line(o.text)});
  if (!rows.empty()) w.table({{"", 0.8}, {"", 0.8}, {"", 4.4}}, rows);
}

void decision_log(DocumentWriter& w, const FeedbackReport& r, int level) {
  w.heading(level, "Decision log");
  if (r.decisions.empty()) w.paragraph("No decisions were recorded.");
  for (const DecisionRow& d : r.decisions) {
    w.heading(level + 1, std::to_string(d.seq) + ". " + one_line(d.node_title.empty() ? d.node_id : d.node_title));
    Facts f{{"Decision", decision_text(d)}};
    if (d.kind != "undo") f.push_back({"4P", score_text(d.delta)});
    f.push_back({"Time taken", duration(d.time_taken_ms)});
    std::string votes;
    for (const VoteRow& v : d.votes)
      votes += (votes.empty() ? "" : "; ") + one_line(v.choice_text) + ": " + std::to_string(v.votes);
    if (!votes.empty()) f.push_back({"Votes", votes});
    if (!d.rationale.empty()) f.push_back({"Rationale", one_line(d.rationale)});
    if (!d.dissent.empty()) f.push_back({"Dissent", one_line(d.dissent)});
    if (!d.alternative_text.empty())
      f.push_back({"Path not taken", one_line(d.alternative_text) + " (" + score_text(d.alternative_score) +
                                         "). " + missed_sentence(d.missed) + "."});
    w.facts(f);
    if (!d.feedback.empty()) w.markdown(d.feedback);
  }
}

void notes_overrides_debrief(DocumentWriter& w, const FeedbackReport& r, int level) {
  Rows rows;
  if (!r.notes.empty()) {
    w.heading(level, "Notes");
    for (const NoteRow& n : r.notes)
      rows.push_back({humanise_key(n.kind) + (n.part_b ? " (Part B)" : ""), one_line(n.node_title), one_line(n.text)});
    w.table({{"Kind", 1}, {"Where", 1.5}, {"Note", 3.5}}, rows);
  }
  if (!r.overrides.empty()) {
    w.heading(level, "Score overrides");
    rows.clear();
    for (const OverrideRow& o : r.overrides)
      rows.push_back({humanise_key(o.pillar), signed_number(o.delta), one_line(o.reason), one_line(o.by)});
    w.table({{"Pillar", 1}, {"Change", 0.8}, {"Reason", 3.2}, {"By", 1.2}}, rows);
  }
  if (!r.ending_debrief.empty()) {
    w.heading(level, "Debrief");
    w.markdown(r.ending_debrief);
  }
}

}  // namespace

void lay_out_front_sheet(DocumentWriter& w, const Facts& rows, const std::string& notice) {
  w.heading(1, kFrontSheetHeading);
  if (!notice.empty()) w.notice(notice);
  w.facts(rows);
}

void lay_out_feedback_body(DocumentWriter& w, const FeedbackReport& r, int level) {
  session_facts(w, r);
  if (r.withheld) {
    w.notice("This scenario is classified Part B. Its content and results may be exempt information "
             "and are reported in Part B only.");
    return;
  }
  if (!r.scenario_summary.empty()) w.markdown(r.scenario_summary);
  audit_scope(w, r, level);
  control_checks(w, r.audit, level);
  audit_findings(w, r.audit, level);
  members_recommendations(w, r.audit, level);
  action_plan(w, r, level);
  exercise_scores(w, r, level);
  exercise_findings(w, r, level + 1);
  decision_log(w, r, level + 1);
  notes_overrides_debrief(w, r, level + 1);
}

void lay_out(DocumentWriter& w, const FeedbackReport& r) {
  const std::string title = one_line(r.scenario_title) + (r.team.empty() ? "" : " \u2014 " + one_line(r.team));
  const std::string subtitle =
      r.event_name.empty() ? std::string() : one_line(r.event_name) + (r.event_date.empty() ? "" : ", " + long_date(r.event_date));
  w.title_block("Audit feedback report", title, subtitle);
  lay_out_front_sheet(w, front_sheet_rows(r), front_sheet_notice(r));
  lay_out_feedback_body(w, r, 1);
}

void lay_out(DocumentWriter& w, const OpenActionsReport& r) {
  w.title_block("Improvement plan", "Open improvement actions", "");
  w.paragraph(open_actions_summary(r));
  if (r.withheld > 0)
    w.notice(withheld_actions_notice(r));
  Rows rows;
  for (const ActionRow& a : r.actions)
    rows.push_back({a.due_date.empty() ? "No date" : long_date(a.due_date), one_line(a.action), one_line(a.owner),
                    humanise_key(a.priority), action_status(a),
                    one_line(a.scenario_title) + (a.event_name.empty() ? "" : ", " + one_line(a.event_name))});
  if (!rows.empty())
    w.table({{"Due", 1.1}, {"Action", 2.8}, {"Owner", 1.3}, {"Priority", 0.9}, {"Status", 1.2}, {"Arising from", 1.8}}, rows);
}

}  // namespace auditsim::reports
