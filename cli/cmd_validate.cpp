// `auditsim validate PATH...`: lint scenario files and folders, printing diagnostics the way
// compilers do so editors and CI can jump to them.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "sim/to_json.hpp"
#include "sim/load.hpp"
#include "sim/scenario_tests.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"

namespace auditsim::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> paths;
  bool json = false;
  bool quiet = false;
};

// Expands folders into their scenario files; a path that does not exist is an I/O failure.
bool expand_paths(const std::vector<std::string>& inputs, std::vector<std::string>& files) {
  bool ok = true;
  for (const std::string& p : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (std::string& f : find_scenario_files(p)) files.push_back(std::move(f));
    } else if (std::filesystem::exists(p, ec)) {
      files.push_back(p);
    } else {
      std::cerr << "auditsim: " << p << ": no such file or folder\n";
      ok = false;
    }
  }
  return ok;
}

// A tests file named on its own is checked as one (its ids against its scenario), not read as a
// scenario it is not.
LoadResult check_file(const std::string& file) {
  if (!is_tests_file(file)) return load_and_check(file);
  TestsLoadResult t = load_tests_file(file);
  LoadResult r;
  r.diagnostics = std::move(t.diagnostics);
  if (t.file) r.scenario = t.file->scenario;
  return r;
}

int run_validate(const ValidateOptions& opts) {
  std::vector<std::string> files;
  const bool paths_ok = expand_paths(opts.paths, files);

  size_t errors = 0, warnings = 0;
  bool io_failure = !paths_ok;
  nlohmann::json report = nlohmann::json::array();
  for (const std::string& file : files) {
    LoadResult r = check_file(file);
    nlohmann::json diags = nlohmann::json::array();
    for (const Diagnostic& d : r.diagnostics) {
      if (d.severity == Severity::Error) ++errors;
      if (d.severity == Severity::Warning) ++warnings;
      if (d.code == "io-error") io_failure = true;
      if (opts.json) {
        diags.push_back(diagnostic_to_json(d));
      } else {
        std::cout << format_diagnostic(d) << "\n";
      }
    }
    if (opts.json) {
      report.push_back({{"file", file},
                        {"ok", r.ok()},
                        {"scenario", r.scenario ? r.scenario->id : ""},
                        {"diagnostics", diags}});
    }
  }

  if (opts.json) {
    std::cout << nlohmann::json{{"files", report}, {"errors", errors}, {"warnings", warnings}}
                     .dump(2)
              << "\n";
  } else if (!opts.quiet) {
    std::cerr << files.size() << (files.size() == 1 ? " file" : " files") << " checked: "
              << errors << (errors == 1 ? " error, " : " errors, ") << warnings
              << (warnings == 1 ? " warning" : " warnings") << "\n";
  }
  if (io_failure) return kExitUsage;
  return errors > 0 ? kExitProblems : kExitOk;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<ValidateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "validate",
      "Check scenario files (or every scenario under a folder). Prints\n"
      "file:line:col: error|warning: message [code]. Exit 0 when there are no errors,\n"
      "1 when any file has errors, 2 for bad arguments or unreadable files.");
  cmd->add_option("paths", opts->paths, "Scenario files or folders")->required();
  cmd->add_flag("--json", opts->json, "Print the diagnostics as JSON");
  cmd->add_flag("-q,--quiet", opts->quiet, "Do not print the summary line");
  cmd->callback([opts, &exit_code] { exit_code = run_validate(*opts); });
}

}  // namespace auditsim::cli
