// Loading scenarios: YAML text in, an immutable Scenario plus diagnostics out.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "sim/diagnostics.hpp"
#include "sim/model.hpp"

namespace auditsim {

struct LoadLimits {
  size_t max_file_bytes = 5 * 1024 * 1024;  // larger files are refused before parsing
  int max_depth = 64;                       // YAML nesting deeper than this is refused
  size_t max_nodes = 2'000'000;             // YAML nodes (after alias expansion) in one file
  // Rebuilding a scenario from a stored snapshot: evidence file contents kept with the snapshot
  // (relative path as written -> text) are used instead of reading the disk, and a file that is
  // neither there nor on disk becomes a note saying the document is unavailable, not an error.
  std::map<std::string, std::string> evidence_files;
  bool missing_evidence_files_allowed = false;
};

struct LoadResult {
  ScenarioPtr scenario;  // null when errors prevented building one
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return scenario && !has_errors(diagnostics); }
};

// Parses and structurally validates a scenario (types, keys, references, conditions).
// `path` is used for messages and to resolve evidence files relative to its folder.
// Never throws for bad content.
LoadResult load_scenario_text(const std::string& text, const std::string& path,
                              const LoadLimits& limits = {});

// Reads the file (refusing oversize input before reading it all) then loads it.
// An unreadable file gives an `io-error` diagnostic.
LoadResult load_scenario_file(const std::string& path, const LoadLimits& limits = {});

// Loads then runs every static check (check.hpp) and appends its diagnostics.
LoadResult load_and_check(const std::string& path, const LoadLimits& limits = {});

// Every *.yaml / *.yml file under a folder (recursively, sorted), skipping the schema and
// evidence folders and tests files (NAME.tests.yaml, see scenario_tests.hpp).
std::vector<std::string> find_scenario_files(const std::string& folder);

// The files under a folder (recursively, sorted; the folder itself when it is a file) that
// `wanted` accepts, skipping schema and evidence folders. find_scenario_files and
// find_tests_files are this with their own test.
std::vector<std::string> find_files_under(const std::string& folder,
                                          const std::function<bool(const std::string&)>& wanted);

}  // namespace auditsim
