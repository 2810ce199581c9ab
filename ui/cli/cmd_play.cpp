// `auditsim play FILE`: plays a scenario in the terminal, interactively or scripted.
#include <iostream>
#include <memory>
#include <random>
#include <sstream>

#include "sim/analysis.hpp"
#include "sim/engine.hpp"
#include "sim/json_io.hpp"
#include "sim/scoring.hpp"
#include "ui/cli/cli.hpp"
#include "ui/cli/commands.hpp"
#include "ui/cli/scenario_io.hpp"
#include "ui/cli/terminal_play.hpp"

namespace auditsim::cli {
namespace {

struct PlayOptions {
  std::string file;
  std::string choose;  // comma-separated choice ids
  std::string autoplay;  // best | worst | random:SEED
  std::string audience;
  bool json = false;
};

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> ids;
  std::stringstream ss(text);
  std::string id;
  while (std::getline(ss, id, ',')) {
    if (!id.empty()) ids.push_back(id);
  }
  return ids;
}

// Plays the given choice ids in order; stops with a message at the first one not available.
bool play_ids(Session& session, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    session.tick();
    if (session.finished()) {
      std::cerr << "auditsim: the scenario ended before `" << id << "`\n";
      return false;
    }
    if (!session.choose(id)) {
      std::cerr << "auditsim: `" << id << "` is not available at node `"
                << session.current_node().id << "`; available:";
      for (int c : session.available_choices())
        std::cerr << " " << session.current_node().choices[c].id;
      std::cerr << "\n";
      return false;
    }
    while (!session.pending_injects().empty())
      session.acknowledge_inject(session.pending_injects().front().inject);
  }
  return true;
}

// Picks uniformly among the available choices until an ending.
void play_random(Session& session, uint64_t seed) {
  std::mt19937_64 rng(seed);
  while (!session.finished()) {
    std::vector<int> available = session.available_choices();
    if (available.empty()) return;
    std::uniform_int_distribution<size_t> pick(0, available.size() - 1);
    session.choose(available[pick(rng)]);
    while (!session.pending_injects().empty())
      session.acknowledge_inject(session.pending_injects().front().inject);
  }
}

int run_play(const PlayOptions& opts) {
  LoadedScenario loaded = load_for_command(opts.file);
  if (!loaded.scenario) return loaded.exit_code;
  std::optional<Audience> audience = parse_audience_option(opts.audience);

  const bool scripted = !opts.choose.empty() || !opts.autoplay.empty();
  SteadyClock steady;
  ManualClock manual;  // scripted play takes no time, so timers never run out
  const Clock& clock = scripted ? static_cast<const Clock&>(manual) : steady;
  Session session(loaded.scenario, clock, audience);

  bool completed = true;
  if (!opts.choose.empty()) {
    completed = play_ids(session, split_ids(opts.choose));
  } else if (opts.autoplay == "best" || opts.autoplay == "worst") {
    AnalysisOptions ao;
    ao.audience = audience;
    ao.max_paths_listed = 0;
    Analysis a = analyse(session.scenario(), ao);
    const auto& path = opts.autoplay == "best" ? a.best : a.worst;
    completed = path && play_ids(session, path->choices);
  } else if (opts.autoplay.rfind("random:", 0) == 0) {
    play_random(session, std::stoull(opts.autoplay.substr(7)));
  } else if (!opts.autoplay.empty()) {
    std::cerr << "auditsim: --auto must be best, worst or random:SEED\n";
    return kExitUsage;
  } else {
    completed = play_interactive(session, std::cin, std::cout, nullptr);
  }

  if (opts.json) {
    std::cout << result_to_json(session, score_session(session)).dump(2) << "\n";
  } else {
    if (scripted && session.finished()) {
      const Node& end = session.current_node();
      std::cout << session.scenario().title << "\nEnded at: " << end.title << " ("
                << outcome_key(end.ending->outcome) << ")\n";
    }
    print_result(session, std::cout);
  }
  if (scripted && !completed) return kExitProblems;
  return kExitOk;
}

}  // namespace

void add_play_command(CLI::App& app, const GlobalOptions& /*global*/, int& exit_code) {
  auto opts = std::make_shared<PlayOptions>();
  CLI::App* cmd = app.add_subcommand(
      "play",
      "Play a scenario in the terminal: numbered choices on standard input, or scripted with\n"
      "--choose or --auto. Prints the 4P result, findings and the assurance opinion.");
  cmd->add_option("file", opts->file, "Scenario file")->required();
  cmd->add_option("--choose", opts->choose, "Comma-separated choice ids to take in order");
  cmd->add_option("--auto", opts->autoplay, "Play automatically: best, worst or random:SEED");
  cmd->add_option("--audience", opts->audience, "Play as members or staff");
  cmd->add_flag("--json", opts->json, "Print the result as JSON");
  cmd->callback([opts, &exit_code] { exit_code = run_play(*opts); });
}

}  // namespace auditsim::cli
