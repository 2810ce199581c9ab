// The audit half of a desktop audit: findings come from the group's control checks of the
// council's own arrangements (never from what a team did in the story), and an assurance
// opinion is proposed from those findings against configurable definitions. The story's score
// is an exercise rating (sim/scoring.hpp), a different thing; see docs/desktop-audit.md.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/audit/record.hpp"
#include "sim/model.hpp"

namespace auditsim::audit {

// A finding about the council's own controls: one key action whose control check was partly in
// place, not in place or not known. Its four parts are the group's wording where they edited
// it, else the wording prefilled from the scenario and the check.
struct AuditFinding {
  int key_action = -1;  // index into Scenario::key_actions
  Priority priority = Priority::Medium;  // the key action's priority
  ControlStatus status = ControlStatus::NotKnown;
  std::string question;   // the control question asked (empty when the key action has none)
  std::string condition;  // what was found
  std::string criteria;   // what should be in place
  std::string cause;      // why the gap exists
  std::string effect;     // the risk that follows
  std::string owner;      // the responsible officer or role
  std::string due_date;   // target date, YYYY-MM-DD, or empty
  std::string evidence;
  std::string evidence_ref;
};

// The key action a check or a recommendation names: exactly, else the same id written with
// other capitals or spaces around it; -1 when the scenario has no such key action.
int key_action_of(const Scenario& s, std::string_view id);

// The latest check of each of the scenario's key actions, in the scenario's order, with the key
// action's index. Checks of key actions the scenario lacks are left out; two spellings of one
// key action are one check, the later recording winning.
std::vector<std::pair<int, ControlCheck>> checks_of_scenario(const Scenario& s, const AuditRecord& r);

// The wording the scenario and a check give a finding's four parts before the group edits them.
struct FindingWording {
  std::string condition, criteria, cause, effect;
};
FindingWording prefilled_wording(const Scenario& s, int key_action, const ControlCheck& check);

// Findings from the current checks, high priority first, then in the scenario's key-action
// order. Checks of key actions the scenario does not have (a hostile import) are ignored.
std::vector<AuditFinding> findings_from_checks(const Scenario& s, const AuditRecord& r);

// What a finding's priority means, in one sentence, for the definitions every report prints.
const char* priority_definition(Priority p);

// The assurance opinion's levels and wording. Councils word them differently, so these are
// settings (sim/settings.hpp); the defaults follow the CIPFA-style four-level scale used by UK
// local government internal audit.
struct OpinionDefinitions {
  // Highest first.
  std::array<std::string, 4> labels{"Substantial", "Reasonable", "Limited", "No assurance"};
  std::array<std::string, 4> definitions;  // filled with the default wording by the constructor
  // A high-priority finding caps the proposal at this level (index into labels)...
  int cap_level_for_high = 2;
  // ...and this many high-priority findings (or more) propose the lowest level.
  int high_findings_for_lowest = 3;
  OpinionDefinitions();
};

// The opinion of one audit: proposed from the findings, and the auditor's own setting if any.
struct Opinion {
  bool available = false;    // false until at least one control check is recorded
  int proposed_level = 0;    // index into definitions.labels
  std::string proposed;      // its label
  std::string basis;         // why, in one sentence: "2 high-priority findings (…)"
  std::optional<OpinionSetting> set;  // the auditor's setting; it wins when present
  const std::string& label() const { return set ? set->label : proposed; }
  int checks_recorded = 0;
  int key_actions = 0;       // key actions in the scenario (the checks' scope)
};
Opinion assess_opinion(const Scenario& s, const AuditRecord& r, const OpinionDefinitions& defs);

// The scope and limitations paragraph every report prints: a simulated exercise, the checks
// are the group's assessment not audit testing (unless scope.controls_tested), how many of the
// key actions were checked.
std::string scope_and_limitations(const AuditScope& scope, int checks_recorded, int key_actions);

// True when an action with this due date (YYYY-MM-DD) and status is overdue on `today`
// (YYYY-MM-DD). Done actions and blank or malformed dates are never overdue.
bool action_overdue(const std::string& due_date, const std::string& status,
                    const std::string& today);

}  // namespace auditsim::audit
