// Interactive play in a terminal: the node's text, evidence titles, numbered choices read from
// a stream, feedback, and injects as they arrive.
#pragma once

#include <functional>
#include <iosfwd>

#include "sim/engine.hpp"

namespace auditsim::cli {

// Called after every decision or undo the engine accepted, before the next prompt; returns
// false to stop (for example when the decision could not be recorded).
using AfterChange = std::function<bool(const Session&)>;

// Plays until an ending, end of input or `q`. Returns false when the player quit early.
bool play_interactive(Session& session, std::istream& in, std::ostream& out,
                      const AfterChange& after_change);

// Prints the 4P result, findings, opinion and the path not taken.
void print_result(const Session& session, std::ostream& out);

}  // namespace auditsim::cli
