// Interactive play in a terminal: the node's text, evidence titles, numbered choices read from
// a stream, feedback, and injects as they arrive.
#pragma once

#include <functional>
#include <iosfwd>

#include "sim/engine.hpp"

namespace auditsim::cli {

// What the caller wants to know as play goes on (for recording). Either may throw to stop play.
struct PlayHooks {
  // After every decision, undo or timeout the engine accepted, before anything more is shown.
  std::function<void(const Session&)> changed;
  // After the player has seen an inject.
  std::function<void(const Session&, int inject_index)> acknowledged;
};

// Plays until an ending, end of input or `q`. Returns false when the player quit early.
bool play_interactive(Session& session, std::istream& in, std::ostream& out,
                      const PlayHooks& hooks);

// Prints the 4P result, findings, opinion and the path not taken.
void print_result(const Session& session, std::ostream& out);

}  // namespace auditsim::cli
