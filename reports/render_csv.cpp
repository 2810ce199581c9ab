// CSV (RFC 4180): one row per decision, UTF-8 with a byte order mark so Excel reads the text
// as UTF-8, CRLF line endings, fields quoted when they hold a comma, quote or line break.
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

const std::vector<std::string> kDecisionHeader{
    "session",   "scenario",    "event",      "team",        "seq",          "kind",
    "node_id",   "node_title",  "choice_id",  "choice_text", "pursue",       "prevent",
    "protect",   "prepare",     "time_taken_s", "votes",     "rationale",    "dissent",
    "undone",    "best_alternative", "alternative_value", "chosen_value", "recorded_at"};

void decision_rows(std::string& out, const FeedbackReport& r) {
  for (const DecisionRow& d : r.decisions) {
    std::string votes;
    for (const VoteRow& v : d.votes)
      votes += (votes.empty() ? "" : "; ") + text::one_line(v.choice_text) + ": " +
               std::to_string(v.votes);
    const bool alt = !d.alternative_text.empty();
    row(out, {field(r.session_id), field(r.scenario_id), field(r.event_name), field(r.team),
              number(d.seq), field(d.kind), field(d.node_id), field(d.node_title),
              field(d.choice_id), field(d.choice_text), number(d.delta.v[0]),
              number(d.delta.v[1]), number(d.delta.v[2]), number(d.delta.v[3]),
              number((d.time_taken_ms + 500) / 1000), field(votes), field(d.rationale),
              field(d.dissent), d.undone ? "yes" : "no", field(d.alternative_text),
              alt ? number(d.alternative_value) : "", alt ? number(d.chosen_value) : "",
              field(d.recorded_at)});
  }
}

}  // namespace

std::string render_csv(const FeedbackReport& r) {
  std::string out = kBom;
  row(out, kDecisionHeader);
  decision_rows(out, r);
  return out;
}

std::string render_csv(const ScrutinyReport& r) {
  std::string out = kBom;
  row(out, kDecisionHeader);
  for (const FeedbackReport& f : r.appendix) decision_rows(out, f);
  return out;
}

std::string render_csv(const OpenActionsReport& r) {
  std::string out = kBom;
  row(out, {"due_date", "priority", "status", "owner", "action", "finding", "scenario", "event",
            "session", "action_id"});
  for (const ActionRow& a : r.actions)
    row(out, {field(a.due_date), field(a.priority), field(a.status), field(a.owner),
              field(a.action), field(a.finding), field(a.scenario_title), field(a.event_name),
              field(a.session_id), field(a.id)});
  return out;
}

}  // namespace auditsim::reports
