// `auditsim audit show SESSION [--json]`: everything the desktop audit of one session holds,
// as the committee would read it: scope and limitations, the control checks, the findings they
// give (about the council's own controls), the members' recommendations with their responses,
// the improvement plan (overdue actions flagged), the exercise rating of the story and, apart
// from it, the assurance opinion.
#include <iostream>
#include <map>
#include <memory>

#include "cli/audit_json.hpp"
#include "cli/cli.hpp"
#include "cli/cmd_audit.hpp"
#include "cli/store_access.hpp"
#include "sim/dates.hpp"
#include "sim/recording.hpp"
#include "sim/scoring.hpp"

namespace auditsim::cli {
namespace {

using nlohmann::json;

// The story's score, which is an exercise rating and never an audit opinion.
struct ExerciseRating {
  bool available = false;
  std::string label, definition, why_not;
  double percent = 0;
};

ExerciseRating exercise_rating(const store::SessionRecord& rec, const ScenarioPtr& scenario,
                               const Settings& settings) {
  ExerciseRating out;
  if (!scenario) {
    out.why_not = "the scenario as played no longer loads";
    return out;
  }
  ManualClock clock;
  std::unique_ptr<Session> session = session_from_record(rec, scenario, clock, &out.why_not);
  if (!session) return out;
  ScoringConfig config;
  config.scale = settings.scale;
  config.late_priority_drop = settings.late_priority_drop;
  Result result = score_session(*session, config);
  apply_overrides(result, rec.overrides, config);
  out.available = true;
  out.label = result.rating;
  const auto& definitions = config.scale.definitions;
  if (result.rating_level >= 0 && result.rating_level < static_cast<int>(definitions.size()))
    out.definition = definitions[static_cast<size_t>(result.rating_level)];
  out.percent = result.overall_percent;
  return out;
}

// Everything `audit show` prints, worked out once for the text and the JSON.
struct AuditView {
  const store::SessionRecord* rec = nullptr;
  ScenarioPtr scenario;
  std::vector<audit::ControlCheck> checks;
  std::map<std::string, int> versions;  // key action -> versions recorded
  std::vector<std::string> not_checked;
  std::vector<audit::AuditFinding> findings;
  std::vector<audit::Recommendation> recommendations;
  audit::AuditScope scope;
  std::string limitations;
  audit::Opinion opinion;
  ExerciseRating rating;
  std::vector<bool> overdue;  // per action of rec->actions
};

AuditView view_of(const store::SessionRecord& rec, const Settings& settings,
                  const std::string& today) {
  AuditView v;
  v.rec = &rec;
  std::string ignored;
  v.scenario = scenario_from_snapshot(rec.snapshot, &ignored);
  const audit::AuditRecord& a = rec.audit;
  v.checks = audit::current_checks(a);
  for (const audit::ControlCheck& c : a.checks) ++v.versions[c.key_action];
  v.recommendations = audit::current_recommendations(a);
  v.scope = audit::current_scope(a);
  int key_actions = 0;
  if (v.scenario) {
    key_actions = static_cast<int>(v.scenario->key_actions.size());
    for (const KeyAction& k : v.scenario->key_actions)
      if (!v.versions.count(k.id)) v.not_checked.push_back(k.id);
    v.findings = audit::findings_from_checks(*v.scenario, a);
    v.opinion = audit::assess_opinion(*v.scenario, a, settings.opinion);
  }
  v.limitations =
      audit::scope_and_limitations(v.scope, static_cast<int>(v.checks.size()), key_actions);
  v.rating = exercise_rating(rec, v.scenario, settings);
  for (const store::ActionItem& act : rec.actions)
    v.overdue.push_back(audit::action_overdue(act.due_date, store::key(act.status), today));
  return v;
}

std::string key_action_id(const AuditView& v, const audit::AuditFinding& f) {
  if (!v.scenario || f.key_action < 0) return "";
  return v.scenario->key_actions[static_cast<size_t>(f.key_action)].id;
}

json view_json(const AuditView& v) {
  const store::SessionRecord& rec = *v.rec;
  json checks = json::array();
  for (const audit::ControlCheck& c : v.checks) {
    json j = check_json(c);
    j["versions"] = v.versions.at(c.key_action);
    checks.push_back(j);
  }
  json findings = json::array();
  if (v.scenario)
    for (const audit::AuditFinding& f : v.findings)
      findings.push_back(finding_json(*v.scenario, f));
  json recs = json::array();
  for (const audit::Recommendation& r : v.recommendations) {
    json j = recommendation_json(r);
    json responses = json::array();
    for (const audit::Response& resp : audit::current_responses(rec.audit, r.id))
      responses.push_back(response_json(resp));
    j["responses"] = responses;
    recs.push_back(j);
  }
  json actions = json::array();
  for (size_t i = 0; i < rec.actions.size(); ++i) {
    json j = action_json(rec.actions[i], v.overdue[i]);
    json updates = json::array();
    for (const audit::ActionUpdate& u : rec.audit.action_updates)
      if (u.action == rec.actions[i].id) updates.push_back(action_update_json(u));
    j["updates"] = updates;
    actions.push_back(j);
  }
  json scope = scope_json(v.scope);
  scope["limitations"] = v.limitations;
  json opinion = {{"available", v.opinion.available},
                  {"label", v.opinion.available ? v.opinion.label() : ""},
                  {"proposed", v.opinion.proposed},
                  {"basis", v.opinion.basis},
                  {"set", v.opinion.set ? opinion_setting_json(*v.opinion.set) : json(nullptr)},
                  {"checks_recorded", v.opinion.checks_recorded},
                  {"key_actions", v.opinion.key_actions}};
  json rating = {{"available", v.rating.available},
                 {"label", v.rating.label},
                 {"percent", v.rating.percent},
                 {"definition", v.rating.definition},
                 {"not_available_because", v.rating.why_not}};
  return json{{"session", rec.summary.id},
              {"scenario", rec.summary.scenario_id},
              {"scenario_title", rec.summary.scenario_title},
              {"scope", scope},
              {"checks", checks},
              {"not_checked", v.not_checked},
              {"findings", findings},
              {"recommendations", recs},
              {"actions", actions},
              {"exercise_rating", rating},
              {"opinion", opinion}};
}

void print_line(const char* label, const std::string& value) {
  if (!value.empty()) std::cout << "      " << label << value << "\n";
}

void print_view(const AuditView& v) {
  const store::SessionRecord& rec = *v.rec;
  std::cout << "Desktop audit of session " << rec.summary.id.substr(0, 8) << ": "
            << rec.summary.scenario_title
            << "\nReport: " << (v.scope.stage == audit::ReportStage::Final ? "Final" : "Draft")
            << ", version " << v.scope.report_version << "\n\nScope and limitations\n  "
            << v.limitations << "\n";

  std::cout << "\nControl checks (" << v.checks.size() << ")\n";
  for (const audit::ControlCheck& c : v.checks) {
    std::cout << "  " << c.key_action << ": " << audit::label(c.status) << " (version "
              << v.versions.at(c.key_action) << (c.changed_by.empty() ? "" : ", by " + c.changed_by)
              << ", " << c.changed_at << ")\n";
    print_line("Evidence:  ",
               c.evidence + (c.evidence_ref.empty() ? "" : " [" + c.evidence_ref + "]"));
    print_line("Owner:     ", c.owner);
    print_line("Due:       ", c.due_date);
  }
  if (!v.not_checked.empty()) {
    std::cout << "  Not yet checked:";
    for (size_t i = 0; i < v.not_checked.size(); ++i)
      std::cout << (i ? ", " : " ") << v.not_checked[i];
    std::cout << "\n";
  }

  std::cout << "\nFindings (" << v.findings.size() << ")"
            << (v.scenario ? "" : ": the scenario as played no longer loads") << "\n";
  for (size_t i = 0; i < v.findings.size(); ++i) {
    const audit::AuditFinding& f = v.findings[i];
    std::cout << "  " << i + 1 << ". [" << priority_key(f.priority) << "] " << key_action_id(v, f)
              << ": " << audit::label(f.status) << "\n";
    print_line("Condition: ", f.condition);
    print_line("Criteria:  ", f.criteria);
    print_line("Cause:     ", f.cause);
    print_line("Effect:    ", f.effect);
  }

  std::cout << "\nRecommendations (" << v.recommendations.size() << ")\n";
  for (const audit::Recommendation& r : v.recommendations) {
    std::cout << "  " << r.number << ". To " << audit::label(r.to)
              << (r.addressee.empty() ? "" : " (" + r.addressee + ")") << ": " << r.text
              << (r.withdrawn ? " [withdrawn]" : "") << "\n      Id: " << r.id << "\n";
    if (!r.findings.empty()) {
      std::string list;
      for (const std::string& f : r.findings) list += (list.empty() ? "" : ", ") + f;
      print_line("Answers:   ", list);
    }
    for (const audit::Response& resp : audit::current_responses(rec.audit, r.id))
      print_line("Response:  ", resp.by + ": " + audit::label(resp.response) + " (" + resp.date +
                                    ")" + (resp.text.empty() ? "" : ". " + resp.text));
  }

  std::cout << "\nImprovement plan (" << rec.actions.size() << ")\n";
  for (size_t i = 0; i < rec.actions.size(); ++i) {
    const store::ActionItem& a = rec.actions[i];
    std::cout << "  " << a.id.substr(0, 8) << " [" << a.priority << "] " << a.action << "\n";
    print_line("Owner:     ", a.owner);
    print_line("Due:       ", a.due_date + (v.overdue[i] ? "  OVERDUE" : ""));
    print_line("Status:    ", store::key(a.status));
  }

  std::cout << "\nExercise rating (the score of the story, not an audit opinion): "
            << (v.rating.available
                    ? v.rating.label + " (" +
                          std::to_string(static_cast<int>(v.rating.percent + 0.5)) + "%)" +
                          (v.rating.definition.empty() ? "" : ". " + v.rating.definition)
                    : "not available: " + v.rating.why_not)
            << "\n";
  std::cout << "Assurance opinion: ";
  if (!v.opinion.available) {
    std::cout << "none: no control checks are recorded yet.\n";
  } else if (v.opinion.set) {
    std::cout << v.opinion.set->label << ", set by the auditor"
              << (v.opinion.set->set_by.empty() ? "" : " (" + v.opinion.set->set_by + ")") << ": "
              << v.opinion.set->reason << "\n  Proposed from the checks: " << v.opinion.proposed
              << ". " << v.opinion.basis << "\n";
  } else {
    std::cout << v.opinion.proposed << " (proposed from the checks). " << v.opinion.basis << "\n";
  }
}

int run_show(const std::string& session, const std::string& today_in, bool as_json,
             const GlobalOptions& global) {
  const std::string today = today_in.empty() ? today_iso_date() : today_in;
  if (!is_iso_date(today)) return audit_usage("--today: " + not_a_date_message("the date", today));
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    const std::optional<store::SessionRecord> rec = db->load_session(session);
    if (!rec)
      throw store::StoreError(store::ErrorKind::NotFound, "There is no session " + session + ".");
    const AuditView v = view_of(*rec, audit_settings(), today);
    if (as_json)
      print_json(view_json(v));
    else
      print_view(v);
    return kExitOk;
  } catch (const store::StoreError& e) {
    return audit_failure(e);
  }
}

}  // namespace

void add_audit_show_command(CLI::App& audit, const GlobalOptions& global, int& exit_code) {
  struct Opts {
    std::string session, today;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* show = audit.add_subcommand(
      "show",
      "Show a session's desktop audit: checks, findings, recommendations and responses, "
      "the plan, the exercise rating and the opinion.");
  show->add_option("session", o->session, "Session id (or its first 8 characters)")->required();
  show->add_option("--today", o->today,
                   "The date overdue actions are judged on, YYYY-MM-DD (default: today)");
  show->add_flag("--json", o->json, "Print JSON");
  show->callback(
      [o, &global, &exit_code] { exit_code = run_show(o->session, o->today, o->json, global); });
}

}  // namespace auditsim::cli
