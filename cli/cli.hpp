// The command-line interface: parses arguments and dispatches to one subcommand per file.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace auditsim::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;  // the input has errors (validate), a check failed, ...
inline constexpr int kExitUsage = 2;     // bad arguments or an I/O failure

// What the desktop program is asked to do when no subcommand is given (scripted runs and tests
// use these; a user just types `auditsim`).
struct DesktopRequest {
  std::string open_scenario;
  int frames = 0;
  std::string screenshot;
  std::string db_path;
  std::vector<std::string> clicks;
  bool presenter = false;  // start in presenter mode
};
// Opens the desktop program and returns its exit code. The command line does not depend on the
// desktop: the executable hands it this, or nothing when it is built without the desktop.
using DesktopLauncher = std::function<int(const DesktopRequest&)>;

int run(int argc, char** argv, const DesktopLauncher& open_desktop = nullptr);

}  // namespace auditsim::cli
