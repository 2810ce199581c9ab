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
  out += "**" + esc(part_marking(s.part)) + "**\n\n";
  if (s.part == Part::A) out += "*" + esc(kPartANotice) + "*\n\n";
  if (!s.generated_at.empty()) out += "Generated " + esc(date_time(s.generated_at)) + ".\n\n";
  return out;
}

std::string footer(const ReportSettings& s) {
  return s.part == Part::B ? "---\n\n**" + esc(kExemptMarking) + "**\n" : std::string();
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
  o += "| Result | " + esc(outcome_text(r)) + " |\n\n";
  if (r.withheld) {
    o += "*This scenario is classified Part B. Its content and results are exempt information "
         "and are reported in Part B only.*\n\n";
    return;
  }
  o += "**" + esc(opinion_sentence(r)) + "**\n\n";
  if (!r.scenario_summary.empty()) o += quote(r.scenario_summary);

  o += h(lv, "4P scores") + "| Pillar | Score | Overrides |\n|---|---|---|\n";
  for (const PillarRow& p : r.pillars)
    o += "| " + std::string(pillar_name(p.pillar)) + " | " + esc(pillar_score(p)) + " | " +
         (p.override_delta ? signed_number(p.override_delta) : "") + " |\n";
  o += "\n";

  o += h(lv, "Decision log");
  if (r.decisions.empty()) o += "No decisions were recorded.\n\n";
  for (const DecisionRow& d : r.decisions) {
    o += h(lv + 1, std::to_string(d.seq) + ". " + esc(d.node_title.empty() ? d.node_id : d.node_title));
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
           "; " + std::to_string(d.alternative_value) + " against " + std::to_string(d.chosen_value) +
           " for the choice taken)\n";
    o += "\n";
    if (!d.feedback.empty()) o += quote(d.feedback);
  }

  o += h(lv, "Findings by priority");
  if (r.findings.empty()) o += "No findings: every key action was achieved.\n\n";
  for (const FindingRow& f : r.findings)
    o += "- **" + priority_label(f.priority) + "** (" + pillar_name(f.pillar) + "): " + esc(finding_text(f)) +
         (f.management_action.empty() ? "" : " \u2014 *Action:* " + esc(f.management_action)) + "\n";
  if (!r.findings.empty()) o += "\n";

  o += h(lv, "Improvement plan");
  if (r.actions.empty()) o += "No actions have been agreed yet.\n\n";
  else {
    o += "| Action | Owner | Due | Priority | Status |\n|---|---|---|---|---|\n";
    for (const ActionRow& a : r.actions)
      o += "| " + esc(a.action) + " | " + esc(a.owner) + " | " + esc(long_date(a.due_date)) + " | " +
           esc(humanise_key(a.priority)) + " | " + esc(humanise_key(a.status)) + " |\n";
    o += "\n";
  }

  o += h(lv, "Learning objectives");
  for (const ObjectiveRow& ob : r.objectives)
    o += std::string("- ") + (ob.met ? "Met" : "Not met") + ": " + esc(ob.text) + "\n";
  if (r.objectives.empty()) o += "The scenario sets no learning objectives.\n";
  o += "\n";

  if (!r.notes.empty()) {
    o += h(lv, "Notes");
    for (const NoteRow& n : r.notes)
      o += "- " + esc(humanise_key(n.kind)) + (n.node_title.empty() ? "" : " (" + esc(n.node_title) + ")") +
           (n.part_b ? " [Part B]" : "") + ": " + esc(n.text) + "\n";
    o += "\n";
  }
  if (!r.overrides.empty()) {
    o += h(lv, "Score overrides");
    for (const OverrideRow& ov : r.overrides)
      o += "- " + esc(humanise_key(ov.pillar)) + " " + signed_number(ov.delta) + ": " + esc(ov.reason) +
           (ov.by.empty() ? "" : " (" + esc(ov.by) + ")") + "\n";
    o += "\n";
  }
  if (!r.ending_debrief.empty()) o += h(lv, "Debrief") + quote(r.ending_debrief);
}

void paragraphs(std::string& o, const std::vector<std::string>& ps) {
  for (const std::string& p : ps) o += esc(p) + "\n\n";
}

}  // namespace

std::string render_markdown(const FeedbackReport& r) {
  std::string o = header(r.settings, feedback_title(r));
  feedback_body(o, r, 2);
  return o + footer(r.settings);
}

