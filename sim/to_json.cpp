#include "sim/to_json.hpp"

namespace auditsim {

using nlohmann::json;

json score_to_json(const Score4& s) {
  json j = json::object();
  for (Pillar p : kPillars) j[pillar_key(p)] = s[p];
  return j;
}

json diagnostic_to_json(const Diagnostic& d) {
  return json{{"severity", severity_key(d.severity)},
              {"code", d.code},
              {"file", d.file},
              {"line", d.line},
              {"col", d.col},
              {"message", d.message},
              {"hint", d.hint}};
}

json path_to_json(const Scenario& s, const ScoredPath& p) {
  json j{{"choices", p.choices}, {"score", score_to_json(p.score)}};
  if (p.ending >= 0 && p.ending < static_cast<int>(s.nodes.size())) {
    const Node& end = s.nodes[p.ending];
    j["ending"] = end.id;
    if (end.ending) j["outcome"] = outcome_key(end.ending->outcome);
  }
  return j;
}

json result_to_json(const Session& session, const Result& r) {
  const Scenario& s = session.scenario();
  json pillars = json::object();
  for (const PillarResult& pr : r.pillars) {
    json pj{{"raw", pr.raw}, {"max", pr.max}, {"assessed", pr.assessed}};
    pj["percent"] = pr.assessed ? json(pr.percent) : json(nullptr);
    pillars[pillar_key(pr.pillar)] = pj;
  }

  json decisions = json::array();
  for (size_t index : session.effective_decisions()) {
    const HistoryEntry& e = session.history()[index];
    const Node& node = s.nodes[e.node];
    json dj{{"node", node.id},
            {"choice", node.choices[e.choice].id},
            {"kind", e.kind == HistoryEntry::Kind::Timeout ? "timeout" : "decision"},
            {"time_taken_ms", e.time_taken_ms},
            {"score", score_to_json(e.delta)}};
    if (!e.group.votes.empty()) dj["votes"] = e.group.votes;
    if (!e.group.rationale.empty()) dj["rationale"] = e.group.rationale;
    if (!e.group.dissent.empty()) dj["dissent"] = e.group.dissent;
    decisions.push_back(dj);
  }

  json findings = json::array();
  for (const Finding& f : r.findings) {
    const KeyAction& ka = s.key_actions[f.key_action];
    findings.push_back({{"key_action", ka.id},
                        {"pillar", pillar_key(ka.pillar)},
                        {"priority", priority_key(f.priority)},
                        {"kind", finding_kind_key(f.kind)},
                        {"text", ka.text},
                        {"management_action", ka.management_action}});
  }

  json not_taken = json::array();
  for (const PathNotTaken& p : r.paths_not_taken) {
    if (!p.best_alternative) continue;
    const Node& node = s.nodes[p.node];
    not_taken.push_back({{"node", node.id},
                         {"chosen", node.choices[p.chosen].id},
                         {"chosen_value", p.chosen_value},
                         {"alternative", node.choices[*p.best_alternative].id},
                         {"alternative_value", p.alternative_value},
                         {"alternative_score", score_to_json(p.alternative_score)},
                         {"missed", score_to_json(p.missed)}});
  }

  // Every document handed over, in the order it was, with what released it.
  json evidence = json::array();
  for (const ReleasedEvidence& re : session.released_evidence()) {
    json ej{{"evidence", s.evidence[re.evidence].id}, {"title", s.evidence[re.evidence].title},
            {"at_ms", re.at_ms}};
    switch (re.source) {
      case ReleasedEvidence::Source::Stage:
        ej["source"] = "stage";
        ej["node"] = s.nodes[re.node].id;
        break;
      case ReleasedEvidence::Source::Inject:
        ej["source"] = "inject";
        ej["inject"] = s.injects[re.inject].id;
        break;
      case ReleasedEvidence::Source::Choice:
        ej["source"] = "choice";
        ej["choice"] = s.nodes[re.node].choices[re.choice].id;
        break;
    }
    evidence.push_back(std::move(ej));
  }

  json achieved = json::array();
  for (int k : r.achieved_key_actions) achieved.push_back(s.key_actions[k].id);
  json objectives = json::array();
  for (int o : r.objectives_met) objectives.push_back(s.learning_objectives[o].id);

  json j{{"scenario", s.id},
         {"scenario_sha256", s.source_sha256},
         {"finished", session.finished()},
         {"node", s.nodes[session.state().node].id},
         {"score", score_to_json(session.score())},
         {"pillars", pillars},
         {"overall_percent", r.overall_percent},
         {"rating", r.rating},
         {"rating_level", r.rating_level},
         {"capped_by_high_finding", r.capped_by_high_finding},
         {"capped_by_ending", r.capped_by_ending},
         {"cap_reason", cap_reason(r)},
         {"decisions", decisions},
         {"findings", findings},
         {"key_actions_achieved", achieved},
         {"objectives_met", objectives},
         {"paths_not_taken", not_taken},
         {"evidence_released", evidence}};
  if (session.audience()) j["audience"] = audience_key(*session.audience());
  if (r.outcome) {
    j["ending"] = s.nodes[session.state().node].id;
    j["outcome"] = outcome_key(*r.outcome);
  }
  return j;
}

}  // namespace auditsim
