// The wording of the scrutiny report's Preston-structure sections that come from the front sheet
// and the membership, shared by every format (the structure of Preston City Council's 2016
// scrutiny report on serious and organised crime: foreword, membership, scoping, conclusions,
// evidence, recommendations, responses, implications, monitoring, glossary, appendices).
#include <algorithm>
#include <map>

#include "reports/render_text.hpp"

namespace auditsim::reports::text {

namespace {

std::vector<std::string> paragraphs_of(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  size_t at = 0;
  while (at <= text.size()) {
    const size_t end = std::min(text.find('\n', at), text.size());
    const std::string line = one_line(text.substr(at, end - at));
    if (line.empty()) {
      if (!current.empty()) out.push_back(std::move(current)), current.clear();
    } else {
      current += (current.empty() ? "" : " ") + line;
    }
    at = end + 1;
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::string role_words(const std::string& role) { return role == "member" ? "Member" : "Officer (staff)"; }

const FrontSheet& sheet(const ScrutinyReport& r) {
  static const FrontSheet blank;
  return r.front_sheet ? *r.front_sheet : blank;
}

}  // namespace

const std::vector<std::string>& scrutiny_section_titles() {
  static const std::vector<std::string> t{
      "1. Chair's foreword", "2. Membership",     "3. Scoping",    "4. Conclusions",
      "5. Evidence",         "6. Recommendations", "7. Responses",  "8. Implications",
      "9. Monitoring",       "10. Glossary",       "11. Appendices"};
  return t;
}

std::vector<std::string> scrutiny_foreword(const ScrutinyReport& r) {
  std::vector<std::string> p = paragraphs_of(sheet(r).chairs_foreword);
  if (p.empty()) p.push_back("The chair's foreword has not yet been written.");
  return p;
}

std::string membership_intro(const ScrutinyReport& r) {
  if (r.membership.empty()) return "No participants were recorded for these sessions.";
  if (r.settings.part == Part::A)
    return "The roles of those who took part. Their names are exempt information and are listed "
           "in Part B.";
  return "Those who took part, by name and role.";
}

std::vector<std::string> membership_headings(const ScrutinyReport& r) {
  if (r.settings.part == Part::A) return {"Role", "People"};
  return {"Name", "Role"};
}

std::vector<std::vector<std::string>> membership_rows(const ScrutinyReport& r) {
  std::vector<std::vector<std::string>> rows;
  if (r.settings.part == Part::A) {
    // Roles only, counted: never a name, a pseudonym or an initial.
    std::map<std::string, int> counts;
    for (const PersonRow& p : r.membership) ++counts[p.role];
    for (const char* role : {"member", "staff"})
      if (counts[role] > 0) rows.push_back({role_words(role), count_text(counts[role])});
    if (!r.facilitators.empty()) rows.push_back({"Facilitator", count_text(r.facilitators.size())});
    return rows;
  }
  for (const PersonRow& p : r.membership) rows.push_back({one_line(p.name), role_words(p.role)});
  for (const std::string& f : r.facilitators) rows.push_back({one_line(f), "Facilitator"});
  return rows;
}

std::vector<std::string> scrutiny_aims(const ScrutinyReport& r) {
  std::vector<std::string> p = scrutiny_introduction(r);
  if (const std::string& purpose = sheet(r).purpose; !one_line(purpose).empty())
    p.insert(p.begin(), one_line(purpose));
  return p;
}

std::vector<std::string> scrutiny_outcomes(const ScrutinyReport&) {
  return {"An understanding of how the council's decisions and controls would hold up against "
          "serious and organised crime, pillar by pillar.",
          "The key actions members and officers most often missed, as evidence for learning.",
          "Where the groups checked them, findings about the council's own controls and an "
          "assurance opinion.",
          "Members' recommendations, with the responses of those they are addressed to."};
}

std::vector<std::string> scrutiny_methods(const ScrutinyReport& r) {
  std::vector<std::string> p = scrutiny_scope(r);
  for (std::string& m : scrutiny_methodology(r)) p.push_back(std::move(m));
  return p;
}

// `counts` in the order of `labels` (highest first); labels not on the scale after, as found.
std::vector<std::pair<std::string, int>> in_scale_order(const std::map<std::string, int>& counts,
                                                        const std::array<std::string, 4>& labels,
                                                        bool keep_others) {
  std::vector<std::pair<std::string, int>> out;
  for (const std::string& l : labels)
    if (auto it = counts.find(l); it != counts.end()) out.push_back(*it);
  if (keep_others)
    for (const auto& c : counts)
      if (std::find(labels.begin(), labels.end(), c.first) == labels.end()) out.push_back(c);
  return out;
}

std::vector<std::pair<std::string, int>> rating_counts(const ScrutinyReport& r) {
  return in_scale_order(r.ratings, r.settings.scale.labels, false);
}

std::vector<std::pair<std::string, int>> opinion_counts(const ScrutinyReport& r) {
  return in_scale_order(r.opinions, r.settings.opinion.labels, true);
}

std::string unfinished_sentence(const ScrutinyReport& r) {
  int unfinished = 0;
  std::string how;
  for (const auto& [label, n] : r.ratings) {
    const auto& labels = r.settings.scale.labels;
    if (std::find(labels.begin(), labels.end(), label) != labels.end()) continue;
    unfinished += n;
    how += (how.empty() ? "" : ", ") + count_text(n) + " " + one_line(label);
  }
  if (unfinished == 0) return {};
  std::string l = how;
  std::transform(l.begin(), l.end(), l.begin(), [](unsigned char c) { return std::tolower(c); });
  return count_text(unfinished) + (unfinished == 1 ? " session was" : " sessions were") +
         " not finished (" + l + ") and " + (unfinished == 1 ? "is" : "are") +
         " counted apart: not rated and not in the ratings above.";
}

std::vector<std::string> recommendation_headings() {
  return {"No.", "Recommendation", "Addressee", "Response"};
}

std::vector<std::vector<std::string>> recommendation_rows(const ScrutinyReport& r) {
  std::vector<std::vector<std::string>> rows;
  for (const MembersRecommendationRow& rec : r.recommendations) {
    std::string response;
    for (const ResponseRow& x : rec.responses) response += (response.empty() ? "" : " ") + response_text(x);
    std::string answers;
    for (const std::string& f : rec.findings) answers += (answers.empty() ? "" : "; ") + one_line(f);
    rows.push_back({std::to_string(rec.number),
                    one_line(rec.text) + (answers.empty() ? "" : " (Answers the findings: " + answers + ")"),
                    recommendation_addressee(rec),
                    response.empty() ? "No response recorded yet" : response});
  }
  return rows;
}

std::string cmt_response(const ScrutinyReport& r) {
  const std::string t = one_line(sheet(r).cmt_response);
  return t.empty() ? "The Corporate Management Team's response has not yet been received." : t;
}

std::string cabinet_response(const ScrutinyReport& r) {
  const std::string t = one_line(sheet(r).cabinet_response);
  return t.empty() ? "Cabinet's response has not yet been received." : t;
}

std::string appendices_intro(const ScrutinyReport& r) {
  if (r.appendix.empty()) return "There are no sessions to summarise.";
  if (appendix_form(r) == AppendixForm::Summary)
    return "Appendix A summarises all " + count_text(r.appendix.size()) +
           " sessions by event and scenario, one row for each: how many were played and "
           "finished, their exercise ratings and the mean score on each pillar. The CSV export "
           "lists every session and decision, and the xAPI export every statement.";
  if (compact_appendix(r))
    return "Appendix A summarises all " + count_text(r.appendix.size()) +
           " sessions in one table; the CSV and xAPI exports carry every decision.";
  return "One appendix per session (" + count_text(r.appendix.size()) +
         "), each the body of that session's audit feedback report.";
}

std::vector<std::pair<std::string, std::vector<std::string>>> scrutiny_implications(const ScrutinyReport& r) {
  const FrontSheetImplications& i = sheet(r).implications;
  auto given_or = [](const std::string& given, std::vector<std::string> otherwise) {
    std::vector<std::string> p = paragraphs_of(given);
    return p.empty() ? otherwise : p;
  };
  std::vector<std::string> legal = scrutiny_legal(r);
  std::vector<std::string> equality = paragraphs_of(i.equality);
  if (equality.empty())
    equality.push_back("An equality impact assessment of the recommendations has not yet been "
                       "recorded on the front sheet.");
  equality.front() = "Equality impact: " + equality.front();
  for (std::string& p : paragraphs_of(i.legal)) legal.push_back(std::move(p));
  return {
      {"Financial", given_or(i.financial, scrutiny_financial(r))},
      {"Legal", legal},
      {"Equality impact", equality},
      {"Risk", given_or(i.risk, {kNotYetCompleted})},
      {"Data protection", given_or(i.data_protection, {kNotYetCompleted})},
      {"Climate", given_or(i.climate, {kNotYetCompleted})},
  };
}

}  // namespace auditsim::reports::text
