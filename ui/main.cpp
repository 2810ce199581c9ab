// auditsim: with no arguments opens the desktop program; with a subcommand works headless.
#include "ui/cli/cli.hpp"

int main(int argc, char** argv) { return auditsim::cli::run(argc, argv); }
