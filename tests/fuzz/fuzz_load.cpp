// Fuzzes the whole path a scenario file takes: loading, every static check, the exact analysis
// and the best continuation. Bad input must come back as diagnostics, never a crash or a hang.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/check.hpp"
#include "sim/load.hpp"

using namespace auditsim;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  LoadLimits limits;
  limits.max_file_bytes = 256 * 1024;
  limits.max_nodes = 100'000;
  const std::string text(reinterpret_cast<const char*>(data), size);
  // A folder that does not exist, so evidence files never read anything real.
  const LoadResult r = load_scenario_text(text, "/nonexistent-fuzz-folder/fuzz.yaml", limits);
  // Every position must point into the text (line 0 means the whole file).
  const auto lines = 1 + std::count(text.begin(), text.end(), '\n');
  auto check_diagnostics = [&](const std::vector<Diagnostic>& ds) {
    for (const auto& d : ds) {
      if (d.code.empty() || d.message.empty()) std::abort();
      if (d.line < 0 || d.line > lines || d.col < 0 || (d.line > 0 && d.col == 0)) std::abort();
    }
  };
  check_diagnostics(r.diagnostics);
  if (!r.scenario) return 0;
  const Scenario& s = *r.scenario;
  const auto checks = check_scenario(s);
  check_diagnostics(checks);
  bool looped = false;
  for (const auto& d : checks) looped = looped || d.code == "cycle";
  AnalysisOptions opts;
  opts.max_states = 20'000;
  opts.max_paths_listed = 20;
  const Analysis a = analyse(s, opts);
  if (a.best && a.best->score.total() < a.worst->score.total()) std::abort();
  // Within the limit the continuation explores the same states, so it must agree.
  if (!a.state_limit_hit && s.start >= 0 && static_cast<size_t>(s.start) < s.nodes.size()) {
    Continuations cont(s);
    const int64_t best = cont.best_total(initial_state(s));
    if (a.best && !looped && best != a.best->score.total()) std::abort();
  }
  return 0;
}
