// `auditsim test PATH...`: runs the path tests written beside scenarios (NAME.tests.yaml) and
// prints one line per test, then `N passed, N failed`, so CI and authors read the same thing.
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "sim/scenario_tests.hpp"
#include "sim/to_json.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"

namespace auditsim::cli {
namespace {

struct TestOptions {
  std::vector<std::string> paths;
  bool json = false;
};

// Folders give every tests file under them; a tests file is itself; a scenario file gives the
// tests file beside it. Anything else is reported and makes the run fail.
bool expand_paths(const std::vector<std::string>& inputs, std::vector<std::string>& files) {
  bool ok = true;
  for (const std::string& p : inputs) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      for (std::string& f : find_tests_files(p)) files.push_back(std::move(f));
    } else if (!std::filesystem::exists(p, ec)) {
      std::cerr << "auditsim: " << p << ": no such file or folder\n";
      ok = false;
    } else if (is_tests_file(p)) {
      files.push_back(p);
    } else if (const std::string beside = tests_file_for_scenario(p);
               std::filesystem::exists(beside, ec)) {
      files.push_back(beside);
    } else {
      std::cerr << "auditsim: " << p << ": no tests file beside it (expected " << beside
                << "; see docs/scenario-tests.md)\n";
      ok = false;
    }
  }
  return ok;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " > ") + id;
  return out;
}

void print_outcome(const TestsFile& f, const TestOutcome& o) {
  std::cout << (o.passed ? "PASS  " : "FAIL  ") << o.name << "\n";
  if (o.passed) return;
  std::cout << "      at " << f.path << ":" << o.pos.line << ":" << o.pos.col << "\n";
  for (const std::string& m : o.failures) std::cout << "      " << m << "\n";
  if (!o.path.empty()) std::cout << "      path: " << joined(o.path) << "\n";
}

nlohmann::json outcome_to_json(const TestOutcome& o) {
  return {{"name", o.name},
          {"line", o.pos.line},
          {"col", o.pos.col},
          {"passed", o.passed},
          {"audience", o.audience ? nlohmann::json(audience_key(*o.audience)) : nlohmann::json(nullptr)},
          {"failures", o.failures},
          {"path", o.path}};
}

int run_test(const TestOptions& opts) {
  std::vector<std::string> files;
  const bool paths_ok = expand_paths(opts.paths, files);
  size_t passed = 0, failed = 0, unloadable = 0;
  bool io_failure = !paths_ok;
  nlohmann::json report = nlohmann::json::array();
  for (const std::string& path : files) {
    const TestsLoadResult loaded = load_tests_file(path);
    nlohmann::json diags = nlohmann::json::array();
    for (const Diagnostic& d : loaded.diagnostics) {
      if (d.code == "io-error" && d.file == path) io_failure = true;
      if (opts.json) diags.push_back(diagnostic_to_json(d));
      else if (d.severity != Severity::Note) std::cerr << format_diagnostic(d) << "\n";
    }
    nlohmann::json tests = nlohmann::json::array();
    if (!loaded.ok()) {
      ++unloadable;
      if (!opts.json) std::cout << "ERROR " << path << ": cannot run its tests (problems listed above)\n";
    } else {
      const TestsFile& f = *loaded.file;
      if (!opts.json) std::cout << "== " << path << " (" << f.scenario->id << ")\n";
      for (const TestOutcome& o : run_tests(f)) {
        (o.passed ? passed : failed) += 1;
        if (opts.json) tests.push_back(outcome_to_json(o));
        else print_outcome(f, o);
      }
    }
    if (opts.json) {
      report.push_back({{"file", path},
                        {"ok", loaded.ok()},
                        {"scenario", loaded.file ? loaded.file->scenario->id : ""},
                        {"diagnostics", diags},
                        {"tests", tests}});
    }
  }
  if (opts.json) {
    std::cout << nlohmann::json{{"files", report}, {"passed", passed}, {"failed", failed},
                                {"files_not_loaded", unloadable}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << passed << " passed, " << failed << " failed\n";
  }
  const bool nothing_ran = passed + failed == 0 && unloadable == 0 && paths_ok;
  if (nothing_ran)
    std::cerr << "auditsim: no tests found (a scenario's tests go in NAME.tests.yaml beside it; "
                 "see docs/scenario-tests.md)\n";
  if (unloadable > 0)
    std::cerr << "auditsim: " << unloadable << (unloadable == 1 ? " tests file" : " tests files")
              << " could not be loaded\n";
  if (io_failure || nothing_ran) return kExitUsage;
  return failed > 0 || unloadable > 0 ? kExitProblems : kExitOk;
}

}  // namespace

void add_test_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<TestOptions>();
  CLI::App* cmd = app.add_subcommand(
      "test",
      "Run the path tests written beside scenarios (NAME.tests.yaml next to NAME.yaml) for\n"
      "each file or folder given. Prints PASS or FAIL per test and ends with `N passed,\n"
      "N failed`. Exit 0 only when every test passes; 1 when a test fails or a tests file\n"
      "has errors; 2 when no tests are found or a file cannot be read.");
  cmd->add_option("paths", opts->paths, "Tests files, scenario files or folders")->required();
  cmd->add_flag("--json", opts->json, "Print the results as JSON");
  cmd->callback([opts, &exit_code] { exit_code = run_test(*opts); });
}

}  // namespace auditsim::cli
