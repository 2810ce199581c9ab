// Wording and formatting shared by every renderer, so a report says the same thing in HTML, PDF,
// Markdown and CSV: dates, percentages, the Part A / Part B markings, Markdown conversion.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
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
// "Part A \u2014 public" | the exempt marking naming the report's Schedule 12A paragraphs.
std::string part_marking(const ReportSettings& s);
// The Part B marking naming the paragraphs (of Part 1 of the Schedule): "EXEMPT INFORMATION \u2014
// not for publication: Local Government Act 1972, Schedule 12A, paragraphs 1, 2 and 7".
std::string exempt_marking(const std::vector<int>& paragraphs);
// "paragraphs 1, 2 and 7" | "paragraph 3".
std::string paragraph_list(const std::vector<int>& paragraphs);
// What a paragraph of Part 1 of Schedule 12A describes, as the Act words it; "" outside 1-7.
const char* schedule12a_description(int paragraph);
// The public interest test (paragraph 10 of Schedule 12A), carried on every Part B report.
inline constexpr const char* kPublicInterestTest =
    "This information is exempt only if, and for so long as, in all the circumstances of the "
    "case, the public interest in maintaining the exemption outweighs the public interest in "
    "disclosing it (paragraph 10 of Part 2 of Schedule 12A). It may be considered with the "
    "press and public excluded only if the committee so resolves (section 100A(4) of the Local "
    "Government Act 1972).";
// The classification on one line, for CSV rows and xAPI: "Part A (public)" or "Part B (exempt:
// Schedule 12A paragraphs 1, 2 and 7)".
std::string classification(const ReportSettings& s);
// A document title as its metadata shows it: "Part B (exempt): " before a Part B one.
std::string document_title(const ReportSettings& s, std::string_view title);
// Checks a list of Schedule 12A paragraphs: each 1-7, none twice, at least one. Returns "" when
// it is good, else what is wrong in plain words.
std::string check_exempt_paragraphs(const std::vector<int>& paragraphs);
// "1,2,7" or "1, 2 and 7" -> {1, 2, 7}; std::nullopt when it is not a list of whole numbers.
std::optional<std::vector<int>> parse_exempt_paragraphs(std::string_view text);

// "75%" (rounded to a whole percent).
std::string percent(double p);
// A count as a committee reads it: 100000 as "100,000" (CSV keeps plain digits).
std::string count_text(long long n);
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
// The open-actions report's opening sentence: how many, how many overdue at its date, the order.
std::string open_actions_summary(const OpenActionsReport& r);
// Part A: how many actions arise from Part B scenarios and are listed only there.
std::string withheld_actions_notice(const OpenActionsReport& r);
// "Open", "In progress", "Open (overdue by 3 days)".
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
// appendix lists every session in a table; beyond kSessionTableLimit that table would run to
// hundreds of pages no committee reads, so the appendix summarises the sessions by event and
// scenario instead (the CSV and xAPI exports keep every session and decision either way).
inline constexpr size_t kFullAppendixLimit = 100;
inline constexpr size_t kSessionTableLimit = 1000;
enum class AppendixForm { PerSession, SessionTable, Summary };
inline AppendixForm appendix_form(const ScrutinyReport& r) {
  if (r.appendix.size() <= kFullAppendixLimit || r.settings.per_session_appendix)
    return AppendixForm::PerSession;
  if (r.appendix.size() <= kSessionTableLimit || r.settings.session_table)
    return AppendixForm::SessionTable;
  return AppendixForm::Summary;
}
// Whether the report's appendix is one table (of sessions, or of their summary).
inline bool compact_appendix(const ScrutinyReport& r) {
  return appendix_form(r) != AppendixForm::PerSession;
}
// The appendix table's title, columns and rows, whichever of the two compact forms it has.
std::string appendix_table_title(const ScrutinyReport& r);  // "Appendix A — Sessions", ...
std::vector<std::string> appendix_table_headings(const ScrutinyReport& r);
std::vector<std::vector<std::string>> appendix_table_rows(const ScrutinyReport& r);
// Columns and one row of the table of every session.
std::vector<std::string> session_table_headings();
std::vector<std::string> session_table_row(const FeedbackReport& f);
// Columns and rows of the summary: one row per event and scenario, in the order first played.
std::vector<std::string> session_summary_headings();
std::vector<std::vector<std::string>> session_summary_rows(const ScrutinyReport& r);

