#include "ui/controllers/event_overview.hpp"

#include <set>

#include "reports/build.hpp"
#include "sim/store/store.hpp"

namespace auditsim::ui {

std::vector<TeamScores> team_scores(const reports::ScrutinyReport& r) {
  std::set<std::string> scenarios;
  for (const auto& f : r.appendix) scenarios.insert(f.scenario_title);
  std::vector<TeamScores> out;
  int n = 0;
  for (const reports::FeedbackReport& f : r.appendix) {
    TeamScores t;
    ++n;
    t.name = f.team.empty() ? "Session " + std::to_string(n) : f.team;
    if (scenarios.size() > 1) t.name += " \xC2\xB7 " + f.scenario_title;
    for (int p = 0; p < kPillarCount; ++p) {
      t.percent[p] = f.pillars[p].percent;
      t.assessed[p] = f.pillars[p].assessed;
    }
    t.rating = f.rating;
    t.rating_level = f.rating_level;
    out.push_back(std::move(t));
  }
  return out;
}

EventOverview::~EventOverview() { wait(); }

void EventOverview::wait() {
  if (job_.valid()) job_.wait();
}

bool EventOverview::request(const std::string& db_path, const std::string& event_id,
                            const reports::ReportSettings& settings) {
  const std::string key = event_id + (settings.part == reports::Part::B ? "|B" : "|A");
  if (key == key_ || (job_.valid() && key == job_key_)) return false;
  if (job_.valid()) return false;  // one build at a time; asked again next frame
  key_ = key;
  event_id_ = event_id;
  job_key_ = key;
  report_.reset();
  teams_.clear();
  error_.clear();
  reports::ReportSettings shown = settings;
  shown.decision_rows = false;  // the overview draws the sessions' scores and the distributions
  job_ = std::async(std::launch::async, [db_path, event_id, shown]() -> Built {
    Built b;
    try {
      auto db = store::Store::open(db_path);
      b.report = std::make_shared<reports::ScrutinyReport>(
          reports::build_scrutiny(db, {event_id, "", ""}, shown));
    } catch (const std::exception& e) {
      b.error = std::string("The event's results could not be read: ") + e.what();
    }
    return b;
  });
  return true;
}

bool EventOverview::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return false;
  Built b = job_.get();
  // A result for an event no longer asked for is dropped; the current one is requested again.
  if (job_key_ != key_) return false;
  report_ = std::move(b.report);
  error_ = std::move(b.error);
  teams_ = report_ ? team_scores(*report_) : std::vector<TeamScores>{};
  return true;
}

void EventOverview::invalidate() { key_.clear(); }

}  // namespace auditsim::ui
