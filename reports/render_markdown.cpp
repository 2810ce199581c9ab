// Markdown (CommonMark). Plain text from people is escaped so it cannot become markup; Markdown
// written by scenario authors is kept as Markdown inside a block quote, with raw HTML neutralised,
// so it cannot break out of its section or inject script into a page that renders the file.
#include <string>

#include "reports/markdown_links.hpp"
#include "reports/render.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using namespace text;

// Inline text: one line, CommonMark punctuation escaped.
std::string esc(std::string_view raw) {
  std::string out;
  for (char c : one_line(raw)) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#':
      case '~': case '!': case '{': case '}':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

// Author Markdown as a block quote; "<" becomes an entity so raw HTML shows as text.
std::string quote(std::string_view md) {
  std::string out = "> ";
  for (char c : without_unsafe_links(clean(md))) {
    if (c == '\n') out += "\n> ";
    else if (c == '<') out += "&lt;";
    else out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '>' || out.back() == '\n'))
    out.pop_back();
  return out + "\n\n";
}

std::string h(int level, const std::string& title) {
  return std::string(static_cast<size_t>(std::min(level, 6)), '#') + " " + title + "\n\n";
}

std::string header(const ReportSettings& s, const std::string& title) {
  std::string out = h(1, esc(s.council_name)) + "**" + esc(title) + "**\n\n";
  out += "**" + esc(part_marking(s)) + "**\n\n";
  if (s.part == Part::A) out += "*" + esc(kPartANotice) + "*\n\n";
  if (s.part == Part::B) out += "*" + esc(kPublicInterestTest) + "*\n\n";
  if (!s.generated_at.empty()) out += "Generated " + esc(date_time(s.generated_at)) + ".\n\n";
  return out;
}

std::string footer(const ReportSettings& s) {
  return s.part == Part::B ? "---\n\n**" + esc(exempt_marking(s.exempt_paragraphs)) + "**\n" : std::string();
}

void definitions(std::string& o, const std::vector<Definition>& defs) {
  for (const Definition& d : defs) o += "- **" + esc(d.label) + "**: " + esc(d.text) + "\n";
  o += "\n";
}

void responses(std::string& o, const std::vector<ResponseRow>& rs, const std::string& indent) {
  for (const ResponseRow& resp : rs) o += indent + "- " + esc(response_text(resp)) + "\n";
}

// The members' recommendations as a numbered list, each with the findings it answers and its
// responses: the same in the feedback report's audit part and in the scrutiny report.
void recommendation_list(std::string& o, const std::vector<MembersRecommendationRow>& recs) {
  for (const MembersRecommendationRow& rec : recs) {
    o += std::to_string(rec.number) + ". **To " + esc(recommendation_addressee(rec)) + "**: " + esc(rec.text) + "\n";
    if (!rec.findings.empty()) {
      std::string answers;
      for (const std::string& f : rec.findings) answers += (answers.empty() ? "" : "; ") + esc(f);
      o += "   - Answers the findings: " + answers + "\n";
    }
    if (rec.responses.empty()) o += "   - No response recorded yet\n";
    responses(o, rec.responses, "   ");
  }
}

