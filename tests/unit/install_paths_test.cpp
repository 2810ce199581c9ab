// Where an installed copy finds its shipped scenarios: beside its executable in any prefix (the
// Debian package's /usr, `cmake --install`'s /usr/local, a package unpacked into a scratch
// folder), and a build run from its build folder still finds the source tree's.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "sim/install_paths.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/test_files.hpp"

namespace fs = std::filesystem;
using auditsim::shipped_scenarios_folder;
using auditsim::shipped_scenarios_folder_for;
using auditsim::test::fresh_scratch_dir;
using auditsim::test::run_process;

namespace {

const std::string kDataFromBin = "../share/auditsim";
const std::string kSourceTree = "/src/auditsim/scenarios";

// An install prefix holding bin/ and, when `with_scenarios`, share/auditsim/scenarios/.
fs::path make_prefix(const std::string& name, bool with_scenarios) {
  const fs::path prefix = fresh_scratch_dir("install-paths-" + name + "-" + std::to_string(::getpid()));
  fs::create_directories(prefix / "bin");
  if (with_scenarios) fs::create_directories(prefix / "share/auditsim/scenarios");
  return prefix;
}

}  // namespace

TEST_CASE("install paths: an installed executable reads the scenarios shipped beside it") {
  const fs::path prefix = make_prefix("installed", true);
  const std::string found =
      shipped_scenarios_folder_for((prefix / "bin/auditsim").string(), kDataFromBin, kSourceTree);
  CHECK(found == (prefix / "share/auditsim/scenarios").string());
}

TEST_CASE("install paths: without an installed scenarios folder the source tree's is used") {
  const fs::path prefix = make_prefix("build-tree", false);
  CHECK(shipped_scenarios_folder_for((prefix / "bin/auditsim").string(), kDataFromBin, kSourceTree) ==
        kSourceTree);
}

TEST_CASE("install paths: a file where the scenarios folder should be is not taken for it") {
  const fs::path prefix = make_prefix("file-not-folder", false);
  fs::create_directories(prefix / "share/auditsim");
  std::ofstream(prefix / "share/auditsim/scenarios") << "not a folder";
  CHECK(shipped_scenarios_folder_for((prefix / "bin/auditsim").string(), kDataFromBin, kSourceTree) ==
        kSourceTree);
}

TEST_CASE("install paths: an executable named another way gives a plain folder name") {
  const fs::path prefix = make_prefix("written-another-way", true);
  const std::string odd = prefix.string() + "//bin/../bin/./auditsim";
  CHECK(shipped_scenarios_folder_for(odd, kDataFromBin, kSourceTree) ==
        (prefix / "share/auditsim/scenarios").string());
}

TEST_CASE("install paths: an executable that cannot be named falls back to the source tree") {
  CHECK(shipped_scenarios_folder_for("", kDataFromBin, kSourceTree) == kSourceTree);
  CHECK(shipped_scenarios_folder_for("", kDataFromBin, "/src//auditsim/./scenarios") == kSourceTree);
}

TEST_CASE("install paths: a program run from the build folder reads the source tree's scenarios") {
  const fs::path found = shipped_scenarios_folder();
  REQUIRE(fs::is_directory(found));
  CHECK(fs::equivalent(found, AUDITSIM_SCENARIOS_DIR));
}

TEST_CASE("install paths: auditsim --version names the version and the shipped scenarios folder") {
  const auto r = run_process({AUDITSIM_BINARY, "--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("auditsim ", 0) == 0);
  const std::string line = "shipped scenarios: ";
  const size_t at = r.out.find(line);
  REQUIRE(at != std::string::npos);
  std::string folder = r.out.substr(at + line.size());
  folder.erase(folder.find_last_not_of('\n') + 1);
  CHECK(fs::equivalent(folder, AUDITSIM_SCENARIOS_DIR));
}

TEST_CASE("install paths: a copy installed in a prefix, run through a link, reads its own scenarios") {
  // The real executable copied into a prefix of its own, with a scenario beside it, and started
  // through a symbolic link in another folder, as /usr/local/bin links to /opt often are.
  const fs::path prefix = make_prefix("copied", true);
  fs::copy_file(AUDITSIM_BINARY, prefix / "bin/auditsim");
  fs::copy_file(auditsim::test::kTutorial, prefix / "share/auditsim/scenarios/tutorial.yaml");
  fs::create_directories(prefix / "elsewhere");
  fs::create_symlink(prefix / "bin/auditsim", prefix / "elsewhere/auditsim");

  const auto r = run_process({(prefix / "elsewhere/auditsim").string(), "--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("shipped scenarios: " + (prefix / "share/auditsim/scenarios").string() + "\n") !=
        std::string::npos);
  CHECK(r.out.find(AUDITSIM_SCENARIOS_DIR) == std::string::npos);
}
