// The recommendations and responses editor's controller. Members write their own
// recommendations, each addressed to a body and linked to the findings it answers; the findings
// suggest wording, the members decide it. Responses are recorded later; an agreed (or partly
// agreed) recommendation becomes an improvement-plan action. No ImGui here.
#pragma once

#include <string>
#include <vector>

#include "sim/audit/audit.hpp"
#include "ui/controllers/audit_workspace.hpp"

namespace auditsim::ui {

// The recommendation being written or edited.
struct RecommendationDraft {
  std::string id;  // empty: a new recommendation
  int to = 0;      // index of audit::Addressee
  std::string addressee;  // who exactly: "Cabinet Member for Resources"
  std::string text;
  std::vector<std::string> findings;  // key-action ids of the findings it answers
};

// A response being recorded for one recommendation.
struct ResponseDraft {
  std::string recommendation;  // its id; empty: no response form open
  std::string by = "Corporate Management Team";
  int response = 0;  // index of audit::ResponseKind
  std::string text;
  std::string date;  // YYYY-MM-DD
};

class RecommendationsController {
 public:
  explicit RecommendationsController(AuditWorkspace& ws);

  // The latest version of each recommendation, in order of number (withdrawn ones included).
  std::vector<audit::Recommendation> recommendations() const;
  // Findings from the control checks (what a recommendation can answer), high priority first.
  std::vector<audit::AuditFinding> findings() const;
  // The latest response of each body to one recommendation.
  std::vector<audit::Response> responses(const std::string& recommendation) const;
  // "High: Every change of bank details is verified..." for a key-action id.
  std::string finding_title(const std::string& key_action) const;

  RecommendationDraft& draft() { return draft_; }
  // Clears the form for a new recommendation.
  void start_new();
  // Loads a recommendation into the form to be edited (a new version when saved).
  void start_edit(const std::string& id);
  bool editing() const { return !draft_.id.empty(); }
  // Links or unlinks a finding. Linking the first finding to an empty text puts the suggested
  // wording in, for the members to edit.
  void toggle_finding(const std::string& key_action);
  bool links(const std::string& key_action) const;
  // The wording the linked findings suggest: each one's management action, as a sentence.
  std::string suggested_wording() const;
  // Records the draft (a new recommendation, or a new version of the one edited). False with
  // `error` in plain words when refused; the draft is kept.
  bool save(std::string* error);
  // Records a new version marking it withdrawn (kept for the record, not reported as live), or
  // reinstated.
  bool set_withdrawn(const std::string& id, bool withdrawn, std::string* error);

  ResponseDraft& response_draft() { return response_; }
  // Opens the response form for a recommendation, dated today.
  void start_response(const std::string& recommendation);
  void cancel_response() { response_ = ResponseDraft{}; }
  // Records the response. An agreed or partly agreed recommendation becomes an improvement-plan
  // action unless it is one already; `outcome` says what happened ("Added to the action plan:
  // ..."). False with `error` when refused (the form is kept).
  bool save_response(std::string* error, std::string* outcome);

  // What the last response recorded led to ("R2: Agreed by Cabinet, recorded. Added to the
  // action plan: ..."), for the screen to show.
  std::string notice;

  // "R2" for a recommendation's id; "" when unknown.
  std::string number_label(const std::string& id) const;

 private:
  AuditWorkspace* ws_;
  RecommendationDraft draft_;
  ResponseDraft response_;
};

}  // namespace auditsim::ui