// The internal audit part: scope, definitions, opinion, checks, findings, recommendations.
void audit_body(std::string& o, const FeedbackReport& r, int lv) {
  const AuditSection& a = r.audit;
  o += h(lv, "Scope, objectives and limitations") + esc(a.scope) + "\n\nObjectives:\n\n";
  for (const std::string& ob : a.objectives) o += "- " + esc(ob) + "\n";
  o += "\n" + h(lv, "Definitions");
  if (a.opinion_given) {
    o += h(lv + 1, "Assurance opinion");
    definitions(o, a.opinion_definitions);
  }
  o += h(lv + 1, "Priorities");
  definitions(o, r.priority_definitions);

  o += h(lv, "Assurance opinion") + "**" + esc(opinion_statement(a)) + "**\n\n";

  o += h(lv, "Control checks");
  if (a.checks.empty()) {
    o += "No control checks have been recorded. In a desktop audit the group records, for each "
         "key action, whether the council's own arrangements are in place, with the evidence "
         "seen.\n\n";
  } else {
    o += "| Key action | Control question | Status | Evidence and reference | Owner | Due |\n"
         "|---|---|---|---|---|---|\n";
    for (const ControlCheckRow& c : a.checks)
      o += "| " + esc(c.key_action) + " | " + esc(c.question) + " | " + esc(c.status) +
           (c.changed_by.empty() ? "" : " (recorded by " + esc(c.changed_by) + ")") + " | " +
           esc(check_evidence(c)) + " | " + esc(c.owner) + " | " + esc(long_date(c.due_date)) + " |\n";
    o += "\n";
  }

  o += h(lv, "Findings by priority");
  if (a.checks.empty()) o += "There are no findings until the controls are checked.\n\n";
  else o += esc(audit_findings_summary(a)) + "\n\n";
  for (size_t i = 0; i < a.findings.size(); ++i) {
    const AuditFindingRow& f = a.findings[i];
    o += h(lv + 1, std::to_string(i + 1) + ". " + priority_label(f.priority) + " priority: " + esc(f.key_action));
    o += "- Status: " + esc(f.status) + "\n";
    if (!f.question.empty()) o += "- Control question: " + esc(f.question) + "\n";
    o += "- Condition: " + esc(f.condition) + "\n";
    o += "- Criteria: " + esc(f.criteria) + "\n";
    o += "- Cause: " + esc(f.cause) + "\n";
    o += "- Effect: " + esc(f.effect) + "\n";
    if (!f.owner.empty()) o += "- Owner: " + esc(f.owner) + "\n";
    if (!f.due_date.empty()) o += "- Due: " + esc(long_date(f.due_date)) + "\n";
    if (f.responses.empty()) {
      o += "- Management response: none recorded yet\n";
    } else {
      o += "- Management response:\n";
      responses(o, f.responses, "  ");
    }
    o += "\n";
  }

  o += h(lv, "Members' recommendations");
  if (a.recommendations.empty()) o += "The members have made no recommendations yet.\n\n";
  recommendation_list(o, a.recommendations);
  if (!a.recommendations.empty()) o += "\n";
}

void action_plan(std::string& o, const FeedbackReport& r, int lv) {
  o += h(lv, "Action plan");
  if (r.actions.empty()) {
    o += "No actions have been agreed yet.\n\n";
    return;
  }
  o += "| Action | Owner | Due | Priority | Status | Progress |\n|---|---|---|---|---|---|\n";
  for (const ActionRow& a : r.actions)
    o += "| " + esc(a.action) + " | " + esc(a.owner) + " | " + esc(long_date(a.due_date)) + " | " +
         esc(humanise_key(a.priority)) + " | " + (a.overdue ? "**" + esc(action_status(a)) + "**" : esc(action_status(a))) +
         " | " + esc(a.progress) + " |\n";
  o += "\n";
}

