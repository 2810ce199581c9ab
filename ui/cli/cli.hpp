// The command-line interface: parses arguments and dispatches to one subcommand per file.
#pragma once

namespace auditsim::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;  // the input has errors (validate), a check failed, ...
inline constexpr int kExitUsage = 2;     // bad arguments or an I/O failure

int run(int argc, char** argv);

}  // namespace auditsim::cli
