// The Results screen's controller: recorded sessions grouped by event, and the long operations
// (import, export, erase) run on a worker thread with their own database connection so the
// frame never waits for them.
#pragma once

#include <atomic>
#include <functional>
#include <future>
#include <string>
#include <vector>

#include "sim/store/store.hpp"
#include "ui/controllers/front_sheet.hpp"

namespace auditsim::ui {

// Sessions of one event (or of no event), newest first.
struct EventGroup {
  std::string event_id;
  std::string title;  // event name, or "Individual play"
  std::vector<int> sessions;  // indices into ResultsController::sessions()
};

// What the session list is narrowed to. Text matches, ignoring case, any of the event's name,
// the scenario's title or id, a participant's name or the team; dates (YYYY-MM-DD, either may
// be empty) bound the day a session started, inclusive.
struct ResultsFilter {
  std::string text;
  std::string from;
  std::string to;
  bool operator==(const ResultsFilter&) const = default;
};

// Whether one session passes a filter (exposed for tests).
bool session_matches(const store::SessionSummary& s, const ResultsFilter& f);

class ResultsController {
 public:
  ~ResultsController();
  // Re-reads the session list; errors are returned in plain words (empty when fine).
  std::string refresh(store::Store& db);
  const std::vector<store::SessionSummary>& sessions() const { return sessions_; }
  const std::vector<store::Event>& events() const { return events_; }
  // The sessions passing the filter, grouped by event; recomputed only when the list or the
  // filter changes, so the screen can ask every frame.
  const std::vector<EventGroup>& groups();
  ResultsFilter filter;
  size_t shown_count();  // sessions in groups()
  int selected = -1;  // index into sessions()
  std::string path_input;   // file typed for import / export
  std::string erase_input;  // participant name or id typed for erasure
  std::string overview_event;  // the event whose charts are shown; empty: the session list
  int report_kind = 0;         // 0 the selected session, 1 its event, 2 open actions
  FrontSheetEditor front_sheet;  // the scrutiny report's front sheet, for the event shown

  // Long operations on the database at `db_path`; one at a time.
  bool start_import(const std::string& db_path, const std::string& other);
  bool start_export(const std::string& db_path, const std::string& event, const std::string& out);
  bool start_erase(const std::string& db_path, const std::string& who);
  bool busy() const { return job_.valid(); }
  const std::string& job_label() const { return job_label_; }
  // When a job has finished: its outcome message (prefixed "Error: " on failure); else empty.
  std::string poll();

 private:
  bool start(std::string label, std::function<std::string()> fn);
  std::vector<store::SessionSummary> sessions_;
  std::vector<store::Event> events_;
  std::vector<EventGroup> groups_;
  ResultsFilter grouped_by_;
  bool groups_stale_ = true;
  std::future<std::string> job_;
  std::string job_label_;
};

}  // namespace auditsim::ui
