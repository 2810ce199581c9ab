// Shared by the report builders: a cache of scenarios rebuilt from snapshots, and the feedback
// model built from a session record already loaded.
#pragma once

#include <map>
#include <string>

#include "reports/model.hpp"
#include "sim/recording.hpp"
#include "sim/store/records.hpp"

namespace auditsim::reports {

// Scenarios rebuilt from stored snapshots, once per sha256 (a scrutiny report over thousands of
// sessions of one scenario parses it once).
class ScenarioCache {
 public:
  // Null when the stored copy no longer loads (the caller reports the session as unreadable).
  ScenarioPtr get(const store::Snapshot& snap) {
    auto it = cache_.find(snap.sha256);
    if (it != cache_.end()) return it->second;
    std::string error;
    ScenarioPtr s = scenario_from_snapshot(snap, &error);
    cache_.emplace(snap.sha256, s);
    return s;
  }

 private:
  std::map<std::string, ScenarioPtr> cache_;
};

// Replaces every occurrence of each person's name with their pseudonym: Part A free text.
std::string scrub(std::string text, const std::vector<store::Participant>& people);

FeedbackReport build_feedback_from_record(const store::SessionRecord& rec, ScenarioCache& cache,
                                          const ReportSettings& settings);

}  // namespace auditsim::reports
