// Shared by the `auditsim audit` subcommands (cmd_audit.cpp writes, cmd_audit_show.cpp shows).
#pragma once

#include <string>

#include "cli/commands.hpp"
#include "sim/settings.hpp"
#include "sim/store/error.hpp"

namespace auditsim::cli {

// Prints a store failure and gives the exit code: 2 for what the store refused (an unknown key
// action, a false date, a blank reason), 1 for what is not there or could not be read.
int audit_failure(const store::StoreError& e);

// Prints "auditsim: MESSAGE" and gives the exit code of a bad argument (2).
int audit_usage(const std::string& message);

// The desktop program's settings (the opinion's levels, the exercise rating's scale), or the
// defaults when the file is missing or bad, as the reports read them.
Settings audit_settings();

// `audit scope`, `audit final`, `audit draft` and `audit action` (cmd_audit_scope.cpp).
void add_audit_scope_commands(CLI::App& audit, const GlobalOptions& global, int& exit_code);
// `audit show` (cmd_audit_show.cpp).
void add_audit_show_command(CLI::App& audit, const GlobalOptions& global, int& exit_code);

}  // namespace auditsim::cli
