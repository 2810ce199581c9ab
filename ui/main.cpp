// auditsim: with no arguments opens the desktop program; with a subcommand works headless.
// The executable is where the two front ends meet: the command line (cli/) never includes the
// desktop (ui/), it is handed a way to open it.
#include "cli/cli.hpp"

#ifdef AUDITSIM_HAVE_DESKTOP
#include "ui/app/desktop.hpp"
#endif

int main(int argc, char** argv) {
#ifdef AUDITSIM_HAVE_DESKTOP
  auto open_desktop = [](const auditsim::cli::DesktopRequest& r) {
    auditsim::desktop::DesktopOptions options;
    options.open_scenario = r.open_scenario;
    options.frames = r.frames;
    options.screenshot = r.screenshot;
    options.db_path = r.db_path;
    options.clicks = r.clicks;
    options.presenter = r.presenter;
    return auditsim::desktop::run(options);
  };
  return auditsim::cli::run(argc, argv, open_desktop);
#else
  return auditsim::cli::run(argc, argv);
#endif
}
