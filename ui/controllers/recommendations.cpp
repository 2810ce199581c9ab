#include "ui/controllers/recommendations.hpp"

#include <algorithm>

#include "sim/audit/plan.hpp"
#include "sim/dates.hpp"

namespace auditsim::ui {

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

constexpr int kAddressees = 7;
constexpr int kResponseKinds = 3;

const char* priority_word(Priority p) {
  return p == Priority::High ? "High" : p == Priority::Low ? "Low" : "Medium";
}

// A management action as a sentence: capital first, full stop last.
std::string sentence(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  if (s.empty()) return s;
  if (s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (s.back() != '.' && s.back() != '!' && s.back() != '?') s += '.';
  return s;
}

}  // namespace

RecommendationsController::RecommendationsController(AuditWorkspace& ws) : ws_(&ws) {}

std::vector<audit::Recommendation> RecommendationsController::recommendations() const {
  return audit::current_recommendations(ws_->record());
}

std::vector<audit::AuditFinding> RecommendationsController::findings() const {
  return audit::findings_from_checks(ws_->scenario(), ws_->record());
}

std::vector<audit::Response> RecommendationsController::responses(const std::string& rec) const {
  return audit::current_responses(ws_->record(), rec);
}

std::string RecommendationsController::finding_title(const std::string& key_action) const {
  for (const KeyAction& k : ws_->scenario().key_actions)
    if (k.id == key_action) return std::string(priority_word(k.priority)) + ": " + k.text;
  return key_action;  // a finding the scenario no longer has (an imported record)
}

std::string RecommendationsController::number_label(const std::string& id) const {
  for (const audit::Recommendation& r : recommendations())
    if (r.id == id) return "R" + std::to_string(r.number);
  return "";
}

void RecommendationsController::start_new() { draft_ = RecommendationDraft{}; }

void RecommendationsController::start_edit(const std::string& id) {
  for (const audit::Recommendation& r : recommendations()) {
    if (r.id != id) continue;
    draft_.id = r.id;
    draft_.to = static_cast<int>(r.to);
    draft_.addressee = r.addressee;
    draft_.text = r.text;
    draft_.findings = r.findings;
  }
}

bool RecommendationsController::links(const std::string& ka) const {
  return std::find(draft_.findings.begin(), draft_.findings.end(), ka) != draft_.findings.end();
}

void RecommendationsController::toggle_finding(const std::string& ka) {
  auto it = std::find(draft_.findings.begin(), draft_.findings.end(), ka);
  if (it != draft_.findings.end()) {
    draft_.findings.erase(it);
    return;
  }
  draft_.findings.push_back(ka);
  if (blank(draft_.text)) draft_.text = suggested_wording();
}

std::string RecommendationsController::suggested_wording() const {
  std::string out;
  for (const std::string& ka : draft_.findings)
    for (const KeyAction& k : ws_->scenario().key_actions)
      if (k.id == ka && !blank(k.management_action))
        out += (out.empty() ? "" : " ") + sentence(k.management_action);
  return out;
}

bool RecommendationsController::save(std::string* error) {
  if (blank(draft_.text)) {
    if (error) *error = "Write the recommendation first: the members' own words, addressed to a body.";
    return false;
  }
  if (!ws_->check_recorded_by(error)) return false;
  audit::Recommendation r;
  if (!draft_.id.empty())
    for (const audit::Recommendation& cur : recommendations())
      if (cur.id == draft_.id) r = cur;  // keeps its number and whether it was withdrawn
  r.id = draft_.id;
  r.to = static_cast<audit::Addressee>(std::clamp(draft_.to, 0, kAddressees - 1));
  r.addressee = draft_.addressee;
  r.text = draft_.text;
  r.findings = draft_.findings;
  r.changed_by = ws_->recorded_by;
  r.changed_at.clear();
  if (!ws_->write("The recommendation was not saved: ", error,
                  [&](store::Store& db) { db.record_recommendation(ws_->session_id(), r); }))
    return false;
  draft_ = RecommendationDraft{};
  return ws_->reload(error);
}

bool RecommendationsController::set_withdrawn(const std::string& id, bool withdrawn,
                                              std::string* error) {
  if (!ws_->check_recorded_by(error)) return false;
  for (audit::Recommendation r : recommendations()) {
    if (r.id != id) continue;
    if (r.withdrawn == withdrawn) return true;
    r.withdrawn = withdrawn;
    r.changed_by = ws_->recorded_by;
    r.changed_at.clear();
    if (!ws_->write(withdrawn ? "The recommendation was not withdrawn: "
                        : "The recommendation was not reinstated: ", error,
                    [&](store::Store& db) { db.record_recommendation(ws_->session_id(), r); }))
      return false;
    if (draft_.id == id) draft_ = RecommendationDraft{};
    return ws_->reload(error);
  }
  if (error) *error = "That recommendation is no longer in this audit.";
  return false;
}

void RecommendationsController::start_response(const std::string& rec) {
  response_ = ResponseDraft{};
  response_.recommendation = rec;
  response_.date = ws_->today();
}

bool RecommendationsController::save_response(std::string* error, std::string* outcome) {
  const ResponseDraft& d = response_;
  std::optional<audit::Recommendation> rec;
  for (const audit::Recommendation& r : recommendations())
    if (r.id == d.recommendation) rec = r;
  if (!rec) {
    if (error) *error = "That recommendation is no longer in this audit.";
    return false;
  }
  if (blank(d.by)) {
    if (error) *error = "Say who responded: the Corporate Management Team, Cabinet, a partner...";
    return false;
  }
  const auto kind = static_cast<audit::ResponseKind>(std::clamp(d.response, 0, kResponseKinds - 1));
  if (kind != audit::ResponseKind::Agreed && blank(d.text)) {
    if (error) *error = "A response that does not fully agree needs its reasons: write the response.";
    return false;
  }
  if (!is_iso_date(d.date)) {
    if (error) *error = not_a_date_message("The response date", d.date);
    return false;
  }
  audit::Response resp;
  resp.recommendation = rec->id;
  resp.by = d.by;
  resp.response = kind;
  resp.text = d.text;
  resp.date = d.date;
  if (!ws_->write("The response was not recorded: ", error,
                  [&](store::Store& db) { db.record_response(resp); }))
    return false;
  const ResponseDraft typed = response_;
  response_ = ResponseDraft{};
  if (!ws_->reload(error)) return false;
  const std::string number = "R" + std::to_string(rec->number);
  if (outcome) *outcome = number + ": " + audit::label(kind) + " by " + resp.by + ", recorded.";
  if (kind == audit::ResponseKind::NotAgreed) return true;
  std::optional<store::ActionItem> planned = audit::action_for_response(
      &ws_->scenario(), ws_->session_id(), ws_->record(), ws_->actions(), resp);
  if (!planned) {
    // Withdrawn recommendations are not planned; otherwise one action carries it out already.
    if (outcome)
      *outcome += rec->withdrawn ? " It is withdrawn, so it is not added to the action plan."
                                 : " It is already in the action plan.";
    return true;
  }
  store::ActionItem a = *planned;
  try {
    a.id = ws_->db().add_action(a);
  } catch (const std::exception& e) {
    response_ = typed;  // as typed, so recording it again is one click
    if (error)
      *error = "The response was recorded, but " + number +
               " could not be added to the action plan: " + e.what() +
               " Record the response again to add it.";
    return false;
  }
  if (outcome)
    *outcome += " Added to the action plan" +
                (a.owner.empty() ? std::string(" with no owner yet: give it one on the Action plan page")
                                 : ": owner " + a.owner) +
                (a.due_date.empty() ? ", no due date yet." : ", due " + a.due_date + ".");
  return ws_->reload(error);
}

}  // namespace auditsim::ui
