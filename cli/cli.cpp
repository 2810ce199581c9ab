#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/terminal_safe.hpp"
#include "sim/install_paths.hpp"

namespace auditsim::cli {

int run(int argc, char** argv, const DesktopLauncher& open_desktop) {
  const TerminalGuard terminal;  // nothing another person wrote reaches the terminal raw
  CLI::App app{
      "auditsim: desktop-audit scenarios for UK councils, scored against the 4P model\n"
      "(Pursue, Prevent, Protect, Prepare) and recorded for audit and scrutiny reports.\n"
      "With no command, opens the desktop program."};
  app.require_subcommand(0, 1);
  app.fallthrough();
  // The second line tells council IT where this copy reads its shipped scenarios from.
  app.set_version_flag("--version", [] {
    return std::string("auditsim ") + AUDITSIM_VERSION + "\nshipped scenarios: " +
           shipped_scenarios_folder();
  });

  GlobalOptions global;
  app.add_option("--db", global.db_path,
                 "Results database: a file (default: $XDG_DATA_HOME/auditsim/results.db) or a\n"
                 "postgresql://ROLE@HOST/DATABASE address of the council's shared store");

  // Options of the desktop program (used when no command is given).
  std::string open_scenario, screenshot;
  int frames = 0;
  std::vector<std::string> clicks;
  bool presenter = false;
  app.add_option("--open", open_scenario, "Desktop: start a solo session on this scenario file");
  app.add_option("--frames", frames, "Desktop: exit after this many frames (scripted runs)");
  app.add_option("--screenshot", screenshot, "Desktop: write the last frame as a PNG file");
  app.add_option("--click", clicks, "Desktop: click the button with this label (repeatable)");
  app.add_flag("--presenter", presenter, "Desktop: start in presenter mode (the room view, F11)");

  int exit_code = kExitOk;
  add_validate_command(app, exit_code);
  add_paths_command(app, exit_code);
  add_test_command(app, exit_code);
  add_balance_command(app, exit_code);
  add_play_command(app, global, exit_code);
  add_resume_command(app, global, exit_code);
  add_sessions_commands(app, global, exit_code);
  add_database_commands(app, global, exit_code);
  add_event_commands(app, global, exit_code);
  add_lrs_commands(app, global, exit_code);
  add_report_command(app, global, exit_code);
  add_pack_command(app, exit_code);
  add_host_command(app, global, exit_code);
  add_override_command(app, global, exit_code);
  add_audit_commands(app, global, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help and version through this path with exit code 0.
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  } catch (const std::exception& e) {
    std::cerr << "auditsim: " << e.what() << "\n";
    return kExitUsage;
  }
  if (app.get_subcommands().empty()) {
    if (!open_desktop) {
      std::cout << app.help();
      return kExitOk;
    }
    DesktopRequest request;
    request.open_scenario = open_scenario;
    request.frames = frames;
    request.screenshot = screenshot;
    request.db_path = global.db_path;
    request.clicks = clicks;
    request.presenter = presenter;
    return open_desktop(request);
  }
  return exit_code;
}

}  // namespace auditsim::cli
