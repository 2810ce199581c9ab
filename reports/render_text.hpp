// Wording and formatting shared by every renderer, so a report says the same thing in HTML, PDF,
// Markdown and CSV: dates, percentages, the Part A / Part B markings, Markdown conversion.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "reports/model.hpp"

namespace auditsim::reports::text {

// The marking on every page of a Part B report.
inline constexpr const char* kExemptMarking =
    "EXEMPT INFORMATION \u2014 not for publication: Local Government Act 1972, Schedule 12A";
// The line every Part A report carries.
inline constexpr const char* kPartANotice =
    "Part A (public). Exempt information \u2014 participants' names, notes marked Part B and the "
    "content of Part B scenarios \u2014 is in Part B of this report.";

// "Part A" | "Part B".
const char* part_label(Part p);
// "Part A \u2014 public" | the exempt marking.
std::string part_marking(Part p);

// "75%" (rounded to a whole percent).
std::string percent(double p);
// "6 of 8 (75%)", or "Not assessed" when no path can score the pillar.
std::string pillar_score(const PillarRow& row);
// "+3", "0", "\u22122".
std::string signed_number(int64_t v);
// "Protect +3, Pursue +1" (non-zero pillars only); "No 4P change" when all are zero.
std::string score_text(const Score4& s);
// What the path not taken would have added, positive pillars only: "+2 Pursue, +1 Protect";
// empty when no pillar would have gained.
std::string missed_points(const Score4& missed);
// The same in a sentence: "The team missed +2 Pursue, +1 Protect" (who = "The team", "You");
// "Nothing missed" when no pillar would have gained.
std::string missed_sentence(const Score4& missed, const std::string& who = "The team");

// "2024-03-12" -> "12 March 2024"; anything else is returned unchanged (one line).
std::string long_date(std::string_view iso);
// "2024-03-12T19:04:05.123Z" -> "12 March 2024, 19:04 UTC"; unchanged when not ISO 8601.
std::string date_time(std::string_view iso);
// "1 min 05 s", "42 s".
std::string duration(int64_t ms);
// "training-evening" -> "Training evening".
std::string humanise_key(std::string_view key);
// Capitalised priority ("High").
std::string priority_label(Priority p);

// A finding's criterion on one line, after what happened to it: "Missed: ", "Breached: " or
// "Achieved late: ".
std::string finding_text(const FindingRow& f);
// "3 of 5", with "(1 breached, 1 achieved late)" after it when some were not simply missed.
std::string finding_count(const MissedKeyAction& m);
// The feedback report's findings in one sentence: how many, of which kind, by priority.
std::string findings_summary(const FeedbackReport& r);

// Valid UTF-8: invalid bytes become U+FFFD, other control characters except \n and \t go.
std::string clean(std::string_view s);
// clean() and every run of whitespace (newlines included) collapsed to one space, trimmed.
std::string one_line(std::string_view s);

// clean() and & < > " ' escaped: text for HTML, SVG and Pango markup (the PDF).
std::string escape_markup(std::string_view s);

// Markdown to HTML with raw HTML and unsafe links dropped (cmark's safe mode).
std::string markdown_to_html(std::string_view md);
// Markdown to plain paragraphs, one a line; list items start with "\u2022 " (markdown_plain.hpp).
std::string markdown_to_plain(std::string_view md);
// Markdown as text to read in a terminal: emphasis, code, links, lists, headings and tables
// written in plain-text conventions (markdown_plain.hpp).
std::string markdown_to_terminal(std::string_view md);

// The exercise rating in a sentence, with the reason when it was capped.
std::string rating_sentence(const FeedbackReport& r);

// The line that opens a feedback report's learning points: what they are and are not.
inline constexpr const char* kLearningPointsIntro =
    "What the team did in the fictional scenario, for learning. These points are about the "
    "exercise, not findings about the council's controls, and the exercise rating says how well "
    "the team played: it is not an assurance opinion.";
// The heading over what the team missed, breached or did late in the story.
inline constexpr const char* kExerciseFindingsHeading = "What the team missed, breached or did late";
// The line that opens a scrutiny report's learning points from the exercises.
inline constexpr const char* kScrutinyLearningPointsIntro =
    "From what the teams did in the fictional scenarios: the key actions most often missed, "
    "with the action each suggests. They are evidence for members to weigh, not recommendations "
    "unless members make them their own.";
// "Draft, version 1".
std::string report_status(const AuditSection& a);
// The assurance opinion in words: not given until controls are checked; proposed from the
// findings with its basis; or set by the auditor with the reason, and what was proposed.
std::string opinion_statement(const AuditSection& a);
// The audit findings in one sentence: how many, by priority, from how many checks.
std::string audit_findings_summary(const AuditSection& a);
// A check's evidence with its reference: "Tender checks only (CPR 7.3)"; "None recorded".
std::string check_evidence(const ControlCheckRow& c);
// "Corporate Management Team, 10 January 2027: Agreed. We will ..."
std::string response_text(const ResponseRow& r);
// "Cabinet" or "Cabinet member: Cabinet Member for Resources".
std::string recommendation_addressee(const MembersRecommendationRow& r);
// "Open", "In progress", "Open (overdue)".
std::string action_status(const ActionRow& a);
// "Finished, good outcome" / "Not finished".
std::string outcome_text(const FeedbackReport& r);
// "Choice taken" text for a decision row, including undo and timeout wording.
std::string decision_text(const DecisionRow& d);
// A short title for the report (shown in headers).
std::string feedback_title(const FeedbackReport& r);

}  // namespace auditsim::reports::text

namespace auditsim::reports::text {

// A term and its meaning, for the glossary.
struct GlossaryEntry {
  const char* term;
  const char* meaning;
};

// The standing sections of a scrutiny report, worded from its figures, so every format says the
// same (render_scrutiny_text.cpp).
std::vector<std::string> scrutiny_introduction(const ScrutinyReport& r);
std::vector<std::string> scrutiny_scope(const ScrutinyReport& r);
std::vector<std::string> scrutiny_conclusions(const ScrutinyReport& r);
std::vector<std::string> scrutiny_financial(const ScrutinyReport& r);
std::vector<std::string> scrutiny_legal(const ScrutinyReport& r);
std::vector<std::string> scrutiny_monitoring(const ScrutinyReport& r);
std::vector<std::string> scrutiny_methodology(const ScrutinyReport& r);
const std::vector<GlossaryEntry>& glossary();
// Up to this many sessions a scrutiny report has a full appendix per session; beyond it one
// appendix lists every session in a table (the CSV and xAPI exports keep every decision).
inline constexpr size_t kFullAppendixLimit = 100;
// Columns and one row of that table.
std::vector<std::string> session_table_headings();
std::vector<std::string> session_table_row(const FeedbackReport& f);

// "Appendix A", ..., "Appendix Z", "Appendix AA", ...
std::string appendix_label(size_t index);
// Attendance in one sentence: "12 participants (10 members, 2 staff) in 4 teams, 4 sessions".
std::string attendance_sentence(const ScrutinyReport& r);

}  // namespace auditsim::reports::text
