// CSV (RFC 4180): one row per decision, UTF-8 with a byte order mark so Excel reads the text
// as UTF-8, CRLF line endings, fields quoted when they hold a comma, quote or line break. Where
// a desktop audit recorded control checks or recommendations, a table of each follows the
// decisions after an empty line, each with its own header row.
#include <string>
#include <vector>

#include "reports/render.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";

// Whether a spreadsheet would take the cell for a formula: = + - @ first, or after spaces, tabs
// or line breaks, which spreadsheet programs skip before looking for one.
bool looks_like_formula(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos &&
         (s[first] == '=' || s[first] == '+' || s[first] == '-' || s[first] == '@');
}

// A text field. A formula would run when the file is opened, so such text gets a leading
// apostrophe, as spreadsheet programs themselves do.
std::string field(std::string_view raw) {
  std::string s = text::clean(raw);
  if (looks_like_formula(s)) s.insert(0, "'");
  bool quote = s.find_first_of(",\"\n") != std::string::npos;
  if (!quote) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string number(int64_t v) { return std::to_string(v); }

void row(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ',';
    out += cells[i];
  }
  out += "\r\n";
}

// Every table's first column says whether the row is public (Part A) or exempt (Part B, with
// the paragraphs of Schedule 12A), so a row copied out of the file keeps its marking.
const std::vector<std::string> kDecisionHeader{
    "classification", "session",   "scenario",    "event",      "team",        "seq",          "kind",
    "node_id",   "node_title",  "choice_id",  "choice_text", "pursue",       "prevent",
    "protect",   "prepare",     "time_taken_s", "votes",     "rationale",    "dissent",
    "undone",    "best_alternative", "alternative_value", "chosen_value", "missed",
    "recorded_at"};

void decision_rows(std::string& out, const FeedbackReport& r) {
  for (const DecisionRow& d : r.decisions) {
    std::string votes;
    for (const VoteRow& v : d.votes)
      votes += (votes.empty() ? "" : "; ") + text::one_line(v.choice_text) + ": " +
               std::to_string(v.votes);
    const bool alt = !d.alternative_text.empty();
    // What the team missed at this decision: "none" when its choice was the best available.
    const std::string missed =
        alt ? text::missed_points(d.missed) : (d.kind == "undo" || d.undone ? "" : "none");
    row(out, {field(text::classification(r.settings)), field(r.session_id), field(r.scenario_id),
              field(r.event_name), field(r.team), number(d.seq), field(d.kind), field(d.node_id), field(d.node_title),
              field(d.choice_id), field(d.choice_text), number(d.delta.v[0]),
              number(d.delta.v[1]), number(d.delta.v[2]), number(d.delta.v[3]),
              number((d.time_taken_ms + 500) / 1000), field(votes), field(d.rationale),
              field(d.dissent), d.undone ? "yes" : "no", field(d.alternative_text),
              alt ? number(d.alternative_value) : "", alt ? number(d.chosen_value) : "",
              field(missed), field(d.recorded_at)});
  }
}

const std::vector<std::string> kCheckHeader{
    "classification", "session", "scenario", "team", "check_key_action", "key_action", "priority",
    "control_question", "status", "evidence", "evidence_ref", "owner", "due_date",
    "recorded_by", "condition", "criteria", "cause", "effect", "recommendations",
    "management_response"};

const std::vector<std::string> kRecommendationHeader{
    "classification", "session", "scenario", "team", "recommendation", "to", "addressee", "text", "findings",
    "responded_by", "response", "response_text", "response_date"};

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : "; ") + text::one_line(i);
  return out;
}

// One row per key action checked, with its finding's four parts when it gave one.
void check_rows(std::string& out, const FeedbackReport& r) {
  for (const ControlCheckRow& c : r.audit.checks) {
    const AuditFindingRow* f = nullptr;
    for (const AuditFindingRow& x : r.audit.findings)
      if (x.key_action_id == c.key_action_id) f = &x;
    std::vector<std::string> numbers, responses;
    if (f) {
      for (int64_t n : f->recommendations) numbers.push_back(std::to_string(n));
      for (const ResponseRow& resp : f->responses) responses.push_back(text::response_text(resp));
    }
    row(out, {field(text::classification(r.settings)), field(r.session_id), field(r.scenario_id),
              field(r.team), field(c.key_action_id),
              field(c.key_action), priority_key(c.priority), field(c.question), c.status_key,
              field(c.evidence), field(c.evidence_ref), field(c.owner), field(c.due_date),
              field(c.changed_by), field(f ? f->condition : ""), field(f ? f->criteria : ""),
              field(f ? f->cause : ""), field(f ? f->effect : ""), field(joined(numbers)),
              field(joined(responses))});
  }
}

// One row per response (a recommendation without one gets a row with the response left blank).
void recommendation_rows(std::string& out, const FeedbackReport& r,
                         const std::vector<MembersRecommendationRow>& recs) {
  for (const MembersRecommendationRow& rec : recs) {
    const std::vector<std::string> base{field(text::classification(r.settings)), field(r.session_id), field(r.scenario_id), field(r.team),
                                        std::to_string(rec.number), field(rec.to),
                                        field(rec.addressee), field(rec.text), field(joined(rec.findings))};
    if (rec.responses.empty()) {
      std::vector<std::string> cells = base;
      cells.insert(cells.end(), {"", "", "", ""});
      row(out, cells);
    }
    for (const ResponseRow& resp : rec.responses) {
      std::vector<std::string> cells = base;
      cells.insert(cells.end(), {field(resp.by), resp.response_key, field(resp.text), field(resp.date)});
      row(out, cells);
    }
  }
}

// The audit tables after the decisions, only when there is something in them.
void audit_tables(std::string& out, const std::vector<const FeedbackReport*>& sessions) {
  bool checks = false, recs = false;
  for (const FeedbackReport* f : sessions) {
    checks = checks || !f->audit.checks.empty();
    recs = recs || !f->audit.recommendations.empty();
  }
  if (checks) {
    out += "\r\n";
    row(out, kCheckHeader);
    for (const FeedbackReport* f : sessions) check_rows(out, *f);
  }
  if (recs) {
    out += "\r\n";
    row(out, kRecommendationHeader);
    for (const FeedbackReport* f : sessions) recommendation_rows(out, *f, f->audit.recommendations);
  }
}

}  // namespace

std::string render_csv(const FeedbackReport& r) {
  std::string out = kBom;
  row(out, kDecisionHeader);
  decision_rows(out, r);
  audit_tables(out, {&r});
  return out;
}

std::string render_csv(const ScrutinyReport& r) {
  require_decision_rows(r, Format::Csv);
  std::string out = kBom;
  row(out, kDecisionHeader);
  std::vector<const FeedbackReport*> sessions;
  for (const FeedbackReport& f : r.appendix) {
    decision_rows(out, f);
    sessions.push_back(&f);
  }
  audit_tables(out, sessions);
  return out;
}

std::string render_csv(const OpenActionsReport& r) {
  std::string out = kBom;
  row(out, {"classification", "due_date", "days_overdue", "priority", "status", "owner", "action", "finding", "scenario", "event",
            "session", "action_id"});
  for (const ActionRow& a : r.actions)
    row(out, {field(text::classification(r.settings)), field(a.due_date),
              a.overdue ? number(a.days_overdue) : "", field(a.priority), field(a.status), field(a.owner),
              field(a.action), field(a.finding), field(a.scenario_title), field(a.event_name),
              field(a.session_id), field(a.id)});
  return out;
}

}  // namespace auditsim::reports
