// The feedback report model for one session: the session is restored from its stored state,
// scored against the scenario exactly as played, and filtered for Part A or Part B here, so no
// renderer has to decide what is public.
#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "reports/build.hpp"
#include "reports/build_internal.hpp"
#include "sim/engine.hpp"
#include "sim/recording.hpp"
#include "sim/session_text.hpp"

namespace auditsim::reports {
namespace {

std::vector<VoteRow> vote_rows(const Node& node, const std::string& votes_json,
                               const std::string& chosen) {
  std::vector<VoteRow> rows;
  if (votes_json.empty()) return rows;
  nlohmann::json j = nlohmann::json::parse(votes_json, nullptr, false);
  if (!j.is_object()) return rows;
  for (const Choice& c : node.choices) {
    auto it = j.find(c.id);
    if (it == j.end() || !it->is_number_integer()) continue;
    rows.push_back({c.text, it->get<int>(), c.id == chosen});
  }
  return rows;
}

// Which decision rows a later undo reversed, row for row: the engine's history says so.
std::vector<bool> undone_rows(const Session& session) {
  std::vector<bool> undone;
  for (const HistoryEntry& e : session.history()) {
    if (e.kind == HistoryEntry::Kind::Decision || e.kind == HistoryEntry::Kind::Timeout ||
        e.kind == HistoryEntry::Kind::Undo)
      undone.push_back(e.undone);
  }
  return undone;
}

// The choices standing on the session's path (FeedbackReport::choices_taken).
void fill_choices_taken(FeedbackReport& r, const Scenario& s, const store::SessionRecord& rec,
                        const std::vector<bool>& undone) {
  r.choices_taken.reserve(rec.decisions.size());
  for (size_t i = 0; i < rec.decisions.size(); ++i) {
    const store::DecisionRecord& d = rec.decisions[i];
    if (d.kind == store::DecisionKind::Undo || (i < undone.size() && undone[i])) continue;
    const int node = s.find_node(d.node_id);
    if (node < 0) continue;
    const std::vector<Choice>& choices = s.nodes[node].choices;
    int choice = -1;
    for (size_t c = 0; c < choices.size() && choice < 0; ++c)
      if (choices[c].id == d.choice_id) choice = static_cast<int>(c);
    r.choices_taken.push_back({node, choice});
  }
}

void fill_decisions(FeedbackReport& r, const Session& session, const Result& result,
                    const store::SessionRecord& rec, const std::vector<bool>& undone,
                    const std::function<std::string(const std::string&)>& clean) {
  const Scenario& s = session.scenario();
  std::map<size_t, const PathNotTaken*> not_taken;  // by decision row number
  // Feedback reads as it did on this session's path: each row's in the state right after its
  // choice (an undo row names no choice, so shows none). Only a report body shows it.
  const bool bodies = r.settings.session_bodies;
  const std::vector<PlayState> states = bodies ? states_after(session) : std::vector<PlayState>();
  std::vector<const PlayState*> state_by_row;
  {
    size_t row = 0;
    std::map<size_t, size_t> history_to_row;
    for (size_t i = 0; i < session.history().size(); ++i) {
      auto k = session.history()[i].kind;
      if (k == HistoryEntry::Kind::Decision || k == HistoryEntry::Kind::Timeout ||
          k == HistoryEntry::Kind::Undo) {
        history_to_row[i] = row++;
        state_by_row.push_back(bodies ? &states[i] : nullptr);
      }
    }
    for (const PathNotTaken& p : result.paths_not_taken)
      if (auto it = history_to_row.find(p.history_index); it != history_to_row.end())
        not_taken[it->second] = &p;
  }

  r.decisions.reserve(rec.decisions.size());
  for (size_t i = 0; i < rec.decisions.size(); ++i) {
    const store::DecisionRecord& d = rec.decisions[i];
    DecisionRow row;
    row.seq = static_cast<int>(d.seq);
    row.kind = store::key(d.kind);
    row.node_id = d.node_id;
    row.choice_id = d.choice_id;
    row.time_taken_ms = d.time_taken_ms;
    row.recorded_at = d.recorded_at;
    for (int p = 0; p < kPillarCount; ++p) row.delta.v[p] = d.delta[p];
    row.rationale = clean(d.rationale);
    row.dissent = clean(d.dissent);
    row.undone = i < undone.size() && undone[i];
    int node = s.find_node(d.node_id);
    if (node >= 0) {
      const Node& n = s.nodes[node];
      row.node_title = n.title;
      auto [cn, ci] = s.find_choice(d.choice_id);
      if (cn == node && ci >= 0) {
        row.choice_text = n.choices[ci].text;
        if (bodies) {
          row.feedback = i < state_by_row.size()
                             ? render_text(s, n.choices[ci].feedback, *state_by_row[i])
                             : n.choices[ci].feedback;
          // What the choice handed over, also on a row a later undo reversed (it was handed
          // over in the team, then taken back).
          for (int e : n.choices[ci].releases) row.released_evidence.push_back(s.evidence[e].title);
        }
      }
      row.votes = vote_rows(n, d.votes_json, d.choice_id);
      if (auto it = not_taken.find(i); it != not_taken.end() && it->second->best_alternative) {
        const PathNotTaken& p = *it->second;
        row.alternative_text = s.nodes[p.node].choices[*p.best_alternative].text;
        row.alternative_score = p.alternative_score;
        row.alternative_value = p.alternative_value;
        row.chosen_value = p.chosen_value;
        row.missed = p.missed;
      }
    }
    r.decisions.push_back(std::move(row));
  }
}

}  // namespace

const FeedbackReport& blank_feedback_report() {
  // A default-made model allocates the default settings' texts only for them to be replaced.
  static const FeedbackReport blank = [] {
    FeedbackReport f;
    f.settings.council_name.clear();
    f.settings.xapi_base.clear();
    f.settings.exempt_paragraphs.clear();
    f.settings.scale.labels = {};
    f.settings.scale.definitions = {};
    f.settings.opinion.labels = {};
    f.settings.opinion.definitions = {};
    return FeedbackReport(f);  // a copy holds no spare capacity
  }();
  return blank;
}

FeedbackReport build_feedback_from_record(const store::SessionRecord& rec, ScenarioCache& cache,
                                          const ReportSettings& settings, Redactor& redactor) {
  const bool part_a = settings.part == Part::A;
  // Every free text that reaches Part A passes here: people's names are replaced.
  const Clean clean = [&](const std::string& text) {
    return part_a ? redactor(text) : text;
  };
  FeedbackReport r = blank_feedback_report();
  // A row of a scrutiny report's appendix table is never rendered on its own, so it keeps no
  // copy of the settings: 100,000 copies of the definitions are most of such a report's memory.
  if (settings.session_bodies || settings.decision_rows) r.settings = settings;
  r.session_id = rec.summary.id;
  r.exempt_scenario = rec.snapshot.classification == "part-b";
  r.withheld = part_a && r.exempt_scenario;
  if (rec.event) {
    r.event_name = clean(rec.event->name);
    r.event_date = rec.event->date;
    r.event_kind = store::key(rec.event->kind);
    r.facilitator = part_a ? "" : rec.event->facilitator;
  }
  r.mode = store::key(rec.summary.mode);
  r.started_at = rec.summary.started_at;
  if (r.withheld) {
    // A Part B scenario in Part A: that the session took place, and nothing of its content,
    // people or results.
    r.scenario_title = "An exempt exercise";
    r.status = store::key(rec.summary.status);
    return r;
  }
  r.scenario_id = rec.snapshot.scenario_id;
  r.scenario_title = rec.snapshot.title;
  r.scenario_sha256 = rec.snapshot.sha256;
  r.team = clean(rec.summary.team);
  r.audience = rec.audience;
  r.status = store::key(rec.summary.status);
  r.finished_at = rec.summary.finished_at;
  for (const store::Participant& p : rec.participants) {
    (p.role == store::Role::Member ? r.members : r.staff)++;
    std::string name = part_a ? p.pseudonym : p.display_name;
    r.participants.push_back(name + " (" + store::key(p.role) + ")");
    r.people.push_back({name, p.pseudonym, store::key(p.role)});
  }

  ScenarioPtr scenario = cache.get(rec.snapshot);
  ManualClock clock;
  std::string error;
  std::unique_ptr<Session> session = session_from_record(rec, scenario, clock, &error);
  if (!session) throw store::StoreError(store::ErrorKind::Invalid, error);
  const Scenario& s = *scenario;
  r.scenario_theme = s.theme;
  // Shown in the session's body and described in its xAPI activity.
  if (settings.session_bodies || settings.decision_rows) r.scenario_summary = s.summary;

  ScoringConfig config;
  config.scale = settings.scale;
  config.late_priority_drop = settings.late_priority_drop;
  ScenarioCache::Scoring& scoring = cache.scoring(scenario, session->audience());
  Result result = score_session(*session, config, *scoring.analysis, *scoring.continuations);
  // Facilitator overrides adjust the raw score, each with its recorded reason.
  Score4 adjustment;
  for (const store::ScoreOverride& o : rec.overrides) {
    if (auto p = parse_pillar(o.pillar)) {
      adjustment[*p] += o.delta;
      r.pillars[static_cast<int>(*p)].override_delta += o.delta;
    }
    r.overrides.push_back({o.pillar, o.delta, clean(o.reason), part_a ? "" : o.by});
  }
  if (!rec.overrides.empty()) apply_score_adjustment(result, adjustment, config);

  for (int i = 0; i < kPillarCount; ++i) {
    const PillarResult& pr = result.pillars[i];
    PillarRow& row = r.pillars[i];
    row.pillar = pr.pillar;
    row.raw = pr.raw;
    row.max = pr.max;
    row.assessed = pr.assessed;
    row.percent = pr.percent;
  }
  r.overall_percent = result.overall_percent;
  r.rating = result.rating;
  r.rating_level = result.rating_level;
  r.capped_by_high_finding = result.capped_by_high_finding;
  r.capped_by_ending = result.capped_by_ending;
  if (settings.session_bodies) {
    r.rating_definitions = rating_definitions(settings.scale);
    r.priority_definitions = priority_definitions();
  }
  if (!session->finished()) {
    // A team still playing (or stopped before an ending) has no rating yet: the lowest label
    // would say of it what did not happen.
    r.rating = rec.summary.status == store::Status::Abandoned ? "Abandoned" : "In progress";
    r.rating_level = kUnratedLevel;
    r.capped_by_high_finding = false;
    r.capped_by_ending = false;
  }
  if (result.outcome && session->finished()) {
    r.outcome = outcome_key(*result.outcome);
    const Node& end = session->current_node();
    r.ending_title = end.title;
    if (settings.session_bodies) r.ending_debrief = debrief_text(*session);
  }
  for (const Finding& f : result.findings) {
    const KeyAction& ka = s.key_actions[f.key_action];
    r.findings.push_back({ka.id, ka.text, ka.management_action, ka.pillar, f.priority, f.kind});
    (f.priority == Priority::High ? r.findings_high
     : f.priority == Priority::Medium ? r.findings_medium : r.findings_low)++;
  }
  for (size_t i = 0; i < s.learning_objectives.size() && settings.session_bodies; ++i) {
    const LearningObjective& o = s.learning_objectives[i];
    bool met = std::find(result.objectives_met.begin(), result.objectives_met.end(),
                         static_cast<int>(i)) != result.objectives_met.end();
    r.objectives.push_back({o.text, o.pillar, met});
  }
  fill_audit(r, s, rec, settings, clean);
  fill_action_plan(r, rec, settings, clean);
  for (const store::Note& n : rec.notes) {
    if (part_a && n.part_b) continue;
    int node = s.find_node(n.node_id);
    r.notes.push_back({n.kind, node >= 0 ? s.nodes[node].title : "",
                       clean(n.text), n.part_b});
  }
  const std::vector<bool> undone = undone_rows(*session);
  fill_choices_taken(r, s, rec, undone);
  // A scrutiny report's session in a table, read as a document, shows none of its rows.
  if (settings.session_bodies || settings.decision_rows)
    fill_decisions(r, *session, result, rec, undone, clean);
  return r;
}

FeedbackReport build_feedback(store::Store& db, const std::string& session_id,
                              const ReportSettings& settings) {
  return build_feedback(db, session_id, settings, {});
}

FeedbackReport build_feedback(store::Store& db, const std::string& session_id,
                              const ReportSettings& settings, const AmendRecord& amend) {
  std::optional<store::SessionRecord> rec = db.load_session(session_id);
  if (!rec)
    throw store::StoreError(store::ErrorKind::NotFound,
                            "There is no session " + session_id + " in the results database.");
  if (amend) amend(*rec);
  ScenarioCache cache;
  Redactor redactor;
  if (settings.part == Part::A)
    redactor = part_a_redactor(db, rec->event ? std::vector<std::string>{rec->event->id}
                                              : std::vector<std::string>{},
                               false, rec->participants);
  FeedbackReport r = build_feedback_from_record(*rec, cache, settings, redactor);
  // Sent to a committee on its own, the report has the event's front sheet (or the one given).
  r.front_sheet = report_front_sheet(db, rec->event ? rec->event->id : std::string(), settings,
                                     rec->event ? std::vector<std::string>{rec->event->id}
                                                : std::vector<std::string>{},
                                     rec->participants, redactor);
  apply_front_sheet(r.settings, r.front_sheet);
  r.review = redactor.review();
  return r;
}

}  // namespace auditsim::reports
