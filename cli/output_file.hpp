// Where a command writes its file: checked before the work of building it, so a report or pack
// never replaces a file unless asked to and is never written through a link.
#pragma once

#include <string>

namespace auditsim::cli {

// True when `out` may be written (standard output, a new file, or an existing one with
// `force`); otherwise prints why, as "auditsim COMMAND: ...", and returns false.
bool output_allowed(const std::string& command, const std::string& out, bool force);

}  // namespace auditsim::cli
