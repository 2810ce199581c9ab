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

data scrutiny_data(const ScrutinyReport& r) {
  data d;
  d.set("front_sheet_html", html::front_sheet_section(front_sheet_rows(r), front_sheet_notice(r)));
  const std::vector<std::string>& sections = scrutiny_section_titles();
  std::vector<std::string> toc;  // the list numbers them itself
  for (const std::string& t : sections) toc.push_back(t.substr(t.find(". ") + 2));
  d.set("toc_titles", html::string_list(toc));
  for (size_t i = 0; i < sections.size(); ++i) d.set("s" + std::to_string(i + 1), sections[i]);
  d.set("foreword", html::string_list(scrutiny_foreword(r)));
  d.set("membership_intro", membership_intro(r));
  d.set("has_membership", !r.membership.empty());
  d.set("membership_headings", html::string_list(membership_headings(r)));
  d.set("membership", html::rows_list(membership_rows(r), [](data& x, const std::vector<std::string>& row) {
    x.set("a", row.at(0));
    x.set("b", row.at(1));
  }));
  d.set("aims", html::string_list(scrutiny_aims(r)));
  d.set("outcomes", html::string_list(scrutiny_outcomes(r)));
  d.set("methods", html::string_list(scrutiny_methods(r)));
  d.set("conclusions", html::string_list(scrutiny_conclusions(r)));
  d.set("has_recommendations", !r.recommendations.empty());
  d.set("recommendation_headings", html::string_list(recommendation_headings()));
  d.set("recommendation_rows", html::rows_list(recommendation_rows(r), [](data& x, const std::vector<std::string>& row) {
    x.set("number", row.at(0));
    x.set("text", row.at(1));
    x.set("to", row.at(2));
    x.set("response", row.at(3));
  }));
  d.set("cmt_response", cmt_response(r));
  d.set("cabinet_response", cabinet_response(r));
  d.set("implications", html::rows_list(scrutiny_implications(r), [](data& x, const auto& imp) {
    x.set("heading", imp.first);
    x.set("paragraphs", html::string_list(imp.second));
  }));
  d.set("unfinished", unfinished_sentence(r));
  d.set("has_unfinished", !unfinished_sentence(r).empty());
  d.set("appendices_intro", appendices_intro(r));
  d.set("learning_intro", std::string(kScrutinyLearningPointsIntro));
  d.set("has_learning_points", !r.learning_points.empty());
  d.set("learning_points", html::rows_list(r.learning_points, [&](data& x, const LearningPoint& lp) {
    x.set("text", one_line(lp.text));
    x.set("priority", priority_label(lp.priority) + " priority");
    x.set("priority_key", priority_key(lp.priority));
    x.set("rationale", one_line(lp.rationale));
  }));
  d.set("attendance", attendance_sentence(r));
  auto counts = [](const std::vector<std::pair<std::string, int>>& m) {
    return html::rows_list(m, [](data& x, const auto& entry) {
      x.set("label", one_line(entry.first));
      x.set("count", count_text(entry.second));
    });
  };
  d.set("ratings", counts(rating_counts(r)));
  d.set("has_opinions", !r.opinions.empty());
  d.set("opinions", counts(opinion_counts(r)));
  d.set("spread_svg", svg::spread(r.spread));
  d.set("spread", html::rows_list(r.spread, [&](data& x, const auto& sp) {
    x.set("name", pillar_name(sp.pillar));
    x.set("mean", sp.assessed ? percent(sp.mean) : "Not assessed");
    x.set("min", sp.assessed ? percent(sp.min) : "");
    x.set("max", sp.assessed ? percent(sp.max) : "");
    x.set("assessed", count_text(sp.assessed));
  }));
  d.set("distributions", html::rows_list(r.distributions, [&](data& x, const ChoiceDistribution& dist) {
    x.set("title", one_line(dist.node_title.empty() ? dist.node_id : dist.node_title));
    x.set("svg", svg::distribution(dist));
    x.set("options", html::rows_list(dist.options, [&](data& y, const auto& o) {
      y.set("text", one_line(o.text));
      y.set("score", score_text(o.score));
      y.set("count", count_text(o.sessions) + " of " + count_text(dist.sessions));
    }));
  }));
  d.set("has_missed", !r.most_missed.empty());
  d.set("most_missed", html::rows_list(r.most_missed, [&](data& x, const MissedKeyAction& m) {
    x.set("text", one_line(m.finding.text));
    x.set("scenario", one_line(m.scenario_title));
    x.set("priority", priority_label(m.finding.priority));
    x.set("priority_key", priority_key(m.finding.priority));
    x.set("missed", finding_count(m));
  }));
  d.set("monitoring", html::string_list(scrutiny_monitoring(r)));
  d.set("glossary", html::rows_list(glossary(), [&](data& x, const GlossaryEntry& g) {
    x.set("term", g.term);
    x.set("meaning", g.meaning);
  }));
  if (!r.appendix.empty())
    d.set("appendix_count",
          appendix_form(r) == AppendixForm::Summary
              ? "a summary of all " + count_text(r.appendix.size()) + " sessions by event and scenario"
          : compact_appendix(r) ? "a table of all " + count_text(r.appendix.size()) + " sessions"
                                : "one per session (" + count_text(r.appendix.size()) + ")");
  return d;
}

}  // namespace

std::string render_html(const ScrutinyReport& r) {
  html::mustache body = html::compile("scrutiny_body.mustache");
  html::mustache session = html::compile("feedback_body.mustache");
  data d = scrutiny_data(r);
  std::string appendices;
  if (compact_appendix(r)) {
    appendices = "<section class=\"appendix\"><h2>" + text::escape_markup(appendix_table_title(r)) +
                 "</h2>\n<table class=\"data\"><thead><tr>";
    for (const std::string& c : appendix_table_headings(r))
      appendices += "<th scope=\"col\">" + text::escape_markup(c) + "</th>";
    appendices += "</tr></thead><tbody>\n";
    for (const std::vector<std::string>& row : appendix_table_rows(r)) {
      appendices += "<tr>";
      for (const std::string& c : row) appendices += "<td dir=\"auto\">" + text::escape_markup(c) + "</td>";
      appendices += "</tr>\n";
    }
    appendices += "</tbody></table></section>\n";
  }
  for (size_t i = 0; i < r.appendix.size() && !compact_appendix(r); ++i) {
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
  d.set("summary", open_actions_summary(r));
  if (r.withheld > 0)
    d.set("withheld_line", withheld_actions_notice(r));
  d.set("has_actions", !r.actions.empty());
  d.set("actions", html::rows_list(r.actions, [&](data& x, const ActionRow& a) {
    x.set("due", a.due_date.empty() ? "No date" : long_date(a.due_date));
    x.set("action", one_line(a.action));
    x.set("owner", one_line(a.owner));
    x.set("priority", humanise_key(a.priority));
    x.set("priority_key", one_line(a.priority));
    x.set("status", action_status(a));
    x.set("overdue", a.overdue);
    x.set("from", one_line(a.scenario_title) + (a.event_name.empty() ? "" : ", " + one_line(a.event_name)));
  }));
  return html::page(r.settings, "Improvement plan", "Open improvement actions", "",
                    "Open improvement actions", html::render(body, d));
}

}  // namespace auditsim::reports
