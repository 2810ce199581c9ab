// The scrutiny report in the Preston structure, laid out once for every paginated format
// (document_writer.hpp): the front sheet, the eleven numbered sections (titles and wording shared
// with every format, render_text.hpp) and the appendices, one per session or one compact table.
#include "reports/document_writer.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using namespace text;

void paragraphs(DocumentWriter& w, const std::vector<std::string>& ps) {
  for (const std::string& p : ps) w.paragraph(p);
}

void counts_table(DocumentWriter& w, const char* heading, const std::vector<std::pair<std::string, int>>& counts) {
  Rows rows;
  for (const auto& [label, count] : counts) rows.push_back({one_line(label), count_text(count)});
  w.table({{heading, 3}, {"Sessions", 1}}, rows);
}

std::vector<Column> columns(const std::vector<std::string>& headings, const std::vector<double>& weights) {
  std::vector<Column> cols;
  for (size_t i = 0; i < headings.size(); ++i) cols.push_back({headings[i], i < weights.size() ? weights[i] : 1.0});
  return cols;
}

// The front sheet and sections 1 to 4.
void opening(DocumentWriter& w, const ScrutinyReport& r) {
  const std::vector<std::string>& sections = scrutiny_section_titles();
  lay_out_front_sheet(w, front_sheet_rows(r), front_sheet_notice(r));
  w.heading(1, sections[0]);
  paragraphs(w, scrutiny_foreword(r));
  w.heading(1, sections[1]);
  w.paragraph(membership_intro(r));
  if (!r.membership.empty()) w.table(columns(membership_headings(r), {3, 2}), membership_rows(r));
  w.heading(1, sections[2]);
  w.heading(2, "Aims");
  paragraphs(w, scrutiny_aims(r));
  w.heading(2, "Expected outcomes");
  for (const std::string& c : scrutiny_outcomes(r)) w.bullet(c);
  w.heading(2, "Methods");
  paragraphs(w, scrutiny_methods(r));
  w.heading(1, sections[3]);
  for (const std::string& c : scrutiny_conclusions(r)) w.bullet(c);
}

void attendance_and_spread(DocumentWriter& w, const ScrutinyReport& r) {
  w.heading(1, scrutiny_section_titles()[4]);
  w.heading(2, "Attendance");
  w.paragraph(attendance_sentence(r));
  counts_table(w, "Exercise rating", rating_counts(r));
  if (std::string u = unfinished_sentence(r); !u.empty()) w.paragraph(u);
  if (!r.opinions.empty()) counts_table(w, "Assurance opinion", opinion_counts(r));
  w.heading(2, "4P distribution");
  w.spread_chart(r.spread);
  Rows rows;
  for (const auto& sp : r.spread)
    rows.push_back({pillar_name(sp.pillar), sp.assessed ? percent(sp.mean) : "Not assessed",
                    sp.assessed ? percent(sp.min) : "", sp.assessed ? percent(sp.max) : "",
                    count_text(sp.assessed)});
  w.table({{"Pillar", 1.2}, {"Mean", 1}, {"Lowest", 1}, {"Highest", 1}, {"Sessions assessed", 1.3}}, rows);
}

void choices(DocumentWriter& w, const ScrutinyReport& r) {
  w.heading(2, "How the sessions chose at each decision");
  if (r.distributions.empty()) w.paragraph("No decisions to compare.");
  for (const ChoiceDistribution& d : r.distributions) {
    w.heading(3, one_line(d.node_title.empty() ? d.node_id : d.node_title));
    w.distribution_chart(d);
    Rows rows;
    for (const auto& o : d.options)
      rows.push_back({one_line(o.text), score_text(o.score),
                      count_text(o.sessions) + " of " + count_text(d.sessions)});
    w.table({{"Choice", 4}, {"4P", 2}, {"Sessions", 1}}, rows);
  }
}

void missed(DocumentWriter& w, const ScrutinyReport& r) {
  w.heading(2, "Most-missed key actions");
  if (r.most_missed.empty()) w.paragraph("None: every key action was achieved.");
  Rows rows;
  for (const MissedKeyAction& m : r.most_missed)
    rows.push_back({one_line(m.finding.text), one_line(m.scenario_title), priority_label(m.finding.priority),
                    finding_count(m)});
  if (!rows.empty()) w.table({{"Key action", 4}, {"Scenario", 2}, {"Priority", 1}, {"Missed", 1}}, rows);
  w.heading(2, "Learning points from the exercises");
  w.notice(kScrutinyLearningPointsIntro);
  if (r.learning_points.empty()) w.paragraph("None: every key action was achieved.");
  for (const LearningPoint& lp : r.learning_points)
    w.numbered(std::to_string(lp.number) + ".",
               one_line(lp.text) + " (" + priority_label(lp.priority) + " priority.) " + one_line(lp.rationale));
}

// Sections 6 to 10.
void closing(DocumentWriter& w, const ScrutinyReport& r) {
  const std::vector<std::string>& sections = scrutiny_section_titles();
  w.heading(1, sections[5]);
  if (r.recommendations.empty())
    w.paragraph("The members made no recommendations. The committee is asked to note the report.");
  else
    w.table(columns(recommendation_headings(), {0.5, 3, 1.4, 2.4}), recommendation_rows(r));
  w.heading(1, sections[6]);
  w.heading(2, "Corporate Management Team's response");
  w.paragraph(cmt_response(r));
  w.heading(2, "Cabinet's response");
  w.paragraph(cabinet_response(r));
  w.heading(1, sections[7]);
  for (const auto& [heading, ps] : scrutiny_implications(r)) {
    w.heading(2, heading);
    paragraphs(w, ps);
  }
  w.heading(1, sections[8]);
  paragraphs(w, scrutiny_monitoring(r));
  w.heading(1, sections[9]);
  Rows rows;
  for (const GlossaryEntry& g : glossary()) rows.push_back({g.term, g.meaning});
  w.table({{"", 1.3}, {"", 4}}, rows);
}

// Section 11: one appendix per session, or above the limit one compact table of them all.
void appendices(DocumentWriter& w, const ScrutinyReport& r) {
  w.heading(1, scrutiny_section_titles()[10]);
  w.paragraph(appendices_intro(r));
  if (compact_appendix(r)) {
    w.page_break();
    w.heading(1, appendix_table_title(r));
    std::vector<Column> cols;
    for (const std::string& c : appendix_table_headings(r))
      cols.push_back({c, c == "Scenario" || c == "Event" || c.rfind("Exercise", 0) == 0 ? 2.0
                         : c == "Started" || c == "Team"                                 ? 1.6
                         : c == "Sessions" || c == "Finished"                            ? 1.2
                                                                                         : 1.0});
    w.table(cols, appendix_table_rows(r));
    return;
  }
  for (size_t i = 0; i < r.appendix.size(); ++i) {
    const FeedbackReport& f = r.appendix[i];
    w.page_break();
    w.heading(1, appendix_label(i) + " \u2014 " + one_line(f.scenario_title) +
                     (f.team.empty() ? "" : ", " + one_line(f.team)));
    lay_out_feedback_body(w, f, 2);
  }
}

}  // namespace

void lay_out(DocumentWriter& w, const ScrutinyReport& r) {
  w.title_block("Scrutiny report", one_line(r.title),
                "Report of the desktop audit programme, " + long_date(r.date_from) +
                    (r.date_to != r.date_from ? " to " + long_date(r.date_to) : ""));
  opening(w, r);
  attendance_and_spread(w, r);
  choices(w, r);
  missed(w, r);
  closing(w, r);
  appendices(w, r);
}

}  // namespace auditsim::reports
