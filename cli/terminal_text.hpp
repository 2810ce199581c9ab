// Text helpers for terminal play: the evidence a player has been given so far, numbered for the
// whole session. Markdown, scores and durations are worded by reports/render_text.hpp, as in the
// reports and the desktop.
#pragma once

#include <string>
#include <vector>

#include "sim/engine.hpp"

namespace auditsim::cli {

// Evidence released so far (indices into Scenario::evidence), in the order it arrived
// (Session::released_evidence): stages on the path, injects fired, choices' `releases`.
std::vector<int> released_evidence(const Session& session);

// The number each document is shown with ("e3"): given when it is first released and kept for
// the whole session, so an undo or a later release never renumbers what the players have read.
class EvidenceNumbers {
 public:
  // Numbers the documents released now that have no number yet; returns them, in number order.
  std::vector<int> update(const Session& session);
  // The document's number (1-based), or 0 when it has never been released.
  int number_of(int evidence) const;
  // The document with number `n`, or -1.
  int evidence_numbered(size_t n) const;

 private:
  std::vector<int> order_;  // evidence index of number i + 1
};

// "councillors" / "officers" label for an audience-specific choice, or "".
std::string audience_label(const Choice& c);

}  // namespace auditsim::cli
