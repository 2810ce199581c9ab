// HTML feedback reports through the embedded Mustache templates. Everything a person or an
// author wrote is escaped by the template engine; author Markdown is converted by cmark in safe
// mode (raw HTML dropped); charts are generated SVG with escaped labels.
#include <fstream>
#include <iterator>

#include "reports/html_table_labels.hpp"
#include "reports/logo.hpp"
#include "reports/render.hpp"
#include "reports/render_html_internal.hpp"
#include "reports/render_svg.hpp"
#include "reports/render_text.hpp"
#include "reports/templates.hpp"

namespace auditsim::reports::html {
namespace {

using namespace text;
using kainjow::mustache::partial;

data fact(const std::string& label, const std::string& value) {
  data d;
  d.set("label", label);
  d.set("value", one_line(value));
  return d;
}

data list() { return data{data::type::list}; }

std::string base64(const std::string& bytes) {
  static const char* t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += t[(v >> k) & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    if (i + 1 < bytes.size()) v |= uint8_t(bytes[i + 1]) << 8;
    out += t[(v >> 18) & 63];
    out += t[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? t[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// The council's logo as a data: URI, so the file stays self-contained; empty when unusable.
std::string logo_uri(const std::string& path) {
  std::optional<Logo> logo = read_logo(path);
  return logo ? "data:" + logo->mime + ";base64," + base64(logo->bytes) : std::string();
}

}  // namespace

mustache compile(const char* name) {
  mustache m{std::string(report_template(name))};
  m.set_custom_escape([](const std::string& s) { return text::escape_markup(s); });
  return m;
}

std::string render(mustache& tpl, const data& d) {
  if (!tpl.is_valid()) return "<p>Report template error: " + text::escape_markup(tpl.error_message()) + "</p>";
  return tpl.render(d);
}

data string_list(const std::vector<std::string>& items) {
  data l = list();
  for (const std::string& s : items) l.push_back(data(one_line(s)));
  return l;
}

std::string page(const ReportSettings& s, const std::string& kind, const std::string& title,
                 const std::string& subtitle, const std::string& running, const std::string& body) {
  mustache tpl = compile("page.mustache");
  data d;
  d.set("style", partial([] { return std::string(report_template("style.css")); }));
  d.set("council", one_line(s.council_name));
  d.set("kind", kind);
  d.set("title", one_line(title));
  if (!subtitle.empty()) d.set("subtitle", one_line(subtitle));
  d.set("running", one_line(running));
  d.set("marking", part_marking(s));
  d.set("public_interest", std::string(kPublicInterestTest));
  d.set("exempt", s.part == Part::B);
  d.set("part_a", s.part == Part::A);
  d.set("part_a_notice", std::string(kPartANotice));
  if (!s.generated_at.empty()) d.set("generated", date_time(s.generated_at));
  if (std::string logo = logo_uri(s.logo_path); !logo.empty()) d.set("logo", logo);
  d.set("body", label_table_cells(body));  // headings for narrow screens (html_table_labels.hpp)
  return render(tpl, d);
}

void set_if(data& d, const char* key, const std::string& value) {
  if (!value.empty()) d.set(key, value);
}

namespace {

data response_list(const std::vector<ResponseRow>& rs) {
  std::vector<std::string> lines;
  for (const ResponseRow& resp : rs) lines.push_back(response_text(resp));
  return string_list(lines);
}

}  // namespace

void recommendation_entry(data& x, const MembersRecommendationRow& rec) {
  x.set("number", std::to_string(rec.number));
  x.set("to", recommendation_addressee(rec));
  x.set("text", one_line(rec.text));
  std::string answers;
  for (const std::string& f : rec.findings) answers += (answers.empty() ? "" : "; ") + one_line(f);
  set_if(x, "answers", answers);
  x.set("responses", response_list(rec.responses));
}

namespace {

data definitions(const std::vector<Definition>& defs) {
  return rows_list(defs, [](data& x, const Definition& def) {
    x.set("label", one_line(def.label));
    x.set("text", one_line(def.text));
  });
}

void audit_data(data& d, const FeedbackReport& r) {
  const AuditSection& a = r.audit;
  d.set("scope", one_line(a.scope));
  d.set("audit_objectives", string_list(a.objectives));
  d.set("opinion_given", a.opinion_given);
  d.set("opinion_level", std::to_string(a.opinion_level));
  d.set("opinion_statement", opinion_statement(a));
  d.set("opinion_definitions", definitions(a.opinion_definitions));
  d.set("priority_definitions", definitions(r.priority_definitions));
  d.set("has_checks", !a.checks.empty());
  d.set("checks", rows_list(a.checks, [&](data& x, const ControlCheckRow& c) {
    x.set("key_action", one_line(c.key_action));
    x.set("question", one_line(c.question));
    x.set("status", c.status);
    x.set("status_key", c.status_key);
    set_if(x, "changed_by", one_line(c.changed_by));
    x.set("evidence", check_evidence(c));
    x.set("owner", one_line(c.owner));
    x.set("due", long_date(c.due_date));
  }));
  d.set("audit_findings_summary",
        a.checks.empty() ? std::string("There are no findings until the controls are checked.")
                         : audit_findings_summary(a));
  size_t number = 0;
  d.set("audit_findings", rows_list(a.findings, [&](data& x, const AuditFindingRow& f) {
    x.set("n", std::to_string(++number));
    x.set("priority", priority_label(f.priority));
    x.set("priority_key", priority_key(f.priority));
    x.set("key_action", one_line(f.key_action));
    x.set("status", f.status);
    set_if(x, "question", one_line(f.question));
    x.set("condition", one_line(f.condition));
    x.set("criteria", one_line(f.criteria));
    x.set("cause", one_line(f.cause));
    x.set("effect", one_line(f.effect));
    set_if(x, "owner", one_line(f.owner));
    set_if(x, "due", f.due_date.empty() ? std::string() : long_date(f.due_date));
    x.set("responses", response_list(f.responses));
  }));
  d.set("has_recommendations", !a.recommendations.empty());
  d.set("recommendations", rows_list(a.recommendations, recommendation_entry));
}

}  // namespace

data feedback_data(const FeedbackReport& r, int h) {
  data d;
  d.set("h", std::to_string(h));
  d.set("h_sub", std::to_string(h + 1));
  data facts = list();
  facts.push_back(fact("Scenario", r.scenario_title));
  if (!r.event_name.empty())
    facts.push_back(fact("Event", r.event_name + (r.event_date.empty() ? "" : ", " + long_date(r.event_date))));
  if (!r.team.empty()) facts.push_back(fact("Team", r.team));
  facts.push_back(fact("Mode", humanise_key(r.mode)));
  if (!r.facilitator.empty()) facts.push_back(fact("Facilitator", r.facilitator));
  if (!r.participants.empty()) {
    std::string people;
    for (const std::string& p : r.participants) people += (people.empty() ? "" : "; ") + p;
    facts.push_back(fact("Participants", people));
  }
  facts.push_back(fact("Started", date_time(r.started_at)));
  facts.push_back(fact("Result", outcome_text(r)));
  if (!r.withheld) facts.push_back(fact("Report status", report_status(r.audit)));
  d.set("facts", facts);
  d.set("withheld", r.withheld);
  if (r.withheld) return d;
  d.set("h_sub2", std::to_string(h + 2));
  audit_data(d, r);

  d.set("learning_intro", std::string(kLearningPointsIntro));
  d.set("rating_level", std::to_string(r.rating_level));
  d.set("rating_sentence", rating_sentence(r));
  d.set("rating_definitions", definitions(r.rating_definitions));
  if (!r.scenario_summary.empty()) d.set("summary_html", markdown_to_html(r.scenario_summary));
  d.set("radar_svg", svg::radar(r.pillars));
  d.set("bars_svg", svg::pillar_bars(r.pillars));
  d.set("pillars", rows_list(r.pillars, [&](data& row, const PillarRow& p) {
    row.set("name", pillar_name(p.pillar));
    row.set("score", pillar_score(p));
    row.set("override", p.override_delta ? signed_number(p.override_delta) : "");
  }));

  d.set("decisions", rows_list(r.decisions, [&](data& x, const DecisionRow& dr) {
    x.set("seq", std::to_string(dr.seq));
    x.set("node_title", one_line(dr.node_title.empty() ? dr.node_id : dr.node_title));
    x.set("decision", decision_text(dr));
    x.set("undone", dr.undone);
    x.set("has_score", dr.kind != "undo");
    x.set("score", score_text(dr.delta));
    x.set("time", duration(dr.time_taken_ms));
    std::string votes;
    for (const VoteRow& v : dr.votes)
      votes += (votes.empty() ? "" : "; ") + one_line(v.choice_text) + ": " + std::to_string(v.votes);
    if (!votes.empty()) x.set("votes_text", votes);
    std::string released;
    for (const std::string& t : dr.released_evidence) released += (released.empty() ? "" : "; ") + one_line(t);
    if (!released.empty()) x.set("released_text", released);
    if (!dr.rationale.empty()) x.set("rationale", one_line(dr.rationale));
    if (!dr.dissent.empty()) x.set("dissent", one_line(dr.dissent));
    if (!dr.alternative_text.empty()) {
      x.set("alt_text", one_line(dr.alternative_text));
      x.set("alt_score", score_text(dr.alternative_score));
      x.set("alt_missed", missed_sentence(dr.missed));
    }
    if (!dr.feedback.empty()) x.set("feedback_html", markdown_to_html(dr.feedback));
  }));

  d.set("findings_summary", findings_summary(r));
  d.set("has_findings", !r.findings.empty());
  d.set("findings", rows_list(r.findings, [&](data& x, const FindingRow& f) {
    x.set("priority", priority_label(f.priority));
    x.set("priority_key", priority_key(f.priority));
    x.set("pillar", pillar_name(f.pillar));
    x.set("text", finding_text(f));
    x.set("action", one_line(f.management_action));
  }));

  d.set("has_actions", !r.actions.empty());
  d.set("actions", rows_list(r.actions, [&](data& x, const ActionRow& a) {
    x.set("action", one_line(a.action));
    x.set("owner", one_line(a.owner));
    x.set("due", long_date(a.due_date));
    x.set("priority", humanise_key(a.priority));
    x.set("status", action_status(a));
    x.set("overdue", a.overdue);
    x.set("progress", one_line(a.progress));
  }));

  d.set("has_objectives", !r.objectives.empty());
  d.set("objectives", rows_list(r.objectives, [&](data& x, const ObjectiveRow& o) {
    x.set("met", o.met);
    x.set("pillar", pillar_name(o.pillar));
    x.set("text", one_line(o.text));
  }));

  d.set("has_notes", !r.notes.empty());
  d.set("notes", rows_list(r.notes, [&](data& x, const NoteRow& n) {
    x.set("kind", humanise_key(n.kind));
    x.set("where", one_line(n.node_title));
    x.set("text", one_line(n.text));
    x.set("part_b", n.part_b);
  }));

  d.set("has_overrides", !r.overrides.empty());
  d.set("overrides", rows_list(r.overrides, [&](data& x, const OverrideRow& o) {
    x.set("pillar", humanise_key(o.pillar));
    x.set("delta", signed_number(o.delta));
    x.set("reason", one_line(o.reason));
    x.set("by", one_line(o.by));
  }));
  if (!r.ending_debrief.empty()) d.set("debrief_html", markdown_to_html(r.ending_debrief));
  return d;
}

std::string front_sheet_section(const std::vector<std::pair<std::string, std::string>>& rows,
                                const std::string& notice) {
  mustache tpl = compile("front_sheet.mustache");
  data d;
  d.set("front_sheet_notice", notice);
  d.set("has_front_sheet_notice", !notice.empty());
  d.set("front_sheet", rows_list(rows, [](data& x, const auto& row) {
    x.set("label", row.first);
    x.set("value", row.second);
  }));
  return render(tpl, d);
}

}  // namespace auditsim::reports::html

namespace auditsim::reports {

std::string render_html(const FeedbackReport& r) {
  html::mustache body = html::compile("feedback_body.mustache");
  std::string subtitle = r.event_name.empty() ? std::string()
                                              : text::one_line(r.event_name) +
                                                    (r.event_date.empty() ? "" : ", " + text::long_date(r.event_date));
  std::string title = text::one_line(r.scenario_title) + (r.team.empty() ? "" : " \u2014 " + text::one_line(r.team));
  return html::page(r.settings, "Audit feedback report", title, subtitle,
                    "Audit feedback report" + (r.event_name.empty() ? "" : " \u00B7 " + r.event_name),
                    html::front_sheet_section(text::front_sheet_rows(r), text::front_sheet_notice(r)) +
                        html::render(body, html::feedback_data(r, 2)));
}

}  // namespace auditsim::reports
