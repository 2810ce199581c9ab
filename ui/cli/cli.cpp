#include "ui/cli/cli.hpp"

#include <CLI/CLI.hpp>

namespace auditsim::cli {

int run(int argc, char** argv) {
  CLI::App app{"auditsim: desktop-audit scenarios scored against the 4P model"};
  app.require_subcommand(0, 1);
  CLI11_PARSE(app, argc, argv);
  return kExitOk;
}

}  // namespace auditsim::cli
