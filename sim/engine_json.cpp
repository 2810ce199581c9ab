// Saving and restoring a session as JSON. Ids rather than indices are written, so a saved
// session is readable in a database browser; restore maps them back and then replays the
// decisions in effect to prove the saved state is the one the history produces.
#include <nlohmann/json.hpp>
#include <rapidjson/document.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string_view>
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

// Restoring reads the saved text with RapidJSON: a scrutiny report restores every session it
// covers (100,000 on a council's server), and parsing into nlohmann's tree was half of that
// report's time. Saving keeps nlohmann, whose output RapidJSON reads back exactly.
using Value = rapidjson::Value;

// A field of an object. A field written twice is refused rather than one of the two taken:
// our own save never writes one twice, so the text was edited.
const Value& field(const Value& j, const char* key) {
  if (!j.IsObject()) throw BadSession("expected an object");
  const Value* found = nullptr;
  for (const auto& m : j.GetObject()) {
    if (std::string_view(m.name.GetString(), m.name.GetStringLength()) != key) continue;
    if (found) throw BadSession(std::string("field '") + key + "' is written twice");
    found = &m.value;
  }
  if (!found) throw BadSession(std::string("missing field '") + key + "'");
  return *found;
}

// An optional field: null when absent.
const Value* optional_field(const Value& j, const char* key) {
  if (!j.IsObject()) throw BadSession("expected an object");
  return j.HasMember(key) ? &field(j, key) : nullptr;
}

const Value& array_field(const Value& j, const char* key) {
  const Value& a = field(j, key);
  if (!a.IsArray()) throw BadSession(std::string("'") + key + "' is not a list");
  return a;
}

const Value& object_field(const Value& j, const char* key) {
  const Value& o = field(j, key);
  if (!o.IsObject()) throw BadSession(std::string("'") + key + "' is not an object");
  return o;
}

int64_t as_int(const Value& j, const char* what) {
  // As nlohmann reads them: an integer token that fits 64 bits signed; one that fits only
  // unsigned is out of range, and a fraction, exponent or larger number is not an integer.
  if (j.IsInt64()) return j.GetInt64();
  if (j.IsUint64()) throw BadSession(std::string("'") + what + "' is out of range");
  throw BadSession(std::string("'") + what + "' is not an integer");
}

int64_t non_negative(const Value& j, const char* what) {
  const int64_t v = as_int(j, what);
  if (v < 0) throw BadSession(std::string("'") + what + "' is negative");
  return v;
}

std::string as_string(const Value& j, const char* what) {
  if (!j.IsString()) throw BadSession(std::string("'") + what + "' is not text");
  return std::string(j.GetString(), j.GetStringLength());
}

bool as_bool(const Value& j, const char* what) {
  if (!j.IsBool()) throw BadSession(std::string("'") + what + "' is not true/false");
  return j.GetBool();
}

std::string key_of(const Value::ConstMemberIterator::Reference m) {
  return std::string(m.name.GetString(), m.name.GetStringLength());
}

