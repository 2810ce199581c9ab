#include "cli/terminal_text.hpp"

#include <algorithm>

namespace auditsim::cli {

std::vector<int> released_evidence(const Session& session) {
  std::vector<int> out;
  for (const ReleasedEvidence& r : session.released_evidence()) out.push_back(r.evidence);
  return out;
}

std::vector<int> EvidenceNumbers::update(const Session& session) {
  std::vector<int> added;
  for (int e : released_evidence(session))
    if (number_of(e) == 0) {
      order_.push_back(e);
      added.push_back(e);
    }
  return added;
}

int EvidenceNumbers::number_of(int evidence) const {
  const auto it = std::find(order_.begin(), order_.end(), evidence);
  return it == order_.end() ? 0 : static_cast<int>(it - order_.begin()) + 1;
}

int EvidenceNumbers::evidence_numbered(size_t n) const {
  return n >= 1 && n <= order_.size() ? order_[n - 1] : -1;
}

std::string audience_label(const Choice& c) {
  if (!c.audience) return "";
  return *c.audience == Audience::Members ? "councillors" : "officers";
}

}  // namespace auditsim::cli
