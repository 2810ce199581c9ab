// The 4P scoring model (docs/scoring.md): per-pillar percentages, weighted overall,
// findings, the exercise rating and the path not taken.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/engine.hpp"
#include "sim/model.hpp"

namespace auditsim {

// The exercise rating: how well a team played the story, on four levels. It says nothing about
// the council's own controls, so it is never called an assurance opinion (that comes only from
// the group's control checks, sim/audit/audit.hpp) and its default labels are plain words a
// committee cannot mistake for one. Councils word it differently, so labels, definitions and
// thresholds are settings.
struct RatingScale {
  // Highest first. An overall percent at or above threshold earns that level.
  std::array<std::string, 4> labels{"Strong", "Good", "Fair", "Weak"};
  // What each level means, printed beside the rating in every report.
  std::array<std::string, 4> definitions{
      "The team took the key actions the scenario looks for and its decisions scored well "
      "across the four Ps.",
      "Mostly sound decisions; some opportunities were missed or taken late.",
      "A mixed result: important actions were missed, taken late or breached, or a "
      "high-priority one was not taken.",
      "Few of the decisions the scenario looks for were taken."};
  std::array<double, 3> thresholds{80.0, 60.0, 40.0};  // the first three levels
  // A missed high-priority key action caps the rating at this level (index into labels).
  int cap_level_for_missed_high = 2;
  // The story's ending caps the rating too: a team whose story ended badly did not play it
  // well, whatever its points. 0 switches a cap off; the lowest cap that applies wins.
  int cap_level_for_mixed_ending = 1;  // Good by default
  int cap_level_for_poor_ending = 2;   // Fair by default
};

// The labels the exercise rating had before it was told apart from an assurance opinion
// (Substantial, Reasonable, Limited, No): read from older settings and scenario tests files as
// the same levels.
inline const std::array<std::string, 4> kFormerRatingLabels{"Substantial", "Reasonable",
                                                             "Limited", "No"};

struct ScoringConfig {
  std::array<double, kPillarCount> weights{1, 1, 1, 1};
  RatingScale scale;
  // How many priority levels a late achievement drops: 1 makes a late high-priority key action a
  // medium finding. The result never drops below low: a late achievement is always a finding.
  int late_priority_drop = 1;
};

struct PillarResult {
  Pillar pillar = Pillar::Pursue;
  int64_t raw = 0;
  int64_t max = 0;
  bool assessed = false;  // false when no path can score this pillar (max <= 0)
  double percent = 0;     // raw / max, clamped to 0..100; meaningless when !assessed
};

// Why a key action is a finding: never achieved, breached (by a choice such as tipping off a
// suspect, whatever happened later), or achieved only late.
enum class FindingKind { Missed, Breached, AchievedLate };
const char* finding_kind_key(FindingKind k);    // "missed", "breached", "achieved-late"
const char* finding_kind_label(FindingKind k);  // "Missed", "Breached", "Achieved late"

struct Finding {
  int key_action = -1;  // index into Scenario::key_actions
  Priority priority = Priority::Medium;  // after any lowering for a late achievement
  FindingKind kind = FindingKind::Missed;
};

// For one decision: the best alternative that was available and what it would have earned.
struct PathNotTaken {
  size_t history_index = 0;  // the decision in Session::history()
  int node = -1;
  int chosen = -1;                 // choice index
  int64_t chosen_value = 0;        // chosen choice's total + best continuation after it
  std::optional<int> best_alternative;  // choice index; none when the choice taken was best
  int64_t alternative_value = 0;
  Score4 alternative_score;        // the alternative's own 4P vector
  // Per pillar, what the best path through the alternative would have earned from this decision
  // on, less what the best path after the choice taken can still earn: "you missed +2 Pursue".
  Score4 missed;
};

struct Result {
  std::array<PillarResult, kPillarCount> pillars;
  double overall_percent = 0;  // weighted mean of assessed pillars
  std::vector<Finding> findings;       // missed, breached or late key actions, high priority first
  std::vector<int> achieved_key_actions;  // achieved on time and never breached
  int rating_level = 3;                // the exercise rating: index into scale.labels
  std::string rating;                  // its label
  bool capped_by_high_finding = false;  // a high-priority finding of any kind lowered it
  bool capped_by_ending = false;        // the ending's outcome (mixed or poor) lowered it
  std::vector<PathNotTaken> paths_not_taken;
  std::vector<int> objectives_met;     // indices into Scenario::learning_objectives
  std::optional<Outcome> outcome;      // when the session reached an ending
};

// Scores a session (finished or not) against the scenario's exact maxima. The analysis is
// computed once per scenario and audience and cached, so calling this every frame is cheap.
Result score_session(const Session& session, const ScoringConfig& config = {});
// The same with an analysis (run with the session's audience) the caller already holds.
Result score_session(const Session& session, const ScoringConfig& config,
                     const Analysis& analysis, Continuations& continuations);

// The cached analysis score_session uses for a scenario and audience (computed if absent).
std::shared_ptr<const Analysis> cached_analysis(const ScenarioPtr& scenario,
                                                std::optional<Audience> audience);
// Forgets every cached analysis (after a scenario is reloaded, or in tests).
void clear_scoring_cache();

// Adds facilitator overrides (recorded with reasons) to the raw scores and recomputes the
// percentages, the overall figure and the rating by the same rules (scoring_adjust.cpp).
void apply_score_adjustment(Result& r, const Score4& adjustment, const ScoringConfig& config);

// Why the rating was capped, as the end of a sentence: "a high-priority key action was missed"
// (or "breached", or "achieved late" when late achievement keeps its priority), "the story
// reached a mixed ending", or both joined by "and"; empty when the rating was not capped.
// (scoring_rating.cpp)
std::string cap_reason(const Result& r);

// The rating level for an overall percent and a high-priority miss, per the scale, before any
// cap for the ending.
int rating_level(double overall_percent, bool missed_high, const RatingScale& scale);
// The best level an ending of this outcome allows (0 when it allows any).
int ending_cap_level(std::optional<Outcome> outcome, const RatingScale& scale);
// Sets the rating, its label and which caps lowered it, from the result's overall percent,
// findings and outcome.
void rate(Result& r, const RatingScale& scale);
// The ending caps in a sentence for reports and guides: "A story that reaches a mixed ending is
// rated Good at best, and one that reaches a poor ending Fair at best."; empty when both are off.
std::string ending_cap_rule(const RatingScale& scale);

}  // namespace auditsim
