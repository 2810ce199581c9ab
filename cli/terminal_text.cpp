#include "cli/terminal_text.hpp"

#include <algorithm>

namespace auditsim::cli {

std::vector<int> released_evidence(const Session& session) {
  const Scenario& s = session.scenario();
  std::vector<int> out;
  auto add = [&](int e) {
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  };
  // The path in order: each effective decision's stage, then the current stage.
  for (size_t h : session.effective_decisions())
    for (int e : s.nodes[session.history()[h].node].evidence) add(e);
  for (int e : session.current_node().evidence) add(e);
  for (size_t i = 0; i < s.injects.size(); ++i)
    if (session.inject_fired(static_cast<int>(i)))
      for (int e : s.injects[i].evidence) add(e);
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
