// The exercise rating from the overall percent, and the caps that lower it: a high-priority
// finding, and an ending that went only partly or badly well (docs/scoring.md, section 5).
#include <algorithm>
#include <string>
#include <vector>

#include "sim/scoring.hpp"

namespace auditsim {

namespace {

int clamped(int level) { return std::clamp(level, 0, 3); }

bool has_high_finding(const Result& r) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [](const Finding& f) { return f.priority == Priority::High; });
}

std::string high_finding_reason(const Result& r) {
  bool missed = false, breached = false, late = false;
  for (const Finding& f : r.findings) {
    if (f.priority != Priority::High) continue;
    missed |= f.kind == FindingKind::Missed;
    breached |= f.kind == FindingKind::Breached;
    late |= f.kind == FindingKind::AchievedLate;
  }
  std::vector<std::string> how;
  if (missed) how.emplace_back("missed");
  if (breached) how.emplace_back("breached");
  if (late) how.emplace_back("achieved late");
  std::string out = "a high-priority key action was ";
  for (size_t i = 0; i < how.size(); ++i) {
    if (i > 0) out += i + 1 == how.size() ? " or " : ", ";
    out += how[i];
  }
  return how.empty() ? out + "missed" : out;
}

}  // namespace

int rating_level(double overall_percent, bool missed_high, const RatingScale& scale) {
  int level = 3;
  for (int i = 0; i < 3; ++i) {
    if (overall_percent >= scale.thresholds[i]) {
      level = i;
      break;
    }
  }
  if (missed_high) level = std::max(level, clamped(scale.cap_level_for_missed_high));
  return level;
}

int ending_cap_level(std::optional<Outcome> outcome, const RatingScale& scale) {
  if (!outcome) return 0;
  switch (*outcome) {
    case Outcome::Mixed: return clamped(scale.cap_level_for_mixed_ending);
    case Outcome::Poor: return clamped(scale.cap_level_for_poor_ending);
    case Outcome::Good: break;
  }
  return 0;
}

void rate(Result& r, const RatingScale& scale) {
  const bool high = has_high_finding(r);
  const int by_percent = rating_level(r.overall_percent, false, scale);
  const int by_high = high ? clamped(scale.cap_level_for_missed_high) : 0;
  const int by_ending = ending_cap_level(r.outcome, scale);
  r.rating_level = std::max({by_percent, by_high, by_ending});
  r.rating = scale.labels[static_cast<size_t>(r.rating_level)];
  // A cap is the reason only when it is the one that set the level: the lowest cap wins, and two
  // caps at the same level are both named.
  r.capped_by_high_finding = high && by_high > by_percent && by_high == r.rating_level;
  r.capped_by_ending = by_ending > by_percent && by_ending == r.rating_level;
}

std::string cap_reason(const Result& r) {
  std::string out;
  if (r.capped_by_high_finding) out = high_finding_reason(r);
  if (r.capped_by_ending && r.outcome) {
    if (!out.empty()) out += " and ";
    out += std::string("the story reached a ") + outcome_key(*r.outcome) + " ending";
  }
  return out;
}

std::string ending_cap_rule(const RatingScale& scale) {
  const int mixed = clamped(scale.cap_level_for_mixed_ending);
  const int poor = clamped(scale.cap_level_for_poor_ending);
  const std::string& m = scale.labels[static_cast<size_t>(mixed)];
  const std::string& p = scale.labels[static_cast<size_t>(poor)];
  if (mixed > 0 && poor > 0)
    return "A story that reaches a mixed ending is rated " + m + " at best, and one that reaches a "
           "poor ending " + p + " at best.";
  if (mixed > 0) return "A story that reaches a mixed ending is rated " + m + " at best.";
  if (poor > 0) return "A story that reaches a poor ending is rated " + p + " at best.";
  return {};
}

}  // namespace auditsim
