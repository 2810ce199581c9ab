// Files the tests share: the tutorial scenario, fresh scratch folders and reading a file whole.
// Header-only because the paths come from each test target's compile definitions.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace auditsim::test {

// The shipped tutorial: small, uses every feature of the format.
inline const std::string kTutorial =
    std::string(AUDITSIM_SCENARIOS_DIR) + "/examples/tutorial-supplier-bank-details.yaml";

// An empty folder under the build's scratch area, made anew for each call, so one test case's
// databases and reports never leak into another's.
inline std::filesystem::path fresh_scratch_dir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(AUDITSIM_TEST_TMP) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The bytes of a file ("" when it cannot be read).
inline std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace auditsim::test
