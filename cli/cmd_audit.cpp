// `auditsim audit ...`: the audit half of a desktop audit from the command line, so a script
// can drive it whole: the group's control checks of the council's own arrangements, the
// members' recommendations, the responses to them (an agreed one becomes an improvement-plan
// action), the auditor's opinion, the report's scope and stage, and the plan's progress. Every
// write is kept as a new version with who made it and when (sim/store/store.hpp).
#include "cli/cmd_audit.hpp"

#include <cctype>
#include <iostream>
#include <memory>

#include "cli/audit_json.hpp"
#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "sim/audit/plan.hpp"
#include "sim/dates.hpp"
#include "sim/recording.hpp"

namespace auditsim::cli {

int audit_failure(const store::StoreError& e) {
  print_store_error(e);
  return e.kind() == store::ErrorKind::Invalid ? kExitUsage : kExitProblems;
}

int audit_usage(const std::string& message) {
  std::cerr << "auditsim: " << message << "\n";
  return kExitUsage;
}

Settings audit_settings() {
  std::string ignored;
  return load_settings(default_settings_path(), &ignored);
}

namespace {

using nlohmann::json;

// "cabinet, cabinet-member, ..." for a message listing the values an option takes.
template <typename E, size_t N>
std::string keys_of(const E (&values)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i)
    out += (i ? (i + 1 == N ? " or " : ", ") : "") + std::string(audit::key(values[i]));
  return out;
}

constexpr audit::ControlStatus kStatuses[] = {
    audit::ControlStatus::InPlace, audit::ControlStatus::Partly, audit::ControlStatus::NotInPlace,
    audit::ControlStatus::NotKnown};
constexpr audit::Addressee kAddressees[] = {
    audit::Addressee::Cabinet,        audit::Addressee::CabinetMember,
    audit::Addressee::ManagementTeam, audit::Addressee::CommunitySafetyPartnership,
    audit::Addressee::Police,         audit::Addressee::Partner,
    audit::Addressee::Officer};
constexpr audit::ResponseKind kResponses[] = {
    audit::ResponseKind::Agreed, audit::ResponseKind::Partly, audit::ResponseKind::NotAgreed};

int usage(const std::string& message) { return audit_usage(message); }

// A label inside a sentence: "Partly in place" -> "partly in place".
std::string in_words(std::string label) {
  if (!label.empty())
    label[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(label[0])));
  return label;
}

// "limited" and " Limited " name the level "Limited".
bool same_label(const std::string& a, const std::string& b) {
  auto folded = [](const std::string& s) {
    const size_t from = s.find_first_not_of(" \t"), to = s.find_last_not_of(" \t");
    std::string out = from == std::string::npos ? "" : s.substr(from, to - from + 1);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  return !folded(a).empty() && folded(a) == folded(b);
}

// A date option: empty, or a real day.
bool date_ok(const std::string& flag, const std::string& value) {
  if (value.empty() || is_iso_date(value)) return true;
  usage(flag + ": " + not_a_date_message("the date", value));
  return false;
}

// --- audit check

struct CheckOptions {
  std::string session, key_action, status, by;
  // The finding's fields. Each option given replaces the value; one left out keeps the
  // key action's current check's, so `--status in-place` alone keeps the evidence.
  struct Field {
    Field(const char* f, std::string audit::ControlCheck::*m, const char* h)
        : flag(f), member(m), help(h) {}
    const char* flag;
    std::string audit::ControlCheck::*member;
    const char* help;
    std::string value;
    CLI::Option* option = nullptr;
  };
  std::vector<Field> fields{
      {"--evidence", &audit::ControlCheck::evidence, "What the group saw, in words"},
      {"--evidence-ref", &audit::ControlCheck::evidence_ref,
       "The document seen (\"Contract Procedure Rules 2024, rule 7.3\")"},
      {"--owner", &audit::ControlCheck::owner, "The responsible officer or role"},
      {"--due", &audit::ControlCheck::due_date, "Target date where action is needed (YYYY-MM-DD)"},
      {"--condition", &audit::ControlCheck::condition, "Finding: what the group found"},
      {"--criteria", &audit::ControlCheck::criteria, "Finding: what should be in place"},
      {"--cause", &audit::ControlCheck::cause, "Finding: why the gap exists"},
      {"--effect", &audit::ControlCheck::effect, "Finding: the risk that follows"},
  };
  bool json = false;
};

int run_check(CheckOptions& o, const GlobalOptions& global) {
  const auto status = audit::parse_control_status(o.status);
  if (!status) return usage("--status must be " + keys_of(kStatuses) + ", not `" + o.status + "`");
  for (const auto& f : o.fields)
    if (f.option->count() && f.member == &audit::ControlCheck::due_date &&
        !date_ok("--due", f.value))
      return kExitUsage;
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    audit::ControlCheck c;
    int versions = 1;
    const audit::AuditRecord before = db->load_audit(o.session);
    for (const audit::ControlCheck& old : before.checks)
      if (same_label(old.key_action, o.key_action)) {
        c = old;
        ++versions;
      }
    c.key_action = o.key_action;
    c.status = *status;
    c.changed_by = o.by;
    for (const auto& f : o.fields)
      if (f.option->count()) c.*f.member = f.value;
    const std::string session = db->resolve_session_id(o.session);
    db->record_control_check(session, c);
    if (o.json) {
      json j = check_json(c);
      j["session"] = session;
      j["version"] = versions;
      print_json(j);
    } else {
      std::cout << "Recorded for session " << session.substr(0, 8) << ": " << c.key_action
                << ", " << in_words(audit::label(c.status)) << " (version " << versions
                << (c.changed_by.empty() ? "" : ", by " + c.changed_by) << ").\n";
    }
    return kExitOk;
  } catch (const store::StoreError& e) {
    return audit_failure(e);
  }
}