// What the team did in the story, apart from the audit: the exercise's learning points.
void learning_points(std::string& o, const FeedbackReport& r, int lv) {
  o += h(lv, "Learning points from the exercise") + "*" + esc(kLearningPointsIntro) + "*\n\n";
  o += "**" + esc(rating_sentence(r)) + "**\n\n";
  o += h(lv + 1, "Exercise rating: definitions");
  definitions(o, r.rating_definitions);

  o += h(lv + 1, "4P scores") + "| Pillar | Score | Overrides |\n|---|---|---|\n";
  for (const PillarRow& p : r.pillars)
    o += "| " + std::string(pillar_name(p.pillar)) + " | " + esc(pillar_score(p)) + " | " +
         (p.override_delta ? signed_number(p.override_delta) : "") + " |\n";
  o += "\n";

  o += h(lv + 1, kExerciseFindingsHeading) + esc(findings_summary(r)) + "\n\n";
  for (const FindingRow& f : r.findings)
    o += "- **" + priority_label(f.priority) + "** (" + pillar_name(f.pillar) + "): " + esc(finding_text(f)) +
         (f.management_action.empty() ? "" : " \u2014 *Suggested action:* " + esc(f.management_action)) + "\n";
  if (!r.findings.empty()) o += "\n";

  o += h(lv + 1, "Learning objectives");
  for (const ObjectiveRow& ob : r.objectives)
    o += std::string("- ") + (ob.met ? "Met" : "Not met") + ": " + esc(ob.text) + "\n";
  if (r.objectives.empty()) o += "The scenario sets no learning objectives.\n";
  o += "\n";

  o += h(lv + 1, "Decision log");
  if (r.decisions.empty()) o += "No decisions were recorded.\n\n";
  for (const DecisionRow& d : r.decisions) {
    o += h(lv + 2, std::to_string(d.seq) + ". " + esc(d.node_title.empty() ? d.node_id : d.node_title));
    o += "- Decision: " + esc(decision_text(d)) + "\n";
    if (d.kind != "undo") o += "- 4P: " + esc(score_text(d.delta)) + "\n";
    o += "- Time taken: " + duration(d.time_taken_ms) + "\n";
    if (!d.votes.empty()) {
      std::string v;
      for (const VoteRow& vr : d.votes)
        v += (v.empty() ? "" : "; ") + esc(vr.choice_text) + ": " + std::to_string(vr.votes);
      o += "- Votes: " + v + "\n";
    }
    if (!d.released_evidence.empty()) {
      std::string titles;
      for (const std::string& t : d.released_evidence) titles += (titles.empty() ? "" : "; ") + esc(t);
      o += "- Evidence released: " + titles + "\n";
    }
    if (!d.rationale.empty()) o += "- Rationale: " + esc(d.rationale) + "\n";
    if (!d.dissent.empty()) o += "- Dissent: " + esc(d.dissent) + "\n";
    if (!d.alternative_text.empty())
      o += "- Path not taken: " + esc(d.alternative_text) + " (" + esc(score_text(d.alternative_score)) +
           "). " + esc(missed_sentence(d.missed)) + ".\n";
    o += "\n";
    if (!d.feedback.empty()) o += quote(d.feedback);
  }

  if (!r.notes.empty()) {
    o += h(lv + 1, "Notes");
    for (const NoteRow& n : r.notes)
      o += "- " + esc(humanise_key(n.kind)) + (n.node_title.empty() ? "" : " (" + esc(n.node_title) + ")") +
           (n.part_b ? " [Part B]" : "") + ": " + esc(n.text) + "\n";
    o += "\n";
  }
  if (!r.overrides.empty()) {
    o += h(lv + 1, "Score overrides");
    for (const OverrideRow& ov : r.overrides)
      o += "- " + esc(humanise_key(ov.pillar)) + " " + signed_number(ov.delta) + ": " + esc(ov.reason) +
           (ov.by.empty() ? "" : " (" + esc(ov.by) + ")") + "\n";
    o += "\n";
  }
  if (!r.ending_debrief.empty()) o += h(lv + 1, "Debrief") + quote(r.ending_debrief);
}

void feedback_body(std::string& o, const FeedbackReport& r, int lv) {
  o += "| | |\n|---|---|\n";
  o += "| Scenario | " + esc(r.scenario_title) + " |\n";
  if (!r.event_name.empty())
    o += "| Event | " + esc(r.event_name) + (r.event_date.empty() ? "" : ", " + esc(long_date(r.event_date))) + " |\n";
  if (!r.team.empty()) o += "| Team | " + esc(r.team) + " |\n";
  o += "| Mode | " + esc(humanise_key(r.mode)) + " |\n";
  if (!r.facilitator.empty()) o += "| Facilitator | " + esc(r.facilitator) + " |\n";
  if (!r.participants.empty()) {
    std::string people;
    for (const std::string& p : r.participants) people += (people.empty() ? "" : "; ") + esc(p);
    o += "| Participants | " + people + " |\n";
  }
  o += "| Started | " + esc(date_time(r.started_at)) + " |\n";
  o += "| Result | " + esc(outcome_text(r)) + " |\n";
  if (!r.withheld) o += "| Report status | " + esc(report_status(r.audit)) + " |\n";
  o += "\n";
  if (r.withheld) {
    o += "*This scenario is classified Part B. Its content and results may be exempt information "
         "and are reported in Part B only.*\n\n";
    return;
  }
  if (!r.scenario_summary.empty()) o += quote(r.scenario_summary);
  audit_body(o, r, lv);
  action_plan(o, r, lv);
  learning_points(o, r, lv);
}

