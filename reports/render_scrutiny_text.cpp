// The standing sections of a scrutiny report. The wording follows the shape of a committee work
// plan study (introduction, scope, conclusions, implications, monitoring, methodology, glossary)
// and is drawn only from the report's figures, which are already filtered for Part A or Part B.
#include <algorithm>
#include <map>

#include "reports/render_text.hpp"

namespace auditsim::reports::text {
namespace {

std::string plural(int n, const char* one, const char* many) {
  return count_text(n) + " " + (n == 1 ? one : many);
}

std::string list_and(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += i + 1 == items.size() ? " and " : ", ";
    out += "\u201C" + one_line(items[i]) + "\u201D";
  }
  return out;
}

}  // namespace

std::vector<std::string> session_table_headings() {
  return {"Team", "Scenario", "Started", "Result", "Exercise rating", "Pursue", "Prevent", "Protect", "Prepare"};
}

std::vector<std::string> session_table_row(const FeedbackReport& f) {
  std::vector<std::string> row{one_line(f.team.empty() ? f.session_id.substr(0, 8) : f.team),
                               one_line(f.scenario_title), date_time(f.started_at),
                               f.outcome.empty() ? humanise_key(f.status) : humanise_key(f.outcome),
                               f.withheld ? "Part B" : one_line(f.rating)};
  for (const PillarRow& p : f.pillars)
    row.push_back(f.withheld ? "" : p.assessed ? percent(p.percent) : "n/a");
  return row;
}

std::vector<std::string> session_summary_headings() {
  return {"Event", "Scenario", "Sessions", "Finished", "Exercise ratings, highest first",
          "Pursue", "Prevent", "Protect", "Prepare"};
}


