// Each subcommand lives in its own file and registers itself on the application here.
// A command's callback stores its exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace auditsim::cli {

// Options every command can read (set on the top-level app, accepted after the subcommand too).
struct GlobalOptions {
  std::string db_path;  // --db; empty means the default location
};

void add_validate_command(CLI::App& app, int& exit_code);
void add_paths_command(CLI::App& app, int& exit_code);
// path tests written beside scenarios
void add_test_command(CLI::App& app, int& exit_code);
void add_balance_command(CLI::App& app, int& exit_code);
void add_play_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
void add_resume_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// sessions, show
void add_sessions_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);
// import, export, erase-participant, check-db
void add_database_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);
// override (a facilitator's score adjustment)
void add_override_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// event redact
void add_event_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);
// audit check, recommend, respond, opinion, scope, final, draft, action, show
void add_audit_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);
// report
void add_report_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// lrs setup, send, status, retry (the council's learning record store)
void add_lrs_commands(CLI::App& app, const GlobalOptions& global, int& exit_code);
// host (a room councillors join from their own devices, without the desktop)
void add_host_command(CLI::App& app, const GlobalOptions& global, int& exit_code);
// pack (the printed guide and handouts)
void add_pack_command(CLI::App& app, int& exit_code);

}  // namespace auditsim::cli
