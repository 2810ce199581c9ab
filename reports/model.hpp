// Report models: everything a report shows, built from the results store and the stored
// scenario snapshot, already filtered for Part A or Part B. Renderers (HTML, PDF, Markdown, CSV,
// xAPI) only lay these out; none of them decides what is public.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/model.hpp"
#include "sim/scoring.hpp"

namespace auditsim::reports {

// The opinion level of a session that has not reached an ending: shown "In progress" (or
// "Abandoned"), in a neutral colour, and counted apart from the rated sessions.
inline constexpr int kUnratedOpinionLevel = 4;

// Part A is public; Part B is exempt information under Schedule 12A to the Local Government
// Act 1972 and carries names, Part B notes and Part B scenarios.
enum class Part { A, B };

// Settings that come from the desktop program's settings or the command line.
struct ReportSettings {
  std::string council_name = "Kingsmere Borough Council";
  std::string logo_path;     // PNG or SVG file; empty for none
  std::string generated_at;  // shown on the report; fixed in golden tests
  Part part = Part::A;
  AssuranceScale scale;
  int late_priority_drop = 1;  // ScoringConfig::late_priority_drop, as the council set it
  // Base IRI for xAPI activities, accounts and extensions (the council's learning site).
  std::string xapi_base = "https://www.kingsmere.gov.uk/auditsim";
};

// What Part A filtering replaced, and what else in the published free text looks like a
// person's name: shown to the author to confirm before a public report is saved. Never rendered.
struct RedactionReview {
  struct Item {
    std::string found;        // as written ("Cllr Smith")
    std::string replaced_by;  // "Participant 3F2A9C", "the facilitator", "[name withheld]"
    int times = 0;
  };
  std::vector<Item> redacted;               // in the order first met
  std::vector<std::string> look_like_names;  // phrases left in the report, each once
};

struct PillarRow {
  Pillar pillar = Pillar::Pursue;
  int64_t raw = 0;
  int64_t max = 0;
  bool assessed = false;
  double percent = 0;
  int64_t override_delta = 0;  // facilitator overrides included in raw
};

struct VoteRow {
  std::string choice_text;
  int votes = 0;
  bool chosen = false;
};

struct DecisionRow {
  int seq = 0;
  std::string kind;  // "decision" | "timeout" | "undo"
  std::string node_id;
  std::string node_title;
  std::string choice_id;
  std::string choice_text;
  std::string feedback;  // Markdown source
  Score4 delta;
  int64_t time_taken_ms = 0;
  std::vector<VoteRow> votes;
  std::string rationale;
  std::string dissent;
  bool undone = false;  // a later undo reversed it
  std::vector<std::string> released_evidence;  // titles of the documents the choice handed over
  // The path not taken: the best alternative at this decision, when the choice taken was not best.
  std::string alternative_text;
  Score4 alternative_score;
  int64_t alternative_value = 0;
  int64_t chosen_value = 0;
  std::string recorded_at;  // ISO 8601 UTC, when the decision was committed
};

struct FindingRow {
  std::string key_action_id;
  std::string text;               // the criterion
  std::string management_action;  // the recommendation
  Pillar pillar = Pillar::Protect;
  Priority priority = Priority::Medium;
  FindingKind kind = FindingKind::Missed;  // missed, breached or achieved late
};

struct ActionRow {
  std::string id;
  std::string finding;
  std::string action;
  std::string owner;
  std::string due_date;
  std::string priority;
  std::string status;
  // Filled for the open-actions report.
  std::string session_id, event_name, scenario_title;
};

struct ObjectiveRow {
  std::string text;
  Pillar pillar = Pillar::Protect;
  bool met = false;
};

struct NoteRow {
  std::string kind;
  std::string node_title;
  std::string text;
  bool part_b = false;
};

// One person at a session. In Part A `name` is the pseudonym.
struct PersonRow {
  std::string name;
  std::string pseudonym;
  std::string role;  // "member" | "staff"
};

struct OverrideRow {
  std::string pillar;
  int64_t delta = 0;
  std::string reason;
  std::string by;
};

// The audit feedback report for one session (one team in teams mode).
struct FeedbackReport {
  ReportSettings settings;
  bool exempt_scenario = false;  // a Part B scenario
  // Part A of a Part B scenario: only the event and that it is an exempt exercise; no title,
  // team, result, scores, opinion or anything played.
  bool withheld = false;
  std::string session_id;
  std::string scenario_id, scenario_title, scenario_theme, scenario_summary, scenario_sha256;
  std::string event_name, event_date, event_kind, facilitator;
  std::string mode, team, audience, status;
  std::string started_at, finished_at;
  std::vector<std::string> participants;  // "Name (member)" in Part B; pseudonyms in Part A
  std::vector<PersonRow> people;          // the same people, structured (xAPI accounts)
  int members = 0, staff = 0;
  std::array<PillarRow, kPillarCount> pillars;
  double overall_percent = 0;
  std::string opinion;
  int opinion_level = 3;  // 0 best .. 3; kUnratedOpinionLevel when the session is unfinished
  bool capped_by_high_finding = false;
  std::string outcome;  // "good" | "mixed" | "poor" | "" when unfinished
  std::string ending_title;
  std::string ending_debrief;  // Markdown
  std::vector<DecisionRow> decisions;
  std::vector<FindingRow> findings;
  int findings_high = 0, findings_medium = 0, findings_low = 0;
  std::vector<ActionRow> actions;
  std::vector<ObjectiveRow> objectives;
  std::vector<NoteRow> notes;
  std::vector<OverrideRow> overrides;
  RedactionReview review;  // Part A only
};

// How the sessions of an event chose at one decision point.
struct ChoiceDistribution {
  std::string node_id, node_title;
  struct Option {
    std::string choice_id, text;
    Score4 score;
    int sessions = 0;  // sessions that took it
  };
  std::vector<Option> options;
  int sessions = 0;  // sessions that reached the node
};

struct MissedKeyAction {
  std::string scenario_title;
  FindingRow finding;
  int missed = 0;  // sessions where it was a finding (missed, breached or achieved late)
  int breached = 0;  // of those, sessions that breached it
  int late = 0;      // of those, sessions that achieved it only late
  int played = 0;  // sessions of that scenario
};

struct Recommendation {
  int number = 0;
  std::string text;       // the management action
  std::string rationale;  // why: how often it was missed, which pillar
  Priority priority = Priority::Medium;
};

// The scrutiny report for an event or a date range.
struct ScrutinyReport {
  ReportSettings settings;
  std::string title;  // "Member training evening, 12 March 2026" or the date range
  std::string scope;  // plain-words description of what is covered
  std::string date_from, date_to;
  std::vector<std::string> event_names;
  int sessions = 0, finished_sessions = 0;
  int participants = 0, members = 0, staff = 0, teams = 0;
  std::vector<std::string> scenario_titles;  // Part B scenarios named, not described, in Part A
  // 4P distribution across sessions: per pillar mean/min/max percent of assessed sessions.
  struct PillarSpread {
    Pillar pillar = Pillar::Pursue;
    double mean = 0, min = 0, max = 0;
    int assessed = 0;
    std::vector<double> percents;  // one per session, for the chart
  };
  std::array<PillarSpread, kPillarCount> spread;
  std::map<std::string, int> opinions;  // label -> sessions
  std::map<std::string, int> outcomes;  // good/mixed/poor -> sessions
  std::vector<ChoiceDistribution> distributions;  // per scenario node, Part A scenarios only
  std::vector<MissedKeyAction> most_missed;       // most missed first
  std::vector<Recommendation> recommendations;
  std::vector<FeedbackReport> appendix;  // one per session (in Part A: of Part A scenarios)
  bool has_exempt_material = false;      // Part A: say that exempt information is in Part B
  // Sessions whose stored record cannot be rebuilt (for example an imported state that does not
  // match its scenario): left out of every figure and named here, "id: why", instead of
  // failing the whole report.
  std::vector<std::string> left_out;
  // Part A: sessions of Part B scenarios, counted and nothing else (not in any figure above).
  int exempt_sessions = 0;
  RedactionReview review;  // Part A only
};

// Every improvement-plan action not yet done, across events.
struct OpenActionsReport {
  ReportSettings settings;
  std::vector<ActionRow> actions;  // soonest due first
  int withheld = 0;  // Part A: open actions of Part B scenarios, listed only in Part B
  RedactionReview review;  // Part A only
};

}  // namespace auditsim::reports
