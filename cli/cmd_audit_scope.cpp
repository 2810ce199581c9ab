// `auditsim audit scope|final|draft|action`: the audit report's scope (were the controls
// tested, or is it the group's assessment?), its stage and version, and the improvement plan's
// progress at a later review.
#include <iostream>
#include <memory>

#include "cli/audit_json.hpp"
#include "cli/cli.hpp"
#include "cli/cmd_audit.hpp"
#include "cli/store_access.hpp"

namespace auditsim::cli {
namespace {

using nlohmann::json;

struct ScopeOptions {
  std::string session, note, by;
  bool tested = false, not_tested = false, json = false;
  CLI::Option* note_option = nullptr;
};

void print_scope(const std::string& session, const audit::AuditScope& s, bool as_json,
                 const std::string& said) {
  if (as_json) {
    json j = scope_json(s);
    j["session"] = session;
    print_json(j);
    return;
  }
  std::cout << "Session " << session.substr(0, 8) << ": " << said << " The report is "
            << (s.stage == audit::ReportStage::Final ? "final" : "a draft") << ", version "
            << s.report_version << "; the controls were "
            << (s.controls_tested ? "tested" : "not tested (the group's assessment)") << ".\n";
}

int run_scope(const ScopeOptions& o, const GlobalOptions& global) {
  if (o.tested == o.not_tested)
    return audit_usage("give one of --tested (the controls were tested) or --not-tested");
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    const std::string session = db->resolve_session_id(o.session);
    audit::AuditScope s = audit::current_scope(db->load_audit(session));
    s.controls_tested = o.tested;
    if (o.note_option->count())
      s.testing_note = o.note;
    else if (!o.tested)
      s.testing_note.clear();  // a note says how they were tested
    s.changed_by = o.by;
    db->record_audit_scope(session, s);
    print_scope(session, s, o.json, "Scope recorded.");
    return kExitOk;
  } catch (const store::StoreError& e) {
    return audit_failure(e);
  }
}

struct StageOptions {
  std::string session, by;
  bool json = false;
};

// Final: a draft becomes final at its version; a final report issued again is the next version.
// Draft: a final report reopened is the draft of the next version.
int run_stage(const StageOptions& o, audit::ReportStage stage, const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    const std::string session = db->resolve_session_id(o.session);
    const audit::AuditRecord record = db->load_audit(session);
    audit::AuditScope s = audit::current_scope(record);
    const bool was_final = s.stage == audit::ReportStage::Final;
    if (stage == audit::ReportStage::Draft && !was_final) {
      print_scope(session, s, o.json, "Nothing changed: the report is already a draft.");
      return kExitOk;
    }
    if (was_final) ++s.report_version;
    s.stage = stage;
    s.changed_by = o.by;
    db->record_audit_scope(session, s);
    const std::string said = stage == audit::ReportStage::Draft
                                 ? "Reopened as the draft of a new version."
                             : was_final ? "Issued again as a new final version."
                                         : "Issued as final.";
    print_scope(session, s, o.json, said);
    return kExitOk;
  } catch (const store::StoreError& e) {
    return audit_failure(e);
  }
}

struct ActionOptions {
  std::string action, status, note, review, by;
  bool json = false;
};

int run_action(const ActionOptions& o, const GlobalOptions& global) {
  if (!store::parse_action_status(o.status))
    return audit_usage("--status must be open, in-progress or done, not `" + o.status + "`");
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    audit::ActionUpdate u;
    u.action = o.action;
    u.status = o.status;
    u.note = o.note;
    u.review = o.review;
    u.updated_by = o.by;
    db->record_action_update(u);
    if (o.json) {
      print_json(action_update_json(u));
    } else {
      std::cout << "Improvement action " << u.action.substr(0, 8) << " is now " << u.status
                << (u.review.empty() ? "" : " (" + u.review + ")") << ".\n";
    }
    return kExitOk;
  } catch (const store::StoreError& e) {
    return audit_failure(e);
  }
}

}  // namespace

void add_audit_scope_commands(CLI::App& audit, const GlobalOptions& global, int& exit_code) {
  auto s = std::make_shared<ScopeOptions>();
  CLI::App* scope = audit.add_subcommand(
      "scope", "Record whether the controls were tested or are the group's assessment.");
  scope->add_option("session", s->session, "Session id (or its first 8 characters)")->required();
  scope->add_flag("--tested", s->tested, "The controls were tested (walk-through, sample testing)");
  scope->add_flag("--not-tested", s->not_tested, "The checks are the group's assessment only");
  s->note_option = scope->add_option("--note", s->note, "How the controls were tested");
  scope->add_option("--by", s->by, "Who records it");
  scope->add_flag("--json", s->json, "Print the recorded scope as JSON");
  scope->callback([s, &global, &exit_code] { exit_code = run_scope(*s, global); });

  for (const auto stage : {audit::ReportStage::Final, audit::ReportStage::Draft}) {
    auto o = std::make_shared<StageOptions>();
    const bool final_stage = stage == audit::ReportStage::Final;
    CLI::App* cmd = audit.add_subcommand(
        audit::key(stage), final_stage
                               ? "Issue the audit report as final (again: the next version)."
                               : "Reopen a final audit report as the draft of the next version.");
    cmd->add_option("session", o->session, "Session id (or its first 8 characters)")->required();
    cmd->add_option("--by", o->by, "Who records it");
    cmd->add_flag("--json", o->json, "Print the recorded scope as JSON");
    cmd->callback([o, stage, &global, &exit_code] { exit_code = run_stage(*o, stage, global); });
  }

  auto a = std::make_shared<ActionOptions>();
  CLI::App* action = audit.add_subcommand(
      "action", "Record the progress of an improvement-plan action (a monitoring review).");
  action->add_option("action-id", a->action, "Action id (or its first 8 characters)")->required();
  action->add_option("--status", a->status, "open, in-progress or done")->required();
  action->add_option("--note", a->note, "Progress in words");
  action->add_option("--review", a->review,
                     "The review it was made at (\"Six-month monitoring, 2027-06-10\")");
  action->add_option("--by", a->by, "Who reports it");
  action->add_flag("--json", a->json, "Print the recorded update as JSON");
  action->callback([a, &global, &exit_code] { exit_code = run_action(*a, global); });
}

}  // namespace auditsim::cli
