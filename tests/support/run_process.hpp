// Runs a program for a test and captures what it printed and its exit code.
#pragma once

#include <string>
#include <vector>

namespace auditsim::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string out;
  std::string err;
};

// Runs `args[0]` with the given arguments (no shell), feeding `input` on standard input.
// Extra environment entries ("NAME=value") are added to the current environment.
ProcessResult run_process(const std::vector<std::string>& args, const std::string& input = "",
                          const std::vector<std::string>& extra_env = {});

}  // namespace auditsim::test
