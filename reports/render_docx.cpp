// Word reports: the same sections as the PDF and Markdown ones, one function per section, laid
// out by the Word document writer in the styles of the council's template.
#include "reports/docx_doc.hpp"
#include "reports/render.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using namespace text;
using docx::Column;
using docx::Doc;

using Rows = std::vector<std::vector<std::string>>;
using Facts = std::vector<std::pair<std::string, std::string>>;

// The document's title and header line carry the part, so a Part B file is never taken for the
// public one however it is named.
std::string with_part(const std::string& title, Part p) {
  return title + " \u2014 " + part_label(p);
}

void definitions(Doc& doc, const std::vector<Definition>& defs) {
  Rows rows;
  for (const Definition& d : defs) rows.push_back({one_line(d.label), one_line(d.text)});
  doc.table({{"", 1.3}, {"", 4.7}}, rows);
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : "; ") + one_line(i);
  return out;
}

void recommendation_list(Doc& doc, const std::vector<MembersRecommendationRow>& recs) {
  for (const MembersRecommendationRow& rec : recs) {
    doc.numbered(std::to_string(rec.number) + ".",
                 "To " + recommendation_addressee(rec) + ": " + one_line(rec.text));
    if (!rec.findings.empty()) doc.paragraph("Answers the findings: " + joined(rec.findings), true);
    if (rec.responses.empty()) doc.paragraph("No response recorded yet.", true);
    for (const ResponseRow& r : rec.responses) doc.paragraph(response_text(r), true);
  }
}

void audit_scope(Doc& doc, const FeedbackReport& r, int level) {
  const AuditSection& a = r.audit;
  doc.heading(level, "Scope, objectives and limitations");
  doc.paragraph(a.scope);
  doc.paragraph("Objectives:");
  for (const std::string& o : a.objectives) doc.bullet(one_line(o));
  doc.heading(level, "Definitions");
  if (a.opinion_given) {
    doc.heading(level + 1, "Assurance opinion");
    definitions(doc, a.opinion_definitions);
  }
  doc.heading(level + 1, "Priorities");
  definitions(doc, r.priority_definitions);
  doc.heading(level, "Assurance opinion");
  doc.bold_paragraph(opinion_statement(a));
}

void control_checks(Doc& doc, const AuditSection& a, int level) {
  doc.heading(level, "Control checks");
  if (a.checks.empty()) {
    doc.paragraph("No control checks have been recorded. In a desktop audit the group records, for "
                  "each key action, whether the council's own arrangements are in place, with the "
                  "evidence seen.");
    return;
  }
  Rows rows;
  for (const ControlCheckRow& c : a.checks)
    rows.push_back({one_line(c.key_action), one_line(c.question),
                    c.status + (c.changed_by.empty() ? "" : " (recorded by " + one_line(c.changed_by) + ")"),
                    check_evidence(c), one_line(c.owner), long_date(c.due_date)});
  doc.table({{"Key action", 1.8}, {"Control question", 1.8}, {"Status", 1.1},
             {"Evidence and reference", 1.8}, {"Owner", 1.1}, {"Due", 0.9}},
            rows);
}

