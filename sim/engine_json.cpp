// Saving and restoring a session as JSON. Ids rather than indices are written, so a saved
// session is readable in a database browser; restore maps them back and then replays the
// decisions in effect to prove the saved state is the one the history produces.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <unordered_map>

#include "sim/engine.hpp"
#include "sim/key_table.hpp"

namespace auditsim {

using nlohmann::json;

namespace {

constexpr const char* kFormat = "auditsim-session/1";

// Thrown inside restore only, and always caught there: restore itself never throws.
struct BadSession : std::runtime_error {
  using std::runtime_error::runtime_error;
};

constexpr KeyTable<HistoryEntry::Kind, 6> kKindKeys{
    {"decision", "undo", "timeout", "inject", "pause", "resume"}};

const char* kind_key(HistoryEntry::Kind k) { return kKindKeys(k); }

HistoryEntry::Kind parse_kind(const std::string& s) {
  if (auto k = kKindKeys.parse(s)) return *k;
  throw BadSession("unknown history entry kind '" + s + "'");
}

json score_json(const Score4& s) {
  json j = json::object();
  for (Pillar p : kPillars) j[pillar_key(p)] = s[p];
  return j;
}

const json& field(const json& j, const char* key) {
  if (!j.is_object()) throw BadSession("expected an object");
  auto it = j.find(key);
  if (it == j.end()) throw BadSession(std::string("missing field '") + key + "'");
  return *it;
}

const json& array_field(const json& j, const char* key) {
  const json& a = field(j, key);
  if (!a.is_array()) throw BadSession(std::string("'") + key + "' is not a list");
  return a;
}

const json& object_field(const json& j, const char* key) {
  const json& o = field(j, key);
  if (!o.is_object()) throw BadSession(std::string("'") + key + "' is not an object");
  return o;
}

int64_t as_int(const json& j, const char* what) {
  if (!j.is_number_integer()) throw BadSession(std::string("'") + what + "' is not an integer");
  if (j.is_number_unsigned() && j.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    throw BadSession(std::string("'") + what + "' is out of range");
  }
  return j.get<int64_t>();
}

int64_t non_negative(const json& j, const char* what) {
  const int64_t v = as_int(j, what);
  if (v < 0) throw BadSession(std::string("'") + what + "' is negative");
  return v;
}

std::string as_string(const json& j, const char* what) {
  if (!j.is_string()) throw BadSession(std::string("'") + what + "' is not text");
  return j.get<std::string>();
}

Score4 parse_score(const json& j) {
  Score4 s;
  for (Pillar p : kPillars) s[p] = as_int(field(j, pillar_key(p)), pillar_key(p));
  return s;
}

// Id lookups for one scenario, built once per restore.
struct Ids {
  std::unordered_map<std::string, int> nodes, variables, injects;
  explicit Ids(const Scenario& s) {
    for (size_t i = 0; i < s.nodes.size(); ++i) nodes.emplace(s.nodes[i].id, static_cast<int>(i));
    for (size_t i = 0; i < s.variables.size(); ++i) {
      variables.emplace(s.variables[i].id, static_cast<int>(i));
    }
    for (size_t i = 0; i < s.injects.size(); ++i) {
      injects.emplace(s.injects[i].id, static_cast<int>(i));
    }
  }
  static int lookup(const std::unordered_map<std::string, int>& m, const json& j,
                    const char* what) {
    if (j.is_null()) return -1;
    const std::string id = as_string(j, what);
    auto it = m.find(id);
    if (it == m.end()) throw BadSession(std::string("unknown ") + what + " '" + id + "'");
    return it->second;
  }
};

}  // namespace

// Friend of Session: reads and writes its private state.
struct SessionJson {
  static std::string save(const Session& s);
  static std::unique_ptr<Session> load(ScenarioPtr scenario, const Clock& clock,
                                       const std::string& text);
};

std::string SessionJson::save(const Session& s) {
  const Scenario& sc = *s.scenario_;
  const auto node_id = [&](int n) -> json {
    if (n < 0 || static_cast<size_t>(n) >= sc.nodes.size()) return nullptr;
    return sc.nodes[n].id;
  };
  const auto inject_id = [&](int i) -> json {
    if (i < 0 || static_cast<size_t>(i) >= sc.injects.size()) return nullptr;
    return sc.injects[i].id;
  };
  json j;
  j["format"] = kFormat;
  j["scenario"] = {{"id", sc.id}, {"sha256", sc.source_sha256}};
  j["audience"] = s.audience_ ? json(audience_key(*s.audience_)) : json(nullptr);

  json vars = json::object();
  for (size_t i = 0; i < sc.variables.size() && i < s.state_.variables.size(); ++i) {
    vars[sc.variables[i].id] = s.state_.variables[i];
  }
  json visits = json::object();
  for (size_t i = 0; i < sc.nodes.size() && i < s.state_.visits.size(); ++i) {
    if (s.state_.visits[i] != 0) visits[sc.nodes[i].id] = s.state_.visits[i];
  }
  j["state"] = {{"node", node_id(s.state_.node)}, {"variables", vars}, {"visits", visits}};
  j["score"] = score_json(s.score_);

  json history = json::array();
  for (const HistoryEntry& e : s.history_) {
    json h;
    h["kind"] = kind_key(e.kind);
    h["at_ms"] = e.at_ms;
    h["node"] = node_id(e.node);
    json choice = nullptr;
    if (e.node >= 0 && static_cast<size_t>(e.node) < sc.nodes.size() && e.choice >= 0 &&
        static_cast<size_t>(e.choice) < sc.nodes[e.node].choices.size()) {
      choice = sc.nodes[e.node].choices[e.choice].id;
    }
    h["choice"] = choice;
    h["inject"] = inject_id(e.inject);
    h["time_taken_ms"] = e.time_taken_ms;
    h["delta"] = score_json(e.delta);
    h["votes"] = e.group.votes;
    h["rationale"] = e.group.rationale;
    h["dissent"] = e.group.dissent;
    h["undone"] = e.undone;
    history.push_back(std::move(h));
  }
  j["history"] = std::move(history);

  json pending = json::array();
  for (const PendingInject& p : s.pending_) {
    pending.push_back({{"inject", inject_id(p.inject)}, {"fired_at_ms", p.fired_at_ms}});
  }
  j["pending"] = std::move(pending);
  json fired = json::array();
  for (size_t i = 0; i < s.fired_.size(); ++i) {
    if (s.fired_[i]) fired.push_back(sc.injects[i].id);
  }
  j["fired"] = std::move(fired);
  j["paused"] = s.paused_;
  j["active_ms"] = s.elapsed_ms();
  j["node_entered_at_ms"] = s.node_entered_at_ms_;
  j["stage_time_added_ms"] = s.stage_time_added_ms_;
  return j.dump();
}

std::unique_ptr<Session> SessionJson::load(ScenarioPtr scenario, const Clock& clock,
                                           const std::string& text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw BadSession("the saved session is not valid JSON");
  if (as_string(field(j, "format"), "format") != kFormat) {
    throw BadSession("the saved session has an unknown format");
  }
  const json& sj = field(j, "scenario");
  if (as_string(field(sj, "id"), "scenario id") != scenario->id) {
    throw BadSession("the saved session belongs to another scenario");
  }
  if (as_string(field(sj, "sha256"), "sha256") != scenario->source_sha256) {
    throw BadSession("the scenario file has changed since this session was saved");
  }
  std::optional<Audience> audience;
  if (const json& a = field(j, "audience"); !a.is_null()) {
    audience = parse_audience(as_string(a, "audience"));
    if (!audience) throw BadSession("unknown audience");
  }

  auto s = std::make_unique<Session>(scenario, clock, audience);
  const Scenario& sc = *scenario;
  const Ids ids(sc);

  s->history_.clear();
  for (const json& h : array_field(j, "history")) {
    HistoryEntry e;
    e.kind = parse_kind(as_string(field(h, "kind"), "kind"));
    e.at_ms = non_negative(field(h, "at_ms"), "at_ms");
    e.node = Ids::lookup(ids.nodes, field(h, "node"), "node");
    if (const json& c = field(h, "choice"); !c.is_null()) {
      const std::string cid = as_string(c, "choice");
      if (e.node < 0) throw BadSession("a choice is recorded without its node");
      const auto& choices = sc.nodes[e.node].choices;
      for (size_t i = 0; i < choices.size(); ++i) {
        if (choices[i].id == cid) e.choice = static_cast<int>(i);
      }
      if (e.choice < 0) throw BadSession("unknown choice '" + cid + "'");
    }
    e.inject = Ids::lookup(ids.injects, field(h, "inject"), "inject");
    e.time_taken_ms = non_negative(field(h, "time_taken_ms"), "time_taken_ms");
    e.delta = parse_score(field(h, "delta"));
    for (const auto& [k, v] : object_field(h, "votes").items()) {
      const int64_t n = non_negative(v, "votes");
      if (n > INT32_MAX) throw BadSession("'votes' is out of range");
      e.group.votes[k] = static_cast<int>(n);
    }
    e.group.rationale = as_string(field(h, "rationale"), "rationale");
    e.group.dissent = as_string(field(h, "dissent"), "dissent");
    if (!field(h, "undone").is_boolean()) throw BadSession("'undone' is not true/false");
    e.undone = field(h, "undone").get<bool>();
    const bool decision = e.kind == HistoryEntry::Kind::Decision ||
                          e.kind == HistoryEntry::Kind::Timeout;
    if (decision && e.choice < 0) throw BadSession("a decision is recorded without its choice");
    if (e.kind == HistoryEntry::Kind::Undo && e.node < 0) {
      throw BadSession("an undo is recorded without its node");
    }
    if (e.kind == HistoryEntry::Kind::Inject && e.inject < 0) {
      throw BadSession("an inject entry names no inject");
    }
    s->history_.push_back(std::move(e));
  }

  std::fill(s->fired_.begin(), s->fired_.end(), false);
  for (const json& f : array_field(j, "fired")) {
    // An id that does not resolve must never become an index: null would be -1.
    const int i = Ids::lookup(ids.injects, f, "inject");
    if (i < 0 || static_cast<size_t>(i) >= s->fired_.size()) {
      throw BadSession("'fired' names no inject");
    }
    s->fired_[i] = true;
  }
  s->pending_.clear();
  for (const json& p : array_field(j, "pending")) {
    const int i = Ids::lookup(ids.injects, field(p, "inject"), "inject");
    if (i < 0 || !s->fired_[i]) throw BadSession("a pending inject that never fired");
    s->pending_.push_back({i, non_negative(field(p, "fired_at_ms"), "fired_at_ms")});
  }
  s->timed_cursor_ = 0;

  std::string why;
  if (!s->replay_effective(&why)) throw BadSession(why);
  // What the 1.1 inject triggers count is read off the history, so saves need no extra fields.
  s->decisions_in_effect_ = static_cast<int64_t>(s->effective_decisions().size());
  s->rearm_since();
  // The saved state must be exactly what the decisions in effect produce; anything else means
  // the record was edited or damaged, and resuming from it would mislead the room.
  const json& st = field(j, "state");
  PlayState saved;
  saved.node = Ids::lookup(ids.nodes, field(st, "node"), "node");
  saved.variables.assign(sc.variables.size(), 0);
  for (const auto& [k, v] : object_field(st, "variables").items()) {
    saved.variables[Ids::lookup(ids.variables, json(k), "variable")] = as_int(v, "variable");
  }
  saved.visits.assign(sc.nodes.size(), 0);
  for (const auto& [k, v] : object_field(st, "visits").items()) {
    const int64_t n = non_negative(v, "visits");
    if (n > UINT32_MAX) throw BadSession("'visits' is out of range");
    saved.visits[Ids::lookup(ids.nodes, json(k), "node")] = static_cast<uint32_t>(n);
  }
  if (!(saved == s->state_) || parse_score(field(j, "score")) != s->score_) {
    throw BadSession("the saved state does not match its recorded decisions");
  }

  if (!field(j, "paused").is_boolean()) throw BadSession("'paused' is not true/false");
  s->paused_ = field(j, "paused").get<bool>();
  s->active_before_ms_ = non_negative(field(j, "active_ms"), "active_ms");
  s->segment_start_ms_ = clock.now_ms();
  s->node_entered_at_ms_ = non_negative(field(j, "node_entered_at_ms"), "node_entered_at_ms");
  if (s->node_entered_at_ms_ > s->active_before_ms_) {
    throw BadSession("the node was entered after the session's saved time");
  }
  // Saved since the facilitator could change a countdown; older saved states have none.
  if (auto it = j.find("stage_time_added_ms"); it != j.end()) {
    const int64_t added = as_int(*it, "stage_time_added_ms");
    // Far from overflowing the limit it is added to (a real change is hours at most).
    constexpr int64_t kBound = INT64_MAX / 4;
    if (added > kBound || added < -kBound) throw BadSession("'stage_time_added_ms' is out of range");
    s->stage_time_added_ms_ = added;
  }
  return s;
}

std::string Session::to_json() const { return SessionJson::save(*this); }

std::unique_ptr<Session> Session::from_json(ScenarioPtr scenario, const Clock& clock,
                                            const std::string& text, std::string* error) {
  const auto fail = [&](const std::string& why) -> std::unique_ptr<Session> {
    if (error) *error = why;
    return nullptr;
  };
  if (!scenario) return fail("no scenario to restore the session against");
  try {
    auto s = SessionJson::load(std::move(scenario), clock, text);
    if (error) error->clear();
    return s;
  } catch (const BadSession& e) {
    return fail(e.what());
  } catch (const std::bad_alloc&) {
    return fail("the saved session is too large to restore");
  } catch (const std::exception& e) {
    return fail(std::string("the saved session is damaged: ") + e.what());
  }
}

}  // namespace auditsim