// The Preston structure of a scrutiny report (render_preston_text.cpp): the numbered sections'
// titles, and the wording of those written from the front sheet and the figures.
const std::vector<std::string>& scrutiny_section_titles();  // "1. Chair's foreword", ...
// The chair's foreword, paragraph by paragraph; a line saying it is not yet written when empty.
std::vector<std::string> scrutiny_foreword(const ScrutinyReport& r);
// Membership: Part B by name with the role; Part A the roles and how many held each, no names.
std::vector<std::string> membership_headings(const ScrutinyReport& r);
std::vector<std::vector<std::string>> membership_rows(const ScrutinyReport& r);
std::string membership_intro(const ScrutinyReport& r);
// Scoping: the aims, the expected outcomes and the methods.
std::vector<std::string> scrutiny_aims(const ScrutinyReport& r);
std::vector<std::string> scrutiny_outcomes(const ScrutinyReport& r);
std::vector<std::string> scrutiny_methods(const ScrutinyReport& r);
// Exercise ratings and assurance opinions with their session counts, highest level first;
// unfinished sessions are not in the ratings but counted apart in the sentence below.
// `counts` in the order of `labels` (highest first); with `keep_others`, the labels not on the
// scale after them ("In progress", "Abandoned"), as found.
std::vector<std::pair<std::string, int>> in_scale_order(const std::map<std::string, int>& counts,
                                                        const std::array<std::string, 4>& labels,
                                                        bool keep_others);
std::vector<std::pair<std::string, int>> rating_counts(const ScrutinyReport& r);
std::vector<std::pair<std::string, int>> opinion_counts(const ScrutinyReport& r);
std::string unfinished_sentence(const ScrutinyReport& r);  // "" when every session finished
// The recommendations table: No., recommendation, addressee, response.
std::vector<std::string> recommendation_headings();
std::vector<std::vector<std::string>> recommendation_rows(const ScrutinyReport& r);
// Section 7: the Corporate Management Team's and Cabinet's responses, from the front sheet.
std::string cmt_response(const ScrutinyReport& r);
std::string cabinet_response(const ScrutinyReport& r);
// Section 11's opening line: what the appendices hold (one per session, or one compact table).
std::string appendices_intro(const ScrutinyReport& r);
// Section 8: each implication's heading and paragraphs, the equality impact line included.
std::vector<std::pair<std::string, std::vector<std::string>>> scrutiny_implications(const ScrutinyReport& r);

// The front sheet that precedes section 1 in every format (render_front_sheet_text.cpp): label
// and value rows, a field not filled in saying so, never an empty heading.
inline constexpr const char* kFrontSheetHeading = "Front sheet";
inline constexpr const char* kNotYetCompleted = "Not yet completed";
// The same front sheet heads the audit feedback report when it goes to a committee on its own.
std::vector<std::pair<std::string, std::string>> front_sheet_rows(const std::optional<FrontSheet>& sheet,
                                                                  const ReportSettings& settings);
std::vector<std::pair<std::string, std::string>> front_sheet_rows(const ScrutinyReport& r);
std::vector<std::pair<std::string, std::string>> front_sheet_rows(const FeedbackReport& r);
// The line under the heading when no front sheet has been completed for the report; "" when one has.
std::string front_sheet_notice(const std::optional<FrontSheet>& sheet);
std::string front_sheet_notice(const ScrutinyReport& r);
std::string front_sheet_notice(const FeedbackReport& r);

// "Appendix A", ..., "Appendix Z", "Appendix AA", ...
std::string appendix_label(size_t index);
// Attendance in one sentence: "12 participants (10 members, 2 staff) in 4 teams, 4 sessions".
std::string attendance_sentence(const ScrutinyReport& r);

}  // namespace auditsim::reports::text