void audit_findings(Doc& doc, const AuditSection& a, int level) {
  doc.heading(level, "Findings by priority");
  doc.paragraph(a.checks.empty() ? std::string("There are no findings until the controls are checked.")
                                 : audit_findings_summary(a));
  for (size_t i = 0; i < a.findings.size(); ++i) {
    const AuditFindingRow& f = a.findings[i];
    doc.heading(level + 1, std::to_string(i + 1) + ". " + priority_label(f.priority) + " priority: " +
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
    doc.facts(facts);
  }
}

void members_recommendations(Doc& doc, const AuditSection& a, int level) {
  doc.heading(level, "Members' recommendations");
  if (a.recommendations.empty()) doc.paragraph("The members have made no recommendations yet.");
  recommendation_list(doc, a.recommendations);
}

void action_plan(Doc& doc, const FeedbackReport& r, int level) {
  doc.heading(level, "Action plan");
  if (r.actions.empty()) {
    doc.paragraph("No actions have been agreed yet.");
    return;
  }
  Rows rows;
  for (const ActionRow& a : r.actions)
    rows.push_back({one_line(a.action), one_line(a.owner), long_date(a.due_date),
                    humanise_key(a.priority), action_status(a), one_line(a.progress)});
  doc.table({{"Action", 2.6}, {"Owner", 1.2}, {"Due", 1.1}, {"Priority", 0.8}, {"Status", 1.1},
             {"Progress", 1.6}},
            rows);
}

void exercise_scores(Doc& doc, const FeedbackReport& r, int level) {
  doc.heading(level, "Learning points from the exercise");
  doc.notice(kLearningPointsIntro);
  doc.bold_paragraph(rating_sentence(r));
  doc.heading(level + 1, "Exercise rating: definitions");
  definitions(doc, r.rating_definitions);
  doc.heading(level + 1, "4P scores");
  doc.picture(docx::radar_picture(r.pillars));
  Rows rows;
  for (const PillarRow& p : r.pillars)
    rows.push_back({pillar_name(p.pillar), pillar_score(p), p.override_delta ? signed_number(p.override_delta) : ""});
  doc.table({{"Pillar", 1}, {"Score", 2}, {"Facilitator overrides", 1.3}}, rows);
}

void exercise_findings(Doc& doc, const FeedbackReport& r, int level) {
  doc.heading(level, kExerciseFindingsHeading);
  doc.paragraph(findings_summary(r));
  Rows rows;
  for (const FindingRow& f : r.findings)
    rows.push_back({priority_label(f.priority), pillar_name(f.pillar), finding_text(f), one_line(f.management_action)});
  if (!rows.empty())
    doc.table({{"Priority", 0.8}, {"Pillar", 0.8}, {"Key action", 2.4}, {"Suggested action", 2.4}}, rows);
  doc.heading(level, "Learning objectives");
  if (r.objectives.empty()) doc.paragraph("The scenario sets no learning objectives.");
  rows.clear();
  for (const ObjectiveRow& o : r.objectives)
    rows.push_back({o.met ? "Met" : "Not met", pillar_name(o.pillar), one_line(o.text)});
  if (!rows.empty()) doc.table({{"", 0.8}, {"", 0.8}, {"", 4.4}}, rows);
}

void decision_log(Doc& doc, const FeedbackReport& r, int level) {
  doc.heading(level, "Decision log");
  if (r.decisions.empty()) doc.paragraph("No decisions were recorded.");
  for (const DecisionRow& d : r.decisions) {
    doc.heading(level + 1, std::to_string(d.seq) + ". " + one_line(d.node_title.empty() ? d.node_id : d.node_title));
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
    doc.facts(f);
    if (!d.feedback.empty()) doc.markdown(d.feedback);
  }
}

void notes_overrides_debrief(Doc& doc, const FeedbackReport& r, int level) {
  Rows rows;
  if (!r.notes.empty()) {
    doc.heading(level, "Notes");
    for (const NoteRow& n : r.notes)
      rows.push_back({humanise_key(n.kind) + (n.part_b ? " (Part B)" : ""), one_line(n.node_title), one_line(n.text)});
    doc.table({{"Kind", 1}, {"Where", 1.5}, {"Note", 3.5}}, rows);
  }
  if (!r.overrides.empty()) {
    doc.heading(level, "Score overrides");
    rows.clear();
    for (const OverrideRow& o : r.overrides)
      rows.push_back({humanise_key(o.pillar), signed_number(o.delta), one_line(o.reason), one_line(o.by)});
    doc.table({{"Pillar", 1}, {"Change", 0.8}, {"Reason", 3.2}, {"By", 1.2}}, rows);
  }
  if (!r.ending_debrief.empty()) {
    doc.heading(level, "Debrief");
    doc.markdown(r.ending_debrief);
  }
}

void session_facts(Doc& doc, const FeedbackReport& r) {
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
  doc.facts(facts);
}

void feedback_body(Doc& doc, const FeedbackReport& r, int level) {
  session_facts(doc, r);
  if (r.withheld) {
    doc.notice("This scenario is classified Part B. Its content and results may be exempt information "
               "and are reported in Part B only.");
    return;
  }
  if (!r.scenario_summary.empty()) doc.markdown(r.scenario_summary);
  audit_scope(doc, r, level);
  control_checks(doc, r.audit, level);
  audit_findings(doc, r.audit, level);
  members_recommendations(doc, r.audit, level);
  action_plan(doc, r, level);
  exercise_scores(doc, r, level);
  exercise_findings(doc, r, level + 1);
  decision_log(doc, r, level + 1);
  notes_overrides_debrief(doc, r, level + 1);
}

void paragraphs(Doc& doc, const std::vector<std::string>& ps) {
  for (const std::string& p : ps) doc.paragraph(p);
}

void counts_table(Doc& doc, const char* heading, const std::vector<std::pair<std::string, int>>& counts) {
  Rows rows;
  for (const auto& [label, count] : counts) rows.push_back({one_line(label), std::to_string(count)});
  doc.table({{heading, 3}, {"Sessions", 1}}, rows);
}

std::vector<Column> columns(const std::vector<std::string>& headings, const std::vector<double>& weights) {
  std::vector<Column> cols;
  for (size_t i = 0; i < headings.size(); ++i) cols.push_back({headings[i], i < weights.size() ? weights[i] : 1.0});
  return cols;
}

// The front sheet and sections 1 to 4 of the Preston structure (titles and wording shared with
// every format, render_text.hpp).
void scrutiny_opening(Doc& doc, const ScrutinyReport& r) {
  const std::vector<std::string>& sections = scrutiny_section_titles();
  doc.heading(1, kFrontSheetHeading);
  if (std::string notice = front_sheet_notice(r); !notice.empty()) doc.notice(notice);
  doc.facts(front_sheet_rows(r));
  doc.heading(1, sections[0]);
  paragraphs(doc, scrutiny_foreword(r));
  doc.heading(1, sections[1]);
  doc.paragraph(membership_intro(r));
  if (!r.membership.empty()) doc.table(columns(membership_headings(r), {3, 2}), membership_rows(r));
  doc.heading(1, sections[2]);
  doc.heading(2, "Aims");
  paragraphs(doc, scrutiny_aims(r));
  doc.heading(2, "Expected outcomes");
  for (const std::string& c : scrutiny_outcomes(r)) doc.bullet(c);
  doc.heading(2, "Methods");
  paragraphs(doc, scrutiny_methods(r));
  doc.heading(1, sections[3]);
  for (const std::string& c : scrutiny_conclusions(r)) doc.bullet(c);
}

void scrutiny_attendance_and_spread(Doc& doc, const ScrutinyReport& r) {
  doc.heading(1, scrutiny_section_titles()[4]);
  doc.heading(2, "Attendance");
  doc.paragraph(attendance_sentence(r));
  counts_table(doc, "Exercise rating", rating_counts(r));
  if (std::string u = unfinished_sentence(r); !u.empty()) doc.paragraph(u);
  if (!r.opinions.empty()) counts_table(doc, "Assurance opinion", opinion_counts(r));
  doc.heading(2, "4P distribution");
  doc.picture(docx::spread_picture(r.spread));
  Rows rows;
  for (const auto& sp : r.spread)
    rows.push_back({pillar_name(sp.pillar), sp.assessed ? percent(sp.mean) : "Not assessed",
                    sp.assessed ? percent(sp.min) : "", sp.assessed ? percent(sp.max) : "",
                    std::to_string(sp.assessed)});
  doc.table({{"Pillar", 1.2}, {"Mean", 1}, {"Lowest", 1}, {"Highest", 1}, {"Sessions assessed", 1.3}}, rows);
}

void scrutiny_choices(Doc& doc, const ScrutinyReport& r) {
  doc.heading(2, "How the sessions chose at each decision");
  if (r.distributions.empty()) doc.paragraph("No decisions to compare.");
  for (const ChoiceDistribution& d : r.distributions) {
    doc.heading(3, one_line(d.node_title.empty() ? d.node_id : d.node_title));
    doc.picture(docx::distribution_picture(d));
    Rows rows;
    for (const auto& o : d.options)
      rows.push_back({one_line(o.text), score_text(o.score), std::to_string(o.sessions) + " of " + std::to_string(d.sessions)});
    doc.table({{"Choice", 4}, {"4P", 2}, {"Sessions", 1}}, rows);
  }
}

void scrutiny_missed(Doc& doc, const ScrutinyReport& r) {
  doc.heading(2, "Most-missed key actions");
  if (r.most_missed.empty()) doc.paragraph("None: every key action was achieved.");
  Rows rows;
  for (const MissedKeyAction& m : r.most_missed)
    rows.push_back({one_line(m.finding.text), one_line(m.scenario_title), priority_label(m.finding.priority),
                    finding_count(m)});
  if (!rows.empty()) doc.table({{"Key action", 4}, {"Scenario", 2}, {"Priority", 1}, {"Missed", 1}}, rows);
  doc.heading(2, "Learning points from the exercises");
  doc.notice(kScrutinyLearningPointsIntro);
  if (r.learning_points.empty()) doc.paragraph("None: every key action was achieved.");
  for (const LearningPoint& lp : r.learning_points)
    doc.numbered(std::to_string(lp.number) + ".",
                 one_line(lp.text) + " (" + priority_label(lp.priority) + " priority.) " + one_line(lp.rationale));
}

// Sections 6 to 10 of the Preston structure.
void scrutiny_closing(Doc& doc, const ScrutinyReport& r) {
  const std::vector<std::string>& sections = scrutiny_section_titles();
  doc.heading(1, sections[5]);
  if (r.recommendations.empty())
    doc.paragraph("The members made no recommendations. The committee is asked to note the report.");
  else
    doc.table(columns(recommendation_headings(), {0.5, 3, 1.4, 2.4}), recommendation_rows(r));
  doc.heading(1, sections[6]);
  doc.heading(2, "Corporate Management Team's response");
  doc.paragraph(cmt_response(r));
  doc.heading(2, "Cabinet's response");
  doc.paragraph(cabinet_response(r));
  doc.heading(1, sections[7]);
  for (const auto& [heading, ps] : scrutiny_implications(r)) {
    doc.heading(2, heading);
    paragraphs(doc, ps);
  }
  doc.heading(1, sections[8]);
  paragraphs(doc, scrutiny_monitoring(r));
  doc.heading(1, sections[9]);
  Rows rows;
  for (const GlossaryEntry& g : glossary()) rows.push_back({g.term, g.meaning});
  doc.table({{"", 1.3}, {"", 4}}, rows);
}

void scrutiny_appendices(Doc& doc, const ScrutinyReport& r) {
  doc.heading(1, scrutiny_section_titles()[10]);
  doc.paragraph(appendices_intro(r));
  if (compact_appendix(r)) {
    doc.page_break();
    doc.heading(1, appendix_label(0) + " \u2014 Sessions");
    std::vector<Column> cols;
    for (const std::string& c : session_table_headings())
      cols.push_back({c, c == "Scenario" ? 2.0 : c == "Started" || c == "Team" ? 1.6 : 1.0});
    Rows rows;
    rows.reserve(r.appendix.size());
    for (const FeedbackReport& f : r.appendix) rows.push_back(session_table_row(f));
    doc.table(cols, rows);
    return;
  }
  for (size_t i = 0; i < r.appendix.size(); ++i) {
    const FeedbackReport& f = r.appendix[i];
    doc.page_break();
    doc.heading(1, appendix_label(i) + " \u2014 " + one_line(f.scenario_title) +
                       (f.team.empty() ? "" : ", " + one_line(f.team)));
    feedback_body(doc, f, 2);
  }
}

}  // namespace

