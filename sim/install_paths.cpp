#include "sim/install_paths.hpp"

#include <filesystem>
#include <system_error>

// Both are set by sim/CMakeLists.txt for this file alone, so changing the install prefix
// rebuilds one file rather than the library.
#ifndef AUDITSIM_DATA_FROM_BIN
#define AUDITSIM_DATA_FROM_BIN "../share/auditsim"
#endif
#ifndef AUDITSIM_SOURCE_SCENARIOS_DIR
#define AUDITSIM_SOURCE_SCENARIOS_DIR "scenarios"
#endif

namespace fs = std::filesystem;

namespace auditsim {

std::string shipped_scenarios_folder_for(const std::string& executable,
                                         const std::string& installed_data_from_bin,
                                         const std::string& source_tree_folder) {
  if (!executable.empty()) {
    const fs::path installed =
        (fs::path(executable).parent_path() / installed_data_from_bin / "scenarios").lexically_normal();
    std::error_code ec;
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return fs::path(source_tree_folder).lexically_normal().string();
}

std::string shipped_scenarios_folder() {
  // /proc/self/exe names the executable with every symbolic link resolved, so a link to the
  // program elsewhere still finds the installed files beside the real one.
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return shipped_scenarios_folder_for(ec ? std::string() : exe.string(), AUDITSIM_DATA_FROM_BIN,
                                      AUDITSIM_SOURCE_SCENARIOS_DIR);
}

}  // namespace auditsim
