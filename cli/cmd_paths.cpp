// `auditsim paths FILE`: every complete path with its 4P totals, the best and worst paths and
// the maximum per pillar, so authors can see whether their scoring is fair.
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "reports/render_text.hpp"
#include "sim/analysis.hpp"
#include "sim/to_json.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_io.hpp"

namespace auditsim::cli {
namespace {

struct PathsOptions {
  std::string file;
  std::string audience;
  size_t limit = 1000;
  bool json = false;
};

void print_path(const Scenario& s, const char* label, const ScoredPath& p) {
  std::cout << label << " (" << p.choices.size() << " decisions, total " << p.score.total()
            << ": " << reports::text::score_text(p.score) << ")\n  ";
  for (size_t i = 0; i < p.choices.size(); ++i) std::cout << (i ? " > " : "") << p.choices[i];
  const Node& end = s.nodes[p.ending];
  std::cout << "\n  ends at " << end.id << " (" << outcome_key(end.ending->outcome) << ")\n";
}

void print_text(const Scenario& s, const Analysis& a, const PathsOptions& opts) {
  std::cout << s.title << " [" << s.id << "]\n\nMaximum per pillar:";
  for (Pillar p : kPillars) std::cout << "  " << pillar_name(p) << " " << a.max[p];
  std::cout << "\nMinimum per pillar:";
  for (Pillar p : kPillars) std::cout << "  " << pillar_name(p) << " " << a.min[p];
  std::cout << "\nComplete paths: " << a.path_count << (a.path_count_truncated ? "+" : "")
            << "\nReachable endings:";
  for (int e : a.reachable_endings) std::cout << " " << s.nodes[e].id;
  std::cout << "\n\n";
  if (a.best) print_path(s, "Best path", *a.best);
  if (a.worst) print_path(s, "Worst path", *a.worst);
  std::cout << "\n";
  if (!a.paths.empty() && opts.limit > 0)
    std::cout << "    #  total  [pursue prevent protect prepare]  ending  choices\n";
  size_t n = 0;
  for (const ScoredPath& p : a.paths) {
    if (n++ >= opts.limit) break;
    std::cout << std::setw(5) << n << "  " << std::setw(4) << p.score.total() << "  [";
    for (Pillar pl : kPillars) std::cout << (pl == Pillar::Pursue ? "" : " ") << std::setw(3) << p.score[pl];
    std::cout << "]  " << s.nodes[p.ending].id << "  ";
    for (size_t i = 0; i < p.choices.size(); ++i) std::cout << (i ? "," : "") << p.choices[i];
    std::cout << "\n";
  }
  if (a.paths_truncated || n < a.paths.size())
    std::cout << "(listing stopped after " << std::min(n, a.paths.size())
              << " paths; use --limit or --json)\n";
  if (a.state_limit_hit)
    std::cout << "warning: too many distinct states to analyse exactly; figures are partial\n";
}

int run_paths(const PathsOptions& opts) {
  LoadedScenario loaded = load_for_command(opts.file);
  if (!loaded.scenario) return loaded.exit_code;
  const Scenario& s = *loaded.scenario;

  AnalysisOptions ao;
  ao.audience = parse_audience_option(opts.audience);
  ao.max_paths_listed = opts.limit;
  Analysis a = analyse(s, ao);

  if (!opts.json) {
    print_text(s, a, opts);
    return kExitOk;
  }
  nlohmann::json paths = nlohmann::json::array();
  for (const ScoredPath& p : a.paths) paths.push_back(path_to_json(s, p));
  nlohmann::json endings = nlohmann::json::array();
  for (int e : a.reachable_endings) endings.push_back(s.nodes[e].id);
  nlohmann::json j{{"scenario", s.id},
                   {"max", score_to_json(a.max)},
                   {"min", score_to_json(a.min)},
                   {"path_count", a.path_count},
                   {"truncated", a.path_count_truncated || a.paths_truncated},
                   {"path_count_truncated", a.path_count_truncated},
                   {"paths_truncated", a.paths_truncated},
                   {"state_limit_hit", a.state_limit_hit},
                   {"reachable_endings", endings},
                   {"paths", paths}};
  j["best"] = a.best ? path_to_json(s, *a.best) : nlohmann::json(nullptr);
  j["worst"] = a.worst ? path_to_json(s, *a.worst) : nlohmann::json(nullptr);
  if (ao.audience) j["audience"] = audience_key(*ao.audience);
  std::cout << j.dump(2) << "\n";
  return kExitOk;
}

}  // namespace

void add_paths_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<PathsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "paths",
      "List every complete path through a scenario with its 4P totals, the best and worst\n"
      "paths and the maximum achievable per pillar.");
  cmd->add_option("file", opts->file, "Scenario file")->required();
  cmd->add_option("--audience", opts->audience,
                  "Only choices offered to this audience (members or staff)");
  cmd->add_option("--limit", opts->limit, "Paths to list (default 1000)");
  cmd->add_flag("--json", opts->json, "Print JSON: max, path_count, truncated, paths, best, worst");
  cmd->callback([opts, &exit_code] { exit_code = run_paths(*opts); });
}

}  // namespace auditsim::cli
