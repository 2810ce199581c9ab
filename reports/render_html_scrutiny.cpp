// HTML scrutiny reports and open-actions lists. The scrutiny report follows the structure of a
// committee work plan study; each session's feedback body becomes an appendix, rendered with one
// compiled template so a report over thousands of sessions stays quick.
#include "reports/render.hpp"
#include "reports/render_html_internal.hpp"
#include "reports/render_svg.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using namespace text;
using html::data;

data list() { return data{data::type::list}; }

data scrutiny_data(const ScrutinyReport& r) {
  data d;
  d.set("introduction", html::string_list(scrutiny_introduction(r)));
  d.set("scope", html::string_list(scrutiny_scope(r)));
  d.set("conclusions", html::string_list(scrutiny_conclusions(r)));
  d.set("has_recommendations", !r.recommendations.empty());
  data recs = list();
  for (const MembersRecommendationRow& rec : r.recommendations) {
    data x;
    x.set("number", std::to_string(rec.number));
    x.set("to", recommendation_addressee(rec));
    x.set("text", one_line(rec.text));
    std::string answers;
    for (const std::string& f : rec.findings) answers += (answers.empty() ? "" : "; ") + one_line(f);
    if (!answers.empty()) x.set("answers", answers);
    std::vector<std::string> responses;
    for (const ResponseRow& resp : rec.responses) responses.push_back(response_text(resp));
    x.set("responses", html::string_list(responses));
    recs.push_back(x);
  }
  d.set("recommendations", recs);
  d.set("learning_intro", std::string(kScrutinyLearningPointsIntro));
  d.set("has_learning_points", !r.learning_points.empty());
  data points = list();
  for (const LearningPoint& lp : r.learning_points) {
    data x;
    x.set("text", one_line(lp.text));
    x.set("priority", priority_label(lp.priority) + " priority");
    x.set("priority_key", priority_key(lp.priority));
    x.set("rationale", one_line(lp.rationale));
    points.push_back(x);
  }
  d.set("learning_points", points);
  d.set("attendance", attendance_sentence(r));
  auto counts = [](const std::map<std::string, int>& m) {
    data l = list();
    for (const auto& [label, count] : m) {
      data x;
      x.set("label", one_line(label));
      x.set("count", std::to_string(count));
      l.push_back(x);
    }
    return l;
  };
  d.set("ratings", counts(r.ratings));
  d.set("has_opinions", !r.opinions.empty());
  d.set("opinions", counts(r.opinions));
  d.set("spread_svg", svg::spread(r.spread));
  data spread = list();
  for (const auto& sp : r.spread) {
    data x;
    x.set("name", pillar_name(sp.pillar));
    x.set("mean", sp.assessed ? percent(sp.mean) : "Not assessed");
    x.set("min", sp.assessed ? percent(sp.min) : "");
    x.set("max", sp.assessed ? percent(sp.max) : "");
    x.set("assessed", std::to_string(sp.assessed));
    spread.push_back(x);
  }
  d.set("spread", spread);
  data dists = list();
  for (const ChoiceDistribution& dist : r.distributions) {
    data x;
    x.set("title", one_line(dist.node_title.empty() ? dist.node_id : dist.node_title));
    x.set("svg", svg::distribution(dist));
    data options = list();
    for (const auto& o : dist.options) {
      data y;
      y.set("text", one_line(o.text));
      y.set("score", score_text(o.score));
      y.set("count", std::to_string(o.sessions) + " of " + std::to_string(dist.sessions));
      options.push_back(y);
    }
    x.set("options", options);
    dists.push_back(x);
  }
  d.set("distributions", dists);
  d.set("has_missed", !r.most_missed.empty());
  data missed = list();
  for (const MissedKeyAction& m : r.most_missed) {
    data x;
    x.set("text", one_line(m.finding.text));
    x.set("scenario", one_line(m.scenario_title));
    x.set("priority", priority_label(m.finding.priority));
    x.set("priority_key", priority_key(m.finding.priority));
    x.set("missed", finding_count(m));
    missed.push_back(x);
  }
  d.set("most_missed", missed);
  d.set("financial", html::string_list(scrutiny_financial(r)));
  d.set("legal", html::string_list(scrutiny_legal(r)));
  d.set("monitoring", html::string_list(scrutiny_monitoring(r)));
  d.set("methodology", html::string_list(scrutiny_methodology(r)));
  data gloss = list();
  for (const GlossaryEntry& g : glossary()) {
    data x;
    x.set("term", g.term);
    x.set("meaning", g.meaning);
    gloss.push_back(x);
  }
  d.set("glossary", gloss);
  if (!r.appendix.empty())
    d.set("appendix_count", r.appendix.size() > kFullAppendixLimit
                                ? "a table of all " + std::to_string(r.appendix.size()) + " sessions"
                                : "one per session (" + std::to_string(r.appendix.size()) + ")");
  return d;
}

}  // namespace

