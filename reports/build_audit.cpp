// The internal audit half of a feedback report: the group's control checks, the findings and the
// assurance opinion that come from them (sim/audit/audit.hpp), the members' recommendations with
// the responses, and the action plan with overdue actions first. Filtered for Part A here: every
// free text passes the same name matcher as the rest of the report, so an officer's name typed as
// an owner, a recorder or a responder never reaches a public paper; roles stay as typed.
#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <map>

#include "reports/build_internal.hpp"
#include "sim/dates.hpp"

namespace auditsim::reports {
namespace {

const char* stage_label(audit::ReportStage s) {
  return s == audit::ReportStage::Final ? "Final" : "Draft";
}

std::string today_utc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::vector<ResponseRow> response_rows(const audit::AuditRecord& a, const std::string& rec_id,
                                       const Clean& clean) {
  std::vector<ResponseRow> out;
  for (const audit::Response& r : audit::current_responses(a, rec_id))
    out.push_back({clean(r.by), audit::label(r.response), audit::key(r.response), clean(r.text),
                   r.date});
  return out;
}

// "Cabinet" / "Cabinet member: Cabinet Member for Resources": the kind of body, and who exactly
// when the members named them.
void fill_recommendations(AuditSection& out, const Scenario& s, const audit::AuditRecord& a,
                          const Clean& clean) {
  for (const audit::Recommendation& rec : audit::current_recommendations(a)) {
    if (rec.withdrawn) continue;
    MembersRecommendationRow row;
    row.number = rec.number;
    row.to = audit::label(rec.to);
    row.addressee = clean(rec.addressee);
    row.text = clean(rec.text);
    for (const std::string& id : rec.findings) {
      const int k = audit::key_action_of(s, id);
      // A finding of a key action the scenario lacks (a hostile import) is named by its id.
      row.findings.push_back(k >= 0 ? s.key_actions[static_cast<size_t>(k)].text : clean(id));
    }
    row.responses = response_rows(a, rec.id, clean);
    out.recommendations.push_back(std::move(row));
  }
}

void fill_findings(AuditSection& out, const Scenario& s, const audit::AuditRecord& a,
                   const Clean& clean) {
  const std::vector<audit::Recommendation> recs = audit::current_recommendations(a);
  for (const audit::AuditFinding& f : audit::findings_from_checks(s, a)) {
    const KeyAction& ka = s.key_actions[static_cast<size_t>(f.key_action)];
    AuditFindingRow row;
    row.key_action_id = ka.id;
    row.key_action = ka.text;
    row.priority = f.priority;
    row.status = audit::label(f.status);
    row.question = f.question;
    row.condition = clean(f.condition);
    row.criteria = clean(f.criteria);
    row.cause = clean(f.cause);
    row.effect = clean(f.effect);
    row.owner = clean(f.owner);
    row.due_date = f.due_date;
    // The management response to a finding is what was said to the recommendations answering it.
    for (const audit::Recommendation& rec : recs) {
      if (rec.withdrawn) continue;
      const bool answers = std::any_of(rec.findings.begin(), rec.findings.end(), [&](const std::string& id) {
        return audit::key_action_of(s, id) == f.key_action;
      });
      if (!answers) continue;
      row.recommendations.push_back(rec.number);
      for (ResponseRow& resp : response_rows(a, rec.id, clean)) row.responses.push_back(std::move(resp));
    }
    (f.priority == Priority::High     ? out.findings_high
     : f.priority == Priority::Medium ? out.findings_medium
                                      : out.findings_low)++;
    out.findings.push_back(std::move(row));
  }
}

void fill_checks(AuditSection& out, const Scenario& s, const audit::AuditRecord& a,
                 const Clean& clean) {
  for (const auto& [k, c] : audit::checks_of_scenario(s, a)) {
    const KeyAction& ka = s.key_actions[static_cast<size_t>(k)];
    ControlCheckRow row;
    row.key_action_id = ka.id;
    row.key_action = ka.text;
    row.question = ka.control ? ka.control->question : std::string();
    row.priority = ka.priority;
    row.status = audit::label(c.status);
    row.status_key = audit::key(c.status);
    row.evidence = clean(c.evidence);
    row.evidence_ref = clean(c.evidence_ref);
    row.owner = clean(!c.owner.empty() ? c.owner : ka.control ? ka.control->owner : std::string());
    row.due_date = c.due_date;
    row.changed_by = clean(c.changed_by);
    out.checks.push_back(std::move(row));
  }
}

}  // namespace

std::string report_today(const ReportSettings& settings) {
  if (is_iso_date(settings.today)) return settings.today;
  if (settings.generated_at.size() >= 10 && is_iso_date(settings.generated_at.substr(0, 10)))
    return settings.generated_at.substr(0, 10);
  return today_utc();
}

std::vector<Definition> rating_definitions(const RatingScale& scale) {
  auto pct = [](double v) { return std::to_string(static_cast<long long>(v + 0.5)) + "%"; };
  const auto& t = scale.thresholds;
  std::vector<Definition> out;
  for (size_t i = 0; i < scale.labels.size(); ++i) {
    const std::string band = i == 0              ? "Overall " + pct(t[0]) + " or more."
                             : i < t.size()      ? "Overall " + pct(t[i]) + " to under " + pct(t[i - 1]) + "."
                                                 : "Overall under " + pct(t.back()) + ".";
    out.push_back({scale.labels[i], scale.definitions[i] + " " + band});
  }
  // Each cap is said at the level it caps at: the best a team that missed a high-priority key
  // action, or whose story ended mixed or poorly, can be rated; one sentence per level.
  std::array<std::vector<std::string>, 4> caps;
  auto cap = [&](int level, const char* who) {
    if (level > 0 && level < 4) caps[static_cast<size_t>(level)].emplace_back(who);
  };
  cap(scale.cap_level_for_missed_high, "a team that missed or breached a high-priority key action");
  cap(scale.cap_level_for_mixed_ending, "a story that reached a mixed ending");
  cap(scale.cap_level_for_poor_ending, "a story that reached a poor ending");
  for (size_t i = 0; i < caps.size(); ++i) {
    if (caps[i].empty()) continue;
    std::string text = " Also the best rating for ";
    for (size_t k = 0; k < caps[i].size(); ++k)
      text += (k == 0 ? "" : k + 1 == caps[i].size() ? " or " : ", ") + caps[i][k];
    out[i].text += text + ".";
  }
  return out;
}

std::vector<Definition> priority_definitions() {
  std::vector<Definition> out;
  for (Priority p : {Priority::High, Priority::Medium, Priority::Low}) {
    std::string label = priority_key(p);
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
    out.push_back({label, audit::priority_definition(p)});
  }
  return out;
}

void fill_audit(FeedbackReport& r, const Scenario& s, const store::SessionRecord& rec,
                const ReportSettings& settings, const Clean& clean) {
  const audit::AuditRecord& a = rec.audit;
  AuditSection& out = r.audit;
  const audit::AuditScope scope = audit::current_scope(a);
  out.stage = stage_label(scope.stage);
  out.version = std::max<int64_t>(1, scope.report_version);
  const audit::Opinion opinion = audit::assess_opinion(s, a, settings.opinion);
  out.checks_recorded = opinion.checks_recorded;
  out.key_actions = opinion.key_actions;
  if (settings.session_bodies) {  // the audit section's own text, shown in the session's body
    audit::AuditScope shown = scope;
    shown.testing_note = clean(scope.testing_note);
    out.scope = audit::scope_and_limitations(shown, out.checks_recorded, out.key_actions);
    out.objectives.push_back("To establish, for each of the scenario's key actions, whether the "
                             "council's own arrangements are in place, with the evidence seen.");
    for (const LearningObjective& o : s.learning_objectives) out.objectives.push_back(o.text);
    for (size_t i = 0; i < settings.opinion.labels.size(); ++i)
      out.opinion_definitions.push_back({settings.opinion.labels[i], settings.opinion.definitions[i]});
  }
  if (opinion.available) {
    out.opinion_given = true;
    out.proposed = opinion.proposed;
    out.basis = opinion.basis;
    out.opinion = opinion.label();
    out.opinion_level = opinion.proposed_level;
    if (opinion.set) {
      out.set_by_auditor = true;
      out.set_reason = clean(opinion.set->reason);
      out.set_by = clean(opinion.set->set_by);
      const auto& labels = settings.opinion.labels;
      out.opinion_level = static_cast<int>(
          std::find(labels.begin(), labels.end(), opinion.set->label) - labels.begin());
    }
  }
  fill_checks(out, s, a, clean);
  fill_findings(out, s, a, clean);
  fill_recommendations(out, s, a, clean);
}

void fill_action_plan(FeedbackReport& r, const store::SessionRecord& rec,
                      const ReportSettings& settings, const Clean& clean) {
  // The latest monitoring update of each action gives its status now and the progress made.
  std::map<std::string, const audit::ActionUpdate*> latest;
  for (const audit::ActionUpdate& u : rec.audit.action_updates) latest[u.action] = &u;
  const std::string today = report_today(settings);
  for (const store::ActionItem& a : rec.actions) {
    ActionRow row{a.id, clean(a.finding), clean(a.action), clean(a.owner), a.due_date,
                  a.priority, store::key(a.status), false, "", rec.summary.id, r.event_name,
                  r.scenario_title};
    if (auto it = latest.find(a.id); it != latest.end()) {
      if (store::parse_action_status(it->second->status)) row.status = it->second->status;
      std::string progress = clean(it->second->note);
      const std::string review = clean(it->second->review);
      if (!review.empty()) progress += (progress.empty() ? "" : " (") + review + (progress.empty() ? "" : ")");
      row.progress = progress;
    }
    row.overdue = audit::action_overdue(row.due_date, row.status, today);
    if (row.overdue) row.days_overdue = days_between(row.due_date, today);
    r.actions.push_back(std::move(row));
  }
  // Overdue actions first, soonest due first; the rest keep the order they were agreed in.
  std::stable_sort(r.actions.begin(), r.actions.end(), [](const ActionRow& x, const ActionRow& y) {
    if (x.overdue != y.overdue) return x.overdue;
    return x.overdue && x.due_date < y.due_date;
  });
}

}  // namespace auditsim::reports
