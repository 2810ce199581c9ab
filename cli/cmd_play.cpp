// `auditsim play FILE`: plays a scenario in the terminal, interactively or scripted, recording
// every decision in the results database.
#include <iostream>
#include <memory>

#include "sim/dates.hpp"
#include "sim/engine.hpp"
#include "sim/recording.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/play_driver.hpp"
#include "cli/scenario_io.hpp"
#include "cli/store_access.hpp"

namespace auditsim::cli {
namespace {

struct PlayOptions {
  std::string file;
  std::string audience;
  DriveOptions drive;
  bool no_record = false;
  std::string event, event_date, event_kind, facilitator, mode = "solo", team;
  std::vector<std::string> participants;  // NAME[:member|staff]
};

// Turns the command-line options into a recording set-up; throws CLI::ValidationError.
RecordingSetup recording_setup(const PlayOptions& o) {
  RecordingSetup setup;
  setup.event_name = o.event;
  setup.event_date = o.event_date;
  setup.facilitator = o.facilitator;
  setup.team = o.team;
  auto mode = store::parse_mode(o.mode);
  if (!mode) throw CLI::ValidationError("--mode", "must be solo, group or teams");
  setup.mode = *mode;
  if (!o.event_date.empty() && !is_iso_date(o.event_date))
    throw CLI::ValidationError("--event-date", not_a_date_message("the date", o.event_date));
  // The teams of one evening are reported together under their event, each by name.
  if (setup.mode == store::Mode::Teams && (o.event.empty() || o.team.empty()))
    throw CLI::ValidationError("--mode teams",
                               "takes the evening's --event NAME and this team's --team NAME");
  if (o.event_kind.empty()) {
    setup.event_kind = setup.mode == store::Mode::Solo ? store::EventKind::ELearning
                                                       : store::EventKind::TrainingEvening;
  } else if (auto k = store::parse_event_kind(o.event_kind)) {
    setup.event_kind = *k;
  } else {
    throw CLI::ValidationError("--event-kind",
                               "must be training-evening, desktop-audit or e-learning");
  }
  for (const std::string& p : o.participants) {
    RecordingSetup::Person person;
    size_t colon = p.rfind(':');
    person.name = p.substr(0, colon);
    if (colon != std::string::npos) {
      auto role = store::parse_role(p.substr(colon + 1));
      if (!role) throw CLI::ValidationError("--participant", "role must be member or staff");
      person.role = *role;
    }
    if (person.name.empty()) throw CLI::ValidationError("--participant", "a name is needed");
    setup.participants.push_back(person);
  }
  return setup;
}

int run_play(const PlayOptions& opts, const GlobalOptions& global) {
  RecordingSetup setup = recording_setup(opts);
  LoadedScenario loaded = load_for_command(opts.file);
  if (!loaded.scenario) return loaded.exit_code;

  SteadyClock steady;
  ManualClock manual;  // scripted play takes no time, so timers never run out
  const Clock& clock = is_scripted(opts.drive) ? static_cast<const Clock&>(manual) : steady;
  Session session(loaded.scenario, clock, parse_audience_option(opts.audience));
  if (opts.no_record) return drive_session(session, nullptr, opts.drive);

  std::optional<store::Store> db = open_store(global);
  if (!db) return kExitUsage;
  std::unique_ptr<SessionRecorder> recorder;
  try {
    recorder = std::make_unique<SessionRecorder>(*db, session, setup);
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return kExitUsage;
  }
  return drive_session(session, recorder.get(), opts.drive);
}

}  // namespace

void add_play_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opts = std::make_shared<PlayOptions>();
  CLI::App* cmd = app.add_subcommand(
      "play",
      "Play a scenario in the terminal: numbered choices on standard input, or scripted with\n"
      "--choose or --auto. Every decision is recorded in the results database (--db) before\n"
      "the next is shown. Prints the 4P result, findings and the exercise rating.");
  cmd->add_option("file", opts->file, "Scenario file")->required();
  cmd->add_option("--choose", opts->drive.choose, "Comma-separated choice ids to take in order");
  cmd->add_option("--auto", opts->drive.autoplay,
                  "Play automatically: best, worst or random:SEED");
  cmd->add_flag("--json", opts->drive.json, "Print the result as JSON");
  cmd->add_option("--audience", opts->audience, "Play as members or staff");
  cmd->add_option("--event", opts->event, "Event the session belongs to (created when new)");
  cmd->add_option("--event-date", opts->event_date, "Date of a new event (default: today)");
  cmd->add_option("--event-kind", opts->event_kind,
                  "Kind of a new event: training-evening, desktop-audit or e-learning");
  cmd->add_option("--participant", opts->participants,
                  "NAME[:member|staff], repeatable (default role: member)");
  cmd->add_option("--mode", opts->mode, "solo, group or teams (default solo)");
  cmd->add_option("--team", opts->team, "Team name in teams mode");
  cmd->add_option("--facilitator", opts->facilitator, "Facilitator of a new event");
  cmd->add_flag("--no-record", opts->no_record, "Play in memory only; record nothing");
  cmd->callback([opts, &global, &exit_code] { exit_code = run_play(*opts, global); });
}

}  // namespace auditsim::cli
