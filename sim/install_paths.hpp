// Where the program finds the files it ships (the scenario packs). An installed copy finds them
// beside its executable (<prefix>/bin/auditsim reads <prefix>/share/auditsim), so the Debian
// package, `cmake --install` into any prefix and a package unpacked into a scratch folder all
// work; a build run from its build folder falls back to the source tree it was built from.
#pragma once

#include <string>

namespace auditsim {

// The shipped scenarios folder for the executable at `executable`: the folder
// `installed_data_from_bin`/scenarios taken from the executable's folder when that is a folder,
// else `source_tree_folder`. The result is lexically normal ("/usr/share/auditsim/scenarios").
std::string shipped_scenarios_folder_for(const std::string& executable,
                                         const std::string& installed_data_from_bin,
                                         const std::string& source_tree_folder);

// The shipped scenarios folder of the running program, found from /proc/self/exe with the
// install layout and the source tree this build was configured with.
std::string shipped_scenarios_folder();

}  // namespace auditsim
