// Report models: everything a report shows, built from the results store and the stored
// scenario snapshot, already filtered for Part A or Part B. Renderers (HTML, PDF, Markdown, CSV,
// xAPI) only lay these out; none of them decides what is public.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/audit/audit.hpp"
#include "sim/front_sheet.hpp"
#include "sim/model.hpp"
#include "sim/scoring.hpp"

namespace auditsim::reports {

// The exercise rating level of a session that has not reached an ending: shown "In progress" (or
// "Abandoned"), in a neutral colour, and counted apart from the rated sessions.
inline constexpr int kUnratedLevel = 4;

// Part A is public; Part B is exempt information under Schedule 12A to the Local Government
// Act 1972 and carries names, Part B notes and Part B scenarios.
enum class Part { A, B };

// Settings that come from the desktop program's settings or the command line.
struct ReportSettings {
  std::string council_name = "Kingsmere Borough Council";
  std::string logo_path;     // PNG or SVG file; empty for none
  std::string word_template;  // the .docx whose styles Word reports take; empty: the default
  std::string generated_at;  // shown on the report; fixed in golden tests
  Part part = Part::A;
  // Part B: the paragraphs of Part 1 of Schedule 12A to the Local Government Act 1972 the
  // exempt information falls under (1-7), named in the marking on every page. The default
  // suits what these reports hold: individuals (1), who they are (2) and crime (7).
  std::vector<int> exempt_paragraphs = {1, 2, 7};
  // True when the paragraphs above were chosen for this report (--exempt-paragraphs); else a
  // scrutiny report takes those its front sheet names.
  bool exempt_paragraphs_chosen = false;
  RatingScale scale;  // the exercise rating's
  audit::OpinionDefinitions opinion;  // the assurance opinion's
  // The day actions are judged overdue against (YYYY-MM-DD); empty: the day of generated_at,
  // else today.
  std::string today;
  int late_priority_drop = 1;  // ScoringConfig::late_priority_drop, as the council set it
  // Base IRI for xAPI activities, accounts and extensions (the council's learning site).
  std::string xapi_base = "https://www.kingsmere.gov.uk/auditsim";
  // The front sheet of a scrutiny report or a feedback report, when given (a --front-sheet file,
  // the desktop form); when not, the one saved for the event is used. The builder filters it for
  // Part A.
  std::optional<FrontSheet> front_sheet;
  // A scrutiny report above kFullAppendixLimit sessions has a compact appendix unless this asks
  // for one appendix per session; above kSessionTableLimit that appendix summarises the sessions
  // by event and scenario unless `session_table` asks for one row per session.
  bool per_session_appendix = false;
  bool session_table = false;
  // How many threads build a scrutiny report's sessions (1 or 2); 0 lets the builder choose
  // (two from 2,000 sessions on a machine with two cores). Never changes the report.
  int build_threads = 0;
  // Whether each session's model carries what only that session's own report body shows: each
  // decision's feedback and the documents it released, the ending's debrief, the definitions, the
  // scenario's learning objectives, and the audit section's scope and objectives (and, without
  // decision_rows too, the scenario's summary, which the xAPI export also describes).
  // A scrutiny report whose appendix is a table leaves them out of its sessions (they are most of
  // a session's model, and 100,000 of them do not fit a laptop's memory); nothing else changes.
  bool session_bodies = true;
  // Whether a scrutiny report's sessions keep their decision rows when its appendix is a table:
  // the CSV export lists every decision, and the xAPI export is made of them. A report read as a
  // document shows none of them, so a caller that renders only PDF, HTML, Markdown or Word may
  // say so here (needs_decision_rows) and a report over 100,000 sessions is built without
  // 1.4 million rows it would throw away; render() refuses CSV or xAPI of such a report.
  bool decision_rows = true;
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
  Score4 missed;  // per pillar, what the path not taken would have added (PathNotTaken::missed)
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
  std::string status;  // the latest, after any monitoring update
  bool overdue = false;  // past its due date and not done
  std::string progress;  // the latest monitoring update's note and review, if any
  // Filled for the open-actions report.
  std::string session_id, event_name, scenario_title;
  long days_overdue = 0;  // how many days past its due date, when overdue
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

// One level of a scale a report defines: an assurance opinion, an exercise rating, a priority.
struct Definition {
  std::string label;
  std::string text;
};

// A body's response to a members' recommendation.
struct ResponseRow {
  std::string by;            // "Corporate Management Team"
  std::string response;      // "Partly agreed"
  std::string response_key;  // "partly"
  std::string text;
  std::string date;          // YYYY-MM-DD
};

// The group's latest check of one key action's control.
struct ControlCheckRow {
  std::string key_action_id;
  std::string key_action;  // the key action's text
  std::string question;    // the scenario's control question (empty when it has none)
  Priority priority = Priority::Medium;
  std::string status;      // "Partly in place"
  std::string status_key;  // "partly"
  std::string evidence, evidence_ref, owner, due_date;
  std::string changed_by;  // who recorded this version
};

// A finding about the council's own controls (sim/audit/audit.hpp), with the management response:
// the responses to the members' recommendations that answer it.
struct AuditFindingRow {
  std::string key_action_id;
  std::string key_action;  // the key action's text
  Priority priority = Priority::Medium;
  std::string status;      // "Not in place"
  std::string question, condition, criteria, cause, effect, owner, due_date;
  std::vector<int64_t> recommendations;  // numbers of the recommendations answering it
  std::vector<ResponseRow> responses;
};

// A members' recommendation, live (withdrawn ones are not reported as recommendations).
struct MembersRecommendationRow {
  int64_t number = 0;
  std::string to;         // the kind of body: "Cabinet", "Corporate Management Team"
  std::string addressee;  // who exactly, when given: "Cabinet Member for Resources"
  std::string text;
  std::vector<std::string> findings;  // the key actions of the findings it answers, in words
  std::vector<ResponseRow> responses;
  std::string scenario_title, team;   // where it was made (for the scrutiny report)
};

// The internal audit half of a feedback report: the group's checks of the council's own
// arrangements, findings from them, the assurance opinion and the members' recommendations.
struct AuditSection {
  int checks_recorded = 0;  // key actions checked
  int key_actions = 0;      // key actions in the scenario
  std::string stage = "Draft";  // "Draft" | "Final"
  int64_t version = 1;
  std::string scope;            // scope and limitations, one paragraph
  std::vector<std::string> objectives;
  // The opinion: given only when control checks were recorded.
  bool opinion_given = false;
  std::string opinion;           // the label given: the auditor's when set, else the proposal
  int opinion_level = 3;         // index into the opinion's definitions
  std::string proposed;          // the label proposed from the findings
  std::string basis;             // why, in one sentence
  bool set_by_auditor = false;
  std::string set_reason, set_by;
  std::vector<Definition> opinion_definitions;  // every level, highest first
  std::vector<ControlCheckRow> checks;           // in the scenario's key-action order
  std::vector<AuditFindingRow> findings;         // high priority first
  int findings_high = 0, findings_medium = 0, findings_low = 0;
  std::vector<MembersRecommendationRow> recommendations;  // by number
};

// The audit feedback report for one session (one team in teams mode).
struct FeedbackReport {
  // Those it was built with; blank in a row of a scrutiny report's appendix table (built with
  // neither session_bodies nor decision_rows), which is never rendered on its own.
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
  // The exercise rating: how the team played the story (never an assurance opinion).
  std::string rating;
  int rating_level = 3;  // 0 best .. 3; kUnratedLevel when the session is unfinished
  bool capped_by_high_finding = false;
  bool capped_by_ending = false;  // the ending's outcome (mixed or poor) held the rating down
  std::vector<Definition> rating_definitions;  // every level with its threshold, highest first
  std::string outcome;  // "good" | "mixed" | "poor" | "" when unfinished
  std::string ending_title;
  std::string ending_debrief;  // Markdown
  std::vector<DecisionRow> decisions;  // empty when built without decision rows
  // The choices that stand on this session's path, in order: its decisions and timeouts that no
  // later undo reversed, as indices into the scenario's nodes and the node's choices (-1 when
  // the row names no choice of the node). What a scrutiny report's distributions count; filled
  // with or without the decision rows. A row for a point the scenario does not have is left out.
  struct ChoiceTaken {
    int node = -1;
    int choice = -1;
  };
  std::vector<ChoiceTaken> choices_taken;
  // What the team missed, breached or did late in the story: the exercise's learning points,
  // not findings about the council's controls (those are audit.findings).
  std::vector<FindingRow> findings;
  int findings_high = 0, findings_medium = 0, findings_low = 0;
  AuditSection audit;
  std::vector<Definition> priority_definitions;  // high, medium, low
  std::vector<ActionRow> actions;  // the action plan: overdue first
  std::vector<ObjectiveRow> objectives;
  std::vector<NoteRow> notes;
  std::vector<OverrideRow> overrides;
  // The front sheet (already filtered for Part A) when the report goes to a committee on its
  // own; nullopt when none has been completed. A scrutiny report's appendices never carry one.
  std::optional<FrontSheet> front_sheet;
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

// What the exercises suggest, from the key actions the teams most often missed: evidence for
// members to weigh, not a recommendation until they make it one.
struct LearningPoint {
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
  std::map<std::string, int> ratings;  // exercise rating label -> sessions
  std::map<std::string, int> opinions;  // assurance opinion label -> sessions that gave one
  std::map<std::string, int> outcomes;  // good/mixed/poor -> sessions
  std::vector<ChoiceDistribution> distributions;  // per scenario node, Part A scenarios only
  std::vector<MissedKeyAction> most_missed;       // most missed first
  std::vector<MembersRecommendationRow> recommendations;  // the members' own, numbered in order
  std::vector<LearningPoint> learning_points;
  int checks_recorded = 0;  // control checks across the sessions covered
  int audit_findings_high = 0, audit_findings_medium = 0, audit_findings_low = 0;
  std::vector<FeedbackReport> appendix;  // one per session (in Part A: of Part A scenarios)
  bool has_exempt_material = false;      // Part A: say that exempt information is in Part B
  // Sessions whose stored record cannot be rebuilt (for example an imported state that does not
  // match its scenario): left out of every figure and named here, "id: why", instead of
  // failing the whole report.
  std::vector<std::string> left_out;
  // Part A: sessions of Part B scenarios, counted and nothing else (not in any figure above).
  int exempt_sessions = 0;
  // Who took part, each once: in Part B by name and role; in Part A the role only (names
  // empty), so no spelling of anyone's name can reach the membership section.
  std::vector<PersonRow> membership;
  std::vector<std::string> facilitators;  // Part B: as recorded; Part A: one blank each (counted)
  // The front sheet (already filtered for Part A); nullopt when none has been completed.
  std::optional<FrontSheet> front_sheet;
  RedactionReview review;  // Part A only
};

// Every improvement-plan action not yet done, across events.
struct OpenActionsReport {
  ReportSettings settings;
  std::vector<ActionRow> actions;  // overdue first (longest overdue first), then soonest due
  std::string as_at;  // the day actions are judged overdue against (YYYY-MM-DD)
  int overdue = 0;    // how many of `actions` are overdue
  int withheld = 0;  // Part A: open actions of Part B scenarios, listed only in Part B
  RedactionReview review;  // Part A only
};

}  // namespace auditsim::reports
