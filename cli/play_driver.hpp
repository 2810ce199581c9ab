// Drives a session to its end for `play` and `resume`: interactively, by listed choice ids, or
// automatically; records every step through the recorder when there is one; prints the result.
#pragma once

#include <string>

#include "sim/engine.hpp"
#include "sim/recording.hpp"

namespace auditsim::cli {

struct DriveOptions {
  std::string choose;    // comma-separated choice ids
  std::string autoplay;  // best | worst | random:SEED
  bool json = false;
};

// True when the options ask for scripted play (which runs on a manual clock).
inline bool is_scripted(const DriveOptions& o) { return !o.choose.empty() || !o.autoplay.empty(); }

// Plays, records and prints. Returns the command's exit code.
int drive_session(Session& session, SessionRecorder* recorder, const DriveOptions& opts);

}  // namespace auditsim::cli