// --- audit recommend

struct RecommendOptions {
  std::string session, to, addressee, text, by;
  std::vector<std::string> findings;
  bool json = false;
};

int run_recommend(const RecommendOptions& o, const GlobalOptions& global) {
  const auto to = audit::parse_addressee(o.to);
  if (!to) return usage("--to must be one of " + keys_of(kAddressees) + ", not `" + o.to + "`");
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    audit::Recommendation r;
    r.to = *to;
    r.addressee = o.addressee;
    r.text = o.text;
    r.findings = o.findings;
    r.changed_by = o.by;
    const std::string session = db->resolve_session_id(o.session);
    db->record_recommendation(session, r);
    if (o.json) {
      json j = recommendation_json(r);
      j["session"] = session;
      print_json(j);
    } else {
      std::cout << r.id << "\n";  // only the id, so a script can keep it
    }
    return kExitOk;
  } catch (const store::StoreError& e) {
    return audit_failure(e);
  }
}

// --- audit respond

struct RespondOptions {
  std::string recommendation, by, response, text, date;
  bool json = false;
};

int run_respond(const RespondOptions& o, const GlobalOptions& global) {
  const auto kind = audit::parse_response_kind(o.response);
  if (!kind)
    return usage("--response must be " + keys_of(kResponses) + ", not `" + o.response + "`");
  if (!date_ok("--date", o.date)) return kExitUsage;
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    const std::string session = db->session_of_recommendation(o.recommendation);
    const std::optional<store::SessionRecord> rec = db->load_session(session);
    if (!rec)
      throw store::StoreError(store::ErrorKind::NotFound, "There is no session " + session + ".");
    std::string ignored;
    const ScenarioPtr scenario = scenario_from_snapshot(rec->snapshot, &ignored);
    audit::Response r;
    r.recommendation = o.recommendation;
    r.by = o.by;
    r.response = *kind;
    r.text = o.text;
    r.date = o.date;
    std::optional<store::ActionItem> action;
    // The response and the action it makes are recorded together or not at all.
    db->batch([&] {
      db->record_response(r);
      action = audit::action_for_response(scenario.get(), session, db->load_audit(session),
                                          db->list_actions(session), r);
      if (action) action->id = db->add_action(*action);
    });
    int64_t number = 0;
    for (const audit::Recommendation& x : audit::current_recommendations(db->load_audit(session)))
      if (x.id == r.recommendation) number = x.number;
    if (o.json) {
      json j = response_json(r);
      j["session"] = session;
      j["number"] = number;
      j["action"] = action ? action_json(*action, false) : json(nullptr);
      print_json(j);
    } else {
      std::cout << "Recorded the response of " << r.by << " to recommendation " << number
                << ": " << in_words(audit::label(r.response)) << " (" << r.date << ").\n";
      if (action)
        std::cout << "Added to the improvement plan as action " << action->id.substr(0, 8) << " ("
                  << action->priority << " priority"
                  << (action->owner.empty() ? "" : ", owner " + action->owner)
                  << (action->due_date.empty() ? "" : ", due " + action->due_date) << ").\n";
    }
    return kExitOk;
  } catch (const store::StoreError& e) {
    return audit_failure(e);
  }
}

// --- audit opinion

struct OpinionOptions {
  std::string session, label, reason, by;
  bool json = false;
};

