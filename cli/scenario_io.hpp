// Loading a scenario for a command: prints problems to stderr and gives back a usable scenario,
// or null (the caller exits with the code it is given).
#pragma once

#include <optional>
#include <string>

#include "sim/model.hpp"

namespace auditsim::cli {

struct LoadedScenario {
  ScenarioPtr scenario;  // null when it could not be used
  int exit_code = 0;     // kExitUsage for I/O failure, kExitProblems for content errors
};

// Loads and checks; errors are printed as diagnostics, warnings are not (validate shows them).
LoadedScenario load_for_command(const std::string& path);

// Parses "members" / "staff"; throws CLI::ValidationError otherwise. Empty means no filter.
std::optional<Audience> parse_audience_option(const std::string& text);

}  // namespace auditsim::cli