std::string render_markdown(const ScrutinyReport& r) {
  std::string o = header(r.settings, "Scrutiny report: " + one_line(r.title));
  o += h(2, "1. Introduction");
  paragraphs(o, scrutiny_introduction(r));
  o += h(2, "2. Scope");
  paragraphs(o, scrutiny_scope(r));
  o += h(2, "3. Conclusions");
  for (const std::string& c : scrutiny_conclusions(r)) o += "- " + esc(c) + "\n";
  o += "\n" + h(2, "4. Recommendations");
  if (r.recommendations.empty()) o += "The committee is asked to note the report.\n\n";
  for (const Recommendation& rec : r.recommendations)
    o += std::to_string(rec.number) + ". " + esc(rec.text) + " *(" + priority_label(rec.priority) +
         " priority. " + esc(rec.rationale) + ")*\n";
  o += "\n" + h(2, "5. Evidence");
  o += h(3, "Attendance") + esc(attendance_sentence(r)) + "\n\n";
  o += h(3, "4P distribution") + "| Pillar | Mean | Lowest | Highest | Sessions assessed |\n|---|---|---|---|---|\n";
  for (const auto& sp : r.spread)
    o += "| " + std::string(pillar_name(sp.pillar)) + " | " +
         (sp.assessed ? percent(sp.mean) + " | " + percent(sp.min) + " | " + percent(sp.max)
                      : std::string("Not assessed | | ")) +
         " | " + std::to_string(sp.assessed) + " |\n";
  o += "\n" + h(3, "How the sessions chose at each decision");
  for (const ChoiceDistribution& d : r.distributions) {
    o += h(4, esc(d.node_title.empty() ? d.node_id : d.node_title)) +
         "| Choice | 4P | Sessions |\n|---|---|---|\n";
    for (const auto& op : d.options)
      o += "| " + esc(op.text) + " | " + esc(score_text(op.score)) + " | " +
           std::to_string(op.sessions) + " of " + std::to_string(d.sessions) + " |\n";
    o += "\n";
  }
  o += h(3, "Most-missed key actions");
  if (r.most_missed.empty()) o += "None.\n\n";
  for (const MissedKeyAction& m : r.most_missed)
    o += "- " + esc(m.finding.text) + " \u2014 missed in " + finding_count(m) + " (" +
         esc(m.scenario_title) + ", " +
         priority_label(m.finding.priority) + ")\n";
  o += "\n" + h(2, "6. Financial and legal implications") + h(3, "Financial");
  paragraphs(o, scrutiny_financial(r));
  o += h(3, "Legal");
  paragraphs(o, scrutiny_legal(r));
  o += h(2, "7. Monitoring arrangements");
  paragraphs(o, scrutiny_monitoring(r));
  o += h(2, "8. Methodology");
  paragraphs(o, scrutiny_methodology(r));
  o += h(2, "9. Glossary");
  for (const GlossaryEntry& g : glossary())
    o += "- **" + esc(g.term) + "**: " + esc(g.meaning) + "\n";
  o += "\n";
  if (r.appendix.size() > kFullAppendixLimit) {
    o += h(2, appendix_label(0) + " — Sessions");
    std::string sep;
    for (const std::string& c : session_table_headings()) o += "| " + c + " ", sep += "|---";
    o += "|\n" + sep + "|\n";
    for (const FeedbackReport& f : r.appendix) {
      for (const std::string& c : session_table_row(f)) o += "| " + esc(c) + " ";
      o += "|\n";
    }
    return o + "\n" + footer(r.settings);
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
  o += std::to_string(r.actions.size()) + " actions not yet done, soonest due first.\n\n";
  if (r.withheld > 0)
    o += esc(std::to_string(r.withheld) + " further actions arise from Part B scenarios and are "
             "listed in Part B.") + "\n\n";
  if (!r.actions.empty()) {
    o += "| Due | Action | Owner | Priority | Status | Scenario | Event |\n|---|---|---|---|---|---|---|\n";
    for (const ActionRow& a : r.actions)
      o += "| " + esc(long_date(a.due_date)) + " | " + esc(a.action) + " | " + esc(a.owner) + " | " +
           esc(humanise_key(a.priority)) + " | " + esc(humanise_key(a.status)) + " | " +
           esc(a.scenario_title) + " | " + esc(a.event_name) + " |\n";
  }
  return o + "\n" + footer(r.settings);
}

}  // namespace auditsim::reports