int run_opinion(const OpinionOptions& o, const GlobalOptions& global) {
  const Settings settings = audit_settings();
  const auto& labels = settings.opinion.labels;
  std::string label;
  for (const std::string& l : labels)
    if (same_label(l, o.label)) label = l;
  if (label.empty()) {
    std::string list;
    for (size_t i = 0; i < labels.size(); ++i) list += (i ? ", " : "") + labels[i];
    return usage("--set must be one of the configured opinion levels (" + list + "), not `" +
                 o.label + "`");
  }
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    audit::OpinionSetting s;
    s.label = label;
    s.reason = o.reason;
    s.set_by = o.by;
    const std::string session = db->resolve_session_id(o.session);
    db->record_opinion(session, s);
    if (o.json) {
      json j = opinion_setting_json(s);
      j["session"] = session;
      print_json(j);
    } else {
      std::cout << "The assurance opinion of session " << session.substr(0, 8) << " is set to "
                << s.label << ", with the reason recorded.\n";
    }
    return kExitOk;
  } catch (const store::StoreError& e) {
    return audit_failure(e);
  }
}

}  // namespace

void add_audit_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* audit = app.add_subcommand(
      "audit",
      "The desktop audit of a session: control checks, recommendations, responses, "
      "the opinion and the improvement plan.");
  audit->require_subcommand(1);
  audit->fallthrough();

  auto c = std::make_shared<CheckOptions>();
  CLI::App* check = audit->add_subcommand(
      "check", "Record the council's real position against one key action's control.");
  check->add_option("session", c->session, "Session id (or its first 8 characters)")->required();
  check->add_option("key-action", c->key_action, "The key action's id in the scenario")->required();
  check->add_option("--status", c->status, "in-place, partly, not-in-place or not-known")
      ->required();
  for (auto& f : c->fields) f.option = check->add_option(f.flag, f.value, f.help);
  check->add_option("--by", c->by, "Who records it (a name or a role)");
  check->add_flag("--json", c->json, "Print the recorded check as JSON");
  check->callback([c, &global, &exit_code] { exit_code = run_check(*c, global); });

  auto r = std::make_shared<RecommendOptions>();
  CLI::App* recommend =
      audit->add_subcommand("recommend", "Record a members' recommendation; prints its id.");
  recommend->add_option("session", r->session, "Session id (or its first 8 characters)")
      ->required();
  recommend->add_option("--to", r->to, "Who it is addressed to: " + keys_of(kAddressees))
      ->required();
  recommend->add_option("--text", r->text, "The recommendation in the members' words")->required();
  recommend->add_option("--addressee", r->addressee,
                        "Who exactly (\"Cabinet Member for Resources\")");
  recommend->add_option("--finding", r->findings,
                        "The key action of a finding it answers (repeatable)");
  recommend->add_option("--by", r->by, "Who wrote it");
  recommend->add_flag("--json", r->json, "Print the recorded recommendation as JSON");
  recommend->callback([r, &global, &exit_code] { exit_code = run_recommend(*r, global); });

  auto p = std::make_shared<RespondOptions>();
  CLI::App* respond = audit->add_subcommand(
      "respond",
      "Record a body's response to a recommendation; an agreed one becomes an "
      "improvement-plan action.");
  respond
      ->add_option("recommendation", p->recommendation,
                   "Recommendation id (or its first 8 characters)")
      ->required();
  respond->add_option("--by", p->by, "The responding body (\"Corporate Management Team\")")
      ->required();
  respond->add_option("--response", p->response, keys_of(kResponses))->required();
  respond->add_option("--text", p->text, "The response")->required();
  respond->add_option("--date", p->date, "When it was given, YYYY-MM-DD (default: today)");
  respond->add_flag("--json", p->json, "Print the recorded response (and any action) as JSON");
  respond->callback([p, &global, &exit_code] { exit_code = run_respond(*p, global); });

  auto o = std::make_shared<OpinionOptions>();
  CLI::App* opinion =
      audit->add_subcommand("opinion", "Set the assurance opinion, with the reason on record.");
  opinion->add_option("session", o->session, "Session id (or its first 8 characters)")->required();
  opinion->add_option("--set", o->label, "One of the configured opinion levels")->required();
  opinion->add_option("--reason", o->reason, "Why (kept with the session)")->required();
  opinion->add_option("--by", o->by, "Who sets it");
  opinion->add_flag("--json", o->json, "Print the recorded setting as JSON");
  opinion->callback([o, &global, &exit_code] { exit_code = run_opinion(*o, global); });

  add_audit_scope_commands(*audit, global, exit_code);
  add_audit_show_command(*audit, global, exit_code);
}

}  // namespace auditsim::cli