// The front sheet that opens a committee paper, with the notice when none is completed.
void front_sheet(std::string& o, const std::vector<std::pair<std::string, std::string>>& rows,
                 const std::string& notice) {
  o += h(2, kFrontSheetHeading);
  if (!notice.empty()) o += "*" + esc(notice) + "*\n\n";
  o += "| | |\n|---|---|\n";
  for (const auto& [label, value] : rows) o += "| **" + esc(label) + "** | " + esc(value) + " |\n";
  o += "\n";
}

void paragraphs(std::string& o, const std::vector<std::string>& ps) {
  for (const std::string& p : ps) o += esc(p) + "\n\n";
}

}  // namespace

std::string render_markdown(const FeedbackReport& r) {
  std::string o = header(r.settings, feedback_title(r));
  front_sheet(o, front_sheet_rows(r), front_sheet_notice(r));
  feedback_body(o, r, 2);
  return o + footer(r.settings);
}

void table(std::string& o, const std::vector<std::string>& headings,
           const std::vector<std::vector<std::string>>& rows) {
  std::string sep;
  for (const std::string& c : headings) o += "| " + esc(c) + " ", sep += "|---";
  o += "|\n" + sep + "|\n";
  for (const auto& row : rows) {
    for (const std::string& c : row) o += "| " + esc(c) + " ";
    o += "|\n";
  }
  o += "\n";
}

