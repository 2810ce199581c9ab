// Text helpers for terminal play: the evidence a player has been given so far. Markdown, scores
// and durations are worded by reports/render_text.hpp, as in the reports and the desktop.
#pragma once

#include <string>
#include <vector>

#include "sim/engine.hpp"

namespace auditsim::cli {

// Evidence released so far (indices into Scenario::evidence), in the order it arrived
// (Session::released_evidence): stages on the path, injects fired, choices' `releases`.
std::vector<int> released_evidence(const Session& session);

// "councillors" / "officers" label for an audience-specific choice, or "".
std::string audience_label(const Choice& c);

}  // namespace auditsim::cli
