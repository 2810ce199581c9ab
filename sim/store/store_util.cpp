// Small helpers of the store: ids, timestamps, the default location and the vocabularies.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <nlohmann/json.hpp>

#include "sim/key_table.hpp"
#include "sim/model.hpp"
#include "sim/uuid.hpp"
#include "sim/store/records.hpp"
#include "sim/store/store.hpp"

namespace auditsim::store {

std::string new_uuid() { return random_uuid(); }

std::string now_utc() {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::time_t t = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(ms));
  return buf;
}

std::filesystem::path default_db_path() {
  const char* xdg = std::getenv("XDG_DATA_HOME");
  std::filesystem::path base;
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  if (xdg && *xdg == '/') {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = std::filesystem::path(home && *home ? home : ".") / ".local" / "share";
  }
  return base / "auditsim" / "results.db";
}

Snapshot snapshot_of(const auditsim::Scenario& s) {
  Snapshot snap;
  snap.sha256 = s.source_sha256;
  snap.scenario_id = s.id;
  snap.version = s.version;
  snap.title = s.title;
  snap.classification = s.classification == Classification::PartB ? "part-b" : "part-a";
  snap.source_text = s.source_text;
  nlohmann::json files = nlohmann::json::object();
  for (const Evidence& e : s.evidence)
    if (!e.file.empty()) files[e.file] = e.text;
  snap.evidence_files = files.dump();
  return snap;
}

// --- vocabularies (sim/key_table.hpp).

namespace {
constexpr KeyTable<EventKind, 3> kEventKinds{{"training-evening", "desktop-audit", "e-learning"}};
constexpr KeyTable<Mode, 3> kModes{{"solo", "group", "teams"}};
constexpr KeyTable<Status, 3> kStatuses{{"active", "finished", "abandoned"}};
constexpr KeyTable<Role, 2> kRoles{{"member", "staff"}};
constexpr KeyTable<DecisionKind, 3> kDecisionKinds{{"decision", "undo", "timeout"}};
constexpr KeyTable<ActionStatus, 3> kActionStatuses{{"open", "in-progress", "done"}};
}  // namespace

const char* key(EventKind k) { return kEventKinds(k); }
const char* key(Mode m) { return kModes(m); }
const char* key(Status s) { return kStatuses(s); }
const char* key(Role r) { return kRoles(r); }
const char* key(DecisionKind k) { return kDecisionKinds(k); }
const char* key(ActionStatus s) { return kActionStatuses(s); }

std::optional<EventKind> parse_event_kind(std::string_view s) { return kEventKinds.parse(s); }
std::optional<Mode> parse_mode(std::string_view s) { return kModes.parse(s); }
std::optional<Status> parse_status(std::string_view s) { return kStatuses.parse(s); }
std::optional<Role> parse_role(std::string_view s) { return kRoles.parse(s); }
std::optional<DecisionKind> parse_decision_kind(std::string_view s) {
  return kDecisionKinds.parse(s);
}
std::optional<ActionStatus> parse_action_status(std::string_view s) {
  return kActionStatuses.parse(s);
}

}  // namespace auditsim::store
