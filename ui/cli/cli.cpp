#include "ui/cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "ui/cli/commands.hpp"

namespace auditsim::cli {

int run(int argc, char** argv) {
  CLI::App app{
      "auditsim: desktop-audit scenarios for UK councils, scored against the 4P model\n"
      "(Pursue, Prevent, Protect, Prepare) and recorded for audit and scrutiny reports.\n"
      "With no command, opens the desktop program."};
  app.require_subcommand(0, 1);
  app.fallthrough();
  app.set_version_flag("--version", "auditsim 0.1.0");

  GlobalOptions global;
  app.add_option("--db", global.db_path,
                 "Results database (default: $XDG_DATA_HOME/auditsim/results.db)");

  int exit_code = kExitOk;
  add_validate_command(app, exit_code);
  add_paths_command(app, exit_code);
  add_play_command(app, global, exit_code);
  add_resume_command(app, global, exit_code);
  add_sessions_commands(app, global, exit_code);
  add_database_commands(app, global, exit_code);

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
    std::cout << app.help();
    return kExitOk;
  }
  return exit_code;
}

}  // namespace auditsim::cli
