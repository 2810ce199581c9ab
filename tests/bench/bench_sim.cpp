// Figures for the core: load + check, analysis, one engine step, and `auditsim validate`.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>

#include "sim/analysis.hpp"
#include "sim/check.hpp"
#include "sim/engine.hpp"
#include "sim/load.hpp"
#include "tests/support/synthetic.hpp"
#include "tests/bench/bench.hpp"

extern char** environ;

namespace auditsim::bench {
namespace {

// Runs a command and waits for it; returns wall-clock milliseconds.
double time_process(std::vector<std::string> args) {
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  auto t0 = BenchClock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  double ms = elapsed_ms(t0);
  posix_spawn_file_actions_destroy(&actions);
  return ms;
}

}  // namespace

void bench_sim() {
  constexpr int kDecisions = 5000;
  section("Core engine (synthetic scenario: 5,000 decisions, 3 choices each)");
  const std::string yaml = make_synthetic_scenario_yaml(kDecisions, 42);
  std::filesystem::path file = std::filesystem::temp_directory_path() / "auditsim-bench-5000.yaml";
  std::ofstream(file) << yaml;
  report("scenario size", yaml.size() / 1024.0, "KiB");

  ScenarioPtr scenario;
  auto load_check = time_runs(5, [&] {
    LoadResult r = load_and_check(file.string());
    scenario = r.scenario;
  });
  report("load + full check (median of 5)", quantile(load_check, 0.5), "ms", "<= 400 ms");
  if (!scenario) {
    std::printf("  synthetic scenario failed to load; remaining figures skipped\n");
    return;
  }

  Analysis analysis;
  AnalysisOptions no_listing;
  no_listing.max_paths_listed = 0;
  auto analyse_ms = time_runs(5, [&] { analysis = analyse(*scenario, no_listing); });
  report("maximum-score analysis (median of 5)", quantile(analyse_ms, 0.5), "ms", "<= 50 ms");
  report("  states explored", static_cast<double>(analysis.states_explored), "");

  // One step = choose + apply. Steps are timed in batches along random playthroughs, since a
  // single step is far below the clock's resolution.
  ManualClock clock;
  std::vector<double> per_step_us;
  uint64_t pick = 12345;
  for (int round = 0; round < 200; ++round) {
    Session session(scenario, clock);
    std::vector<int> picks;
    int steps = 0;
    auto t0 = BenchClock::now();
    while (!session.finished()) {
      std::vector<int> available = session.available_choices();
      pick = pick * 6364136223846793005ULL + 1442695040888963407ULL;
      session.choose(available[(pick >> 33) % available.size()]);
      ++steps;
    }
    if (steps > 0) per_step_us.push_back(elapsed_ms(t0) * 1000.0 / steps);
  }
  report("engine step, choose + apply (median over 200 playthroughs)",
         quantile(per_step_us, 0.5), "us", "<= 1 us");

#ifdef AUDITSIM_BINARY
  auto validate = time_runs(5, [] {
    time_process({AUDITSIM_BINARY, "validate", AUDITSIM_SCENARIOS_DIR});
  });
  report("`auditsim validate scenarios/`, whole process (median of 5)", quantile(validate, 0.5),
         "ms", "<= 100 ms");
#endif
  std::filesystem::remove(file);
}

}  // namespace auditsim::bench
