// Small helpers of the store: ids, timestamps, the default location and the vocabularies.
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>

#include <nlohmann/json.hpp>

#include "sim/model.hpp"
#include "sim/store/records.hpp"
#include "sim/store/store.hpp"

namespace auditsim::store {

std::string new_uuid() {
  // std::random_device reads the kernel's random source (getrandom / /dev/urandom) on Linux,
  // so ids made on different laptops, or in forked processes, do not collide.
  thread_local std::random_device rd;
  std::array<unsigned char, 16> b{};
  for (size_t i = 0; i < b.size(); i += 4) {
    uint32_t r = rd();
    for (size_t j = 0; j < 4; ++j) b[i + j] = static_cast<unsigned char>(r >> (8 * j));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  static const char* hex = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
    s += hex[b[i] >> 4];
    s += hex[b[i] & 0xf];
  }
  return s;
}

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

// --- vocabularies: one table per enum keeps key() and parse_*() in step.

namespace {
template <typename E, size_t N>
std::optional<E> parse_in(const std::array<const char*, N>& keys, std::string_view s) {
  for (size_t i = 0; i < N; ++i) {
    if (s == keys[i]) return static_cast<E>(i);
  }
  return std::nullopt;
}
constexpr std::array<const char*, 3> kEventKinds{"training-evening", "desktop-audit",
                                                 "e-learning"};
constexpr std::array<const char*, 3> kModes{"solo", "group", "teams"};
constexpr std::array<const char*, 3> kStatuses{"active", "finished", "abandoned"};
constexpr std::array<const char*, 2> kRoles{"member", "staff"};
constexpr std::array<const char*, 3> kDecisionKinds{"decision", "undo", "timeout"};
constexpr std::array<const char*, 3> kActionStatuses{"open", "in-progress", "done"};
}  // namespace

const char* key(EventKind k) { return kEventKinds[static_cast<size_t>(k)]; }
const char* key(Mode m) { return kModes[static_cast<size_t>(m)]; }
const char* key(Status s) { return kStatuses[static_cast<size_t>(s)]; }
const char* key(Role r) { return kRoles[static_cast<size_t>(r)]; }
const char* key(DecisionKind k) { return kDecisionKinds[static_cast<size_t>(k)]; }
const char* key(ActionStatus s) { return kActionStatuses[static_cast<size_t>(s)]; }

std::optional<EventKind> parse_event_kind(std::string_view s) {
  return parse_in<EventKind>(kEventKinds, s);
}
std::optional<Mode> parse_mode(std::string_view s) { return parse_in<Mode>(kModes, s); }
std::optional<Status> parse_status(std::string_view s) { return parse_in<Status>(kStatuses, s); }
std::optional<Role> parse_role(std::string_view s) { return parse_in<Role>(kRoles, s); }
std::optional<DecisionKind> parse_decision_kind(std::string_view s) {
  return parse_in<DecisionKind>(kDecisionKinds, s);
}
std::optional<ActionStatus> parse_action_status(std::string_view s) {
  return parse_in<ActionStatus>(kActionStatuses, s);
}

}  // namespace auditsim::store