std::string render_docx(const FeedbackReport& r) {
  const WordTemplate tpl = load_word_template(r.settings.word_template);
  Doc doc(r.settings);
  std::string title = one_line(r.scenario_title) + (r.team.empty() ? "" : " \u2014 " + one_line(r.team));
  std::string subtitle = r.event_name.empty() ? std::string()
                                              : one_line(r.event_name) + (r.event_date.empty() ? "" : ", " + long_date(r.event_date));
  doc.title_block(with_part("Audit feedback report", r.settings.part), title, subtitle);
  feedback_body(doc, r, 1);
  return doc.package(tpl,
                     with_part("Audit feedback report" + (r.event_name.empty() ? "" : " \u00B7 " + one_line(r.event_name)),
                               r.settings.part),
                     with_part(feedback_title(r), r.settings.part));
}

std::string render_docx(const ScrutinyReport& r) {
  const WordTemplate tpl = load_word_template(r.settings.word_template);
  Doc doc(r.settings);
  doc.title_block(with_part("Scrutiny report", r.settings.part), one_line(r.title),
                  "Report of the desktop audit programme, " + long_date(r.date_from) +
                      (r.date_to != r.date_from ? " to " + long_date(r.date_to) : ""));
  scrutiny_opening(doc, r);
  scrutiny_attendance_and_spread(doc, r);
  scrutiny_choices(doc, r);
  scrutiny_missed(doc, r);
  scrutiny_closing(doc, r);
  scrutiny_appendices(doc, r);
  return doc.package(tpl, with_part("Scrutiny report \u00B7 " + one_line(r.title), r.settings.part),
                     with_part("Scrutiny report: " + one_line(r.title), r.settings.part));
}

std::string render_docx(const OpenActionsReport& r) {
  const WordTemplate tpl = load_word_template(r.settings.word_template);
  Doc doc(r.settings);
  doc.title_block(with_part("Improvement plan", r.settings.part), "Open improvement actions", "");
  doc.paragraph(open_actions_summary(r));
  if (r.withheld > 0)
    doc.notice(std::to_string(r.withheld) + " further actions arise from Part B scenarios and are listed in Part B.");
  Rows rows;
  for (const ActionRow& a : r.actions)
    rows.push_back({a.due_date.empty() ? "No date" : long_date(a.due_date), one_line(a.action), one_line(a.owner),
                    humanise_key(a.priority), action_status(a),
                    one_line(a.scenario_title) + (a.event_name.empty() ? "" : ", " + one_line(a.event_name))});
  if (!rows.empty())
    doc.table({{"Due", 1.1}, {"Action", 2.8}, {"Owner", 1.3}, {"Priority", 0.9}, {"Status", 1.2}, {"Arising from", 1.8}}, rows);
  return doc.package(tpl, with_part("Open improvement actions", r.settings.part),
                     with_part("Open improvement actions", r.settings.part));
}

}  // namespace auditsim::reports