std::vector<std::vector<std::string>> session_summary_rows(const ScrutinyReport& r) {
  struct Group {
    std::string event, scenario;
    int sessions = 0, finished = 0;
    std::map<std::string, int> ratings;
    double sum[kPillarCount] = {};
    int assessed[kPillarCount] = {};
  };
  std::vector<Group> groups;
  std::map<std::pair<std::string, std::string>, size_t> index;  // (event, scenario) -> group
  for (const FeedbackReport& f : r.appendix) {
    std::string event = f.event_name.empty() ? "No event" : one_line(f.event_name);
    if (!f.event_name.empty() && !f.event_date.empty()) event += " (" + long_date(f.event_date) + ")";
    const std::string scenario = f.withheld ? "Part B" : one_line(f.scenario_title);
    auto [it, fresh] = index.try_emplace({event, scenario}, groups.size());
    if (fresh) {
      groups.emplace_back();
      groups.back().event = event;
      groups.back().scenario = scenario;
    }
    Group& g = groups[it->second];
    ++g.sessions;
    if (f.withheld) continue;
    if (f.rating_level != kUnratedLevel) ++g.finished;
    ++g.ratings[f.rating];
    for (int i = 0; i < kPillarCount; ++i)
      if (f.pillars[i].assessed) {
        g.sum[i] += f.pillars[i].percent;
        ++g.assessed[i];
      }
  }
  std::vector<std::vector<std::string>> rows;
  rows.reserve(groups.size());
  for (const Group& g : groups) {
    // Ratings on the council's scale first, best first; then "In progress" and "Abandoned",
    // which are not ratings, so the unfinished are never read as the lowest rating.
    std::string ratings;
    for (const auto& [label, n] : in_scale_order(g.ratings, r.settings.scale.labels, true))
      ratings += (ratings.empty() ? "" : "; ") + one_line(label) + " " + count_text(n);
    std::vector<std::string> row{g.event, g.scenario, count_text(g.sessions), count_text(g.finished),
                                 ratings};
    for (int i = 0; i < kPillarCount; ++i)
      row.push_back(g.assessed[i] ? percent(g.sum[i] / g.assessed[i]) : "n/a");
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string appendix_table_title(const ScrutinyReport& r) {
  return appendix_label(0) + (appendix_form(r) == AppendixForm::Summary
                                  ? " \u2014 Sessions by event and scenario"
                                  : " \u2014 Sessions");
}

std::vector<std::string> appendix_table_headings(const ScrutinyReport& r) {
  return appendix_form(r) == AppendixForm::Summary ? session_summary_headings()
                                                    : session_table_headings();
}

std::vector<std::vector<std::string>> appendix_table_rows(const ScrutinyReport& r) {
  if (appendix_form(r) == AppendixForm::Summary) return session_summary_rows(r);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(r.appendix.size());
  for (const FeedbackReport& f : r.appendix) rows.push_back(session_table_row(f));
  return rows;
}

std::string appendix_label(size_t index) {
  std::string letters;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  return "Appendix " + letters;
}

std::string attendance_sentence(const ScrutinyReport& r) {
  std::string s = plural(r.participants, "participant", "participants") + " (" +
                  plural(r.members, "member", "members") + ", " +
                  count_text(r.staff) + " staff)";
  if (r.teams > 0) s += " in " + plural(r.teams, "team", "teams");
  s += ", in " + plural(r.sessions, "session", "sessions") + " (" +
       count_text(r.finished_sessions) + " played to an ending)";
  // Sessions of Part B scenarios are counted in Part A and nothing else.
  if (r.exempt_sessions > 0)
    s += "; and " + (r.exempt_sessions == 1 ? std::string("one session")
                                            : plural(r.exempt_sessions, "session", "sessions")) +
         " of an exempt exercise, reported in Part B";
  return s + ".";
}

std::vector<std::string> scrutiny_introduction(const ScrutinyReport& r) {
  std::vector<std::string> p;
  p.push_back("This report sets out the results of desktop audits on serious and organised crime "
              "played with " + one_line(r.settings.council_name) + "'s members and officers. In "
              "each scenario the participants had to decide how the council would respond to a "
              "developing situation, identifying the key events and the measures that could have "
              "prevented it. Every decision was scored against the 4P model of the national "
              "Serious and Organised Crime Strategy: Pursue, Prevent, Protect and Prepare.");
  p.push_back("Attendance: " + attendance_sentence(r));
  if (r.checks_recorded > 0 || !r.recommendations.empty())
    p.push_back("After the scenario the participants checked the council's own arrangements "
                "against the key actions, and members made their own recommendations, which are "
                "set out in section 6 with the responses to them. What the teams did in the "
                "story is evidence for learning, in section 5. Each session is summarised in an "
                "appendix.");
  else
    p.push_back("The council's own arrangements were not checked in these sessions, so the "
                "report gives no assurance opinion. What the teams did in the story is evidence "
                "for learning, in section 5. Each session is summarised in an appendix.");
  return p;
}

std::vector<std::string> scrutiny_scope(const ScrutinyReport& r) {
  std::vector<std::string> p;
  p.push_back(one_line(r.scope) + (r.date_from == r.date_to
                                        ? ", on " + long_date(r.date_from) + "."
                                        : ", from " + long_date(r.date_from) + " to " +
                                              long_date(r.date_to) + "."));
  if (!r.scenario_titles.empty())
    p.push_back("Scenarios played: " + list_and(r.scenario_titles) + ".");
  if (!r.event_names.empty()) p.push_back("Events: " + list_and(r.event_names) + ".");
  if (!r.left_out.empty()) {
    std::vector<std::string> ids;
    for (const std::string& l : r.left_out) ids.push_back(l.substr(0, 8));
    p.push_back(count_text(ids.size()) + " recorded session(s) are left out because their " +
                "record cannot be rebuilt: " + list_and(ids) + ".");
  }
  return p;
}

// Led by what matters most: findings in priority order (high first, then how often), the
// council's own controls among them at the priority of their worst finding; then the ratings,
// opinions and 4P scores, highest first. A low-priority point never comes first while a higher
// one exists.
std::vector<std::string> scrutiny_conclusions(const ScrutinyReport& r) {
  struct Ranked {
    int priority;  // Priority as a number, 0 high; 3 for a point with no priority
    int weight;    // how often, for ties
    std::string text;
  };
  std::vector<Ranked> ranked;
  std::vector<const MissedKeyAction*> missed;
  for (const MissedKeyAction& m : r.most_missed) missed.push_back(&m);
  std::stable_sort(missed.begin(), missed.end(), [](const MissedKeyAction* a, const MissedKeyAction* b) {
    if (a->finding.priority != b->finding.priority) return a->finding.priority < b->finding.priority;
    return a->missed > b->missed;
  });
  constexpr size_t kMostShown = 5;
  for (size_t i = 0; i < missed.size() && i < kMostShown; ++i) {
    const MissedKeyAction& m = *missed[i];
    std::string how;
    if (m.breached > 0) how += "; breached in " + count_text(m.breached);
    if (m.late > 0) how += "; achieved only late in " + count_text(m.late);
    ranked.push_back({static_cast<int>(m.finding.priority), m.missed,
                      priority_label(m.finding.priority) + " priority, missed in " +
                          count_text(m.missed) + " of " + count_text(m.played) + " sessions" +
                          how + ": " + one_line(m.finding.text)});
  }
  if (missed.size() > kMostShown)
    ranked.push_back({3, 0, count_text(missed.size() - kMostShown) +
                                " further key actions were missed; all are listed in section 5."});
  if (r.checks_recorded > 0) {
    const int findings = r.audit_findings_high + r.audit_findings_medium + r.audit_findings_low;
    const int worst = r.audit_findings_high ? 0 : r.audit_findings_medium ? 1 : r.audit_findings_low ? 2 : 3;
    ranked.push_back({worst, findings,
                      "The groups checked " + plural(r.checks_recorded, "key control", "key controls") +
                          " against the council's own arrangements: " +
                          (findings == 0 ? std::string("every one was found in place")
                                         : plural(findings, "finding", "findings") + " (" +
                                               count_text(r.audit_findings_high) + " high, " +
                                               count_text(r.audit_findings_medium) + " medium and " +
                                               count_text(r.audit_findings_low) + " low priority)") +
                          "."});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.weight > b.weight;
  });
  std::vector<std::string> p;
  for (Ranked& x : ranked) p.push_back(std::move(x.text));
  if (missed.empty()) p.push_back("Every key action was achieved in every session assessed.");
  if (r.checks_recorded == 0)
    p.push_back("The council's own controls were not checked in these sessions, so the report "
                "gives no assurance opinion on them.");
  const std::vector<std::pair<std::string, int>> opinions = opinion_counts(r);
  if (!opinions.empty()) {
    std::string s = "Assurance opinions, highest first: ";
    for (size_t i = 0; i < opinions.size(); ++i)
      s += (i ? "; " : "") + one_line(opinions[i].first) + " in " + plural(opinions[i].second, "session", "sessions");
    p.push_back(s + ".");
  }
  const std::vector<std::pair<std::string, int>> ratings = rating_counts(r);
  if (!ratings.empty()) {
    std::string s = "Exercise ratings (how the teams played the story), highest first: ";
    for (size_t i = 0; i < ratings.size(); ++i)
      s += (i ? "; " : "") + one_line(ratings[i].first) + " in " + plural(ratings[i].second, "session", "sessions");
    p.push_back(s + ".");
  }
  if (std::string u = unfinished_sentence(r); !u.empty()) p.push_back(u);
  const ScrutinyReport::PillarSpread* best = nullptr;
  const ScrutinyReport::PillarSpread* worst = nullptr;
  for (const auto& sp : r.spread) {
    if (sp.assessed == 0) continue;
    if (!best || sp.mean > best->mean) best = &sp;
    if (!worst || sp.mean < worst->mean) worst = &sp;
  }
  if (best && worst && best != worst) {
    p.push_back("Participants were strongest on " + std::string(pillar_name(best->pillar)) +
                " (an average of " + percent(best->mean) + " of the marks available) and weakest "
                "on " + pillar_name(worst->pillar) + " (" + percent(worst->mean) + ").");
  } else if (best) {
    p.push_back("Participants scored an average of " + percent(best->mean) + " on " +
                pillar_name(best->pillar) + ".");
  } else {
    p.push_back("No session in this report could be assessed against the 4P model.");
  }
  if (r.has_exempt_material && r.settings.part == Part::A)
    p.push_back("Some of the evidence may be exempt information and is reported in Part B.");
  return p;
}

std::vector<std::string> scrutiny_financial(const ScrutinyReport&) {
  return {"There are no direct financial implications arising from this report. The "
          "recommendations may have resource implications for the services named, which "
          "officers will set out when they respond."};
}

std::vector<std::string> scrutiny_legal(const ScrutinyReport&) {
  return {"Section 17 of the Crime and Disorder Act 1998 requires the council to exercise its "
          "functions with due regard to the likely effect on, and the need to do all it "
          "reasonably can to prevent, crime and disorder in its area. The desktop audits test "
          "how that duty is met in practice.",
          "Information relating to identifiable individuals, or to action taken in connection "
          "with the prevention, investigation or prosecution of crime, may be exempt information "
          "under paragraphs 1, 2 and 7 of Part 1 of Schedule 12A to the Local Government Act "
          "1972. It is exempt only if, in all the circumstances, the public interest in "
          "maintaining the exemption outweighs the public interest in disclosing it, and the "
          "public may be excluded while it is considered only by resolution of the committee "
          "under section 100A(4) of the Act. It is therefore kept to Part B of this report."};
}

std::vector<std::string> scrutiny_monitoring(const ScrutinyReport& r) {
  int actions = 0;
  for (const FeedbackReport& f : r.appendix)
    for (const ActionRow& a : f.actions)
      if (a.status != "done") ++actions;
  return {"The responses of the Corporate Management Team, Cabinet and the other bodies "
          "addressed are recorded against each recommendation as they are given.",
          "The improvement actions agreed at the sessions (" +
              plural(actions, "open action", "open actions") +
              " in this report) are tracked to completion in the open actions report, which "
              "lists each action with its owner and due date.",
          "A progress report on the recommendations will be brought back to the committee six "
          "months after they are agreed."};
}

std::vector<std::string> scrutiny_methodology(const ScrutinyReport& r) {
  const RatingScale& s = r.settings.scale;
  std::string scale;
  for (size_t i = 0; i < 3; ++i)
    scale += one_line(s.labels[i]) + " at " + percent(s.thresholds[i]) + " or more; ";
  scale += one_line(s.labels[3]) + " below that.";
  return {"Each decision in a scenario carries a score on each of the four pillars. A session's "
          "score on a pillar is the sum over the choices it took, shown as a percentage of the "
          "best total any complete path through the scenario could reach. A pillar no path can "
          "score is reported as not assessed rather than as zero.",
          "Key actions are the controls and opportunities an auditor looks for; each one a "
          "team missed in the story is a learning point with its priority. The story's result "
          "is an exercise rating, not an assurance opinion: " + scale + " A missed "
          "high-priority key action caps the rating at " +
          one_line(s.labels[std::clamp(s.cap_level_for_missed_high, 0, 3)]) + "." +
          (ending_cap_rule(s).empty() ? "" : " " + one_line(ending_cap_rule(s))),
          "An assurance opinion is given only where the group checked each key control against "
          "the council's real arrangements (in place, partly in place, not in place or not "
          "known, with the evidence seen). Partly, not in place and not known give a finding "
          "with the key action's priority, and the opinion is proposed from those findings "
          "against the definitions the council has set; the auditor may set it otherwise, with "
          "a recorded reason. The checks are the group's assessment, not audit testing, unless "
          "the auditor records that the controls were tested.",
          "Each scenario is scored exactly as it was played: the scenario file is stored with "
          "the results, so later changes to it do not alter this report."};
}

const std::vector<GlossaryEntry>& glossary() {
  static const std::vector<GlossaryEntry> g{
      {"4P model", "The four pillars of the national Serious and Organised Crime Strategy: "
                   "Pursue, Prevent, Protect and Prepare."},
      {"Assurance opinion", "An internal audit judgement of how well the council's own "
                            "controls work, given here only where the group checked them."},
      {"Control check", "The group's record of the council's real position against a key "
                        "action: in place, partly in place, not in place or not known, with the "
                        "evidence seen and the officer responsible."},
      {"Desktop audit", "A structured exercise in which participants decide how the council would "
                        "respond to a developing scenario, and the controls that would have "
                        "stopped it are identified."},
      {"Exercise rating", "How well a team played a fictional scenario, on four levels. It is "
                          "not an assurance opinion."},
      {"Key action", "A control or opportunity an auditor looks for in a scenario."},
      {"Part B", "Information that may be exempt under Schedule 12A to the Local Government Act "
                 "1972, after the public interest test, and may be considered with the press and "
                 "public excluded if the committee so resolves."},
      {"Prepare", "Reducing the impact of serious and organised crime when it happens."},
      {"Prevent", "Stopping people being drawn into serious and organised crime."},
      {"Protect", "Reducing the vulnerability of people, businesses and the council itself."},
      {"Pursue", "Prosecuting and disrupting the people responsible."},
  };
  return g;
}

}  // namespace auditsim::reports::text
