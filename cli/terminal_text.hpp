// Text helpers for terminal play: Markdown made readable as plain text, durations in words,
// and the evidence a player has been given so far.
#pragma once

#include <string>
#include <vector>

#include "sim/engine.hpp"

namespace auditsim::cli {

// Markdown for a terminal: bold markers and heading hashes removed, the rest left as written.
std::string plain_text(const std::string& markdown);

// "5 min", "90 s" -> "1 min 30 s".
std::string duration_words(int64_t seconds);

// Evidence released so far (indices into Scenario::evidence), in the order it arrived: the
// documents of each stage on the path, then those released with injects.
std::vector<int> released_evidence(const Session& session);

// "councillors" / "officers" label for an audience-specific choice, or "".
std::string audience_label(const Choice& c);

}  // namespace auditsim::cli