std::string render_markdown(const ScrutinyReport& r) {
  const std::vector<std::string>& sections = scrutiny_section_titles();
  std::string o = header(r.settings, "Scrutiny report: " + one_line(r.title));
  front_sheet(o, front_sheet_rows(r), front_sheet_notice(r));
  o += h(2, sections[0]);
  paragraphs(o, scrutiny_foreword(r));
  o += h(2, sections[1]) + esc(membership_intro(r)) + "\n\n";
  if (!r.membership.empty()) table(o, membership_headings(r), membership_rows(r));
  o += h(2, sections[2]) + h(3, "Aims");
  paragraphs(o, scrutiny_aims(r));
  o += h(3, "Expected outcomes");
  for (const std::string& c : scrutiny_outcomes(r)) o += "- " + esc(c) + "\n";
  o += "\n" + h(3, "Methods");
  paragraphs(o, scrutiny_methods(r));
  o += h(2, sections[3]);
  for (const std::string& c : scrutiny_conclusions(r)) o += "- " + esc(c) + "\n";
  o += "\n" + h(2, sections[4]);
  o += h(3, "Attendance") + esc(attendance_sentence(r)) + "\n\n";
  o += h(3, "Exercise ratings") + "| Exercise rating | Sessions |\n|---|---|\n";
  for (const auto& [label, count] : rating_counts(r)) o += "| " + esc(label) + " | " + count_text(count) + " |\n";
  o += "\n";
  if (std::string u = unfinished_sentence(r); !u.empty()) o += esc(u) + "\n\n";
  if (!r.opinions.empty()) {
    o += h(3, "Assurance opinions") + "| Assurance opinion | Sessions |\n|---|---|\n";
    for (const auto& [label, count] : opinion_counts(r)) o += "| " + esc(label) + " | " + count_text(count) + " |\n";
    o += "\n";
  }
  o += h(3, "4P distribution") + "| Pillar | Mean | Lowest | Highest | Sessions assessed |\n|---|---|---|---|---|\n";
  for (const auto& sp : r.spread)
    o += "| " + std::string(pillar_name(sp.pillar)) + " | " +
         (sp.assessed ? percent(sp.mean) + " | " + percent(sp.min) + " | " + percent(sp.max)
                      : std::string("Not assessed | | ")) +
         " | " + count_text(sp.assessed) + " |\n";
  o += "\n" + h(3, "How the sessions chose at each decision");
  for (const ChoiceDistribution& d : r.distributions) {
    o += h(4, esc(d.node_title.empty() ? d.node_id : d.node_title)) +
         "| Choice | 4P | Sessions |\n|---|---|---|\n";
    for (const auto& op : d.options)
      o += "| " + esc(op.text) + " | " + esc(score_text(op.score)) + " | " +
           count_text(op.sessions) + " of " + count_text(d.sessions) + " |\n";
    o += "\n";
  }
  o += h(3, "Most-missed key actions");
  if (r.most_missed.empty()) o += "None.\n\n";
  for (const MissedKeyAction& m : r.most_missed)
    o += "- " + esc(m.finding.text) + " \u2014 missed in " + finding_count(m) + " (" +
         esc(m.scenario_title) + ", " +
         priority_label(m.finding.priority) + ")\n";
  o += "\n" + h(3, "Learning points from the exercises") + "*" + esc(kScrutinyLearningPointsIntro) + "*\n\n";
  if (r.learning_points.empty()) o += "None: every key action was achieved.\n";
  for (const LearningPoint& lp : r.learning_points)
    o += std::to_string(lp.number) + ". " + esc(lp.text) + " *(" + priority_label(lp.priority) +
         " priority. " + esc(lp.rationale) + ")*\n";
  o += "\n" + h(2, sections[5]);
  if (r.recommendations.empty())
    o += "The members made no recommendations. The committee is asked to note the report.\n\n";
  else table(o, recommendation_headings(), recommendation_rows(r));
  o += h(2, sections[6]) + h(3, "Corporate Management Team's response") + esc(cmt_response(r)) + "\n\n" +
       h(3, "Cabinet's response") + esc(cabinet_response(r)) + "\n\n";
  o += h(2, sections[7]);
  for (const auto& [heading, ps] : scrutiny_implications(r)) {
    o += h(3, heading);
    paragraphs(o, ps);
  }
  o += h(2, sections[8]);
  paragraphs(o, scrutiny_monitoring(r));
  o += h(2, sections[9]);
  for (const GlossaryEntry& g : glossary())
    o += "- **" + esc(g.term) + "**: " + esc(g.meaning) + "\n";
  o += "\n" + h(2, sections[10]) + esc(appendices_intro(r)) + "\n\n";
  if (compact_appendix(r)) {
    o += h(2, appendix_table_title(r));
    table(o, appendix_table_headings(r), appendix_table_rows(r));
    return o + footer(r.settings);
  }
  for (size_t i = 0; i < r.appendix.size(); ++i) {
    const FeedbackReport& f = r.appendix[i];
    o += h(2, appendix_label(i) + " \u2014 " + esc(f.scenario_title) +
                  (f.team.empty() ? "" : ", " + esc(f.team)));
    feedback_body(o, f, 3);
  }
  return o + footer(r.settings);
}

std::string render_markdown(const OpenActionsReport& r) {
  std::string o = header(r.settings, "Open improvement actions");
  o += esc(open_actions_summary(r)) + "\n\n";
  if (r.withheld > 0)
    o += esc(withheld_actions_notice(r)) + "\n\n";
  if (!r.actions.empty()) {
    o += "| Due | Action | Owner | Priority | Status | Scenario | Event |\n|---|---|---|---|---|---|---|\n";
    for (const ActionRow& a : r.actions)
      o += "| " + esc(long_date(a.due_date)) + " | " + esc(a.action) + " | " + esc(a.owner) + " | " +
           esc(humanise_key(a.priority)) + " | " +
           (a.overdue ? "**" + esc(action_status(a)) + "**" : esc(action_status(a))) + " | " +
           esc(a.scenario_title) + " | " + esc(a.event_name) + " |\n";
  }
  return o + "\n" + footer(r.settings);
}

}  // namespace auditsim::reports
