// `auditsim resume ID`: an interrupted session continues at the exact node, with its variables,
// history and timers, from the scenario exactly as it was when play began.
#include <iostream>
#include <memory>

#include "sim/recording.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/play_driver.hpp"
#include "cli/store_access.hpp"

namespace auditsim::cli {
namespace {

struct ResumeOptions {
  std::string id;
  DriveOptions drive;
};

int run_resume(const ResumeOptions& opts, const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    SteadyClock steady;
    ManualClock manual;
    const Clock& clock = is_scripted(opts.drive) ? static_cast<const Clock&>(manual) : steady;
    std::string error;
    std::unique_ptr<RestoredSession> restored = restore_session(*db, opts.id, clock, &error);
    if (!restored) {
      std::cerr << "auditsim: " << error << "\n";
      return kExitProblems;
    }
    const store::SessionRecord* rec = &restored->record;
    if (rec->summary.status == store::Status::Finished) {
      std::cerr << "auditsim: session " << rec->summary.id.substr(0, 8)
                << " has already finished; `auditsim show` gives its record\n";
      return kExitProblems;
    }
    const ScenarioPtr& scenario = restored->scenario;
    std::unique_ptr<Session>& session = restored->session;
    SessionRecorder recorder(*db, rec->summary.id, session->history().size());
    db->set_status(rec->summary.id, store::Status::Active);
    if (!opts.drive.json)
      std::cout << "Resuming " << scenario->title << " at \"" << session->current_node().title
                << "\" after " << session->effective_decisions().size() << " decisions.\n";
    return drive_session(*session, &recorder, opts.drive);
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return kExitUsage;
  }
}

}  // namespace

void add_resume_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opts = std::make_shared<ResumeOptions>();
  CLI::App* cmd = app.add_subcommand(
      "resume", "Carry on an interrupted session where it stopped (same node, state and timers).");
  cmd->add_option("id", opts->id, "Session id (or its first 8 characters)")->required();
  cmd->add_option("--choose", opts->drive.choose, "Comma-separated choice ids to take in order");
  cmd->add_option("--auto", opts->drive.autoplay, "Continue automatically: best or random:SEED");
  cmd->add_flag("--json", opts->drive.json, "Print the result as JSON");
  cmd->callback([opts, &global, &exit_code] { exit_code = run_resume(*opts, global); });
}

}  // namespace auditsim::cli
