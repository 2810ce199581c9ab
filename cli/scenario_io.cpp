#include "cli/scenario_io.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "sim/load.hpp"
#include "cli/cli.hpp"

namespace auditsim::cli {

LoadedScenario load_for_command(const std::string& path) {
  LoadResult r = load_and_check(path);
  bool io = false;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.severity != Severity::Error) continue;
    if (d.code == "io-error") io = true;
    std::cerr << format_diagnostic(d) << "\n";
  }
  if (!r.ok()) {
    std::cerr << "auditsim: " << path << " cannot be played until these errors are fixed"
              << " (run `auditsim validate " << path << "` for details)\n";
    return {nullptr, io ? kExitUsage : kExitProblems};
  }
  return {r.scenario, kExitOk};
}

std::optional<Audience> parse_audience_option(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (auto a = parse_audience(text)) return a;
  throw CLI::ValidationError("--audience", "must be `members` or `staff`, not `" + text + "`");
}

}  // namespace auditsim::cli
