// `auditsim host FILE`: runs a room that councillors join from their own devices, without the
// desktop program (a facilitator on a machine with no display, and the tests). The first line
// printed is the join address and the room code; the facilitator's commands come on standard
// input (cli/host_console.hpp). Every decision is recorded as the desktop room records it
// (host::Host and SessionRecorder), committed before it is printed as recorded. `--resume`
// opens the same room again after a crash, from the file it is written down in.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/host_console.hpp"
#include "cli/scenario_io.hpp"
#include "cli/store_access.hpp"
#include "host/host.hpp"
#include "host/room_file.hpp"
#include "sim/settings.hpp"
#include "sim/recording.hpp"

namespace auditsim::cli {
namespace {

struct HostCommandOptions {
  std::string file;
  std::string bind;
  int port = 0;
  int teams = 0;
  bool allow_part_b = false;
  bool resume = false;
  std::string event, facilitator;
};

// One room per results database at a time (per event on a results server): host/room_file.hpp.
std::string room_file_path(const GlobalOptions& global, const std::string& event) {
  return host::room_file_path(db_path(global), default_settings_path(), event);
}

// Teams named as the printed pack names them: Team 1, Team 2, ...
std::vector<std::string> team_names(int n) {
  std::vector<std::string> out;
  for (int i = 1; i <= n; ++i) out.push_back("Team " + std::to_string(i));
  return out;
}

bool add_new_teams(host::Host& h, const HostCommandOptions& o, const ScenarioPtr& sc,
                   const Clock& clock, store::Store& db) {
  std::vector<std::string> names = o.teams > 0 ? team_names(o.teams) : std::vector<std::string>{""};
  for (const std::string& n : names) {
    RecordingSetup setup;
    setup.mode = n.empty() ? store::Mode::Group : store::Mode::Teams;
    setup.event_kind = store::EventKind::TrainingEvening;
    setup.team = n;
    setup.facilitator = o.facilitator;
    // The teams of one evening are reported together under their event.
    setup.event_name = !o.event.empty() ? o.event
                       : n.empty()     ? std::string()
                                       : "Training evening " + today_iso_date();
    host::HostTeam t;
    t.name = n;
    t.session = std::make_unique<Session>(sc, clock);
    t.recorder = std::make_unique<SessionRecorder>(db, *t.session, setup);
    h.add_team(std::move(t));
  }
  return true;
}

// The teams of the interrupted room, each session restored where its record stops.
bool add_resumed_teams(host::Host& h, const host::RoomFile& f, const Clock& clock,
                       store::Store& db) {
  for (const host::RoomFile::Team& team : f.teams) {
    std::string error;
    std::unique_ptr<RestoredSession> r = restore_session(db, team.session_id, clock, &error);
    if (!r) {
      std::cerr << "auditsim: " << error << "\n";
      return false;
    }
    host::HostTeam t;
    t.name = team.name;
    const size_t recorded = r->session->history().size();
    t.session = std::move(r->session);
    t.recorder = std::make_unique<SessionRecorder>(db, r->record.summary.id, recorded);
    if (!t.session->finished()) db.set_status(r->record.summary.id, store::Status::Active);
    h.add_team(std::move(t));
  }
  host::restore_devices(h, f);
  return true;
}

int run_host(HostCommandOptions o, const GlobalOptions& global) {
  const std::string room_file = room_file_path(global, o.event);
  std::error_code ec;
  const bool interrupted = std::filesystem::exists(std::filesystem::symlink_status(room_file, ec));
  host::RoomFile saved;
  ScenarioPtr scenario;
  if (o.resume) {
    std::string error;
    switch (host::read_room_file(room_file, &saved, &error)) {
      case host::RoomFileRead::Absent:
        std::cerr << "auditsim: no room was interrupted on this database (" << room_file
                  << " is not there): start one with `auditsim host FILE`\n";
        return kExitUsage;
      case host::RoomFileRead::Refused:
        std::cerr << "auditsim: " << error << " Remove " << room_file
                  << " and start a new room with `auditsim host FILE`.\n";
        return kExitUsage;
      case host::RoomFileRead::Ok: break;
    }
  } else {
    if (o.file.empty()) {
      std::cerr << "auditsim: host needs a scenario FILE, or --resume\n";
      return kExitUsage;
    }
    if (interrupted) {
      std::cerr << "auditsim: a room on this database was interrupted (" << room_file
                << "): carry it on with `auditsim host --resume`, or remove that file to start "
                   "afresh\n";
      return kExitUsage;
    }
    LoadedScenario loaded = load_for_command(o.file);
    if (!loaded.scenario) return loaded.exit_code;
    scenario = loaded.scenario;
  }
  std::optional<store::Store> db = open_store(global);
  if (!db) return kExitUsage;

  SteadyClock clock;
  host::HostOptions options;
  options.bind = o.bind;
  options.port = o.port;
  options.allow_part_b = o.allow_part_b;
  if (o.resume) host::resume_options(saved, &options);
  options.room_file = room_file;
  std::unique_ptr<host::Host> h;
  try {
    if (o.resume) {
      // The host's scenario is only a fallback for undoing a failed write: any team's will do.
      std::string error;
      auto first = restore_session(*db, saved.teams.at(0).session_id, clock, &error);
      if (!first) {
        std::cerr << "auditsim: " << error << "\n";
        return kExitProblems;
      }
      h = std::make_unique<host::Host>(first->scenario, clock, &*db, options);
      if (!add_resumed_teams(*h, saved, clock, *db)) return kExitProblems;
    } else {
      h = std::make_unique<host::Host>(scenario, clock, &*db, options);
      add_new_teams(*h, o, scenario, clock, *db);
    }
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return kExitUsage;
  }

  std::mutex print;
  h->set_log([&print](const std::string& line) {
    std::lock_guard lock(print);
    std::cerr << line << std::endl;
  });
  std::string error;
  if (!h->start(&error)) {
    std::cerr << "auditsim: " << error << "\n";
    return kExitUsage;
  }
  {
    std::lock_guard lock(print);
    // The first line, for the room's screen and for scripts: the address and the code.
    std::cout << "Join at " << h->join_url() << " with room code " << h->code() << std::endl;
    for (const std::string& n : h->team_names())
      std::cout << (o.resume ? "Resuming " : "Recording ") << (n.empty() ? "the group" : n)
                << " as session " << h->session_id(n).substr(0, 8) << "\n";
    std::cout << "Type help for the facilitator's commands." << std::endl;
  }

  // Timers run on while the facilitator types: a stage that times out moves on by itself. A
  // command and a tick never run at once (`work`), so a command reads a story standing still;
  // the log takes only `print`, which is never held while waiting for the host.
  std::mutex work;
  std::condition_variable tick_cv;
  bool stopping = false;
  std::thread ticker([&] {
    std::unique_lock lock(work);
    while (!tick_cv.wait_for(lock, std::chrono::milliseconds(500), [&] { return stopping; }))
      h->tick();
  });

  for (std::string line; std::getline(std::cin, line);) {
    std::lock_guard lock(work);
    bool go_on = host_command(*h, line, std::cout, std::cerr);
    std::cout.flush();
    if (!go_on) break;
  }
  {
    std::lock_guard lock(work);
    stopping = true;
  }
  tick_cv.notify_all();
  ticker.join();
  h->stop();
  // Ended on purpose: nothing is left to resume the room from; an unfinished story can still be
  // carried on in the terminal with `auditsim resume ID`.
  std::filesystem::remove(room_file, ec);
  for (const std::string& n : h->team_names()) {
    const Session* s = h->session(n);
    std::cout << (n.empty() ? "The group" : n) << ": " << s->effective_decisions().size()
              << " decisions recorded in session " << h->session_id(n).substr(0, 8)
              << (s->finished() ? ", finished" : ", not finished") << "\n";
    if (!s->finished()) db->set_status(h->session_id(n), store::Status::Abandoned);
  }
  return kExitOk;
}

}  // namespace

void add_host_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opts = std::make_shared<HostCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "host",
      "Run a room councillors join from their own devices, without the desktop program. Prints\n"
      "the join address and room code first, then takes the facilitator's commands on standard\n"
      "input (help lists them). Every decision is recorded with the devices' votes (--db).");
  cmd->add_option("file", opts->file, "Scenario file (not with --resume)");
  cmd->add_option("--bind", opts->bind,
                  "Address to listen on (default: this computer's LAN address; 127.0.0.1 for "
                  "this computer only)");
  cmd->add_option("--port", opts->port, "Port (default: any free one)")->check(CLI::Range(0, 65535));
  cmd->add_option("--teams", opts->teams, "Number of teams (tables), each with its own story")
      ->check(CLI::Range(0, 20));
  cmd->add_flag("--allow-part-b", opts->allow_part_b,
                "Let devices show a Part B scenario's text for this session");
  cmd->add_option("--event", opts->event, "Event the sessions belong to (created when new)");
  cmd->add_option("--facilitator", opts->facilitator, "Facilitator of a new event");
  cmd->add_flag("--resume", opts->resume,
                "Open the room that was interrupted (same code, address, devices and stages)");
  cmd->callback([opts, &global, &exit_code] { exit_code = run_host(*opts, global); });
}

}  // namespace auditsim::cli
