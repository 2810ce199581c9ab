// Printing a scenario's pack from the library: the facilitator's guide and the teams' handouts
// as a PDF (or Markdown), built and written on a worker thread. No ImGui here;
// screens/pack_dialog.cpp draws the form.
#pragma once

#include <future>
#include <string>

#include "reports/pack.hpp"
#include "sim/model.hpp"
#include "sim/settings.hpp"

namespace auditsim::ui {

class PackExporter {
 public:
  ~PackExporter();

  std::string scenario_path;  // the library entry the form is for; empty: the form is closed
  int audience = 0;           // 0 a mixed room, 1 members, 2 officers
  int teams = 0;              // 0: one set to photocopy; else one set per team
  int contents = 0;           // 0 guide and handouts, 1 guide only, 2 handouts only
  bool markdown = false;      // Markdown instead of PDF
  std::string path;           // typed or chosen; empty: the default path
  static constexpr int kMaxTeams = 30;

  // Opens the form for a scenario, with the defaults.
  void open_for(const std::string& scenario_path);
  void close() { scenario_path.clear(); }
  bool is_open() const { return !scenario_path.empty(); }

  // "<Documents>/<scenario>-pack.pdf".
  std::string default_path(const Settings& s, const Scenario& sc) const;
  reports::PackOptions options() const;

  // Starts writing the pack for `scenario` (shared, so the library may reload meanwhile);
  // false when a write is running. An existing file is never replaced.
  bool start(ScenarioPtr scenario, const Settings& s);
  bool busy() const { return job_.valid(); }
  // Waits for a running write to finish (tests); poll() then takes its result.
  void wait() {
    if (job_.valid()) job_.wait();
  }
  // Takes a finished job's result into `message`/`ok`; true when one finished.
  bool poll();
  std::string message;  // "Saved ..." or why not, in plain words
  bool ok = false;

 private:
  std::future<std::string> job_;  // empty string: saved; else the reason it was not
  std::string writing_;
};

// Builds, renders and writes a pack: the worker's job, callable directly in tests. Returns an
// empty string when written, else why not in plain words. Never replaces an existing file.
std::string write_pack(const Scenario& scenario, const reports::PackOptions& options,
                       const Settings& settings, bool markdown, const std::string& path);

}  // namespace auditsim::ui
