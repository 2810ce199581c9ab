// The Results screen's view of a whole event: the scrutiny report model (reports/build.hpp),
// built on a worker thread with its own database connection and kept until the event, the part
// or the recorded sessions change. The screen draws charts from it; no SQL in the UI.
#pragma once

#include <array>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "reports/model.hpp"

namespace auditsim::ui {

// One team's (session's) 4P percentages, for the radar and the grouped bars.
struct TeamScores {
  std::string name;  // the team, or "Session N"; the scenario is added when an event has several
  std::array<double, kPillarCount> percent{};
  std::array<bool, kPillarCount> assessed{};
  std::string rating;
  int rating_level = 3;
};

// Each session of the report as a team's scores, in the report's order.
std::vector<TeamScores> team_scores(const reports::ScrutinyReport& r);

class EventOverview {
 public:
  ~EventOverview();

  // Starts building the overview of `event_id` unless it is already shown or being built with the
  // same settings part. Returns true when a build was started.
  bool request(const std::string& db_path, const std::string& event_id,
               const reports::ReportSettings& settings);
  // Takes a finished build; true when the overview changed.
  bool poll();
  // Forgets what is shown so the next request rebuilds (sessions were added, imported or erased).
  void invalidate();
  bool busy() const { return job_.valid(); }
  void wait();

  const std::string& event_id() const { return event_id_; }
  // The model once built (null before, or after an error).
  const reports::ScrutinyReport* report() const { return report_.get(); }
  const std::vector<TeamScores>& teams() const { return teams_; }
  const std::string& error() const { return error_; }

 private:
  struct Built {
    std::shared_ptr<reports::ScrutinyReport> report;
    std::string error;
  };
  std::string key_;  // event id and part of what is shown or pending
  std::string event_id_;
  std::shared_ptr<reports::ScrutinyReport> report_;
  std::vector<TeamScores> teams_;
  std::string error_;
  std::future<Built> job_;
  std::string job_key_;
};

}  // namespace auditsim::ui