std::string render_html(const ScrutinyReport& r) {
  html::mustache body = html::compile("scrutiny_body.mustache");
  html::mustache session = html::compile("feedback_body.mustache");
  data d = scrutiny_data(r);
  std::string appendices;
  if (r.appendix.size() > kFullAppendixLimit) {
    appendices = "<section class=\"appendix\"><h2>" + appendix_label(0) +
                 " — Sessions</h2>\n<table class=\"data\"><thead><tr>";
    for (const std::string& c : session_table_headings()) appendices += "<th>" + c + "</th>";
    appendices += "</tr></thead><tbody>\n";
    for (const FeedbackReport& f : r.appendix) {
      appendices += "<tr>";
      for (const std::string& c : session_table_row(f)) appendices += "<td dir=\"auto\">" + text::escape_markup(c) + "</td>";
      appendices += "</tr>\n";
    }
    appendices += "</tbody></table></section>\n";
  }
  for (size_t i = 0; i < r.appendix.size() && r.appendix.size() <= kFullAppendixLimit; ++i) {
    const FeedbackReport& f = r.appendix[i];
    appendices += "<section class=\"appendix\"><h2 dir=\"auto\">" + appendix_label(i) + " \u2014 " +
                  text::escape_markup(one_line(f.scenario_title)) +
                  (f.team.empty() ? "" : ", " + text::escape_markup(one_line(f.team))) + "</h2>\n" +
                  html::render(session, html::feedback_data(f, 3)) + "</section>\n";
  }
  d.set("appendices", appendices);
  std::string subtitle = "Report of the desktop audit programme, " + long_date(r.date_from) +
                         (r.date_to != r.date_from ? " to " + long_date(r.date_to) : "");
  return html::page(r.settings, "Scrutiny report", one_line(r.title), subtitle,
                    "Scrutiny report \u00B7 " + one_line(r.title), html::render(body, d));
}

std::string render_html(const OpenActionsReport& r) {
  html::mustache body = html::compile("actions_body.mustache");
  data d;
  d.set("summary", std::to_string(r.actions.size()) +
                       " improvement actions are not yet done. They are listed soonest due first; "
                       "actions with no due date come last.");
  if (r.withheld > 0)
    d.set("withheld_line", std::to_string(r.withheld) +
                               " further actions arise from Part B scenarios and are listed in Part B.");
  d.set("has_actions", !r.actions.empty());
  data actions = list();
  for (const ActionRow& a : r.actions) {
    data x;
    x.set("due", a.due_date.empty() ? "No date" : long_date(a.due_date));
    x.set("action", one_line(a.action));
    x.set("owner", one_line(a.owner));
    x.set("priority", humanise_key(a.priority));
    x.set("priority_key", one_line(a.priority));
    x.set("status", humanise_key(a.status));
    x.set("from", one_line(a.scenario_title) + (a.event_name.empty() ? "" : ", " + one_line(a.event_name)));
    actions.push_back(x);
  }
  d.set("actions", actions);
  return html::page(r.settings, "Improvement plan", "Open improvement actions", "",
                    "Open improvement actions", html::render(body, d));
}

}  // namespace auditsim::reports
