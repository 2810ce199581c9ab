// Internal to the store: the desktop-audit tables' columns and row readers, shared by the
// single-session read, the bulk read and import. Each reader reads the columns of its k...Cols
// list, starting at column 0; a query may select more after them (the session, the uuid).
#pragma once

#include <string>

#include "sim/audit/record.hpp"
#include "sim/store/sqlite.hpp"

namespace auditsim::store {

constexpr const char* kCheckCols =
    "seq, key_action, status, evidence, evidence_ref, owner, due_date, condition, criteria, "
    "cause, effect, changed_by, changed_at";
constexpr int kCheckColCount = 13;
constexpr const char* kRecommendationCols =
    "uuid, version, number, addressed_to, addressee, body, findings, withdrawn, changed_by, "
    "changed_at";
constexpr int kRecommendationColCount = 10;
constexpr const char* kResponseCols =
    "uuid, recommendation, seq, responder, response, body, response_date, recorded_at";
constexpr int kResponseColCount = 8;
constexpr const char* kOpinionCols = "seq, label, reason, set_by, set_at";
constexpr int kOpinionColCount = 5;
constexpr const char* kScopeCols =
    "seq, controls_tested, testing_note, stage, report_version, changed_by, changed_at";
constexpr int kScopeColCount = 7;
constexpr const char* kActionUpdateCols =
    "seq, action_item, status, note, review, updated_by, updated_at";
constexpr int kActionUpdateColCount = 7;

// The order each table's rows are read in: the order of seq (recommendations, which are
// versioned instead, by number then version).
constexpr const char* kCheckOrder = "seq";
constexpr const char* kRecommendationOrder = "number, uuid, version";

// Readers. A value the schema's CHECKs would refuse cannot be in this database; the defaults
// only keep a reader total.
audit::ControlCheck read_check(Stmt& q);
audit::Recommendation read_recommendation(Stmt& q);
audit::Response read_response(Stmt& q);
audit::OpinionSetting read_opinion(Stmt& q);
audit::AuditScope read_scope(Stmt& q);
audit::ActionUpdate read_action_update(Stmt& q);

// A recommendation's findings as stored: a JSON array of key-action ids.
std::string findings_json(const std::vector<std::string>& findings);
// The ids of a stored array; false when `json` is not an array of strings.
bool parse_findings(const std::string& json, std::vector<std::string>& out);

// Every audit row of one session (a full id) of `schema` ("main" or an attached file), in the
// order load_audit gives.
audit::AuditRecord read_audit(Db& db, const std::string& session,
                              const std::string& schema = "main");

}  // namespace auditsim::store
