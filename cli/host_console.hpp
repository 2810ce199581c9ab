// The facilitator's commands for `auditsim host`, one a line on standard input: the tally, the
// devices, removing one, revealing feedback and recording the group's decision. Kept apart from
// the command's set-up so the words the facilitator types are in one place.
#pragma once

#include <iosfwd>
#include <string>

#include "host/host.hpp"

namespace auditsim::cli {

// Runs one command line against the host; writes answers to `out`, refusals to `err`. False
// when the line asks to stop (quit).
bool host_command(host::Host& h, const std::string& line, std::ostream& out, std::ostream& err);

// The list `help` prints (also in docs/cli.md).
const char* host_command_help();

}  // namespace auditsim::cli
