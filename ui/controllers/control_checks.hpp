// The control-check screen's controller: one row per key action of the scenario, where the group
// records the council's real position against the key action's control question. Every change
// is saved at once as a new version (who and when kept by the store); a refused save keeps what
// was typed, marked "not saved", until it is saved. No ImGui here.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sim/audit/audit.hpp"
#include "ui/controllers/audit_workspace.hpp"

namespace auditsim::ui {

// The four parts of a finding, in the order the screen shows them.
enum class FindingPart { Condition, Criteria, Cause, Effect };
inline constexpr int kFindingParts = 4;
const char* finding_part_label(FindingPart p);  // "Condition: what the group found", ...

// One key action's row as shown and typed.
struct CheckRow {
  int key_action = -1;     // index into Scenario::key_actions
  std::string id;          // the key action's id
  std::string question;    // the control question; the key action's text when it has none
  bool has_question = false;
  std::string usual_owner;  // the role the scenario names as usually responsible ("" if none)
  // The fields as typed. The finding's parts are kept in `finding`, not in `draft`.
  audit::ControlCheck draft;
  // The finding's four parts as shown: the group's own words, or the wording suggested from the
  // scenario and the check (stored as "use the suggestion" while it is left as suggested).
  std::array<std::string, kFindingParts> finding;
  // The suggested wording the parts were last compared with: a part still equal to it follows
  // the suggestion when the status or the evidence changes.
  std::array<std::string, kFindingParts> suggestion;
  bool recorded = false;  // a version is stored
  bool dirty = false;     // typed or chosen, but not stored (a refused save stays dirty)
  std::string error;      // why the last save was refused
  audit::ControlCheck stored;  // the latest stored version (when recorded)
};

// One change in a row's history, newest first on the screen.
struct CheckHistoryLine {
  std::string when;  // "2026-03-12 19:04 UTC"
  std::string who;
  std::string what;  // "Status: Partly in place; evidence changed"
};

class ControlChecksController {
 public:
  explicit ControlChecksController(AuditWorkspace& ws);

  std::vector<CheckRow>& rows() { return rows_; }
  const std::vector<CheckRow>& rows() const { return rows_; }
  int selected() const { return selected_; }
  void select(int row);
  // Up (-1) or Down (+1), staying within the list.
  void move_selection(int delta);

  // Sets a row's status and saves it. False with `error` when not saved (the choice stays on
  // the row, marked not saved).
  bool set_status(int row, audit::ControlStatus s, std::string* error);
  // The next (+1) or previous (-1) status of the four, for the arrow keys; a row not yet
  // checked starts at "In place" (or "Not known" going back).
  bool step_status(int row, int delta, std::string* error);
  // Saves the row as typed when it differs from the stored version (a text field was left, a
  // date picked). True when stored or nothing changed; false with `error` when refused.
  bool save(int row, std::string* error);
  // Saves every row typed but not stored (the program is closing); false if any is refused.
  bool save_unsaved();
  // Puts the suggested wording back in all four parts of the finding, and saves.
  bool use_suggested_wording(int row, std::string* error);

  // The wording the scenario and the row's check suggest for the finding's parts.
  audit::FindingWording suggested(const CheckRow& row) const;
  // Whether the row's status calls for action (partly, not in place, not known): the target
  // date and the finding apply.
  static bool needs_action(const CheckRow& row);
  // Every stored version of the row, newest first, each said as what changed.
  std::vector<CheckHistoryLine> history(int row) const;
  // "Saved 19:04 UTC by Jane Smith", "Not saved yet" (being typed), "Not saved" (refused),
  // "Not checked yet".
  std::string saved_state(int row) const;

  int checked_count() const;  // rows with a stored status
  int unsaved_count() const;

 private:
  // Fills a row from its latest stored version (or fresh, prefilled from the scenario).
  void load_row(CheckRow& row) const;
  // The check as it would be stored: the parts left as suggested are stored empty.
  audit::ControlCheck to_store(const CheckRow& row) const;
  // Before a save (the status or the evidence may have changed): parts still showing the
  // earlier suggestion show the current one.
  void follow_suggestion(CheckRow& row) const;

  AuditWorkspace* ws_;
  std::vector<CheckRow> rows_;
  int selected_ = 0;
};

}  // namespace auditsim::ui
