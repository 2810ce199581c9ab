// Interactive play in a terminal: the node's text, evidence titles, numbered choices read from
// the player, feedback, and injects and time-outs as they arrive, typed or not.
#pragma once

#include <functional>
#include <iosfwd>

#include "sim/engine.hpp"
#include "cli/line_input.hpp"

namespace auditsim::cli {

// What the caller wants to know as play goes on (for recording). Either may throw to stop play.
struct PlayHooks {
  // After every decision, undo or timeout the engine accepted, before anything more is shown.
  std::function<void(const Session&)> changed;
  // After the player has seen an inject.
  std::function<void(const Session&, int inject_index)> acknowledged;
};

// Plays until an ending, end of input or `q`. Returns false when the player quit early. While
// the session has a timer running, the wait for a line wakes when the timer falls due, so an
// inject or a time-out is shown when it happens, not at the next Enter.
bool play_interactive(Session& session, LineInput& in, std::ostream& out, const PlayHooks& hooks);
bool play_interactive(Session& session, std::istream& in, std::ostream& out,
                      const PlayHooks& hooks);

// Prints the 4P result, findings, exercise rating and the path not taken.
void print_result(const Session& session, std::ostream& out);

}  // namespace auditsim::cli
