// Shared wording. Dates are written out in full ("12 March 2024") because committee papers are
// read by the public; numbers use a real minus sign so negative scores are not misread as dashes.
#include "reports/render_text.hpp"

#include <algorithm>

#include <cmark-gfm.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "reports/markdown_links.hpp"
#include "reports/markdown_plain.hpp"
#include "sim/utf8.hpp"

namespace auditsim::reports::text {
namespace {

constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",
                                   "June",    "July",     "August",    "September", "October",
                                   "November", "December"};

bool digits(std::string_view s, size_t from, size_t n) {
  if (s.size() < from + n) return false;
  for (size_t i = from; i < from + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

struct CmarkFree {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

}  // namespace

const char* part_label(Part p) { return p == Part::A ? "Part A" : "Part B"; }

std::string part_marking(const ReportSettings& s) {
  return s.part == Part::A ? "Part A \u2014 public" : exempt_marking(s.exempt_paragraphs);
}

std::string paragraph_list(const std::vector<int>& paragraphs) {
  std::string out = paragraphs.size() == 1 ? "paragraph " : "paragraphs ";
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (i > 0) out += i + 1 == paragraphs.size() ? " and " : ", ";
    out += std::to_string(paragraphs[i]);
  }
  return out;
}

std::string exempt_marking(const std::vector<int>& paragraphs) {
  if (paragraphs.empty()) return kExemptMarking;
  return std::string(kExemptMarking) + ", " + paragraph_list(paragraphs);
}

const char* schedule12a_description(int paragraph) {
  // Part 1 of Schedule 12A (England), as substituted by SI 2006/88.
  static const char* const kDescriptions[] = {
      "Information relating to any individual.",
      "Information which is likely to reveal the identity of an individual.",
      "Information relating to the financial or business affairs of any particular person "
      "(including the authority holding that information).",
      "Information relating to any consultations or negotiations, or contemplated consultations "
      "or negotiations, in connection with any labour relations matter arising between the "
      "authority or a Minister of the Crown and employees of, or office holders under, the "
      "authority.",
      "Information in respect of which a claim to legal professional privilege could be "
      "maintained in legal proceedings.",
      "Information which reveals that the authority proposes (a) to give under any enactment a "
      "notice under or by virtue of which requirements are imposed on a person; or (b) to make "
      "an order or direction under any enactment.",
      "Information relating to any action taken or to be taken in connection with the "
      "prevention, investigation or prosecution of crime.",
  };
  return paragraph >= 1 && paragraph <= 7 ? kDescriptions[paragraph - 1] : "";
}

std::string classification(const ReportSettings& s) {
  if (s.part == Part::A) return "Part A (public)";
  return "Part B (exempt: Schedule 12A " + paragraph_list(s.exempt_paragraphs) + ")";
}

std::string document_title(const ReportSettings& s, std::string_view title) {
  return (s.part == Part::B ? "Part B (exempt): " : "") + one_line(title);
}

std::string check_exempt_paragraphs(const std::vector<int>& paragraphs) {
  if (paragraphs.empty()) return "name at least one paragraph of Schedule 12A (1 to 7)";
  std::vector<int> seen;
  for (int p : paragraphs) {
    if (p < 1 || p > 7)
      return "paragraph " + std::to_string(p) +
             " is not one of Part 1 of Schedule 12A: use 1 to 7";
    if (std::find(seen.begin(), seen.end(), p) != seen.end())
      return "paragraph " + std::to_string(p) + " is named twice";
    seen.push_back(p);
  }
  return "";
}

std::optional<std::vector<int>> parse_exempt_paragraphs(std::string_view text) {
  std::vector<int> out;
  std::string number;
  auto flush = [&]() -> bool {
    if (number.empty()) return true;
    if (number.size() > 2) return false;
    out.push_back(std::stoi(number));
    number.clear();
    return true;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      number += c;
    } else if (c == ',' || c == ' ') {
      if (!flush()) return std::nullopt;
    } else if (text.substr(i, 3) == "and") {
      if (!flush()) return std::nullopt;
      i += 2;
    } else {
      return std::nullopt;
    }
  }
  if (!flush() || out.empty()) return std::nullopt;
  return out;
}

std::string count_text(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string percent(double p) {
  return std::to_string(static_cast<long long>(std::lround(p))) + "%";
}

std::string pillar_score(const PillarRow& row) {
  if (!row.assessed) return "Not assessed";
  return (row.raw < 0 ? signed_number(row.raw) : std::to_string(row.raw)) + " of " +
         std::to_string(row.max) + " (" + percent(row.percent) + ")";
}

std::string signed_number(int64_t v) {
  if (v > 0) return "+" + std::to_string(v);
  if (v < 0) return "\u2212" + std::to_string(-v);
  return "0";
}

std::string score_text(const Score4& s) {
  std::string out;
  for (Pillar p : kPillars) {
    if (s[p] == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::string(pillar_name(p)) + " " + signed_number(s[p]);
  }
  return out.empty() ? "No 4P change" : out;
}

std::string missed_points(const Score4& missed) {
  std::string out;
  for (Pillar p : kPillars) {
    if (missed[p] <= 0) continue;
    if (!out.empty()) out += ", ";
    out += signed_number(missed[p]) + " " + pillar_name(p);
  }
  return out;
}

std::string missed_sentence(const Score4& missed, const std::string& who) {
  const std::string points = missed_points(missed);
  return points.empty() ? "Nothing missed" : who + " missed " + points;
}

std::string long_date(std::string_view iso) {
  if (iso.size() >= 10 && digits(iso, 0, 4) && iso[4] == '-' && digits(iso, 5, 2) &&
      iso[7] == '-' && digits(iso, 8, 2)) {
    int month = std::atoi(std::string(iso.substr(5, 2)).c_str());
    int day = std::atoi(std::string(iso.substr(8, 2)).c_str());
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31)
      return std::to_string(day) + " " + kMonths[month - 1] + " " + std::string(iso.substr(0, 4));
  }
  return one_line(iso);
}

std::string date_time(std::string_view iso) {
  if (iso.size() >= 16 && iso[10] == 'T' && digits(iso, 11, 2) && iso[13] == ':' &&
      digits(iso, 14, 2)) {
    std::string day = long_date(iso.substr(0, 10));
    if (day != one_line(iso.substr(0, 10)) || digits(iso, 0, 4))
      return day + ", " + std::string(iso.substr(11, 5)) + " UTC";
  }
  return one_line(iso);
}

std::string duration(int64_t ms) {
  if (ms < 0) ms = 0;
  int64_t s = (ms + 500) / 1000;
  if (s < 60) return std::to_string(s) + " s";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%lld min %02lld s", static_cast<long long>(s / 60),
                static_cast<long long>(s % 60));
  return buf;
}

std::string humanise_key(std::string_view key) {
  std::string out = one_line(key);
  for (char& c : out)
    if (c == '-' || c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string priority_label(Priority p) { return humanise_key(priority_key(p)); }

std::string clean(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = utf8::decode(s, i).len;
    if (n == 0) {
      out += "\uFFFD";
      ++i;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (n == 1 && ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)) {
      // A lone CR is a line break (old Mac files); CR LF becomes one LF.
      if (c == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')) out += '\n';
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

std::string one_line(std::string_view s) {
  std::string c = clean(s), out;
  out.reserve(c.size());
  bool space = false;
  for (char ch : c) {
    if (ch == '\n' || ch == '\t' || ch == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

std::string escape_markup(std::string_view raw) {
  std::string out;
  for (char c : clean(raw)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string markdown_to_html(std::string_view md) {
  std::string src = clean(md);
  std::unique_ptr<cmark_node, CmarkFree> doc(
      cmark_parse_document(src.data(), src.size(), CMARK_OPT_DEFAULT));
  if (!doc) return {};
  drop_unsafe_links(doc.get());
  char* html = cmark_render_html(doc.get(), CMARK_OPT_DEFAULT, nullptr);
  std::string out = html ? html : "";
  std::free(html);
  return out;
}

std::string markdown_to_plain(std::string_view md) {
  return markdown_plain(md, PlainStyle::Bare);
}

std::string markdown_to_terminal(std::string_view md) {
  return markdown_plain(md, PlainStyle::Terminal);
}

std::string rating_sentence(const FeedbackReport& r) {
  if (r.rating_level == kUnratedLevel)
    return "No exercise rating yet: the session is " +
           std::string(r.status == "abandoned" ? "abandoned before an ending" : "in progress") +
           " (overall so far " + percent(r.overall_percent) + ").";
  std::string s = "Exercise rating: " + one_line(r.rating) + " (overall " +
                  percent(r.overall_percent) + ").";
  std::string why;
  if (r.capped_by_high_finding) {
    bool missed = false, other = false;
    for (const FindingRow& f : r.findings) {
      if (f.priority != Priority::High) continue;
      (f.kind == FindingKind::Missed ? missed : other) = true;
    }
    why = other ? std::string("at least one high-priority key action was ") +
                      (missed ? "missed or " : "") + "breached or achieved late"
                : "at least one high-priority key action was missed";
  }
  if (r.capped_by_ending && !r.outcome.empty())
    why += (why.empty() ? "" : " and ") + std::string("the story reached a ") + r.outcome + " ending";
  if (!why.empty()) s += " The rating is capped because " + why + ".";
  return s;
}

std::string report_status(const AuditSection& a) {
  return one_line(a.stage) + ", version " + std::to_string(a.version);
}

std::string opinion_statement(const AuditSection& a) {
  if (!a.opinion_given)
    return "The council's own controls have not yet been checked, so no assurance opinion is "
           "given.";
  if (!a.set_by_auditor)
    return "Assurance opinion: " + one_line(a.opinion) + ", proposed from the control checks. " +
           one_line(a.basis);
  std::string s = "Assurance opinion: " + one_line(a.opinion) + ", set by the auditor" +
                  (a.set_by.empty() ? "" : " (" + one_line(a.set_by) + ")") + ". Reason: " +
                  one_line(a.set_reason);
  if (!s.empty() && s.back() != '.') s += '.';
  return s + " Proposed from the control checks: " + one_line(a.proposed) + ". " +
         one_line(a.basis);
}

std::string audit_findings_summary(const AuditSection& a) {
  const std::string checks = count_text(a.checks_recorded) + " of the " +
                             count_text(a.key_actions) + " key actions checked";
  if (a.findings.empty()) return "No findings: every control checked was found in place (" + checks + ").";
  return count_text(a.findings.size()) + (a.findings.size() == 1 ? " finding" : " findings") +
         " (" + count_text(a.findings_high) + " high, " + count_text(a.findings_medium) +
         " medium and " + count_text(a.findings_low) + " low priority), from " + checks + ".";
}

std::string check_evidence(const ControlCheckRow& c) {
  const std::string ev = one_line(c.evidence), ref = one_line(c.evidence_ref);
  if (ev.empty() && ref.empty()) return "None recorded";
  if (ev.empty()) return ref;
  return ref.empty() ? ev : ev + " (" + ref + ")";
}

std::string response_text(const ResponseRow& r) {
  std::string s = one_line(r.by);
  if (!r.date.empty()) s += (s.empty() ? "" : ", ") + long_date(r.date);
  s += (s.empty() ? "" : ": ") + one_line(r.response) + ".";
  if (const std::string t = one_line(r.text); !t.empty()) s += " " + t;
  return s;
}

std::string recommendation_addressee(const MembersRecommendationRow& r) {
  const std::string who = one_line(r.addressee);
  return who.empty() || who == one_line(r.to) ? one_line(r.to) : one_line(r.to) + ": " + who;
}

std::string withheld_actions_notice(const OpenActionsReport& r) {
  return count_text(r.withheld) +
         " further actions arise from Part B scenarios and are listed in Part B.";
}

std::string open_actions_summary(const OpenActionsReport& r) {
  const size_t n = r.actions.size();
  if (n == 0) return "No improvement actions are open.";
  const std::string at = r.as_at.empty() ? std::string() : " at " + long_date(r.as_at);
  std::string s = (n == 1 ? std::string("1 improvement action is")
                           : count_text(n) + " improvement actions are") +
                  " not yet done";
  if (r.overdue == 0) s += "; none is overdue" + at + ".";
  else if (n == 1) s += ", and it is overdue" + at + ".";
  else s += "; " + count_text(r.overdue) + " of them " + (r.overdue == 1 ? "is" : "are") +
            " overdue" + at + ".";
  if (n == 1) return s;
  if (r.overdue > 0)
    return s + " Overdue actions come first, longest overdue first; then the rest, soonest due "
               "first; actions with no due date come last.";
  return s + " They are listed soonest due first; actions with no due date come last.";
}

std::string action_status(const ActionRow& a) {
  if (!a.overdue) return humanise_key(a.status);
  if (a.days_overdue <= 0) return humanise_key(a.status) + " (overdue)";
  return humanise_key(a.status) + " (overdue by " +
         (a.days_overdue == 1 ? std::string("1 day") : std::to_string(a.days_overdue) + " days") +
         ")";
}

std::string finding_text(const FindingRow& f) {
  return std::string(finding_kind_label(f.kind)) + ": " + one_line(f.text);
}

std::string finding_count(const MissedKeyAction& m) {
  std::string s = count_text(m.missed) + " of " + count_text(m.played);
  std::string how;
  if (m.breached > 0) how += count_text(m.breached) + " breached";
  if (m.late > 0) how += (how.empty() ? "" : ", ") + count_text(m.late) + " achieved late";
  return how.empty() ? s : s + " (" + how + ")";
}

std::string findings_summary(const FeedbackReport& r) {
  if (r.findings.empty()) return "Nothing missed: every key action was achieved.";
  int breached = 0, late = 0;
  for (const FindingRow& f : r.findings) {
    breached += f.kind == FindingKind::Breached;
    late += f.kind == FindingKind::AchievedLate;
  }
  const auto missed = static_cast<int>(r.findings.size()) - breached - late;
  const std::string by_priority = count_text(r.findings_high) + " high, " +
                                  count_text(r.findings_medium) + " medium and " +
                                  count_text(r.findings_low) + " low priority.";
  // The sentence for sessions that only missed key actions is the one reports always used.
  if (breached == 0 && late == 0)
    return count_text(r.findings.size()) + " key actions missed: " + by_priority;
  return count_text(r.findings.size()) + " findings (" + count_text(missed) + " missed, " +
         count_text(breached) + " breached, " + count_text(late) + " achieved late): " +
         by_priority;
}

std::string outcome_text(const FeedbackReport& r) {
  if (r.withheld) return "Reported in Part B";
  if (r.outcome.empty()) return r.status == "abandoned" ? "Abandoned before an ending" : "Not finished";
  std::string s = "Finished: " + r.outcome + " outcome";
  if (!r.ending_title.empty()) s += " (" + one_line(r.ending_title) + ")";
  return s;
}

std::string decision_text(const DecisionRow& d) {
  if (d.kind == "undo") return "Undo of the previous decision";
  std::string s = one_line(d.choice_text.empty() ? d.choice_id : d.choice_text);
  if (d.kind == "timeout") s += " (time ran out)";
  if (d.undone) s += " (later undone)";
  return s;
}

std::string feedback_title(const FeedbackReport& r) {
  std::string s = "Audit feedback report: " + one_line(r.scenario_title);
  if (!r.team.empty()) s += " \u2014 " + one_line(r.team);
  return s;
}

}  // namespace auditsim::reports::text
