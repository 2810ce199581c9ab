// Building report models from the results store. Each scenario is rebuilt from the snapshot
// stored when it was played, so reports stay exact after the file changes or is deleted.
#pragma once

#include <string>

#include "reports/model.hpp"
#include "sim/store/store.hpp"

namespace auditsim::reports {

// Which sessions a scrutiny report covers: one event, or every session started in a date range
// (inclusive, YYYY-MM-DD).
struct ScrutinySelection {
  std::string event;  // name or id
  std::string from, to;
};

// The audit feedback report for one session (id or unique prefix). Throws store::StoreError
// (NotFound) for an unknown session.
FeedbackReport build_feedback(store::Store& db, const std::string& session_id,
                              const ReportSettings& settings);

// The scrutiny report for an event or a date range. Throws store::StoreError (NotFound) when
// the selection holds no sessions.
ScrutinyReport build_scrutiny(store::Store& db, const ScrutinySelection& selection,
                              const ReportSettings& settings);

// Every improvement-plan action not yet done.
OpenActionsReport build_open_actions(store::Store& db, const ReportSettings& settings);

}  // namespace auditsim::reports
