// Which sessions a scrutiny report or its streamed xAPI covers, and the Part A redactor for
// them: one choice, shared by every output over a selection.
#include <algorithm>
#include <set>

#include "reports/build.hpp"
#include "reports/build_internal.hpp"

namespace auditsim::reports {

std::vector<store::SessionSummary> select_sessions(store::Store& db, const ScrutinySelection& sel) {
  store::SessionFilter filter;
  filter.event = sel.event;
  filter.details = false;  // the builders read each record whole, with its decisions and people
  std::vector<store::SessionSummary> list = db.list_sessions(filter);
  std::erase_if(list, [&](const store::SessionSummary& s) {
    const std::string day = s.started_at.substr(0, 10);
    return !((sel.from.empty() || day >= sel.from) && (sel.to.empty() || day <= sel.to));
  });
  if (list.empty())
    throw store::StoreError(store::ErrorKind::NotFound,
                            "No recorded sessions match " +
                                (sel.event.empty() ? "the dates " + sel.from + " to " + sel.to
                                                   : "the event " + sel.event) +
                                ".");
  // Oldest first reads naturally in an appendix (and date_from/date_to rely on it). The store
  // lists them in that order already; sorting is only a safeguard.
  const auto older = [](const store::SessionSummary& a, const store::SessionSummary& b) {
    return a.started_at < b.started_at;
  };
  if (!std::is_sorted(list.begin(), list.end(), older)) std::stable_sort(list.begin(), list.end(), older);
  return list;
}

Redactor selection_redactor(store::Store& db, const std::vector<store::SessionSummary>& sessions) {
  std::set<std::string> event_ids;
  bool without_event = false;
  for (const store::SessionSummary& s : sessions) {
    if (s.event_id.empty()) without_event = true;
    else event_ids.insert(s.event_id);
  }
  return part_a_redactor(db, {event_ids.begin(), event_ids.end()}, without_event);
}

}  // namespace auditsim::reports
