// What a desktop audit records about the council's own arrangements, after the story: the
// group's control checks, the members' recommendations and the responses to them, and the
// auditor's opinion. Plain records, shared by the store (which keeps every change), the audit
// logic (sim/audit/audit.hpp: findings and the proposed opinion) and the reports.
//
// Every table here is append-only: an edit is a new row with a higher `seq`, so each change is
// kept with who made it and when, and the current value is the row with the highest seq.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auditsim::audit {

// The council's real position against a key action's control question.
enum class ControlStatus { InPlace, Partly, NotInPlace, NotKnown };
// Who a members' recommendation is addressed to.
enum class Addressee { Cabinet, CabinetMember, ManagementTeam, CommunitySafetyPartnership, Police,
                       Partner, Officer };
enum class ResponseKind { Agreed, Partly, NotAgreed };
enum class ReportStage { Draft, Final };

// Keys used in the database, on the command line and in JSON: "in-place", "partly",
// "not-in-place", "not-known"; "cabinet", "cabinet-member", "management-team",
// "community-safety-partnership", "police", "partner", "officer"; "agreed", "partly",
// "not-agreed"; "draft", "final".
const char* key(ControlStatus s);
const char* key(Addressee a);
const char* key(ResponseKind r);
const char* key(ReportStage s);
std::optional<ControlStatus> parse_control_status(std::string_view s);
std::optional<Addressee> parse_addressee(std::string_view s);
std::optional<ResponseKind> parse_response_kind(std::string_view s);
std::optional<ReportStage> parse_report_stage(std::string_view s);
// Plain words for reports and screens: "Partly in place", "Corporate Management Team", ...
const char* label(ControlStatus s);
const char* label(Addressee a);
const char* label(ResponseKind r);

// One version of the group's check of one key action's control. The finding's four parts are
// prefilled from the scenario (sim/audit/audit.hpp) and kept here only once the group edits
// them: an empty field means "use the prefilled wording".
struct ControlCheck {
  int64_t seq = 0;          // set by the store: 1, 2, ... per session across all checks
  std::string key_action;   // the key action's id in the scenario as played
  ControlStatus status = ControlStatus::NotKnown;
  std::string evidence;     // what the group saw, in words
  std::string evidence_ref; // the document: "Contract Procedure Rules 2024, rule 7.3"
  std::string owner;        // the responsible officer or role
  std::string due_date;     // YYYY-MM-DD where action is needed, else empty
  std::string condition;    // finding: what the group found
  std::string criteria;     // finding: what should be in place
  std::string cause;        // finding: why the gap exists
  std::string effect;       // finding: the risk that follows
  std::string changed_by;   // who recorded this version (a name or a role)
  std::string changed_at;   // set by the store (ISO 8601 UTC)
};

// One version of a members' recommendation.
struct Recommendation {
  std::string id;          // UUID, shared by every version; set by the store on first add
  int64_t version = 0;     // set by the store: 1, 2, ...
  int64_t number = 0;      // its place in the session's list, 1, 2, ... (kept across edits)
  Addressee to = Addressee::Cabinet;
  std::string addressee;   // who exactly: "Cabinet Member for Resources", "Lancashire Constabulary"
  std::string text;        // the recommendation in the members' words
  std::vector<std::string> findings;  // key-action ids of the findings it answers
  bool withdrawn = false;  // members withdrew it (kept for the record, not reported as live)
  std::string changed_by;
  std::string changed_at;  // set by the store
};

// A response to a recommendation, recorded later (Preston's report carried the Corporate
// Management Team's and Cabinet's). A body that responds again replaces its earlier response.
struct Response {
  std::string id;              // UUID, set by the store
  std::string recommendation;  // the recommendation's id
  int64_t seq = 0;             // set by the store
  std::string by;              // the responding body: "Corporate Management Team", "Cabinet"
  ResponseKind response = ResponseKind::Agreed;
  std::string text;
  std::string date;            // YYYY-MM-DD the response was given
  std::string recorded_at;     // set by the store
};

// The auditor's own setting of the assurance opinion, with the reason (required).
struct OpinionSetting {
  int64_t seq = 0;
  std::string label;   // one of the configured opinion labels ("Reasonable")
  std::string reason;
  std::string set_by;
  std::string set_at;  // set by the store
};

// Scope and status of the audit report for one session (latest version wins).
struct AuditScope {
  int64_t seq = 0;
  // The auditor records that the controls were tested (walk-through, sample testing), not just
  // the group's assessment; the limitations paragraph then says so.
  bool controls_tested = false;
  std::string testing_note;    // how they were tested
  ReportStage stage = ReportStage::Draft;
  int64_t report_version = 1;  // 1, 2, ...: raised when a final version is issued again
  std::string changed_by;
  std::string changed_at;
};

// One status update of an improvement-plan action (sim/store/records.hpp ActionItem), e.g. at
// the six-month monitoring review.
struct ActionUpdate {
  int64_t seq = 0;
  std::string action;   // the action's id
  std::string status;   // "open" | "in-progress" | "done"
  std::string note;     // progress in words
  std::string review;   // the review it was made at: "Six-month monitoring, 2027-06-10"
  std::string updated_by;
  std::string updated_at;  // set by the store
};

// Everything the audit half of one session holds, as stored: every version of every row, in
// order of seq. Use the current_* helpers for the live values.
struct AuditRecord {
  std::vector<ControlCheck> checks;
  std::vector<Recommendation> recommendations;
  std::vector<Response> responses;
  std::vector<OpinionSetting> opinions;
  std::vector<AuditScope> scope;
  std::vector<ActionUpdate> action_updates;

  bool empty() const {
    return checks.empty() && recommendations.empty() && responses.empty() && opinions.empty() &&
           scope.empty() && action_updates.empty();
  }
};

// The latest version of each key action's check, in order of first recording.
std::vector<ControlCheck> current_checks(const AuditRecord& r);
// The latest version of each recommendation, in order of number (withdrawn ones included).
std::vector<Recommendation> current_recommendations(const AuditRecord& r);
// The latest response of each body to one recommendation, in order of first response.
std::vector<Response> current_responses(const AuditRecord& r, const std::string& recommendation);
// The auditor's latest setting, if any.
std::optional<OpinionSetting> current_opinion(const AuditRecord& r);
// The latest scope (a default draft, version 1, untested, when none was recorded).
AuditScope current_scope(const AuditRecord& r);

}  // namespace auditsim::audit
