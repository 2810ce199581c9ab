#include "sim/xapi_queue.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "sim/uuid.hpp"
#include "sim/xapi_words.hpp"

namespace auditsim {
namespace {

using nlohmann::json;

using xapi::four_p;
using xapi::iri_part;
using xapi::iso_duration;
using xapi::kLang;
using xapi::verb;

json account(const std::string& home, const std::string& name) {
  return {{"objectType", "Agent"}, {"account", {{"homePage", home}, {"name", name}}}};
}

json actor(const std::string& home, const XapiSession& xs) {
  if (xs.pseudonyms.size() == 1) return account(home, xs.pseudonyms.front());
  json group = {{"objectType", "Group"},
                {"account", {{"homePage", home}, {"name", "session/" + xs.session_id}}}};
  if (!xs.team.empty()) group["name"] = xs.team;
  json members = json::array();
  for (const std::string& p : xs.pseudonyms) members.push_back(account(home, p));
  if (!members.empty()) group["member"] = members;
  return group;
}

std::string scenario_iri(const std::string& home, const Session& session) {
  return home + "/scenarios/" + iri_part(session.scenario().id);
}

json scenario_activity(const std::string& home, const Session& session) {
  return {{"objectType", "Activity"},
          {"id", scenario_iri(home, session)},
          {"definition",
           {{"type", "http://adlnet.gov/expapi/activities/simulation"},
            {"name", {{kLang, session.scenario().title}}}}}};
}

json context(const store::OutboxSettings& o, const XapiSession& xs, const Session& session,
             bool with_parent) {
  const std::string& home = o.home_page;
  json c = {{"registration", xapi_registration(xs.session_id)},
            {"extensions", {{home + "/extensions/mode", xs.mode}}}};
  if (with_parent)
    c["contextActivities"]["parent"] = json::array({{{"id", scenario_iri(home, session)}}});
  if (!xs.event_name.empty())
    c["contextActivities"]["grouping"] =
        json::array({{{"id", home + "/events/" + iri_part(xs.event_name)}}});
  if (!xs.team.empty()) c["extensions"][home + "/extensions/team"] = xs.team;
  if (!o.platform.empty()) c["platform"] = o.platform;
  return c;
}

void queue(store::Store& db, const XapiSession& xs, int position, json verb_json, json object,
           json ctx, const std::string& timestamp, json result = nullptr) {
  const std::string id = xapi_statement_id(xs.session_id, position);
  json s = {{"id", id},
            {"version", "1.0.3"},
            {"actor", actor(db.outbox()->home_page, xs)},
            {"verb", std::move(verb_json)},
            {"object", std::move(object)},
            {"context", std::move(ctx)},
            {"timestamp", timestamp}};
  if (!result.is_null()) s["result"] = std::move(result);
  // Invalid UTF-8 in a scenario's text is replaced rather than failing the decision.
  db.queue_statement(id, s.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace

XapiSession xapi_session(store::Store& db, const std::string& session_id) {
  XapiSession xs;
  xs.session_id = session_id;
  std::optional<store::SessionRecord> rec = db.load_session(session_id);
  if (!rec) return xs;
  xs.event_name = rec->summary.event_name;
  xs.team = rec->summary.team;
  xs.mode = store::key(rec->summary.mode);
  for (const store::Participant& p : rec->participants) xs.pseudonyms.push_back(p.pseudonym);
  return xs;
}

bool queues_xapi(store::Store& db, const Session& session) {
  return db.outbox() && session.scenario().classification == Classification::PartA;
}

std::string xapi_statement_id(const std::string& session_id, int position) {
  return name_uuid("statement/" + session_id + "/" + std::to_string(position));
}

void queue_voiding(store::Store& db, const std::string& original_json, const std::string& timestamp) {
  if (auto v = xapi_voiding_statement(original_json, timestamp)) db.queue_statement(v->id, v->json);
}

void withdraw_statement(store::Store& db, const std::string& statement_id, const std::string& timestamp) {
  const store::WithdrawnStatement w = db.withdraw_statement(statement_id);
  if (w.was == store::WithdrawnStatement::Was::Sent) queue_voiding(db, w.json, timestamp);
}

std::vector<std::string> xapi_undone_statements(const std::string& session_id, const Session& session,
                                                size_t undo_index, bool reopened_ending) {
  const auto& h = session.history();
  // Undos reverse the latest decision still in effect: replaying the history with a stack finds
  // the one this undo reversed.
  std::vector<size_t> in_effect;
  for (size_t i = 0; i < undo_index && i < h.size(); ++i) {
    if (h[i].kind == HistoryEntry::Kind::Decision || h[i].kind == HistoryEntry::Kind::Timeout)
      in_effect.push_back(i);
    else if (h[i].kind == HistoryEntry::Kind::Undo && !in_effect.empty())
      in_effect.pop_back();
  }
  std::vector<std::string> ids;
  if (reopened_ending) {
    // The ending's two were queued at the position after every decision before this undo.
    const int end = xapi_position(session, undo_index);
    ids.push_back(xapi_statement_id(session_id, end));
    ids.push_back(xapi_statement_id(session_id, end + 1));
  }
  if (!in_effect.empty())
    ids.push_back(xapi_statement_id(session_id, xapi_position(session, in_effect.back())));
  return ids;
}

int xapi_position(const Session& session, size_t index) {
  const auto& h = session.history();
  int n = 1;
  for (size_t i = 0; i < index && i < h.size(); ++i)
    if (h[i].kind == HistoryEntry::Kind::Decision || h[i].kind == HistoryEntry::Kind::Timeout) ++n;
    else if (h[i].kind == HistoryEntry::Kind::Undo) n += 2;
  return n;
}

void queue_attempted(store::Store& db, const XapiSession& xs, const Session& session,
                     const std::string& timestamp) {
  const std::string& home = db.outbox()->home_page;
  queue(db, xs, 0, verb("attempted"), scenario_activity(home, session),
        context(*db.outbox(), xs, session, false), timestamp);
}

void queue_answered(store::Store& db, const XapiSession& xs, const Session& session,
                    const HistoryEntry& e, int position, const std::string& timestamp) {
  const std::string& home = db.outbox()->home_page;
  const Scenario& s = session.scenario();
  if (e.node < 0 || e.node >= static_cast<int>(s.nodes.size())) return;
  const Node& node = s.nodes[e.node];
  json object = {{"objectType", "Activity"},
                 {"id", scenario_iri(home, session) + "/nodes/" + iri_part(node.id)},
                 {"definition",
                  {{"type", "http://adlnet.gov/expapi/activities/cmi.interaction"},
                   {"interactionType", "choice"},
                   {"name", {{kLang, node.title.empty() ? node.id : node.title}}}}}};
  json result = {{"duration", iso_duration(e.time_taken_ms)},
                 {"extensions", {{home + "/extensions/4p", four_p(e.delta)}}}};
  if (e.choice >= 0 && e.choice < static_cast<int>(node.choices.size()))
    result["response"] = node.choices[e.choice].id;
  if (e.kind == HistoryEntry::Kind::Timeout) result["extensions"][home + "/extensions/timeout"] = true;
  queue(db, xs, position, verb("answered"), std::move(object), context(*db.outbox(), xs, session, true),
        timestamp, std::move(result));
}

void queue_finished(store::Store& db, const XapiSession& xs, const Session& session,
                    const ScoringConfig& scoring, int position, const std::string& timestamp) {
  const std::string& home = db.outbox()->home_page;
  const Result r = score_session(session, scoring);
  json percents;
  for (int i = 0; i < kPillarCount; ++i) {
    const PillarResult& p = r.pillars[static_cast<size_t>(i)];
    percents[pillar_key(kPillars[static_cast<size_t>(i)])] = p.assessed ? json(p.percent) : json(nullptr);
  }
  json result = {{"completion", true},
                 {"score", {{"scaled", std::clamp(r.overall_percent / 100.0, 0.0, 1.0)},
                            {"raw", r.overall_percent},
                            {"min", 0},
                            {"max", 100}}},
                 {"extensions",
                  {{home + "/extensions/4p-percent", percents},
                   {home + "/extensions/exercise-rating", r.rating}}}};
  if (r.outcome) result["extensions"][home + "/extensions/outcome"] = outcome_key(*r.outcome);
  queue(db, xs, position, verb("completed"), scenario_activity(home, session),
        context(*db.outbox(), xs, session, false), timestamp, result);
  // Passed: an exercise rating in the top two levels (as the xAPI report says).
  const bool passed = r.rating_level <= 1;
  result["success"] = passed;
  queue(db, xs, position + 1, verb(passed ? "passed" : "failed"), scenario_activity(home, session),
        context(*db.outbox(), xs, session, false), timestamp, result);
}

}  // namespace auditsim
