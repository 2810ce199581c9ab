#include "cli/terminal_text.hpp"

namespace auditsim::cli {

std::vector<int> released_evidence(const Session& session) {
  std::vector<int> out;
  for (const ReleasedEvidence& r : session.released_evidence()) out.push_back(r.evidence);
  return out;
}

std::string audience_label(const Choice& c) {
  if (!c.audience) return "";
  return *c.audience == Audience::Members ? "councillors" : "officers";
}

}  // namespace auditsim::cli