Score4 parse_score(const Value& j) {
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
  // -1 for null.
  static int lookup(const std::unordered_map<std::string, int>& m, const Value& j,
                    const char* what) {
    if (j.IsNull()) return -1;
    return lookup_id(m, as_string(j, what), what);
  }
  static int lookup_id(const std::unordered_map<std::string, int>& m, const std::string& id,
                       const char* what) {
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
  // Strict as nlohmann's parser: valid UTF-8 only, one value and nothing after it; iterative,
  // so text nested thousands deep cannot exhaust the stack.
  rapidjson::Document j;
  j.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag>(text.data(),
                                                                                  text.size());
  if (j.HasParseError()) throw BadSession("the saved session is not valid JSON");
  if (as_string(field(j, "format"), "format") != kFormat) {
    throw BadSession("the saved session has an unknown format");
  }
  const Value& sj = field(j, "scenario");
  if (as_string(field(sj, "id"), "scenario id") != scenario->id) {
    throw BadSession("the saved session belongs to another scenario");
  }
  if (as_string(field(sj, "sha256"), "sha256") != scenario->source_sha256) {
    throw BadSession("the scenario file has changed since this session was saved");
  }
  std::optional<Audience> audience;
  if (const Value& a = field(j, "audience"); !a.IsNull()) {
    audience = parse_audience(as_string(a, "audience"));
    if (!audience) throw BadSession("unknown audience");
  }

  auto s = std::make_unique<Session>(scenario, clock, audience);
  const Scenario& sc = *scenario;
  const Ids ids(sc);

  s->history_.clear();
  const Value& history = array_field(j, "history");
  s->history_.reserve(history.Size());
  for (const Value& h : history.GetArray()) {
    HistoryEntry e;
    e.kind = parse_kind(as_string(field(h, "kind"), "kind"));
    e.at_ms = non_negative(field(h, "at_ms"), "at_ms");
    e.node = Ids::lookup(ids.nodes, field(h, "node"), "node");
    if (const Value& c = field(h, "choice"); !c.IsNull()) {
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
    for (const auto& m : object_field(h, "votes").GetObject()) {
      const int64_t n = non_negative(m.value, "votes");
      if (n > INT32_MAX) throw BadSession("'votes' is out of range");
      if (!e.group.votes.emplace(key_of(m), static_cast<int>(n)).second)
        throw BadSession("a choice's votes are written twice");
    }
    e.group.rationale = as_string(field(h, "rationale"), "rationale");
    e.group.dissent = as_string(field(h, "dissent"), "dissent");
    e.undone = as_bool(field(h, "undone"), "undone");
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
  for (const Value& f : array_field(j, "fired").GetArray()) {
    // An id that does not resolve must never become an index: null would be -1.
    const int i = Ids::lookup(ids.injects, f, "inject");
    if (i < 0 || static_cast<size_t>(i) >= s->fired_.size()) {
      throw BadSession("'fired' names no inject");
    }
    s->fired_[i] = true;
  }
  s->pending_.clear();
  for (const Value& p : array_field(j, "pending").GetArray()) {
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
  const Value& st = field(j, "state");
  PlayState saved;
  saved.node = Ids::lookup(ids.nodes, field(st, "node"), "node");
  saved.variables.assign(sc.variables.size(), 0);
  std::vector<bool> seen(sc.variables.size(), false);
  for (const auto& m : object_field(st, "variables").GetObject()) {
    const int i = Ids::lookup_id(ids.variables, key_of(m), "variable");
    if (seen[i]) throw BadSession("a variable is written twice");
    seen[i] = true;
    saved.variables[i] = as_int(m.value, "variable");
  }
  saved.visits.assign(sc.nodes.size(), 0);
  seen.assign(sc.nodes.size(), false);
  for (const auto& m : object_field(st, "visits").GetObject()) {
    const int64_t n = non_negative(m.value, "visits");
    if (n > UINT32_MAX) throw BadSession("'visits' is out of range");
    const int i = Ids::lookup_id(ids.nodes, key_of(m), "node");
    if (seen[i]) throw BadSession("a node's visits are written twice");
    seen[i] = true;
    saved.visits[i] = static_cast<uint32_t>(n);
  }
  if (!(saved == s->state_) || parse_score(field(j, "score")) != s->score_) {
    throw BadSession("the saved state does not match its recorded decisions");
  }

  s->paused_ = as_bool(field(j, "paused"), "paused");
  s->active_before_ms_ = non_negative(field(j, "active_ms"), "active_ms");
  s->segment_start_ms_ = clock.now_ms();
  s->node_entered_at_ms_ = non_negative(field(j, "node_entered_at_ms"), "node_entered_at_ms");
  if (s->node_entered_at_ms_ > s->active_before_ms_) {
    throw BadSession("the node was entered after the session's saved time");
  }
  // Saved since the facilitator could change a countdown; older saved states have none.
  if (const Value* added_field = optional_field(j, "stage_time_added_ms")) {
    const int64_t added = as_int(*added_field, "stage_time_added_ms");
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
