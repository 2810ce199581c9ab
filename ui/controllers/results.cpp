#include "ui/controllers/results.hpp"

#include <algorithm>
#include <map>

namespace auditsim::ui {

ResultsController::~ResultsController() {
  if (job_.valid()) job_.wait();
}

std::string ResultsController::refresh(store::Store& db) {
  try {
    sessions_ = db.list_sessions();
    events_ = db.list_events();
  } catch (const std::exception& e) {
    return std::string("The results could not be read: ") + e.what();
  }
  std::stable_sort(sessions_.begin(), sessions_.end(),
                   [](const auto& a, const auto& b) { return a.started_at > b.started_at; });
  if (selected >= static_cast<int>(sessions_.size())) selected = -1;
  groups_stale_ = true;
  return {};
}

namespace {

// ASCII case folding is enough for the filter: council, scenario and place names are matched as
// typed, and a non-ASCII letter still matches itself.
std::string folded(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool contains_folded(std::string_view haystack, const std::string& folded_needle) {
  return folded(haystack).find(folded_needle) != std::string::npos;
}

}  // namespace

bool session_matches(const store::SessionSummary& s, const ResultsFilter& f) {
  const std::string day = s.started_at.substr(0, 10);
  if (!f.from.empty() && day < f.from) return false;
  if (!f.to.empty() && day > f.to) return false;
  if (f.text.empty()) return true;
  const std::string needle = folded(f.text);
  if (contains_folded(s.event_name, needle) || contains_folded(s.scenario_title, needle) ||
      contains_folded(s.scenario_id, needle) || contains_folded(s.team, needle))
    return true;
  return std::any_of(s.participant_names.begin(), s.participant_names.end(),
                     [&](const std::string& n) { return contains_folded(n, needle); });
}

const std::vector<EventGroup>& ResultsController::groups() {
  if (!groups_stale_ && grouped_by_ == filter) return groups_;
  groups_.clear();
  std::map<std::string, size_t> at;
  for (size_t i = 0; i < sessions_.size(); ++i) {
    const auto& s = sessions_[i];
    if (!session_matches(s, filter)) continue;
    auto it = at.find(s.event_id);
    if (it == at.end()) {
      EventGroup g;
      g.event_id = s.event_id;
      g.title = s.event_id.empty() ? "Individual play" : s.event_name;
      it = at.emplace(s.event_id, groups_.size()).first;
      groups_.push_back(std::move(g));
    }
    groups_[it->second].sessions.push_back(static_cast<int>(i));
  }
  grouped_by_ = filter;
  groups_stale_ = false;
  return groups_;
}

size_t ResultsController::shown_count() {
  size_t n = 0;
  for (const EventGroup& g : groups()) n += g.sessions.size();
  return n;
}

bool ResultsController::start(std::string label, std::function<std::string()> fn) {
  if (job_.valid()) return false;
  job_label_ = std::move(label);
  job_ = std::async(std::launch::async, [fn = std::move(fn)]() -> std::string {
    try {
      return fn();
    } catch (const std::exception& e) {
      return std::string("Error: ") + e.what();
    }
  });
  return true;
}

bool ResultsController::start_import(const std::string& db_path, const std::string& other) {
  return start("Importing " + other, [db_path, other] {
    // A separate connection: SQLite connections are not shared across threads here.
    auto db = store::Store::open(db_path);
    auto r = db.import_from(other);
    std::string msg = "Imported " + std::to_string(r.sessions_added) + " session(s); " +
                      std::to_string(r.skipped_identical) + " already present.";
    if (!r.conflicts.empty())
      msg += " " + std::to_string(r.conflicts.size()) +
             " conflict(s) kept as they are here: " + r.conflicts.front().detail;
    return msg;
  });
}

bool ResultsController::start_export(const std::string& db_path, const std::string& event,
                                     const std::string& out) {
  return start("Exporting to " + out, [db_path, event, out] {
    auto db = store::Store::open(db_path);
    auto r = db.export_event(event, out);
    return "Exported " + std::to_string(r.sessions) + " session(s) to " + out + ".";
  });
}

bool ResultsController::start_erase(const std::string& db_path, const std::string& who) {
  return start("Erasing " + who, [db_path, who] {
    auto db = store::Store::open(db_path);
    auto r = db.erase_participant(who);
    return store::erase_message(r);
  });
}

std::string ResultsController::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return {};
  job_label_.clear();
  return job_.get();
}

}  // namespace auditsim::ui
